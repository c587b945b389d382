import { Injectable } from '@nestjs/common';
import { AmendmentsService } from '../amendments/amendments.service';
import { AuditService } from '../audit/audit.service';
import { DecisionEffectsService } from '../finance/decision-effects/decision-effects.service';
import { BallotsService } from '../ballots/ballots.service';
import { DecisionsService } from '../decisions/decisions.service';
import { MembersService } from '../members/members.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { OutboxService } from '../platform/queue/outbox.service';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { ProposalsService } from '../proposals/proposals.service';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { AppConfig } from '../platform/config/app-config';
import { ConsultationResult, OUTCOME_NL, TalliesService } from '../tallies/tallies.service';
import { weightOf } from '../weighting';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { Consultation } from './consultation.entity';
import { canMove, ConsultationStatus, proposalsEditable } from './consultation-phase';
import { ConsultationsRepository } from './consultations.repository';
import { assertFuture, parseDeadline } from './deadline';
import { CreateConsultationDto } from './dto/create-consultation.dto';

/** Statuses in which the proposals and the ballot are public. */
export const PUBLIC_STATUSES: ConsultationStatus[] = ['final_proposals_published', 'voting_open', 'voting_closed', 'results_published', 'ratified', 'not_ratified'];
const RESULT_STATUSES: ConsultationStatus[] = ['results_published', 'ratified', 'not_ratified'];

