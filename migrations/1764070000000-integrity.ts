import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence: the audit trail becomes an append-only hash chain, and submitted votes and
 * published results refuse UPDATE and DELETE in the database itself, whoever asks.
 * Vote secrecy becomes a setting per consultation.
 */
export class Integrity1764070000000 implements MigrationInterface {
  name = 'Integrity1764070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    // The canonical text of an entry: what the hash covers. verify recomputes exactly this.
    await q.query(`
      CREATE FUNCTION audit_entry_text(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws('|', e.chain_seq::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                         e.actor, e.action, e.subject_type, e.subject_id, e.details::text)
      $$`);
    // Entries already present are chained in id order.
    await q.query(`
      DO $$
      DECLARE r audit_event; prev text := 'genesis'; n bigint := 0;
      BEGIN
        FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
          n := n + 1;
          r.chain_seq := n; r.prev_hash := prev;
          r.hash := encode(sha256(convert_to(prev || '|' || audit_entry_text(r), 'UTF8')), 'hex');
          UPDATE audit_event SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          prev := r.hash;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX audit_event_chain ON audit_event (chain_seq)`);
    // Each new entry takes the chain's lock until its transaction ends, so the chain has one order.
    await q.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last audit_event;
      BEGIN
        PERFORM pg_advisory_xact_lock(727274001);
        SELECT * INTO last FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
        NEW.prev_hash := coalesce(last.hash, 'genesis');
        NEW.occurred_at := clock_timestamp();
        NEW.hash := encode(sha256(convert_to(NEW.prev_hash || '|' || audit_entry_text(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);

    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    for (const table of ['audit_event', 'ballot_submission', 'submission_answer', 'published_result']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }

    await q.query(`ALTER TABLE consultation ADD COLUMN secrecy text NOT NULL DEFAULT 'open' CHECK (secrecy IN ('open', 'confidential'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation DROP COLUMN secrecy`);
    for (const table of ['audit_event', 'ballot_submission', 'submission_answer', 'published_result']) {
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    }
    await q.query(`DROP FUNCTION refuse_change()`);
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`DROP INDEX audit_event_chain`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash`);
    await q.query(`DROP FUNCTION audit_entry_text(audit_event)`);
  }
}
