import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';

/** The weighted count of one choice: how many members chose it and their weight. */
export interface ChoiceCount {
  choiceId: string;
  members: number;
  weight: number;
}

/** A member's vote that counts, with its answers by id (the service names them from the proposals). */
export interface NamedVoteRow {
  memberCode: string;
  memberName: string;
  weight: number;
  voterName: string;
  voterRole: string;
  /** online, or a paper ballot the bureau recorded on the member's behalf */
  channel: 'online' | 'paper';
  answers: { proposalId: string; choiceId: string }[];
}

// The tallies own only published_result. Votes, weights and names come from the other modules' published
// views (README, Architecture): ballots_current_submission and ballots_submission_answer (migration
// 1766120000000), consultations_member_weight (1766110000000) and members_directory (1766100000000).
// Filtering ballots_current_submission on consultation_id reads that consultation's submissions only.

// The current submission of every member (or of the members the condition on m selects) with its answers.
const namedVotesSql = (memberCondition: string) => `
  SELECT m.cbs_code AS "memberCode", m.name AS "memberName", w.weight, v.voter_name AS "voterName", v.voter_role AS "voterRole", v.channel,
         json_agg(json_build_object('proposalId', a.proposal_id, 'choiceId', a.choice_id)) AS answers
    FROM ballots_current_submission v JOIN members_directory m ON m.id = v.member_id
    JOIN consultations_member_weight w ON w.consultation_id = v.consultation_id AND w.member_id = v.member_id
    JOIN ballots_submission_answer a ON a.submission_id = v.submission_id
   WHERE v.consultation_id = $1 AND ${memberCondition}
   GROUP BY m.cbs_code, m.name, w.weight, v.voter_name, v.voter_role, v.channel
   ORDER BY m.name, m.cbs_code`;

/** Tallies are aggregate queries: ballots are never loaded one by one. */
@Injectable()
export class TalliesRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * The weighted count per choice, in one aggregate over the current submissions' answers. The current
   * submissions are used once, so PostgreSQL runs the statement in parallel; a second use of them (for
   * the turnout) would make it materialise them and run the whole tally on one core. The service takes
   * the turnout from these counts (see TalliesService.compute). Only choices someone chose have a count.
   */
  async choiceCounts(consultationId: string): Promise<ChoiceCount[]> {
    const rows = await this.tx.manager().query<{ choiceId: string; members: number; weight: string }[]>(
      `SELECT a.choice_id AS "choiceId", count(*)::int AS members, sum(w.weight)::bigint AS weight
         FROM ballots_current_submission v
         JOIN ballots_submission_answer a ON a.submission_id = v.submission_id
         JOIN consultations_member_weight w ON w.consultation_id = v.consultation_id AND w.member_id = v.member_id
        WHERE v.consultation_id = $1
        GROUP BY a.choice_id`,
      [consultationId],
    );
    return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
  }

  async eligible(consultationId: string): Promise<{ members: number; weight: number }> {
    const [row] = await this.tx
      .manager()
      .query<{ members: number; weight: string }[]>(
        `SELECT count(*)::int AS members, coalesce(sum(weight), 0)::bigint AS weight FROM consultations_member_weight WHERE consultation_id = $1`,
        [consultationId],
      );
    return { members: row.members, weight: Number(row.weight) };
  }

  async turnout(consultationId: string): Promise<{ members: number; weight: number }> {
    const [row] = await this.tx.manager().query<{ members: number; weight: string }[]>(
      `SELECT count(*)::int AS members, coalesce(sum(w.weight), 0)::bigint AS weight
         FROM ballots_current_submission v
         JOIN consultations_member_weight w ON w.consultation_id = v.consultation_id AND w.member_id = v.member_id
        WHERE v.consultation_id = $1`,
      [consultationId],
    );
    return { members: row.members, weight: Number(row.weight) };
  }

  /** Who cast the current vote of each member, and when; not the choices. */
  async voters(
    consultationId: string,
  ): Promise<{ memberCode: string; memberName: string; weight: number; voterName: string; voterRole: string; receivedAt: Date }[]> {
    return this.tx.manager().query(
      `SELECT m.cbs_code AS "memberCode", m.name AS "memberName", w.weight, v.voter_name AS "voterName", v.voter_role AS "voterRole", v.received_at AS "receivedAt"
         FROM ballots_current_submission v JOIN members_directory m ON m.id = v.member_id
         JOIN consultations_member_weight w ON w.consultation_id = v.consultation_id AND w.member_id = v.member_id
        WHERE v.consultation_id = $1
        ORDER BY m.name`,
      [consultationId],
    );
  }

  /** How each member voted (published with the result when votes are open), by name; one page when asked. */
  async namedVotes(consultationId: string, page?: { offset: number; limit: number }): Promise<NamedVoteRow[]> {
    return this.tx
      .manager()
      .query(`${namedVotesSql('$2::text IS NULL')} ${page ? 'LIMIT $3 OFFSET $4' : ''}`, [consultationId, null, ...(page ? [page.limit, page.offset] : [])]);
  }

  /** How one member voted (its submission that counts), or null when it did not vote. */
  async namedVoteOf(consultationId: string, memberCode: string): Promise<NamedVoteRow | null> {
    const [row] = await this.tx.manager().query<NamedVoteRow[]>(namedVotesSql('m.cbs_code = $2'), [consultationId, memberCode]);
    return row ?? null;
  }

  async insertPublished(
    rows: { proposalId: string; consultationId: string; outcome: string; adoptedChoiceId: string | null; tally: object }[],
    publishedAt: Date,
  ): Promise<void> {
    for (const row of rows) {
      await this.tx
        .manager()
        .query(`INSERT INTO published_result (proposal_id, consultation_id, outcome, adopted_choice_id, tally, published_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
          row.proposalId,
          row.consultationId,
          row.outcome,
          row.adoptedChoiceId,
          JSON.stringify(row.tally),
          publishedAt,
        ]);
    }
  }

  async published(consultationId: string): Promise<{ proposalId: string; tally: object; publishedAt: Date }[]> {
    return this.tx.manager().query(
      // In the proposals' order: each frozen tally names its proposal's number (numbers are frozen with the final proposals).
      `SELECT r.proposal_id AS "proposalId", r.tally, r.published_at AS "publishedAt"
         FROM published_result r WHERE r.consultation_id = $1 ORDER BY (r.tally->>'number')::int`,
      [consultationId],
    );
  }
}
