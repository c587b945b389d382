import { Injectable, OnModuleInit } from '@nestjs/common';
import { FinancialImpactService, MemberImpact } from '../finance/financial-impact.service';
import { AuditService } from '../platform/audit/audit.service';
import { MailOutbox, MailRequest } from '../notifications/mail-outbox.service';
import { MailTemplates } from '../notifications/mail-templates';
import { BallotLinks } from '../platform/ballot-links';
import { Transactions } from '../platform/database/transactions';
import { AttemptLimiter } from '../platform/http/attempt-limiter';
import { DomainError } from '../platform/http/domain-error';
import { currentRequest } from '../platform/http/request-context';
import { OutboxRelay } from '../platform/queue/outbox.relay';
import { hashToken } from '../platform/secret-token';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { ProposalsService, ProposalWithChoices } from '../proposals/proposals.service';
import { BallotAccessRow, BallotLink, BallotsRepository, CastOutcome, PaperBallotRow, ReceiptRow, SecretaryAccess, SubmissionRow } from './ballots.repository';
import { PaperBallotInput } from './dto/paper-ballot.dto';
import { DelegateBallotDto, SubmitBallotDto, VOTER_ROLES_NL, VoterRole } from './dto/submit-ballot.dto';
import { newReceiptCode } from './receipt-code';

export type { BallotLink, ConsultationPhase } from './ballots.repository';

const LINK_GUESS_LIMIT = 20;
const LINK_GUESS_WINDOW_MS = 10 * 60_000;
// Proposals of consultations with ballots (their proposals are frozen): kept per process, at most this many.
const FROZEN_PROPOSALS_KEPT = 50;

export interface BallotView {
  consultationId: string;
  /** What the ballot is about: the consultation's title, kind and reference (kenmerk). */
  consultation: { title: string; kind: string; reference: string | null };
  member: { id: string; cbsCode: string; name: string; inhabitants: number; weight: number };
  holder: { name: string; role: string };
  votingOpen: boolean;
  votingDeadline: Date;
  /** When voting actually closed: the board's early close, else the deadline once it passed; null while open. */
  votingClosedAt: Date | null;
  proposals: ProposalWithChoices[];
  current: SubmissionRow | null;
  submissionCount: number;
}

export interface Receipt {
  receiptCode: string;
  receivedAt: Date;
  member: string;
  replacedEarlierSubmission: boolean;
}

/** The receipt of a paper ballot the bureau recorded. */
export interface PaperReceipt extends Receipt {
  channel: 'paper';
  memberId: string;
  /** The staff member who recorded it. */
  recordedBy: string;
}

/** What a delegation gives: the new holder's link (the API answers it; the page only confirms), mailed to that address. */
export interface Delegation {
  url: string;
  holder: string;
  email: string;
}

export interface InvitationConsultation {
  id: string;
  title: string;
  reference: string | null;
  votingDeadline: Date;
}

/**
 * The moment voting really closed: an early close by the board, otherwise the deadline (a closing job
 * that runs late records its own time, but no vote counted after the deadline).
 */
export function closedAt(votingClosedAt: Date | null, deadline: Date): Date {
  return votingClosedAt && new Date(votingClosedAt) < new Date(deadline) ? new Date(votingClosedAt) : new Date(deadline);
}

function holderActor(access: Pick<BallotAccessRow, 'memberCode' | 'holderRole' | 'holderEmail'>): string {
  return `ballot:${access.memberCode}:${access.holderRole}:${access.holderEmail}`;
}

const plausibleToken = (token: unknown): token is string => typeof token === 'string' && token.length >= 20 && token.length <= 100;

/** Ballots (stemformulieren): issuing, passing on, and casting the weighted vote of one member. */
@Injectable()
export class BallotsService implements OnModuleInit {
  private readonly frozenProposals = new Map<string, ProposalWithChoices[]>();

  constructor(
    private readonly tx: Transactions,
    private readonly repository: BallotsRepository,
    private readonly links: BallotLinks,
    private readonly proposals: ProposalsService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly mailTemplates: MailTemplates,
    private readonly relay: OutboxRelay,
    private readonly limiter: AttemptLimiter,
    private readonly financialImpact: FinancialImpactService,
  ) {}

