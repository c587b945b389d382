import { Injectable } from '@nestjs/common';
import { FinancialImpactService, MemberImpact } from '../finance/financial-impact.service';
import { AuditService } from '../platform/audit/audit.service';
import { MailOutbox, MailRequest } from '../notifications/mail-outbox.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { AttemptLimiter } from '../platform/http/attempt-limiter';
import { currentRequest } from '../platform/http/request-context';
import { hashToken } from '../platform/secret-token';

const LINK_GUESS_LIMIT = 20;
const LINK_GUESS_WINDOW_MS = 10 * 60_000;
import { ProposalsService, ProposalWithChoices } from '../proposals/proposals.service';
import { BallotLinks } from './ballot-link';
import { BallotAccessRow, BallotsRepository, SecretaryAccess, SubmissionRow } from './ballots.repository';
import { AnswerDto, DelegateBallotDto, SubmitBallotDto } from './dto/submit-ballot.dto';
import { newReceiptCode } from './receipt-code';

export interface BallotView {
  consultationId: string;
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

function holderActor(access: BallotAccessRow): string {
  return `ballot:${access.memberCode}:${access.holderRole}:${access.holderEmail}`;
}

/** Ballots (stemformulieren): issuing, passing on, and casting the weighted vote of one member. */
@Injectable()
export class BallotsService {
  constructor(
    private readonly tx: Transactions,
    private readonly ballots: BallotsRepository,
    private readonly links: BallotLinks,
    private readonly proposals: ProposalsService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly limiter: AttemptLimiter,
    private readonly financialImpact: FinancialImpactService,
  ) {}

  /** Called in the transaction that opens voting, after the weights are frozen. */
  async issueFor(consultationId: string): Promise<number> {
    return this.ballots.issueForWeightedMembers(consultationId, (id) => this.links.hashFor(id));
  }

  async secretaryLinks(consultationId: string): Promise<{ memberCode: string; memberName: string; weight: number; url: string }[]> {
    const accesses = await this.ballots.secretaryAccesses(consultationId);
    return accesses.map(({ accessId, memberCode, memberName, weight }) => ({ memberCode, memberName, weight, url: this.links.urlFor(accessId) }));
  }

  /** The link of a live access, or null once it was revoked (a reissued ballot's old mail must not go out). */
  async liveLinkFor(accessId: string): Promise<string | null> {
    return (await this.ballots.isLive(accessId)) ? this.links.urlFor(accessId) : null;
  }

  /** Queues the invitation (stemformulier) to every secretary, or to one member's. */
  async queueInvitations(consultation: InvitationConsultation, memberId?: string, resend?: string): Promise<number> {
    const accesses = await this.ballots.secretaryAccesses(consultation.id, memberId);
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
    const open = (await this.ballots.secretaryAccesses(consultation.id)).filter((a) => !a.voted);
    await this.mail.queueMany(
      open.map((a) => ({
        key: `reminder:${consultation.id}:${hoursBefore}:${new Date(consultation.votingDeadline).getTime()}:${a.memberId}`,
        kind: 'reminder',
        to: a.holderEmail,
        template: 'reminder',
        memberId: a.memberId,
        consultationId: consultation.id,
        context: { consultatie: this.consultationContext(consultation), gemeente: a.memberName, secretaris: a.holderName, ballotAccessId: a.accessId },
      })),
    );
    return open.length;
  }

