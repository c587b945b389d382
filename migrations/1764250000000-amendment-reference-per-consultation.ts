import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendment and motion references (AM-2020-002-01, MO-2020-001) restart in every consultation, so they
 * are unique within one consultation, not across the table: a second consultation in the same year
 * was refused by the old index.
 */
export class AmendmentReferencePerConsultation1764250000000 implements MigrationInterface {
  name = 'AmendmentReferencePerConsultation1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE amendment DROP CONSTRAINT amendment_reference_key`);
    await q.query(`ALTER TABLE amendment ADD CONSTRAINT amendment_reference_per_consultation UNIQUE (consultation_id, reference)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE amendment DROP CONSTRAINT amendment_reference_per_consultation`);
    await q.query(`ALTER TABLE amendment ADD CONSTRAINT amendment_reference_key UNIQUE (reference)`);
  }
}
