import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice names what within its charge source it charges (the subscription arrangement), so the
 * arrangement's dissolution finds and credits exactly its own invoices. Null for sources with one
 * arrangement (contribution, collective fund, facilities).
 */
export class InvoiceSourceReference1764950000000 implements MigrationInterface {
  name = 'InvoiceSourceReference1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice ADD COLUMN source_reference text`);
    await q.query(`CREATE INDEX invoice_by_source_reference ON invoice (source_key, source_reference) WHERE source_reference IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoice DROP COLUMN source_reference`);
  }
}