  /**
   * The receipt mail row is written by `cast_ballot` in SQL, not rendered in the vote's transaction as
   * other mails are: so the receipt template is checked here, at start-up, against the keys it writes.
   */
  onModuleInit(): void {
    this.mailTemplates.render(
      'vote-receipt',
      { gemeente: 'Voorbeeld', stemmer: 'Voorbeeld', ontvangstcode: 'XXXX-XXXX-XX', ontvangen: new Date(0).toISOString(), vervangt: false, papier: true },
      null,
    );
  }

  /** Called in the transaction that opens voting, after the weights are frozen. */
  async issueFor(consultationId: string): Promise<number> {
    return this.repository.issueForWeightedMembers(consultationId, (id) => this.links.hashFor(id));
  }

  async secretaryLinks(consultationId: string): Promise<{ memberCode: string; memberName: string; weight: number; url: string }[]> {
    const accesses = await this.repository.secretaryAccesses(consultationId);
    return accesses.map(({ accessId, memberCode, memberName, weight }) => ({ memberCode, memberName, weight, url: this.links.urlFor(accessId) }));
  }

  /** Queues the invitation (stemformulier) to every secretary, or to one member's. */
  async queueInvitations(consultation: InvitationConsultation, memberId?: string, resend?: string): Promise<number> {
    const accesses = await this.repository.secretaryAccesses(consultation.id, memberId);
    if (memberId && accesses.length === 0) throw DomainError.notFound('ballot of member', memberId);
    const proposals = await this.proposals.listFor(consultation.id);
    // What each member would pay under each choice of a proposal with a financial effect.
    const amounts = await this.financialImpact.perMember(consultation.id);
    await this.mail.queueMany(
      accesses.map((a) => {
        const mail = this.invitation(consultation, proposals, a, amounts.get(a.memberId) ?? []);
        return resend ? { ...mail, key: `${mail.key}:resend:${resend}` } : mail;
      }),
    );
    return accesses.length;
  }

  /** Reminds the secretaries of members that have not voted yet. */
  async queueReminders(consultation: InvitationConsultation, hoursBefore: number): Promise<number> {
    const open = (await this.repository.secretaryAccesses(consultation.id)).filter((a) => !a.voted);
    await this.mail.queueMany(open.map((a) => this.reminder(consultation, a, `${hoursBefore}:${new Date(consultation.votingDeadline).getTime()}`)));
    return open.length;
  }

  /**
   * A reminder the board sends by hand, now: to every member that has not voted, or to one of them.
   * Keyed by the moment, so a second reminder later is a new mail and a replayed request is not.
   */
  async queueRemindersNow(consultation: InvitationConsultation, at: Date, memberId?: string): Promise<number> {
    const accesses = await this.repository.secretaryAccesses(consultation.id, memberId);
    if (memberId && accesses.length === 0) throw DomainError.notFound('ballot of member', memberId);
    if (memberId && accesses[0].voted) throw DomainError.invalid('memberId', `${accesses[0].memberName} has voted already`);
    const open = accesses.filter((a) => !a.voted);
    await this.mail.queueMany(open.map((a) => this.reminder(consultation, a, `by-hand:${at.getTime()}`)));
    return open.length;
  }

  /** Tells every member's secretary that the vote was extended, with the new deadline and their live link. */
  async queueExtensionNotices(consultation: InvitationConsultation, previousDeadline: Date): Promise<number> {
    const accesses = await this.repository.secretaryAccesses(consultation.id);
    await this.mail.queueMany(
      accesses.map((a) => ({
        key: `extension:${consultation.id}:${new Date(consultation.votingDeadline).getTime()}:${a.memberId}`,
        kind: 'extension',
        to: a.holderEmail,
        template: 'voting-extended',
        memberId: a.memberId,
        consultationId: consultation.id,
        context: {
          consultatie: this.consultationContext(consultation),
          eerdereDeadline: previousDeadline,
          gemeente: a.memberName,
          secretaris: a.holderName,
          gestemd: a.voted,
          ballotAccessId: a.accessId,
        },
      })),
    );
    return accesses.length;
  }

  /** Every member's current secretary, its weight and whether it has voted (never the link). */
  async secretaries(consultationId: string): Promise<Omit<SecretaryAccess, 'accessId'>[]> {
    return (await this.repository.secretaryAccesses(consultationId)).map(({ accessId: _accessId, ...rest }) => rest);
  }

