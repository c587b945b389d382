import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Transactions } from '../platform/database/transactions';
import { VoterRole } from './dto/submit-ballot.dto';

/**
 * The consultation's phase as ballots read it from consultations' published view `consultations_phase`
 * (migration 1766110000000). Ballots sit below consultations (which open, hold and close the votes
 * through BallotsService), so they name the phases themselves instead of importing ConsultationStatus;
 * consultation-phase.spec.ts checks at compile time that the two lists are the same.
 */
export type ConsultationPhase =
  'draft' | 'amendments_open' | 'final_proposals_published' | 'voting_open' | 'voting_closed' | 'results_published' | 'ratified' | 'not_ratified';

export interface BallotAccessRow {
  accessId: string;
  ballotId: string;
  holderName: string;
  holderEmail: string;
  holderRole: VoterRole;
  revokedAt: Date | null;
  consultationId: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  weight: number;
  inhabitants: number;
}

/** A ballot link as a request sees it: the access, its ballot and member, and the consultation's phase. */
export interface BallotLink extends BallotAccessRow {
  consultationTitle: string;
  consultationKind: string;
  /** kenmerk of the consultation's member letter, e.g. "Lbr. 20/030" */
  consultationReference: string | null;
  status: ConsultationPhase;
  votingDeadline: Date;
  votingClosedAt: Date | null;
}

// The first key of the advisory lock between votes (shared) and closing (exclusive) of one consultation.
const VOTES_LOCK_NAMESPACE = 0x4c52; // "LR", as every advisory lock of the platform

/**
 * The whole write of a vote (the walk of one vote in the README). Either `$1` (the SHA-256 of the
 * link's secret, from the API) or `$2` (an access the page resolved before) names the link; `$3` is
 * the consultation of the URL, if any. Also the statement `npm run bench` runs through pgbench.
 */
export const CAST_BALLOT_SQL = `SELECT cast_ballot($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9::uuid[]) AS outcome`;

export interface CastBallotInput {
  tokenHash?: string;
  accessId?: string;
  consultationId?: string;
  voterName: string;
  voterRole: VoterRole;
  receivedAt: Date;
  receiptCode: string;
  answers: { proposalId: string; choiceId: string }[];
}

/** A returned paper ballot, recorded by staff: the member's ballot by its id or by its reference (or both, then they must agree). */
export const CAST_PAPER_BALLOT_SQL = `SELECT cast_paper_ballot($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::uuid[]) AS outcome`;

export interface CastPaperBallotInput {
  consultationId: string;
  memberId: string | null;
  reference: string | null;
  recordedBy: string;
  voterName: string;
  voterRole: VoterRole;
  receivedAt: Date;
  receiptCode: string;
  answers: { proposalId: string; choiceId: string }[];
}

/** What `cast_ballot` and `cast_paper_ballot` answer: the vote counted, or why nothing was written. */
export type CastOutcome =
  | { outcome: 'counted'; submissionId: string; member: string; memberId: string; replaced: boolean }
  | { outcome: 'unknown_link' | 'revoked' | 'other_consultation' | 'not_open' | 'unknown_ballot' | 'wrong_reference' }
  | { outcome: 'closed'; deadline: string; closedAt: string | null; ballotId: string; memberCode: string; holderRole?: VoterRole; holderEmail?: string }
  | { outcome: 'invalid'; rule: 'unknown_proposal' | 'answered_twice' | 'unknown_choice'; index: number; proposalNumber: number | null }
  | { outcome: 'invalid'; rule: 'unanswered'; missing: number[] };

/** A submission found by its receipt code: whose, in which consultation, when, and whether it is the one that counts. */
export interface ReceiptRow {
  member: string;
  memberCode: string;
  consultationId: string;
  receivedAt: Date;
  counts: boolean;
}

export interface SecretaryAccess {
  accessId: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  weight: number;
  inhabitants: number;
  holderName: string;
  holderEmail: string;
  voted: boolean;
}

export interface SubmissionRow {
  id: string;
  receiptCode: string;
  receivedAt: Date;
  voterName: string;
  voterRole: VoterRole;
  /** online (through a ballot link) or paper (recorded by the bureau) */
  channel: SubmissionChannel;
  answers: { proposalId: string; choiceId: string }[];
}

export type SubmissionChannel = 'online' | 'paper';

