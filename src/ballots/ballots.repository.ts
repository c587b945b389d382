import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Transactions } from '../platform/database/transactions';
import type { ConsultationStatus } from '../consultations/consultation-phase';
import { VoterRole } from './dto/submit-ballot.dto';

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
  answers: { proposalId: string; choiceId: string }[];
}

@Injectable()
export class BallotsRepository {
  constructor(private readonly tx: Transactions) {}

  /** Issues one ballot per weighted member and a secret link for its secretary; returns the access ids. */
  async issueForWeightedMembers(consultationId: string, hashFor: (accessId: string) => string): Promise<number> {
    const m = this.tx.manager();
    const ballots: { id: string }[] = await m.query(
      `INSERT INTO ballot (consultation_id, member_id) SELECT consultation_id, member_id FROM consultation_weight
        WHERE consultation_id = $1 ON CONFLICT DO NOTHING RETURNING id`,
      [consultationId],
    );
    const accessIds = ballots.map(() => randomUUID());
    await m.query(
      `INSERT INTO ballot_access (id, ballot_id, token_hash, holder_name, holder_email, holder_role)
       SELECT a.id, a.ballot_id, a.hash, mb.secretary_name, mb.secretary_email, 'secretary'
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS a(id, ballot_id, hash)
         JOIN ballot b ON b.id = a.ballot_id JOIN member mb ON mb.id = b.member_id`,
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
   * With `lock`, the access row is share-locked for the rest of the transaction: a revocation in flight
   * (an UPDATE of that row) is waited for and then seen, and one that comes later waits for this vote.
   */
  async findAccessByTokenHash(tokenHash: string, lock = false): Promise<BallotAccessRow | null> {
    const rows = await this.tx.manager().query(
      `SELECT a.id AS "accessId", a.ballot_id AS "ballotId", a.holder_name AS "holderName", a.holder_email AS "holderEmail",
              a.holder_role AS "holderRole", a.revoked_at AS "revokedAt", b.consultation_id AS "consultationId",
              b.member_id AS "memberId", m.cbs_code AS "memberCode", m.name AS "memberName", w.weight, w.inhabitants
         FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
         JOIN consultation_weight w ON w.consultation_id = b.consultation_id AND w.member_id = b.member_id
        WHERE a.token_hash = $1${lock ? ' FOR SHARE OF a' : ''}`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Another member's live link held by this e-mail address in the same consultation, if any. */
  async findHolderElsewhere(consultationId: string, memberId: string, email: string): Promise<string | null> {
    const rows = await this.tx.manager().query(
      `SELECT m.name FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
        WHERE b.consultation_id = $1 AND b.member_id <> $2 AND lower(a.holder_email) = lower($3) AND a.revoked_at IS NULL LIMIT 1`,
      [consultationId, memberId, email],
    );
    return rows[0]?.name ?? null;
  }

  /**
   * Locks the ballot (so that two submissions of one ballot are ordered) and shares the consultation
   * row (so that closing the vote waits for submissions in flight). Returns status and deadline.
   */
  async lockForSubmission(
    ballotId: string,
    consultationId: string,
  ): Promise<{ status: ConsultationStatus; votingDeadline: Date; votingClosedAt: Date | null }> {
    const m = this.tx.manager();
    const [consultation] = await m.query(`SELECT status, voting_deadline, voting_closed_at FROM consultation WHERE id = $1 FOR SHARE`, [consultationId]);
    await m.query(`SELECT id FROM ballot WHERE id = $1 FOR UPDATE`, [ballotId]);
    return { status: consultation.status, votingDeadline: consultation.voting_deadline, votingClosedAt: consultation.voting_closed_at };
  }

  async insertSubmission(input: {
    ballotId: string;
    accessId: string;
    voterName: string;
    voterRole: VoterRole;
    receivedAt: Date;
    receiptCode: string;
    answers: { proposalId: string; choiceId: string }[];
  }): Promise<string> {
    const m = this.tx.manager();
    const [{ id }] = await m.query(
      `INSERT INTO ballot_submission (ballot_id, access_id, voter_name, voter_role, received_at, receipt_code)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.ballotId, input.accessId, input.voterName, input.voterRole, input.receivedAt, input.receiptCode],
    );
    await m.query(`INSERT INTO submission_answer (submission_id, proposal_id, choice_id) SELECT $1, p, c FROM unnest($2::uuid[], $3::uuid[]) AS a(p, c)`, [
      id,
      input.answers.map((a) => a.proposalId),
      input.answers.map((a) => a.choiceId),
    ]);
    return id;
  }

  /** Every submission of a ballot, newest first; the first is the one that counts. */
  async submissionsOf(ballotId: string): Promise<SubmissionRow[]> {
    return this.tx.manager().query(
      `SELECT s.id, s.receipt_code AS "receiptCode", s.received_at AS "receivedAt", s.voter_name AS "voterName",
              s.voter_role AS "voterRole",
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
         FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
         JOIN consultation_weight w ON w.consultation_id = b.consultation_id AND w.member_id = b.member_id
        WHERE b.consultation_id = $1 AND a.holder_role = 'secretary' AND a.revoked_at IS NULL AND ($2::uuid IS NULL OR b.member_id = $2)
        ORDER BY m.cbs_code`,
      [consultationId, memberId ?? null],
    );
  }

  async findReceipt(code: string): Promise<{ member: string; receivedAt: Date; counts: boolean } | null> {
    const [row] = await this.tx.manager().query(
      `SELECT m.name AS member, s.received_at AS "receivedAt",
              s.seq = (SELECT max(seq) FROM ballot_submission WHERE ballot_id = s.ballot_id) AS counts
         FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id JOIN member m ON m.id = b.member_id
        WHERE s.receipt_code = $1`,
      [code],
    );
    return row ?? null;
  }

  async findBallot(consultationId: string, memberId: string): Promise<{ id: string } | null> {
    const [row] = await this.tx.manager().query(`SELECT id FROM ballot WHERE consultation_id = $1 AND member_id = $2`, [consultationId, memberId]);
    return row ?? null;
  }

  async isLive(accessId: string): Promise<boolean> {
    const [row] = await this.tx.manager().query(`SELECT revoked_at FROM ballot_access WHERE id = $1`, [accessId]);
    return !!row && row.revoked_at === null;
  }

  async revokeAllOf(ballotId: string, reason: string): Promise<void> {
    await this.tx
      .manager()
      .query(`UPDATE ballot_access SET revoked_at = now(), revoked_reason = $2 WHERE ballot_id = $1 AND revoked_at IS NULL`, [ballotId, reason]);
  }
}