  private reminder(consultation: InvitationConsultation, a: SecretaryAccess, occasion: string): MailRequest {
    return {
      key: `reminder:${consultation.id}:${occasion}:${a.memberId}`,
      kind: 'reminder',
      to: a.holderEmail,
      template: 'reminder',
      memberId: a.memberId,
      consultationId: consultation.id,
      context: { consultatie: this.consultationContext(consultation), gemeente: a.memberName, secretaris: a.holderName, ballotAccessId: a.accessId },
    };
  }

  /**
   * A new secretary link for one member (e.g. a new secretary address): every earlier link of the
   * ballot stops working at once, and the invitation goes to the new address.
   */
  async reissue(consultation: InvitationConsultation, memberId: string, holder: { name: string; email: string }, actor: string): Promise<void> {
    const ballot = await this.repository.findBallot(consultation.id, memberId);
    if (!ballot) throw DomainError.notFound('ballot of member', memberId);
    const revoked = await this.repository.revokeAllOf(ballot.id, 'reissued');
    // Mails carrying an old link that have not left yet never will.
    await this.mail.failQueuedWithLinks(revoked, 'the ballot link was revoked (reissued) before this mail left; not sent');
    const accessId = await this.repository.insertAccess(ballot.id, { ...holder, role: 'secretary' }, (id) => this.links.hashFor(id));
    await this.audit.record({ actor, action: 'ballot.reissued', subjectType: 'ballot', subjectId: ballot.id, details: { to: holder, accessId } });
    await this.queueInvitations(consultation, memberId);
  }

  private consultationContext(c: InvitationConsultation) {
    return { titel: c.title, kenmerk: c.reference, deadline: c.votingDeadline };
  }

  private invitation(consultation: InvitationConsultation, proposals: ProposalWithChoices[], a: SecretaryAccess, amounts: MemberImpact[]): MailRequest {
    return {
      key: `invite:${consultation.id}:${a.memberId}:${a.accessId}`,
      kind: 'invitation',
      to: a.holderEmail,
      template: 'ballot-invitation',
      memberId: a.memberId,
      consultationId: consultation.id,
      context: {
        consultatie: this.consultationContext(consultation),
        gemeente: a.memberName,
        secretaris: a.holderName,
        gewicht: a.weight,
        inwoners: a.inhabitants,
        voorstellen: proposals.map((p) => ({ nummer: p.number, titel: p.title, keuzes: p.choices.map((c) => c.label) })),
        bedragen: amounts,
        ballotAccessId: a.accessId,
      },
    };
  }

  /** The ids of the consultation's ballots (the audit trail's subjects of its votes, links and refusals). */
  ballotIdsOf(consultationId: string): Promise<string[]> {
    return this.repository.ballotIdsOf(consultationId);
  }

  /**
   * Closing calls this in its transaction before it locks the consultation: the votes in flight
   * commit first, later ones wait and then find the vote closed.
   */
  holdVotes(consultationId: string): Promise<void> {
    return this.repository.holdVotes(consultationId);
  }

  /**
   * The live link behind a token; `consultationId` guards against a link of another consultation.
   * Guessing links is pointless (256 bits) and also slowed down: after 20 unknown links from one
   * address in ten minutes, that address is refused for the rest of the window.
   */
  async resolve(token: string, consultationId?: string, lock = false): Promise<BallotLink> {
    const limitKey = await this.assertNotGuessing();
    const link = plausibleToken(token) ? await this.repository.findLink({ tokenHash: hashToken(token) }, lock) : null;
    if (!link) return this.unknownLink(limitKey);
    return this.live(link, consultationId);
  }