/** Consultations and their phases: the board's workflow from draft to ratified result. */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly tx: Transactions,
    private readonly consultations: ConsultationsRepository,
    private readonly proposals: ProposalsService,
    private readonly ballots: BallotsService,
    private readonly tallies: TalliesService,
    private readonly members: MembersService,
    private readonly schemes: WeightingSchemesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly amendments: AmendmentsService,
    private readonly decisionEffects: DecisionEffectsService,
    private readonly decisions: DecisionsService,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  }

  private readonly publicUrl: string;

  async create(input: CreateConsultationDto, actor: string, now = new Date()): Promise<Consultation> {
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
      const consultation = await this.consultations.insert({
        kind: input.kind, title: input.title.trim(), reference: input.reference ?? null, status: 'draft',
        referenceDate: input.referenceDate, weightingSchemeId: input.weightingSchemeId, amendmentDeadline, votingDeadline,
        votingOpenedAt: null, votingClosedAt: null, resultsPublishedAt: null, ratifiedAt: null,
        reminderHoursBefore: [...new Set(input.reminderHoursBefore ?? [72, 24])].sort((a, b) => b - a),
        secrecy: input.secrecy ?? 'open',
      });
      await this.audit.record({ actor, action: 'consultation.created', subjectType: 'consultation', subjectId: consultation.id, details: { ...input } });
      return consultation;
    });
  }

  list(publicOnly: boolean): Promise<Consultation[]> {
    return this.consultations.list(publicOnly ? PUBLIC_STATUSES : undefined);
  }

  async get(id: string, publicOnly = false) {
    const consultation = await this.consultations.findById(id);
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
        const target = await this.consultations.findById(input.ratifiesConsultationId);
        if (!target) throw DomainError.invalid('ratifiesConsultationId', 'is not a known consultation');
        if (target.id === id) throw DomainError.invalid('ratifiesConsultationId', 'a consultation cannot ratify itself');
        if (target.status !== 'results_published') throw DomainError.invalid('ratifiesConsultationId', 'only published results that are not yet ratified can be ratified');
      }
      return this.proposals.add(id, input, actor);
    });
  }

  async openAmendments(id: string, actor: string, now = new Date()): Promise<Consultation> {
    return this.move(id, 'amendments_open', actor, async (c) => {
      if (!c.amendmentDeadline) throw DomainError.invalid('amendmentDeadline', 'set an amendment deadline before opening amendments');
      assertFuture('amendmentDeadline', c.amendmentDeadline, now);
      return {};
    });
  }

  /** Freezes amendments and motions, derives the ballot questions and the letter "Definitieve voorstellen". */
  async publishFinalProposals(id: string, actor: string, now = new Date()): Promise<Consultation> {
    return this.move(id, 'final_proposals_published', actor, async (c) => {
      if ((await this.proposals.listFor(c.id)).length === 0) throw DomainError.invalid('proposals', 'a consultation needs at least one proposal');
      if (c.status === 'amendments_open' && c.amendmentDeadline && now < c.amendmentDeadline) {
        throw new DomainError('NOT_EDITABLE', `members may submit amendments until ${formatDateTimeNl(c.amendmentDeadline)}; publish the final proposals after that`);
      }
      const letter = await this.amendments.finalize(c, actor, now);
      return { details: { letter: letter.reference, questions: letter.proposals.length + letter.motions.length } };
    });
  }

  /** Opens voting: freezes every member's weight at the reference date and issues the ballots. */
  async openVoting(id: string, actor: string, now = new Date()): Promise<Consultation> {
    return this.move(id, 'voting_open', actor, async (c) => {
      assertFuture('votingDeadline', c.votingDeadline, now);
      const scheme = await this.schemes.get(c.weightingSchemeId);
      const members = await this.members.listOn(c.referenceDate);
      if (members.length === 0) throw DomainError.invalid('referenceDate', `no members on ${c.referenceDate}`);
      const without = members.filter((m) => m.inhabitants === null);
      if (without.length) {
        throw DomainError.invalid('referenceDate', `no inhabitants recorded on or before ${c.referenceDate} for ${without.slice(0, 10).map((m) => m.cbsCode).join(', ')}${without.length > 10 ? ` and ${without.length - 10} more` : ''}`);
      }
      await this.consultations.insertWeights(c.id, members.map((m) => ({
        memberId: m.id, inhabitants: m.inhabitants!, weight: weightOf(scheme.definition, m.inhabitants!),
      })));
      const issued = await this.ballots.issueFor(c.id);
      await this.ballots.queueInvitations(c);
      await this.scheduleClosing(c.id, c.votingDeadline);
      await this.scheduleReminders(c, c.votingDeadline, now);
      return { changes: { votingOpenedAt: now }, details: { ballotsIssued: issued, scheme: scheme.name } };
    });
  }

  /** The board extends an open vote; the closing job for the old deadline then finds nothing to do. */
  async extendVoting(id: string, deadline: string, actor: string, now = new Date()): Promise<Consultation> {
    const votingDeadline = parseDeadline('votingDeadline', deadline);
    assertFuture('votingDeadline', votingDeadline, now);
    return this.tx.run(async () => {
      const c = await this.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('ILLEGAL_TRANSITION', `only an open vote can be extended (status ${c.status})`);
      if (votingDeadline <= c.votingDeadline) throw DomainError.invalid('votingDeadline', 'must be later than the current deadline');
      await this.consultations.update(id, { votingDeadline });
      await this.scheduleClosing(id, votingDeadline);
      await this.scheduleReminders(c, votingDeadline, now);
      await this.audit.record({ actor, action: 'consultation.voting_extended', subjectType: 'consultation', subjectId: id, details: { from: c.votingDeadline, to: votingDeadline } });
      return { ...c, votingDeadline };
    });
  }

  closeVoting(id: string, actor: string, now = new Date()): Promise<Consultation> {
    return this.tx.run(async () => {
      await this.ballots.holdVotes(id); // votes in flight commit first; later ones find the vote closed
      return this.move(id, 'voting_closed', actor, async (c) => ({
        changes: { votingClosedAt: now },
        details: { beforeDeadline: now < c.votingDeadline },
      }));
    });
  }

  /** The closing job: closes only when the deadline has really passed (it may have been extended). */
  async closeAtDeadline(id: string, now = new Date()): Promise<boolean> {
    return this.tx.run(async () => {
      await this.ballots.holdVotes(id);
      const c = await this.consultations.lockById(id);
      if (!c || c.status !== 'voting_open' || now < c.votingDeadline) return false;
      await this.consultations.update(id, { status: 'voting_closed', votingClosedAt: now });
      await this.audit.record({ actor: 'system:deadline', action: 'consultation.voting_closed', subjectType: 'consultation', subjectId: id, details: { deadline: c.votingDeadline } });
      return true;
    });
  }

  async overdueOpenVotes(now = new Date()): Promise<string[]> {
    return (await this.consultations.list(['voting_open'])).filter((c) => c.votingDeadline <= now).map((c) => c.id);
  }

  /** Publishes and freezes the weighted result; a ratification proposal's result ratifies (or not) its target. */
  async publishResults(id: string, actor: string, now = new Date()): Promise<Consultation> {
    return this.move(id, 'results_published', actor, async (c) => {
      const result = await this.tallies.publish(c.id, now);
      for (const proposal of await this.proposals.listFor(c.id)) {
        if (!proposal.ratifiesConsultationId) continue;
        const target = await this.lock(proposal.ratifiesConsultationId);
        const outcome = result.proposals.find((p) => p.proposalId === proposal.id)!.outcome;
        const to: ConsultationStatus = outcome === 'adopted' ? 'ratified' : 'not_ratified';
        if (!canMove(target.status, to)) throw new DomainError('ILLEGAL_TRANSITION', `consultation ${target.id} cannot become ${to} from ${target.status}`);
        await this.consultations.update(target.id, { status: to, ratifiedAt: to === 'ratified' ? now : null });
        await this.audit.record({ actor, action: `consultation.${to}`, subjectType: 'consultation', subjectId: target.id, details: { byProposal: proposal.id, outcome } });
      }
      // The votes set the money: adopted effects apply provisionally; a ratification settles them.
      await this.decisionEffects.applyPublishedResult(c.id, result, actor, now);
      await this.queueResultLetters(c, result);
      // Adopted motions and resolutions become decisions the board follows up (src/decisions).
      await this.decisions.followUpAdopted(c, result, now);
      return { changes: { resultsPublishedAt: now }, details: { outcomes: result.proposals.map((p) => ({ number: p.number, outcome: p.outcome })) } };
    });
  }

  async weightRegister(id: string) {
    const consultation = await this.get(id, true);
    if (!consultation.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'weights are frozen when voting opens');
    const lines = await this.consultations.weightRegister(id);
    // Public: the municipality and its numbers only, never the secretary's name or address.
    const members = lines.map((l) => ({ name: l.name, cbsCode: l.cbsCode, inhabitants: l.inhabitants, referenceDate: consultation.referenceDate, weight: l.weight }));
    return { consultationId: id, referenceDate: consultation.referenceDate, scheme: consultation.weightingScheme, totalWeight: lines.reduce((s, l) => s + l.weight, 0), members };
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
    if (c.status === 'voting_open' || !c.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'the tally is visible once voting is closed; while open, only turnout');
    return RESULT_STATUSES.includes(c.status) ? this.publishedResult(id) : this.tallies.compute(id);
  }

  /** The published result (public): frozen at publication, with the named votes (votes are open), all or one page. */
  async publishedResult(id: string, votesPage?: { offset: number; limit: number }) {
    const c = await this.require(id);
    if (!RESULT_STATUSES.includes(c.status)) throw DomainError.notFound('published result of consultation', id);
    const published = await this.tallies.published(id);
    // Confidential consultations publish totals only.
    const votes = c.secrecy === 'open' ? await this.tallies.namedVotes(id, votesPage) : [];
    const votesTotal = c.secrecy === 'open' ? (votesPage ? await this.tallies.namedVoteCount(id) : votes.length) : 0;
    return { consultationId: id, title: c.title, status: c.status, secrecy: c.secrecy, ...published, votes, votesTotal };
  }

  /** Who voted and when (never how): for the board, in open and confidential consultations alike. */
  async voters(id: string) {
    const c = await this.require(id);
    if (!c.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    return this.tallies.voters(id);
  }

  private async require(id: string): Promise<Consultation> {
    const c = await this.consultations.findById(id);
    if (!c) throw DomainError.notFound('consultation', id);
    return c;
  }

  private async lock(id: string): Promise<Consultation> {
    const c = await this.consultations.lockById(id);
    if (!c) throw DomainError.notFound('consultation', id);
    return c;
  }

  /** The reminder job for a deadline finds nothing to do if the deadline moved or voting closed. */
  async sendReminders(id: string, hoursBefore: number, deadline: string): Promise<number> {
    return this.tx.run(async () => {
      const c = await this.require(id);
      if (c.status !== 'voting_open' || c.votingDeadline.getTime() !== new Date(deadline).getTime()) return 0;
      const sent = await this.ballots.queueReminders(c, hoursBefore);
      await this.audit.record({ actor: 'system:reminders', action: 'consultation.reminders_queued', subjectType: 'consultation', subjectId: id, details: { hoursBefore, members: sent } });
      return sent;
    });
  }

  /** Change a member's secretary and reissue its ballot: the old link stops working at once. */
  async reissueBallot(id: string, memberId: string, secretary: { secretaryName: string; secretaryEmail: string }, actor: string): Promise<void> {
    await this.tx.run(async () => {
      const c = await this.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('VOTING_NOT_OPEN', 'a ballot can be reissued only while voting is open');
      await this.members.update(memberId, secretary, actor);
      await this.ballots.reissue(c, memberId, { name: secretary.secretaryName, email: secretary.secretaryEmail }, actor);
    });
  }

  /** The board sends the invitation again to one member (same live link). */
  async resendInvitation(id: string, memberId: string, actor: string): Promise<void> {
    await this.tx.run(async () => {
      const c = await this.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('VOTING_NOT_OPEN', 'invitations can be resent only while voting is open');
      await this.ballots.queueInvitations(c, memberId, new Date().toISOString());
      await this.audit.record({ actor, action: 'ballot.invitation_resent', subjectType: 'consultation', subjectId: id, details: { memberId } });
    });
  }

  async mailProgress(id: string, history = false) {
    await this.require(id);
    return this.mail.progress(id, history);
  }

  private async queueResultLetters(c: Consultation, result: ConsultationResult): Promise<void> {
    const register = await this.consultations.weightRegister(c.id);
    const proposals = result.proposals.map((p) => ({
      nummer: p.number, titel: p.title, uitkomst: OUTCOME_NL[p.outcome], aangenomenKeuze: p.adoptedChoice,
      keuzes: p.choices.map((x) => ({ label: x.label, aandeel: x.share ?? 'onthouding, telt niet mee' })),
    }));
    await this.mail.queueMany(register.map((m) => ({
      key: `result:${c.id}:${m.memberId}`, kind: 'result', to: m.secretaryEmail, template: 'result-letter', memberId: m.memberId, consultationId: c.id,
      context: {
        consultatie: { titel: c.title, kenmerk: c.reference, deadline: c.votingDeadline }, gemeente: m.name, secretaris: m.secretaryName,
        opkomst: { leden: result.turnout.members, van: result.eligible.members, aandeel: result.turnout.membersShare, gewicht: result.turnout.weightShare },
        voorstellen: proposals, uitslagUrl: `${this.publicUrl}/raadplegingen/${c.id}/uitslag`,
      },
    })));
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
    await this.outbox.enqueue('close-voting', { consultationId: id }, { jobId: `close-voting:${id}:${deadline.getTime()}`, runAt: deadline });
  }

  /** One phase change: lock, check the move is legal, do the step's work, record it. */
  private async move(
    id: string, to: ConsultationStatus, actor: string,
    step: (c: Consultation) => Promise<{ changes?: Partial<Consultation>; details?: Record<string, unknown> }>,
  ): Promise<Consultation> {
    return this.tx.run(async () => {
      const c = await this.lock(id);
      if (!canMove(c.status, to)) {
        throw new DomainError(c.status === 'results_published' && to === 'results_published' ? 'ALREADY_PUBLISHED' : 'ILLEGAL_TRANSITION',
          `a consultation cannot move from ${c.status} to ${to}`);
      }
      const { changes = {}, details = {} } = await step(c);
      await this.consultations.update(id, { status: to, ...changes });
      await this.audit.record({ actor, action: `consultation.${to}`, subjectType: 'consultation', subjectId: id, details: { from: c.status, ...details } });
      return { ...c, status: to, ...changes };
    });
  }
}
