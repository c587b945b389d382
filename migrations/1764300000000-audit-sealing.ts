import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence without a global lock. Writers append audit entries freely (no trigger, no lock);
 * the worker seals them into the hash chain in order, one sealer at a time, within about a second.
 * A sealed entry never changes; an unsealed one may only receive its seal (chain_seq, prev_hash,
 * hash), never a change of content. Nothing may be deleted.
 */
export class AuditSealing1764300000000 implements MigrationInterface {
  name = 'AuditSealing1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN chain_seq DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE hash IS NULL`);

    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit_event is append-only: DELETE refused' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.hash IS NOT NULL OR NEW.hash IS NULL
           OR (NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.subject_type, NEW.subject_id, NEW.details)
              IS DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor, OLD.action, OLD.subject_type, OLD.subject_id, OLD.details) THEN
          RAISE EXCEPTION 'audit_event is append-only: UPDATE refused' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`);

    // Seals up to max_entries unsealed entries, in id order, after the last sealed one. Only one
    // sealer at a time (a try-lock that no writer takes); returns how many it sealed.
    await q.query(`
      CREATE FUNCTION seal_audit_events(max_entries int) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE last audit_event; r audit_event; n int := 0; seq bigint; prev text;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(727274002) THEN
          RETURN 0;
        END IF;
        SELECT * INTO last FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
        seq := coalesce(last.chain_seq, 0);
        prev := coalesce(last.hash, 'genesis');
        FOR r IN SELECT * FROM audit_event WHERE hash IS NULL ORDER BY id LIMIT max_entries FOR UPDATE LOOP
          seq := seq + 1;
          r.chain_seq := seq;
          r.prev_hash := prev;
          r.hash := encode(sha256(convert_to(prev || '|' || audit_entry_text(r), 'UTF8')), 'hex');
          UPDATE audit_event SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          prev := r.hash;
          n := n + 1;
        END LOOP;
        RETURN n;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT seal_audit_events(2147483647)`);
    await q.query(`DROP FUNCTION seal_audit_events(int)`);
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_guard()`);
    await q.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`DROP INDEX audit_event_unsealed`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
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
  }
}
