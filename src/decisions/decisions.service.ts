import { Injectable } from '@nestjs/common';
import { AmendmentsService } from '../amendments/amendments.service';
import { submitterName } from '../amendments/submitters';
import { AuditService } from '../platform/audit/audit.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { ProposalsService } from '../proposals/proposals.service';
import type { ConsultationResult } from '../tallies/tallies.service';
import { parseAsks } from './ask-text';
import { AskStatus, Decision, DecisionAsk, DecisionProgress } from './decision.entity';
import { DecisionsRepository, DecisionSummary } from './decisions.repository';
import { RecordProgressDto, RegisterDecisionDto, UpdateAskDto } from './dto/decision.dto';
import { Clock } from '../platform/clock';

export const ASK_STATUS_NL: Record<AskStatus, string> = {
  open: 'open',
  in_progress: 'in behandeling',
  done: 'afgerond',
  not_achievable: 'niet haalbaar',
};

/** What the publication of a result tells the follow-up: which consultation, decided when. */
export interface PublishedConsultation {
  id: string;
  title: string;
  /** peildatum: its year names the references (MO-2020-001, RES-2020-005), as for amendments */
  referenceDate: string;
  votingClosedAt: Date | null;
  votingDeadline: Date;
}

export interface AskView extends DecisionAsk {
  statusNl: string;
  progress: (DecisionProgress & { statusToNl: string })[];
}

export interface DecisionView extends Decision {
  asks: AskView[];
}

const amsterdamDate = (instant: Date) => instantToAmsterdam(instant).slice(0, 10);

/** The due moment in words: "ALV van 5 juni 2019 (5 juni 2019)". */
export function dueNl(ask: Pick<DecisionAsk, 'dueFor' | 'dueDate'>): string | null {
  if (ask.dueFor && ask.dueDate) return `${ask.dueFor} (${formatDateNl(ask.dueDate)})`;
  return ask.dueFor ?? (ask.dueDate ? formatDateNl(ask.dueDate) : null);
}

