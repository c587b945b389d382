import { Injectable } from '@nestjs/common';
import { AuditService } from '../platform/audit/audit.service';
import { BallotsService } from '../ballots/ballots.service';
import { MembersService } from '../members/members.service';
import { Clock } from '../platform/clock';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { OutboxService } from '../platform/queue/outbox.service';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { ProposalsService } from '../proposals/proposals.service';
import { TalliesService } from '../tallies/tallies.service';
import { weightOf } from '../weighting';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { Consultation } from './consultation.entity';
import { canMove, ConsultationStatus, hasPublishedResult, proposalsEditable } from './consultation-phase';
import { ConsultationsRepository } from './consultations.repository';
import { assertFuture, parseDeadline } from './deadline';
import { CreateConsultationDto } from './dto/create-consultation.dto';

/** What one phase change's own work adds to the consultation row and to its audit entry. */
export interface PhaseStep {
  changes?: Partial<Consultation>;
  details?: Record<string, unknown>;
}

/**
 * How long after its deadline the vote is closed. Votes that came in before the deadline may still be
 * waiting for their turn in the API (a deadline rush of every member at once); they are counted
 * first. Nothing late gets in meanwhile: `cast_submission` refuses any vote received at or after the
 * deadline, whatever the phase says.
 */
export const CLOSING_GRACE_MS = 5_000;

/** When the closing job closes a vote with this deadline (see CLOSING_GRACE_MS). */
export function closingAt(deadline: Date): Date {
  return new Date(deadline.getTime() + CLOSING_GRACE_MS);
}

/** Statuses in which the proposals and the ballot are public. */
export const PUBLIC_STATUSES: ConsultationStatus[] = [
  'final_proposals_published',
  'voting_open',
  'voting_closed',
  'results_published',
  'ratified',
  'not_ratified',
];