/** The vote that counts now for a member, without its choices. */
export interface CurrentSubmission {
  receiptCode: string;
  receivedAt: Date;
  voterName: string;
  voterRole: VoterRole;
  channel: SubmissionChannel;
  recordedBy: string | null;
}

/** A member's ballot as the bureau prints and records it on paper. */
export interface PaperBallotRow {
  ballotId: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  weight: number;
  inhabitants: number;
  /** The ballot reference on the paper: the CBS code and the ballot's code, e.g. "GM0489-7KQ2". */
  reference: string;
  secretaryName: string | null;
  /** How the vote that counts now came in; null before the first vote. */
  votedBy: SubmissionChannel | null;
}

@Injectable()
export class BallotsRepository {
  constructor(private readonly tx: Transactions) {}

  /** Issues one ballot per weighted member and a secret link for its secretary; returns the access ids. */
  async issueForWeightedMembers(consultationId: string, hashFor: (accessId: string) => string): Promise<number> {
    const m = this.tx.manager();
    const ballots: { id: string }[] = await m.query(
      `INSERT INTO ballot (consultation_id, member_id) SELECT consultation_id, member_id FROM consultations_member_weight
        WHERE consultation_id = $1 ON CONFLICT DO NOTHING RETURNING id`,
      [consultationId],
    );
    const accessIds = ballots.map(() => randomUUID());
    await m.query(
      `INSERT INTO ballot_access (id, ballot_id, token_hash, holder_name, holder_email, holder_role)
       SELECT a.id, a.ballot_id, a.hash, mb.secretary_name, mb.secretary_email, 'secretary'
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS a(id, ballot_id, hash)
         JOIN ballot b ON b.id = a.ballot_id JOIN members_directory mb ON mb.id = b.member_id`,
      [accessIds, ballots.map((b) => b.id), accessIds.map(hashFor)],
    );
    return ballots.length;
  }

