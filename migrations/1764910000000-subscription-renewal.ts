import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A later adopted proposal renews an arrangement: a new arrangement for the next term, with the same
 * providers at indexed tariffs, whose contracts the members sign again. At most one renewal per
 * arrangement; the term it renews is named, so the chain of terms can be followed.
 */
export class SubscriptionRenewal1764910000000 implements MigrationInterface {
  name = 'SubscriptionRenewal1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscription_arrangement ADD COLUMN renews_arrangement_id uuid UNIQUE REFERENCES subscription_arrangement(id),
      ADD CONSTRAINT subscription_arrangement_renews_other CHECK (renews_arrangement_id <> id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscription_arrangement DROP COLUMN renews_arrangement_id`);
  }
}