  /** Anyone holding a receipt code can check that the vote arrived and whether it is the one that counts. */
  async checkReceipt(code: string): Promise<ReceiptRow> {
    const limitKey = `receipt:${currentRequest()?.clientKey ?? 'internal'}`;
    await this.limiter.assertAllowed(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
    const receipt = await this.repository.findReceipt(code.toUpperCase());
    if (!receipt) {
      await this.limiter.recordFailure(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
      throw DomainError.notFound('receipt', code);
    }
    return receipt;
  }

  async view(token: string, consultationId?: string): Promise<BallotView> {
    return this.viewOf(await this.resolve(token, consultationId));
  }

  /** The ballot behind a link resolved before (the page resolves once per request). */
  async viewOf(link: BallotLink): Promise<BallotView> {
    const now = new Date();
    const votingOpen = link.status === 'voting_open' && now < new Date(link.votingDeadline);
    const [submissions, proposals] = await Promise.all([this.repository.submissionsOf(link.ballotId), this.proposalsOf(link)]);
    return {
      consultationId: link.consultationId,
      consultation: { title: link.consultationTitle, kind: link.consultationKind, reference: link.consultationReference },
      member: { id: link.memberId, cbsCode: link.memberCode, name: link.memberName, inhabitants: link.inhabitants, weight: link.weight },
      holder: { name: link.holderName, role: link.holderRole },
      votingOpen,
      votingDeadline: link.votingDeadline,
      votingClosedAt: votingOpen || link.status === 'final_proposals_published' ? null : closedAt(link.votingClosedAt, link.votingDeadline),
      proposals,
      current: submissions[0] ?? null,
      submissionCount: submissions.length,
    };
  }

  /** The link as it is now (after a refusal the page shows since when voting is closed). */
  async reread(link: BallotLink): Promise<BallotLink> {
    return (await this.repository.findLink({ accessId: link.accessId })) ?? link;
  }

  /**
   * The questions of the ballot. A ballot exists only once voting has opened, when the proposals are
   * frozen for good, so each process keeps them after the first read.
   */
  async proposalsOf(link: Pick<BallotLink, 'consultationId'>): Promise<ProposalWithChoices[]> {
    const kept = this.frozenProposals.get(link.consultationId);
    if (kept) return kept;
    const proposals = await this.proposals.listFor(link.consultationId);
    if (this.frozenProposals.size >= FROZEN_PROPOSALS_KEPT) this.frozenProposals.delete(this.frozenProposals.keys().next().value!);
    this.frozenProposals.set(link.consultationId, proposals);
    return proposals;
  }

  /**
   * Casts (or replaces) the member's vote through the API: every question answered in one submission.
   * It counts when the server received it before the deadline, checked in the vote's own transaction
   * whatever the closing job did; a late one is refused and the refusal is recorded. The token is
   * resolved once, inside that transaction (`cast_ballot`).
   */
  async submit(token: string, input: SubmitBallotDto, receivedAt: Date, consultationId?: string): Promise<Receipt> {
    const limitKey = await this.assertNotGuessing();
    if (!plausibleToken(token)) return this.unknownLink(limitKey);
    return this.cast({ tokenHash: hashToken(token), consultationId }, input, receivedAt, limitKey);
  }

  /** The same vote for a link the page resolved already (it needed the questions to read the form). */
  submitAs(link: BallotLink, input: SubmitBallotDto, receivedAt: Date): Promise<Receipt> {
    return this.cast({ accessId: link.accessId }, input, receivedAt, `ballot-link:${currentRequest()?.clientKey ?? 'internal'}`);
  }

  private async cast(
    by: { tokenHash?: string; accessId?: string; consultationId?: string },
    input: SubmitBallotDto,
    receivedAt: Date,
    limitKey: string,
  ): Promise<Receipt> {
    const receiptCode = newReceiptCode();
    const voterName = input.voterName.trim();
    const result = await this.repository.castBallot({ ...by, voterName, voterRole: input.voterRole, receivedAt, receiptCode, answers: input.answers });
    if (result.outcome !== 'counted') return this.refuse(result, receivedAt, limitKey, null);
    // The receipt mail's job goes to Redis soon, never in the way of this answer (the worker's relay sweeps too).
    this.relay.relaySoon();
    return { receiptCode, receivedAt, member: result.member, replacedEarlierSubmission: result.replaced };
  }

  /**
   * Records a returned paper ballot (papieren stembiljet) on the member's behalf: the member's ballot by
   * its id or its reference (both: they must agree), who signed it as the voter. The same rules as an
   * online vote, in the same SQL (`cast_submission`): voting open when received, every question
   * answered once, the latest submission counts; marked as paper, with the staff member who recorded
   * it in the submission and the audit entry.
   */
  async recordPaper(
    consultationId: string,
    ballot: { memberId?: string; reference?: string },
    input: PaperBallotInput,
    actor: string,
    receivedAt: Date,
  ): Promise<PaperReceipt> {
    const reference = ballot.reference?.trim().toUpperCase() || null;
    if (!ballot.memberId && !reference) throw DomainError.invalid('reference', 'give the ballot reference or choose the member');
    const receiptCode = newReceiptCode();
    const result = await this.repository.castPaperBallot({
      consultationId,
      memberId: ballot.memberId ?? null,
      reference,
      recordedBy: actor,
      voterName: input.voterName.trim(),
      voterRole: input.voterRole,
      receivedAt,
      receiptCode,
      answers: input.answers,
    });
    if (result.outcome === 'wrong_reference') {
      throw DomainError.invalid(
        'reference',
        ballot.memberId ? 'is not the ballot reference of this member in this consultation' : 'is not the ballot reference of a member in this consultation',
      );
    }
    if (result.outcome === 'unknown_ballot') throw DomainError.notFound('ballot of member', ballot.memberId ?? '');
    if (result.outcome !== 'counted') return this.refuse(result, receivedAt, '', actor);
    this.relay.relaySoon();
    return {
      receiptCode,
      receivedAt,
      member: result.member,
      replacedEarlierSubmission: result.replaced,
      channel: 'paper',
      memberId: result.memberId,
      recordedBy: actor,
    };
  }

  /** Every member's ballot with its paper reference and how its current vote came in (online, paper or not yet). */
  paperBallots(consultationId: string): Promise<PaperBallotRow[]> {
    return this.repository.paperBallots(consultationId);
  }

  /** The vote that counts now for a member (who, when, online or paper, who recorded it), without the choices. */
  currentSubmissionOf(consultationId: string, memberId: string) {
    return this.repository.currentSubmissionOf(consultationId, memberId);
  }

  /** One member's ballot with its paper reference; 404 when the member has no ballot in this consultation. */
  async paperBallotOf(consultationId: string, memberId: string): Promise<PaperBallotRow> {
    const [row] = await this.repository.paperBallots(consultationId, memberId);
    if (!row) throw DomainError.notFound('ballot of member', memberId);
    return row;
  }

  private async refuse(result: Exclude<CastOutcome, { outcome: 'counted' }>, receivedAt: Date, limitKey: string, actor: string | null): Promise<never> {
    switch (result.outcome) {
      case 'unknown_ballot':
      case 'wrong_reference':
        throw DomainError.notFound('ballot', result.outcome);
      case 'unknown_link':
        return this.unknownLink(limitKey);
      case 'revoked':
        throw new DomainError('LINK_REVOKED', 'ballot token: this ballot link was revoked; use the newest link you received');
      case 'other_consultation':
        throw new DomainError('FORBIDDEN', 'ballot token: this ballot link belongs to another consultation');
      case 'not_open':
        throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
      case 'closed': {
        const error = this.closedError(new Date(result.deadline), result.closedAt ? new Date(result.closedAt) : null, receivedAt);
        await this.audit.record({
          actor: actor ?? holderActor({ memberCode: result.memberCode, holderRole: result.holderRole!, holderEmail: result.holderEmail! }),
          action: 'ballot.refused_late',
          subjectType: 'ballot',
          subjectId: result.ballotId,
          details: { member: result.memberCode, receivedAt, reason: error.message, channel: actor ? 'paper' : 'online' },
        });
        throw error;
      }
      case 'invalid':
        if (result.rule === 'unanswered') {
          throw DomainError.invalid('answers', `every proposal must be answered; missing: ${result.missing.map((n) => `proposal ${n}`).join(', ')}`);
        }
        if (result.rule === 'unknown_choice')
          throw DomainError.invalid(`answers[${result.index}].choiceId`, `is not a choice of proposal ${result.proposalNumber}`);
        throw DomainError.invalid(
          `answers[${result.index}].proposalId`,
          result.rule === 'answered_twice' ? 'is answered more than once' : 'is not a proposal of this consultation',
        );
    }
  }

  /** The secretary passes the ballot to an eligible official of the same municipality (never another). */
  async delegate(token: string, input: DelegateBallotDto, consultationId?: string): Promise<Delegation> {
    return this.tx.run(async () => this.delegateFrom(await this.resolve(token, consultationId, true), input));
  }

  /** Who else holds this ballot now: the officials it was passed to, with their live links. */
  delegatedHolders(link: BallotLink): Promise<{ name: string; email: string; role: VoterRole; createdAt: Date }[]> {
    return this.repository.delegatedHolders(link.ballotId);
  }

  /** The same for a link the page resolved already: locked again by its id, not looked up by its token. */
  async delegateAs(link: BallotLink, input: DelegateBallotDto): Promise<Delegation> {
    return this.tx.run(async () => {
      const locked = await this.repository.findLink({ accessId: link.accessId }, true);
      return this.delegateFrom(this.live(locked ?? link), input);
    });
  }

  /**
   * The new holder gets a link of their own, by e-mail (written in this transaction, sent by the
   * worker; the link itself is derived at send time and never stored); the secretary's link keeps working.
   */
  private async delegateFrom(access: BallotLink, input: DelegateBallotDto): Promise<Delegation> {
    if (access.holderRole !== 'secretary') throw new DomainError('FORBIDDEN', 'only the municipal secretary can pass the ballot on');
    const { status, votingDeadline, votingClosedAt } = await this.repository.holdVotingOpen(access.ballotId, access.consultationId);
    this.assertVotingOpen(status, votingDeadline, votingClosedAt, new Date());
    const elsewhere = await this.repository.findHolderElsewhere(access.consultationId, access.memberId, input.email);
    if (elsewhere) {
      throw DomainError.invalid('email', `already holds the ballot of ${elsewhere}; a ballot passes only to an official of ${access.memberName}`);
    }
    const accessId = await this.repository
      .insertAccess(access.ballotId, input, (id) => this.links.hashFor(id))
      .catch((error) => {
        if ((error as { code?: string }).code === '23505')
          throw new DomainError('DUPLICATE', `email: ${input.email} already holds this ballot`, [{ field: 'email', rule: 'already holds this ballot' }]);
        throw error;
      });
    await this.audit.record({
      actor: holderActor(access),
      action: 'ballot.delegated',
      subjectType: 'ballot',
      subjectId: access.ballotId,
      details: { to: { name: input.name, email: input.email.toLowerCase(), role: input.role } },
    });
    await this.mail.queue({
      key: `delegation:${accessId}`,
      kind: 'delegation',
      to: input.email.toLowerCase(),
      template: 'ballot-delegated',
      memberId: access.memberId,
      consultationId: access.consultationId,
      context: {
        consultatie: { titel: access.consultationTitle, kenmerk: access.consultationReference, deadline: access.votingDeadline },
        gemeente: access.memberName,
        naam: input.name.trim(),
        functie: VOTER_ROLES_NL[input.role],
        doorgegevenDoor: access.holderName,
        gewicht: access.weight,
        ballotAccessId: accessId,
      },
    });
    return { url: this.links.urlFor(accessId), holder: input.name, email: input.email.toLowerCase() };
  }

  /** Refuses an address that guessed too many links; returns its key for counting the next failure. */
  private async assertNotGuessing(): Promise<string> {
    const limitKey = `ballot-link:${currentRequest()?.clientKey ?? 'internal'}`;
    await this.limiter.assertAllowed(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
    return limitKey;
  }

  private async unknownLink(limitKey: string): Promise<never> {
    await this.limiter.recordFailure(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
    throw new DomainError('UNAUTHENTICATED', 'ballot token: this ballot link is not valid');
  }

  private live(link: BallotLink, consultationId?: string): BallotLink {
    if (link.revokedAt) throw new DomainError('LINK_REVOKED', 'ballot token: this ballot link was revoked; use the newest link you received');
    if (consultationId && link.consultationId !== consultationId) {
      throw new DomainError('FORBIDDEN', 'ballot token: this ballot link belongs to another consultation');
    }
    return link;
  }

  private assertVotingOpen(status: string, deadline: Date, closed: Date | null, receivedAt: Date): void {
    if (status === 'final_proposals_published' || status === 'draft' || status === 'amendments_open') {
      throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    }
    if (status !== 'voting_open' || receivedAt.getTime() >= new Date(deadline).getTime()) throw this.closedError(deadline, closed, receivedAt);
  }

  private closedError(deadline: Date, closed: Date | null, receivedAt: Date): DomainError {
    return new DomainError(
      'VOTING_CLOSED',
      `voting closed on ${formatDateTimeNl(closedAt(closed, deadline))} (Europe/Amsterdam); this submission was received at ${receivedAt.toISOString()} and was not counted`,
    );
  }
}