  async insertAccess(ballotId: string, holder: { name: string; email: string; role: VoterRole }, hashFor: (id: string) => string): Promise<string> {
    const id = randomUUID();
    await this.tx
      .manager()
      .query(`INSERT INTO ballot_access (id, ballot_id, token_hash, holder_name, holder_email, holder_role) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        ballotId,
        hashFor(id),
        holder.name,
        holder.email.toLowerCase(),
        holder.role,
      ]);
    return id;
  }

  /**
   * The link behind a token's hash (or an access id the caller resolved before), with its ballot,
   * member, frozen weight and the consultation's phase, in one statement. With `lock`, the access row
   * is share-locked for the rest of the transaction: a revocation in flight (an UPDATE of that row) is
   * waited for and then seen, and one that comes later waits for this transaction.
   */
  async findLink(by: { tokenHash: string } | { accessId: string }, lock = false): Promise<BallotLink | null> {
    const rows = await this.tx.manager().query<BallotLink[]>(
      `SELECT a.id AS "accessId", a.ballot_id AS "ballotId", a.holder_name AS "holderName", a.holder_email AS "holderEmail",
              a.holder_role AS "holderRole", a.revoked_at AS "revokedAt", b.consultation_id AS "consultationId",
              b.member_id AS "memberId", m.cbs_code AS "memberCode", m.name AS "memberName", w.weight, w.inhabitants,
              c.title AS "consultationTitle", c.kind AS "consultationKind", c.reference AS "consultationReference",
              c.status, c.voting_deadline AS "votingDeadline", c.voting_closed_at AS "votingClosedAt"
         FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN members_directory m ON m.id = b.member_id
         JOIN consultations_member_weight w ON w.consultation_id = b.consultation_id AND w.member_id = b.member_id
         JOIN consultations_phase c ON c.id = b.consultation_id
        WHERE ${'tokenHash' in by ? 'a.token_hash' : 'a.id'} = $1${lock ? ' FOR SHARE OF a' : ''}`,
      ['tokenHash' in by ? by.tokenHash : by.accessId],
    );
    return rows[0] ?? null;
  }

  /** Another member's live link held by this e-mail address in the same consultation, if any. */
  async findHolderElsewhere(consultationId: string, memberId: string, email: string): Promise<string | null> {
    const rows = await this.tx.manager().query<{ name: string }[]>(
      `SELECT m.name FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN members_directory m ON m.id = b.member_id
        WHERE b.consultation_id = $1 AND b.member_id <> $2 AND lower(a.holder_email) = lower($3) AND a.revoked_at IS NULL LIMIT 1`,
      [consultationId, memberId, email],
    );
    return rows[0]?.name ?? null;
  }

  /**
   * For a delegation: locks the ballot and holds the consultation open as a vote does (a shared
   * advisory lock that closing takes exclusively), then reads the phase as it is now.
   */
  async holdVotingOpen(ballotId: string, consultationId: string): Promise<{ status: ConsultationPhase; votingDeadline: Date; votingClosedAt: Date | null }> {
    const m = this.tx.manager();
    await m.query(`SELECT id FROM ballot WHERE id = $1 FOR UPDATE`, [ballotId]);
    await m.query(`SELECT pg_advisory_xact_lock_shared(${VOTES_LOCK_NAMESPACE}, hashtext($1))`, [`votes:${consultationId}`]);
    const [consultation] = await m.query<{ status: ConsultationPhase; voting_deadline: Date; voting_closed_at: Date | null }[]>(
      `SELECT status, voting_deadline, voting_closed_at FROM consultations_phase WHERE id = $1`,
      [consultationId],
    );
    return { status: consultation.status, votingDeadline: consultation.voting_deadline, votingClosedAt: consultation.voting_closed_at };
  }

  /**
   * For closing, in its transaction before it locks the consultation: waits for the votes in flight
   * to commit and makes later ones wait until the closing has committed (they then see it closed).
   */
  async holdVotes(consultationId: string): Promise<void> {
    await this.tx.manager().query(`SELECT pg_advisory_xact_lock(${VOTES_LOCK_NAMESPACE}, hashtext($1))`, [`votes:${consultationId}`]);
  }

  /** One vote, one statement (migration 1764700000000-cast-ballot): see `CAST_BALLOT_SQL`. */
  async castBallot(input: CastBallotInput): Promise<CastOutcome> {
    const [row] = await this.tx
      .manager()
      .query<{ outcome: CastOutcome }[]>(CAST_BALLOT_SQL, [
        input.tokenHash ?? null,
        input.accessId ?? null,
        input.consultationId ?? null,
        input.voterName,
        input.voterRole,
        input.receivedAt,
        input.receiptCode,
        input.answers.map((a) => a.proposalId),
        input.answers.map((a) => a.choiceId),
      ]);
    return row.outcome;
  }

  /** A returned paper ballot in one statement (migration 1765000000000-paper-ballots): see `CAST_PAPER_BALLOT_SQL`. */
  async castPaperBallot(input: CastPaperBallotInput): Promise<CastOutcome> {
    const [row] = await this.tx
      .manager()
      .query<{ outcome: CastOutcome }[]>(CAST_PAPER_BALLOT_SQL, [
        input.consultationId,
        input.memberId,
        input.reference,
        input.recordedBy,
        input.voterName,
        input.voterRole,
        input.receivedAt,
        input.receiptCode,
        input.answers.map((a) => a.proposalId),
        input.answers.map((a) => a.choiceId),
      ]);
    return row.outcome;
  }

  /** Every ballot of a consultation (or one member's) with its paper reference and how its current vote came in. */
  async paperBallots(consultationId: string, memberId?: string): Promise<PaperBallotRow[]> {
    return this.tx.manager().query(
      `SELECT b.id AS "ballotId", b.member_id AS "memberId", m.cbs_code AS "memberCode", m.name AS "memberName", w.weight, w.inhabitants,
              m.cbs_code || '-' || b.paper_code AS reference,
              (SELECT a.holder_name FROM ballot_access a WHERE a.ballot_id = b.id AND a.holder_role = 'secretary' AND a.revoked_at IS NULL
                ORDER BY a.created_at DESC LIMIT 1) AS "secretaryName",
              (SELECT s.channel FROM ballot_submission s WHERE s.ballot_id = b.id ORDER BY s.seq DESC LIMIT 1) AS "votedBy"
         FROM ballot b JOIN members_directory m ON m.id = b.member_id
         JOIN consultations_member_weight w ON w.consultation_id = b.consultation_id AND w.member_id = b.member_id
        WHERE b.consultation_id = $1 AND ($2::uuid IS NULL OR b.member_id = $2)
        ORDER BY m.name, m.cbs_code`,
      [consultationId, memberId ?? null],
    );
  }

  /** The submission that counts now for a member, as the bureau may see it while voting is open: who, when, how; never the choices. */
  async currentSubmissionOf(consultationId: string, memberId: string): Promise<CurrentSubmission | null> {
    const [row] = await this.tx.manager().query<CurrentSubmission[]>(
      `SELECT s.receipt_code AS "receiptCode", s.received_at AS "receivedAt", s.voter_name AS "voterName", s.voter_role AS "voterRole",
              s.channel, s.recorded_by AS "recordedBy"
         FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id
        WHERE b.consultation_id = $1 AND b.member_id = $2 ORDER BY s.seq DESC LIMIT 1`,
      [consultationId, memberId],
    );
    return row ?? null;
  }

  /** The live links of a ballot held by officials it was passed to (not the secretary's), oldest first. */
  async delegatedHolders(ballotId: string): Promise<{ name: string; email: string; role: VoterRole; createdAt: Date }[]> {
    return this.tx.manager().query(
      `SELECT holder_name AS name, holder_email AS email, holder_role AS role, created_at AS "createdAt"
         FROM ballot_access WHERE ballot_id = $1 AND holder_role <> 'secretary' AND revoked_at IS NULL ORDER BY created_at, id`,
      [ballotId],
    );
  }

  /** Every submission of a ballot, newest first; the first is the one that counts. */
  async submissionsOf(ballotId: string): Promise<SubmissionRow[]> {
    return this.tx.manager().query(
      `SELECT s.id, s.receipt_code AS "receiptCode", s.received_at AS "receivedAt", s.voter_name AS "voterName",
              s.voter_role AS "voterRole", s.channel,
              coalesce(json_agg(json_build_object('proposalId', a.proposal_id, 'choiceId', a.choice_id)) FILTER (WHERE a.proposal_id IS NOT NULL), '[]') AS answers
         FROM ballot_submission s LEFT JOIN submission_answer a ON a.submission_id = s.id
        WHERE s.ballot_id = $1 GROUP BY s.id ORDER BY s.seq DESC`,
      [ballotId],
    );
  }

  /** Live links of the secretaries of a consultation (the invitation mail and the demo use them). */
  async secretaryAccesses(consultationId: string, memberId?: string): Promise<SecretaryAccess[]> {
    return this.tx.manager().query(
      `SELECT a.id AS "accessId", b.member_id AS "memberId", m.cbs_code AS "memberCode", m.name AS "memberName",
              w.weight, w.inhabitants, a.holder_name AS "holderName", a.holder_email AS "holderEmail",
              EXISTS (SELECT 1 FROM ballot_submission s WHERE s.ballot_id = b.id) AS voted
         FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN members_directory m ON m.id = b.member_id
         JOIN consultations_member_weight w ON w.consultation_id = b.consultation_id AND w.member_id = b.member_id
        WHERE b.consultation_id = $1 AND a.holder_role = 'secretary' AND a.revoked_at IS NULL AND ($2::uuid IS NULL OR b.member_id = $2)
        ORDER BY m.cbs_code`,
      [consultationId, memberId ?? null],
    );
  }

  async findReceipt(code: string): Promise<ReceiptRow | null> {
    const [row] = await this.tx.manager().query<ReceiptRow[]>(
      `SELECT m.name AS member, m.cbs_code AS "memberCode", b.consultation_id AS "consultationId", s.received_at AS "receivedAt",
              s.seq = (SELECT max(seq) FROM ballot_submission WHERE ballot_id = s.ballot_id) AS counts
         FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id JOIN members_directory m ON m.id = b.member_id
        WHERE s.receipt_code = $1`,
      [code],
    );
    return row ?? null;
  }

  async ballotIdsOf(consultationId: string): Promise<string[]> {
    const rows = await this.tx.manager().query<{ id: string }[]>(`SELECT id FROM ballot WHERE consultation_id = $1`, [consultationId]);
    return rows.map((r) => r.id);
  }

  async findBallot(consultationId: string, memberId: string): Promise<{ id: string } | null> {
    const [row] = await this.tx
      .manager()
      .query<{ id: string }[]>(`SELECT id FROM ballot WHERE consultation_id = $1 AND member_id = $2`, [consultationId, memberId]);
    return row ?? null;
  }

  /** Revokes every live link of a ballot; returns their ids. */
  async revokeAllOf(ballotId: string, reason: string): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [{ id: string }[], number] = await this.tx
      .manager()
      .query(`UPDATE ballot_access SET revoked_at = now(), revoked_reason = $2 WHERE ballot_id = $1 AND revoked_at IS NULL RETURNING id`, [ballotId, reason]);
    return rows.map((r) => r.id);
  }
}