  /**
   * A new secretary link for one member (e.g. a new secretary address): every earlier link of the
   * ballot stops working at once, and the invitation goes to the new address.
   */
  async reissue(consultation: InvitationConsultation, memberId: string, holder: { name: string; email: string }, actor: string): Promise<void> {
    const ballot = await this.ballots.findBallot(consultation.id, memberId);
    if (!ballot) throw DomainError.notFound('ballot of member', memberId);
    await this.ballots.revokeAllOf(ballot.id, 'reissued');
    const accessId = await this.ballots.insertAccess(ballot.id, { ...holder, role: 'secretary' }, (id) => this.links.hashFor(id));
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

  /**
   * The live access behind a token; `consultationId` guards against a link of another consultation.
   * Guessing links is pointless (256 bits) and also slowed down: after 20 unknown links from one
   * address in ten minutes, that address is refused for the rest of the window.
   */
  async resolve(token: string, consultationId?: string, lock = false): Promise<BallotAccessRow> {
    const limitKey = `ballot-link:${currentRequest()?.clientKey ?? 'internal'}`;
    await this.limiter.assertAllowed(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
    const access =
      typeof token === 'string' && token.length >= 20 && token.length <= 100 ? await this.ballots.findAccessByTokenHash(hashToken(token), lock) : null;
    if (!access) {
      await this.limiter.recordFailure(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
      throw new DomainError('UNAUTHENTICATED', 'ballot token: this ballot link is not valid');
    }
    if (access.revokedAt) throw new DomainError('LINK_REVOKED', 'ballot token: this ballot link was revoked; use the newest link you received');
    if (consultationId && access.consultationId !== consultationId) {
      throw new DomainError('FORBIDDEN', 'ballot token: this ballot link belongs to another consultation');
    }
    return access;
  }

  /** Anyone holding a receipt code can check that the vote arrived and whether it is the one that counts. */
  async checkReceipt(code: string): Promise<{ member: string; receivedAt: Date; counts: boolean }> {
    const limitKey = `receipt:${currentRequest()?.clientKey ?? 'internal'}`;
    await this.limiter.assertAllowed(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
    const receipt = await this.ballots.findReceipt(code.toUpperCase());
    if (!receipt) {
      await this.limiter.recordFailure(limitKey, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS);
      throw DomainError.notFound('receipt', code);
    }
    return receipt;
  }

  async view(token: string, consultationId?: string): Promise<BallotView> {
    const access = await this.resolve(token, consultationId);
    const [{ status, voting_deadline, voting_closed_at }] = await this.tx
      .manager()
      .query(`SELECT status, voting_deadline, voting_closed_at FROM consultation WHERE id = $1`, [access.consultationId]);
    const now = new Date();
    const votingOpen = status === 'voting_open' && now < voting_deadline;
    const submissions = await this.ballots.submissionsOf(access.ballotId);
    return {
      consultationId: access.consultationId,
      member: { id: access.memberId, cbsCode: access.memberCode, name: access.memberName, inhabitants: access.inhabitants, weight: access.weight },
      holder: { name: access.holderName, role: access.holderRole },
      votingOpen,
      votingDeadline: voting_deadline,
      votingClosedAt: votingOpen || status === 'final_proposals_published' ? null : closedAt(voting_closed_at, voting_deadline),
      proposals: await this.proposals.listFor(access.consultationId),
      current: submissions[0] ?? null,
      submissionCount: submissions.length,
    };
  }

  /**
   * Casts (or replaces) the member's vote: every question answered in one submission. It counts when
   * the server received it before the deadline, checked here in the vote's own transaction whatever
   * the closing job did; a late one is refused and the refusal is recorded.
   */
  async submit(token: string, input: SubmitBallotDto, receivedAt: Date, consultationId?: string): Promise<Receipt> {
    let access: BallotAccessRow | undefined;
    try {
      return await this.tx.run(async () => {
        // Resolved inside the vote's transaction, with a lock: a link revoked a moment ago cannot vote.
        access = await this.resolve(token, consultationId, true);
        const { status, votingDeadline, votingClosedAt } = await this.ballots.lockForSubmission(access.ballotId, access.consultationId);
        this.assertVotingOpen(status, votingDeadline, votingClosedAt, receivedAt);
        const answers = this.checkAnswers(await this.proposals.listFor(access.consultationId), input.answers);
        const previous = await this.ballots.submissionsOf(access.ballotId);
        const receiptCode = newReceiptCode();
        const submissionId = await this.ballots.insertSubmission({
          ballotId: access.ballotId,
          accessId: access.accessId,
          voterName: input.voterName.trim(),
          voterRole: input.voterRole,
          receivedAt,
          receiptCode,
          answers,
        });
        // The receipt names the code, never the choices.
        await this.mail.queue({
          key: `receipt:${submissionId}`,
          kind: 'receipt',
          to: access.holderEmail,
          template: 'vote-receipt',
          memberId: access.memberId,
          consultationId: access.consultationId,
          context: {
            gemeente: access.memberName,
            stemmer: input.voterName.trim(),
            ontvangstcode: receiptCode,
            ontvangen: receivedAt.toISOString(),
            vervangt: previous.length > 0,
          },
        });
        await this.audit.record({
          actor: holderActor(access),
          action: previous.length ? 'ballot.resubmitted' : 'ballot.submitted',
          subjectType: 'ballot',
          subjectId: access.ballotId,
          details: { submissionId, receiptCode, member: access.memberCode, voterName: input.voterName, voterRole: input.voterRole, receivedAt },
        });
        return { receiptCode, receivedAt, member: access.memberName, replacedEarlierSubmission: previous.length > 0 };
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VOTING_CLOSED' && access) {
        await this.audit.record({
          actor: holderActor(access),
          action: 'ballot.refused_late',
          subjectType: 'ballot',
          subjectId: access.ballotId,
          details: { member: access.memberCode, receivedAt, reason: error.message },
        });
      }
      throw error;
    }
  }

  /** The secretary passes the ballot to an eligible official of the same municipality (never another). */
  async delegate(token: string, input: DelegateBallotDto, consultationId?: string): Promise<{ url: string; holder: string }> {
    return this.tx.run(async () => {
      const access = await this.resolve(token, consultationId, true);
      if (access.holderRole !== 'secretary') throw new DomainError('FORBIDDEN', 'only the municipal secretary can pass the ballot on');
      const { status, votingDeadline, votingClosedAt } = await this.ballots.lockForSubmission(access.ballotId, access.consultationId);
      this.assertVotingOpen(status, votingDeadline, votingClosedAt, new Date());
      const elsewhere = await this.ballots.findHolderElsewhere(access.consultationId, access.memberId, input.email);
      if (elsewhere) {
        throw DomainError.invalid('email', `already holds the ballot of ${elsewhere}; a ballot passes only to an official of ${access.memberName}`);
      }
      const accessId = await this.ballots
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
      return { url: this.links.urlFor(accessId), holder: input.name };
    });
  }

  private assertVotingOpen(status: string, deadline: Date, closed: Date | null, receivedAt: Date): void {
    if (status === 'final_proposals_published' || status === 'draft' || status === 'amendments_open') {
      throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    }
    if (status !== 'voting_open' || receivedAt.getTime() >= new Date(deadline).getTime()) {
      throw new DomainError(
        'VOTING_CLOSED',
        `voting closed on ${formatDateTimeNl(closedAt(closed, deadline))} (Europe/Amsterdam); this submission was received at ${receivedAt.toISOString()} and was not counted`,
      );
    }
  }

  /** Exactly one known choice for every proposal of the consultation. */
  private checkAnswers(proposals: ProposalWithChoices[], answers: AnswerDto[]): AnswerDto[] {
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const seen = new Set<string>();
    answers.forEach((answer, i) => {
      const proposal = byId.get(answer.proposalId);
      if (!proposal) throw DomainError.invalid(`answers[${i}].proposalId`, 'is not a proposal of this consultation');
      if (seen.has(answer.proposalId)) throw DomainError.invalid(`answers[${i}].proposalId`, 'is answered more than once');
      seen.add(answer.proposalId);
      if (!proposal.choices.some((c) => c.id === answer.choiceId)) {
        throw DomainError.invalid(`answers[${i}].choiceId`, `is not a choice of proposal ${proposal.number}`);
      }
    });
    const missing = proposals.filter((p) => !seen.has(p.id));
    if (missing.length) {
      throw DomainError.invalid('answers', `every proposal must be answered; missing: ${missing.map((p) => `proposal ${p.number}`).join(', ')}`);
    }
    return answers;
  }
}
