import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ballots module's published read contract (README, Architecture), for the tallies, which count
 * a million answers in one statement and so cannot ask BallotsService row by row:
 *
 * - `ballots_current_submission`: per ballot, the submission that counts (the latest received; all
 *   are kept, append-only), with its consultation, member, voter, channel and time. Written as "no
 *   later submission of the same ballot exists" rather than with DISTINCT ON: a filter on the
 *   consultation or the member reaches the tables, and PostgreSQL plans a parallel hash anti-join over
 *   a whole consultation and index probes for a small one. On 100,000 generated members with a million
 *   answers (the size of `npm run bench -- --only=tally`), the tally's weighted count through these
 *   views took 273 ms, the bench's bare aggregate on the tables 382 ms and the same count through a
 *   DISTINCT ON view 712 ms (EXPLAIN ANALYZE, best of 9 to 11 runs).
 * - `ballots_submission_answer`: every answer of every submission. Join it to
 *   `ballots_current_submission` on `submission_id` for the answers that count. Kept apart, so that a
 *   reader of the submissions alone (the turnout, who voted) does not pay for the answers.
 *
 * Their columns keep their names and meaning; ballots may change its tables behind them, with a
 * migration that keeps the views answering the same.
 */
export class BallotsReadViews1766120000000 implements MigrationInterface {
  name = 'BallotsReadViews1766120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW ballots_current_submission AS
      SELECT b.consultation_id, b.member_id, s.ballot_id, s.id AS submission_id, s.voter_name, s.voter_role, s.channel, s.received_at
        FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id
       WHERE NOT EXISTS (SELECT 1 FROM ballot_submission later WHERE later.ballot_id = s.ballot_id AND later.seq > s.seq)`);
    await q.query(
      `COMMENT ON VIEW ballots_current_submission IS 'ballots'' published read contract: per ballot, the submission that counts (migration 1766120000000)'`,
    );
    await q.query(`
      CREATE VIEW ballots_submission_answer AS
      SELECT submission_id, proposal_id, choice_id FROM submission_answer`);
    await q.query(
      `COMMENT ON VIEW ballots_submission_answer IS 'ballots'' published read contract: every answer of every submission; join ballots_current_submission for those that count (migration 1766120000000)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW ballots_submission_answer`);
    await q.query(`DROP VIEW ballots_current_submission`);
  }
}
