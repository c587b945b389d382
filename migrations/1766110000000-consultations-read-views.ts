import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consultations module's published read contract (README, Architecture), for the modules below
 * it that cannot ask ConsultationsService without a folder cycle (consultations calls them):
 *
 * - `consultations_phase`: a consultation's identity, phase and deadlines. Amendments share-lock it
 *   for their window (`FOR SHARE` on the view locks the consultation row, so publishing the final
 *   proposals waits for a submission in flight, as before); a ballot link reads its phase; finance
 *   reads the vote behind a figure and share-locks the phase while it applies an effect.
 * - `consultations_member_weight`: the register of voting weights, frozen when voting opens. Ballots
 *   issue one ballot per weighted member from it, and the tallies sum it over a million answers in
 *   one statement.
 *
 * Both are plain projections: PostgreSQL inlines them, so a query through them plans exactly as one
 * on the tables. Their columns keep their names and meaning; consultations may change its tables
 * behind them, with a migration that keeps the views answering the same.
 */
export class ConsultationsReadViews1766110000000 implements MigrationInterface {
  name = 'ConsultationsReadViews1766110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW consultations_phase AS
      SELECT id, kind, title, reference, status, reference_date, amendment_deadline, voting_deadline, voting_closed_at FROM consultation`);
    await q.query(`COMMENT ON VIEW consultations_phase IS 'consultations'' published read contract: a consultation''s identity, phase and deadlines (migration 1766110000000)'`);
    await q.query(`
      CREATE VIEW consultations_member_weight AS
      SELECT consultation_id, member_id, inhabitants, weight FROM consultation_weight`);
    await q.query(
      `COMMENT ON VIEW consultations_member_weight IS 'consultations'' published read contract: each member''s voting weight, frozen when voting opens (migration 1766110000000)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW consultations_member_weight`);
    await q.query(`DROP VIEW consultations_phase`);
  }
}