/**
 * Decisions followed up (besluiten en moties): an adopted motion or resolution becomes a decision whose
 * asks the board reports on, dated, until each is done or found not achievable.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: DecisionsRepository,
    private readonly proposals: ProposalsService,
    private readonly amendments: AmendmentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Called in the transaction that publishes a result: every adopted motion (not one the members held
   * over on the board's advice) and every adopted resolution becomes a decision, its asks read from
   * its text. Idempotent per proposal.
   */
  async followUpAdopted(consultation: PublishedConsultation, result: ConsultationResult, now: Date): Promise<Decision[]> {
    const adopted = result.proposals.filter((p) => p.outcome === 'adopted');
    if (adopted.length === 0) return [];
    const proposals = await this.proposals.listFor(consultation.id);
    const motions = await this.amendments.list(consultation.id);
    const decidedOn = amsterdamDate(consultation.votingClosedAt ?? consultation.votingDeadline);
    const created: Decision[] = [];
    for (const outcome of adopted) {
      const proposal = proposals.find((p) => p.id === outcome.proposalId);
      if (!proposal || (await this.repository.findByProposal(proposal.id))) continue;
      const motion = proposal.originMotionId ? motions.find((m) => m.id === proposal.originMotionId) : undefined;
      if (proposal.originMotionId && (!motion || motion.response === 'advise_hold_over')) continue;
      if (!motion && proposal.kind !== 'resolution') continue;
      const share =
        outcome.choices
          .filter((c) => c.kind === 'for' || c.kind === 'variant')
          .map((c) => c.share)
          .find((s) => s !== null) ?? null;
      const decision = motion
        ? {
            kind: 'motion' as const,
            reference: motion.reference,
            title: `Motie ${submitterName(motion.memberName, motion.coSponsors)}`,
            text: motion.text,
            submitters: submitterName(motion.memberName, motion.coSponsors),
          }
        : {
            kind: 'resolution' as const,
            reference: `RES-${consultation.referenceDate.slice(0, 4)}-${String(proposal.number).padStart(3, '0')}`,
            title: proposal.title,
            text: proposal.summary || proposal.title,
            submitters: null,
          };
      const saved = await this.insert(
        {
          ...decision,
          adoptedOn: decidedOn,
          adoptedAt: consultation.title,
          adoptedShare: share,
          consultationId: consultation.id,
          proposalId: proposal.id,
        },
        'system:publication',
        now,
      );
      created.push(saved);
    }
    return created;
  }

  /** A decision taken before the platform counted votes (or at a physical assembly), recorded by the board. */
  async register(input: RegisterDecisionDto, actor: string, now = this.clock.now()): Promise<DecisionView> {
    return this.tx.run(async () => {
      if (await this.repository.findRecordedByReference(input.reference.trim())) {
        throw new DomainError('DUPLICATE', `reference: ${input.reference} is already a decision`, [{ field: 'reference', rule: 'must be unique' }]);
      }
      const saved = await this.insert(
        {
          kind: input.kind,
          reference: input.reference.trim(),
          title: input.title.trim(),
          text: input.text.trim(),
          submitters: input.submitters?.trim() || null,
          adoptedOn: input.adoptedOn,
          adoptedAt: input.adoptedAt.trim(),
          adoptedShare: input.adoptedShare?.trim() || null,
          consultationId: null,
          proposalId: null,
        },
        actor,
        now,
      );
      return this.get(saved.id);
    });
  }

  /** The ids of the decisions taken by the consultation's vote (the audit trail's subjects of them). */
  idsOf(consultationId: string): Promise<string[]> {
    return this.repository.idsOf(consultationId);
  }

  list(): Promise<DecisionSummary[]> {
    return this.repository.listDecisions();
  }

  async get(id: string): Promise<DecisionView> {
    const decision = await this.repository.findDecision(id);
    if (!decision) throw DomainError.notFound('decision', id);
    const [view] = await this.withAsks([decision]);
    return view;
  }

  /** Decisions with their asks and every progress entry (or only those recorded after `since`). */
  async withAsks(decisions: Decision[], since: Date | null = null): Promise<DecisionView[]> {
    const asks = await this.repository.asksOf(decisions.map((d) => d.id));
    const progress = await this.repository.progressOf(
      asks.map((a) => a.id),
      since,
    );
    return decisions.map((d) => ({
      ...d,
      asks: asks
        .filter((a) => a.decisionId === d.id)
        .map((a) => ({
          ...a,
          statusNl: ASK_STATUS_NL[a.status],
          progress: progress.filter((p) => p.askId === a.id).map((p) => ({ ...p, statusToNl: ASK_STATUS_NL[p.statusTo] })),
        })),
    }));
  }

  /** The board sets an ask's due moment and owner. */
  async updateAsk(decisionId: string, askId: string, input: UpdateAskDto, actor: string, now = this.clock.now()): Promise<DecisionView> {
    const given = (['dueDate', 'dueFor', 'owner'] as const).filter((k) => input[k] !== undefined);
    if (given.length === 0) throw DomainError.invalid('request body', 'must change at least one of dueDate, dueFor, owner');
    return this.tx.run(async () => {
      const ask = await this.lockAsk(decisionId, askId);
      const changes = {
        ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
        ...(input.dueFor !== undefined ? { dueFor: input.dueFor?.trim() || null } : {}),
        ...(input.owner !== undefined ? { owner: input.owner?.trim() || null } : {}),
        updatedAt: now,
      };
      await this.repository.updateAsk(askId, changes);
      await this.audit.record({
        actor,
        action: 'decision.ask_updated',
        subjectType: 'decision',
        subjectId: decisionId,
        details: { askId, position: ask.position, before: { dueDate: ask.dueDate, dueFor: ask.dueFor, owner: ask.owner }, changes },
      });
      return this.get(decisionId);
    });
  }

  /**
   * The board reports progress on an ask, dated, and may change its status with it. Not achievable
   * needs a reason; a status that stays the same needs none.
   */
  async recordProgress(decisionId: string, askId: string, input: RecordProgressDto, actor: string, now = this.clock.now()): Promise<DecisionView> {
    if (input.happenedOn > amsterdamDate(now)) throw DomainError.invalid('happenedOn', 'must not be in the future');
    return this.tx.run(async () => {
      const ask = await this.lockAsk(decisionId, askId);
      const status = input.status ?? ask.status;
      const reason = input.reason?.trim() || null;
      if (status === 'not_achievable' && !reason) throw DomainError.invalid('reason', 'is required when an ask is not achievable');
      const decision = (await this.repository.findDecision(decisionId))!;
      if (input.happenedOn < decision.adoptedOn) throw DomainError.invalid('happenedOn', `must not be before the decision was adopted (${decision.adoptedOn})`);
      const entry = await this.repository.insertProgress({
        askId,
        happenedOn: input.happenedOn,
        text: input.text.trim(),
        statusFrom: ask.status,
        statusTo: status,
        reason,
        recordedBy: actor,
        recordedAt: now,
      });
      if (status !== ask.status || reason !== ask.statusReason) {
        await this.repository.updateAsk(askId, { status, statusReason: status === ask.status && !reason ? ask.statusReason : reason, updatedAt: now });
      }
      await this.audit.record({
        actor,
        action: 'decision.progress_recorded',
        subjectType: 'decision',
        subjectId: decisionId,
        details: { askId, position: ask.position, progressId: entry.id, happenedOn: input.happenedOn, from: ask.status, to: status, reason },
      });
      return this.get(decisionId);
    });
  }

  private async lockAsk(decisionId: string, askId: string): Promise<DecisionAsk> {
    const ask = await this.repository.lockAsk(decisionId, askId);
    if (!ask) throw DomainError.notFound(`ask of decision ${decisionId}`, askId);
    return ask;
  }

  private async insert(decision: Omit<Decision, 'id' | 'createdAt'>, actor: string, now: Date): Promise<Decision> {
    const asks = parseAsks(decision.text);
    const saved = await this.repository.insertDecision(decision, asks, now);
    await this.audit.record({
      actor,
      action: 'decision.created',
      subjectType: 'decision',
      subjectId: saved.id,
      details: { reference: saved.reference, kind: saved.kind, proposalId: saved.proposalId, asks: asks.length },
    });
    return saved;
  }
}