/**
 * Consultations and their phases: the board's workflow from draft to closed vote, and the figures.
 * Publication lives in ConsultationPublicationService, the mail use cases in ConsultationMailService.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: ConsultationsRepository,
    private readonly proposals: ProposalsService,
    private readonly ballots: BallotsService,
    private readonly tallies: TalliesService,
    private readonly members: MembersService,
    private readonly schemes: WeightingSchemesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateConsultationDto, actor: string, now = this.clock.now()): Promise<Consultation> {
    const votingDeadline = parseDeadline('votingDeadline', input.votingDeadline);
    assertFuture('votingDeadline', votingDeadline, now);
    const amendmentDeadline = input.amendmentDeadline ? parseDeadline('amendmentDeadline', input.amendmentDeadline) : null;
    if (amendmentDeadline) {
      assertFuture('amendmentDeadline', amendmentDeadline, now);
      if (amendmentDeadline >= votingDeadline) throw DomainError.invalid('amendmentDeadline', 'must be before votingDeadline');
    }
    return this.tx.run(async () => {
      await this.schemes.get(input.weightingSchemeId).catch(() => {
        throw DomainError.invalid('weightingSchemeId', 'is not a known weighting scheme');
      });
      const consultation = await this.repository.insert({
        kind: input.kind,
        title: input.title.trim(),
        reference: input.reference ?? null,
        status: 'draft',
        referenceDate: input.referenceDate,
        weightingSchemeId: input.weightingSchemeId,
        amendmentDeadline,
        votingDeadline,
        votingOpenedAt: null,
        votingClosedAt: null,
        resultsPublishedAt: null,
        ratifiedAt: null,
        reminderHoursBefore: [...new Set(input.reminderHoursBefore ?? [72, 24])].sort((a, b) => b - a),
        secrecy: input.secrecy ?? 'open',
      });
      await this.audit.record({ actor, action: 'consultation.created', subjectType: 'consultation', subjectId: consultation.id, details: { ...input } });
      return consultation;
    });
  }

  list(publicOnly: boolean): Promise<Consultation[]> {
    return this.repository.list(publicOnly ? PUBLIC_STATUSES : undefined);
  }

  async get(id: string, publicOnly = false) {
    const consultation = await this.repository.findById(id);
    if (!consultation || (publicOnly && !PUBLIC_STATUSES.includes(consultation.status))) throw DomainError.notFound('consultation', id);
    const proposals = await this.proposals.listFor(id);
    const scheme = await this.schemes.get(consultation.weightingSchemeId);
    return { ...consultation, weightingScheme: scheme, proposals };
  }

  async addProposal(id: string, input: CreateProposalDto, actor: string) {
    return this.tx.run(async () => {
      const consultation = await this.lock(id);
      if (!proposalsEditable(consultation.status)) {
        throw new DomainError('NOT_EDITABLE', `proposals cannot change once the final proposals are published (status ${consultation.status})`);
      }
      if (input.ratifiesConsultationId) {
        const target = await this.repository.findById(input.ratifiesConsultationId);
        if (!target) throw DomainError.invalid('ratifiesConsultationId', 'is not a known consultation');
        if (target.id === id) throw DomainError.invalid('ratifiesConsultationId', 'a consultation cannot ratify itself');
        if (target.status !== 'results_published')
          throw DomainError.invalid('ratifiesConsultationId', 'only published results that are not yet ratified can be ratified');
      }
      return this.proposals.add(id, input, actor);
    });
  }

  async openAmendments(id: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    return this.move(id, 'amendments_open', actor, (c) => {
      if (!c.amendmentDeadline) throw DomainError.invalid('amendmentDeadline', 'set an amendment deadline before opening amendments');
      assertFuture('amendmentDeadline', c.amendmentDeadline, now);
      return {};
    });
  }

  /** Opens voting: freezes every member's weight at the reference date and issues the ballots. */
  async openVoting(id: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    return this.move(id, 'voting_open', actor, async (c) => {
      assertFuture('votingDeadline', c.votingDeadline, now);
      const scheme = await this.schemes.get(c.weightingSchemeId);
      const members = await this.members.listOn(c.referenceDate);
      if (members.length === 0) throw DomainError.invalid('referenceDate', `no members on ${c.referenceDate}`);
      const without = members.filter((m) => m.inhabitants === null);
      if (without.length) {
        throw DomainError.invalid(
          'referenceDate',
          `no inhabitants recorded on or before ${c.referenceDate} for ${without
            .slice(0, 10)
            .map((m) => m.cbsCode)
            .join(', ')}${without.length > 10 ? ` and ${without.length - 10} more` : ''}`,
        );
      }
      await this.repository.insertWeights(
        c.id,
        members.map((m) => ({
          memberId: m.id,
          inhabitants: m.inhabitants!,
          weight: weightOf(scheme.definition, m.inhabitants!),
        })),
      );
      const issued = await this.ballots.issueFor(c.id);
      await this.ballots.queueInvitations(c);
      await this.scheduleClosing(c.id, c.votingDeadline);
      await this.scheduleReminders(c, c.votingDeadline, now);
      return { changes: { votingOpenedAt: now }, details: { ballotsIssued: issued, scheme: scheme.name } };
    });
  }

  /** The board extends an open vote and every member is told; the closing job for the old deadline then finds nothing to do. */
  async extendVoting(id: string, deadline: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    const votingDeadline = parseDeadline('votingDeadline', deadline);
    assertFuture('votingDeadline', votingDeadline, now);
    return this.tx.run(async () => {
      const c = await this.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('ILLEGAL_TRANSITION', `only an open vote can be extended (status ${c.status})`);
      if (votingDeadline <= c.votingDeadline) throw DomainError.invalid('votingDeadline', 'must be later than the current deadline');
      await this.repository.update(id, { votingDeadline });
      await this.scheduleClosing(id, votingDeadline);
      await this.scheduleReminders(c, votingDeadline, now);
      // Every member is told, with its live link: those that voted may still change their vote.
      const told = await this.ballots.queueExtensionNotices({ ...c, votingDeadline }, c.votingDeadline);
      await this.audit.record({
        actor,
        action: 'consultation.voting_extended',
        subjectType: 'consultation',
        subjectId: id,
        details: { from: c.votingDeadline, to: votingDeadline, membersTold: told },
      });
      return { ...c, votingDeadline };
    });
  }

  closeVoting(id: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    return this.tx.run(async () => {
      await this.ballots.holdVotes(id); // votes in flight commit first; later ones find the vote closed
      return this.move(id, 'voting_closed', actor, (c) => ({
        changes: { votingClosedAt: now },
        details: { beforeDeadline: now < c.votingDeadline },
      }));
    });
  }

  /** The closing job: closes only when the deadline and the grace after it have passed (it may have been extended). */
  async closeAtDeadline(id: string, now = this.clock.now()): Promise<boolean> {
    return this.tx.run(async () => {
      await this.ballots.holdVotes(id);
      const c = await this.repository.lockById(id);
      if (!c || c.status !== 'voting_open' || now < closingAt(c.votingDeadline)) return false;
      await this.repository.update(id, { status: 'voting_closed', votingClosedAt: now });
      await this.audit.record({
        actor: 'system:deadline',
        action: 'consultation.voting_closed',
        subjectType: 'consultation',
        subjectId: id,
        details: { deadline: c.votingDeadline },
      });
      return true;
    });
  }

  async overdueOpenVotes(now = this.clock.now()): Promise<string[]> {
    return (await this.repository.list(['voting_open'])).filter((c) => closingAt(c.votingDeadline) <= now).map((c) => c.id);
  }

  async weightRegister(id: string) {
    const consultation = await this.get(id, true);
    if (!consultation.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'weights are frozen when voting opens');
    const lines = await this.repository.weightRegister(id);
    // Public: the municipality and its numbers only, never the secretary's name or address.
    const members = lines.map((l) => ({
      name: l.name,
      cbsCode: l.cbsCode,
      inhabitants: l.inhabitants,
      referenceDate: consultation.referenceDate,
      weight: l.weight,
    }));
    return {
      consultationId: id,
      referenceDate: consultation.referenceDate,
      scheme: consultation.weightingScheme,
      totalWeight: lines.reduce((s, l) => s + l.weight, 0),
      members,
    };
  }

  /** While voting is open the board sees turnout only. */
  async turnout(id: string) {
    const c = await this.require(id);
    if (!c.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    return this.tallies.turnout(id);
  }

  /** Choices become visible to the board once voting is closed. */
  async tally(id: string) {
    const c = await this.require(id);
    if (c.status === 'voting_open' || !c.votingOpenedAt)
      throw new DomainError('VOTING_NOT_OPEN', 'the tally is visible once voting is closed; while open, only turnout');
    return hasPublishedResult(c.status) ? this.publishedResult(id) : this.tallies.compute(id);
  }

  /** The published result (public): frozen at publication, with the named votes (votes are open), all or one page. */
  async publishedResult(id: string, votesPage?: { offset: number; limit: number }) {
    const c = await this.require(id);
    if (!hasPublishedResult(c.status)) throw DomainError.notFound('published result of consultation', id);
    const published = await this.tallies.published(id);
    // Confidential consultations publish totals only.
    const votes = c.secrecy === 'open' ? await this.tallies.namedVotes(id, votesPage) : [];
    const votesTotal = c.secrecy === 'open' ? (votesPage ? await this.tallies.namedVoteCount(id) : votes.length) : 0;
    return { consultationId: id, title: c.title, status: c.status, secrecy: c.secrecy, ...published, votes, votesTotal };
  }

  /** How one member voted, once published and only where votes are open (as the named votes show it); else null. */
  async publishedVoteOf(id: string, memberCode: string) {
    const c = await this.require(id);
    if (!hasPublishedResult(c.status) || c.secrecy !== 'open') return null;
    return this.tallies.namedVoteOf(id, memberCode);
  }

  /** Who voted and when (never how): for the board, in open and confidential consultations alike. */
  async voters(id: string) {
    const c = await this.require(id);
    if (!c.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    return this.tallies.voters(id);
  }

  /** The consultation, or NOT_FOUND. */
  async require(id: string): Promise<Consultation> {
    const c = await this.repository.findById(id);
    if (!c) throw DomainError.notFound('consultation', id);
    return c;
  }

  /** The consultation locked for this transaction (FOR UPDATE), or NOT_FOUND. */
  async lock(id: string): Promise<Consultation> {
    const c = await this.repository.lockById(id);
    if (!c) throw DomainError.notFound('consultation', id);
    return c;
  }

  private async scheduleReminders(c: Consultation, deadline: Date, now: Date): Promise<void> {
    const jobs = c.reminderHoursBefore
      .map((hoursBefore) => ({ hoursBefore, runAt: new Date(deadline.getTime() - hoursBefore * 3600_000) }))
      .filter(({ runAt }) => runAt > now)
      .map(({ hoursBefore, runAt }) => ({
        data: { consultationId: c.id, hoursBefore, deadline: deadline.toISOString() },
        jobId: `reminders:${c.id}:${hoursBefore}:${deadline.getTime()}`,
        runAt,
      }));
    await this.outbox.enqueueMany('send-reminders', jobs);
  }

  private async scheduleClosing(id: string, deadline: Date): Promise<void> {
    await this.outbox.enqueue('close-voting', { consultationId: id }, { jobId: `close-voting:${id}:${deadline.getTime()}`, runAt: closingAt(deadline) });
  }

  /** One phase change: lock, check the move is legal, do the step's work, record it. */
  async move(id: string, to: ConsultationStatus, actor: string, step: (c: Consultation) => PhaseStep | Promise<PhaseStep>): Promise<Consultation> {
    return this.tx.run(async () => {
      const c = await this.lock(id);
      if (!canMove(c.status, to)) {
        throw new DomainError(
          c.status === 'results_published' && to === 'results_published' ? 'ALREADY_PUBLISHED' : 'ILLEGAL_TRANSITION',
          `a consultation cannot move from ${c.status} to ${to}`,
        );
      }
      const { changes = {}, details = {} } = await step(c);
      await this.repository.update(id, { status: to, ...changes });
      await this.audit.record({ actor, action: `consultation.${to}`, subjectType: 'consultation', subjectId: id, details: { from: c.status, ...details } });
      return { ...c, status: to, ...changes };
    });
  }
}
