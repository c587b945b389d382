import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing: yearly invoice runs per charge source (contribution, collective fund, later subscriptions
 * and facilities), invoices numbered without gaps per year, their explained lines and instalments, and
 * credit notes. The database refuses what must never happen: a second run for a year and source, a
 * member invoiced twice for a year and source, two invoices with one number, an invoice credited twice,
 * instalments of the wrong sign.
 */
export class Billing1764410000000 implements MigrationInterface {
  name = 'Billing1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        source_key text NOT NULL CHECK (source_key ~ '^[a-z][a-z0-9-]{1,40}$'),
        source_label text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
        instalments integer NOT NULL CHECK (instalments BETWEEN 1 AND 12),
        first_due_on date,
        basis text,
        invoice_count integer NOT NULL DEFAULT 0 CHECK (invoice_count >= 0),
        total_cents bigint NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
        error text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (year, source_key)
      )`);
    // The last number given per year; taken FOR UPDATE in the run's transaction, so a rollback gives it back.
    await q.query(`
      CREATE TABLE invoice_number_counter (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        last_number integer NOT NULL CHECK (last_number >= 0)
      )`);
    await q.query(`
      CREATE TABLE invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        sequence integer NOT NULL CHECK (sequence >= 1),
        number text NOT NULL UNIQUE,
        run_id uuid NOT NULL REFERENCES invoice_run (id),
        source_key text NOT NULL,
        member_id uuid NOT NULL REFERENCES member (id),
        member_code text NOT NULL,
        member_name text NOT NULL,
        addressee text NOT NULL,
        email text NOT NULL,
        issued_on date NOT NULL,
        total_cents bigint NOT NULL,
        credits_invoice_id uuid REFERENCES invoice (id),
        reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (year, sequence),
        CHECK ((kind = 'invoice' AND total_cents >= 0 AND credits_invoice_id IS NULL AND reason IS NULL)
            OR (kind = 'credit_note' AND total_cents <= 0 AND credits_invoice_id IS NOT NULL AND btrim(reason) <> ''))
      )`);
    await q.query(`CREATE UNIQUE INDEX invoice_once_per_member_year_source ON invoice (member_id, year, source_key) WHERE kind = 'invoice'`);
    await q.query(`CREATE UNIQUE INDEX invoice_credited_once ON invoice (credits_invoice_id) WHERE kind = 'credit_note'`);
    await q.query(`CREATE INDEX invoice_by_run ON invoice (run_id, sequence)`);
    await q.query(`
      CREATE TABLE invoice_line (
        invoice_id uuid NOT NULL REFERENCES invoice (id),
        position integer NOT NULL CHECK (position >= 1),
        description text NOT NULL,
        explanation text NOT NULL,
        amount_cents bigint NOT NULL,
        decided_by text,
        decided_by_path text,
        PRIMARY KEY (invoice_id, position)
      )`);
    await q.query(`
      CREATE TABLE invoice_instalment (
        invoice_id uuid NOT NULL REFERENCES invoice (id),
        number integer NOT NULL CHECK (number BETWEEN 1 AND 12),
        due_on date NOT NULL,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (invoice_id, number)
      )`);
    // Invoices are records for the bookkeeping: a figure that changes gets a credit note, never an edit.
    await q.query(`
      CREATE FUNCTION refuse_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'invoices, their lines and instalments are never changed or removed: credit them'; END $$`);
    for (const table of ['invoice', 'invoice_line', 'invoice_instalment']) {
      await q.query(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_invoice_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_instalment, invoice_line, invoice, invoice_number_counter, invoice_run`);
    await q.query(`DROP FUNCTION refuse_invoice_change()`);
  }
}
