import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions followed up: an adopted motion or resolution becomes a decision with its asks (verzoeken
 * aan het bestuur), each with a status and dated progress; and the member letter "Stand van zaken
 * moties en resoluties", drafted, edited and published by the board. Proposals get a kind, so that a
 * resolution (resolutie) is known as one when its vote is published.
 */
export class Decisions1764500000000 implements MigrationInterface {
  name = 'Decisions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal ADD COLUMN kind text NOT NULL DEFAULT 'proposal' CHECK (kind IN ('proposal', 'resolution'))`);
    await q.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('motion', 'resolution')),
        reference text NOT NULL CHECK (btrim(reference) <> ''),
        title text NOT NULL CHECK (btrim(title) <> ''),
        text text NOT NULL CHECK (btrim(text) <> ''),
        submitters text,
        adopted_on date NOT NULL,
        adopted_at text NOT NULL CHECK (btrim(adopted_at) <> ''),
        adopted_share text,
        consultation_id uuid REFERENCES consultation(id),
        proposal_id uuid UNIQUE REFERENCES proposal(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((consultation_id IS NULL) = (proposal_id IS NULL)),
        UNIQUE (consultation_id, reference)
      )`);
    // Motion references restart in every consultation; those the board records by hand are unique among themselves.
    await q.query(`CREATE UNIQUE INDEX decision_recorded_reference ON decision (reference) WHERE consultation_id IS NULL`);
    await q.query(`
      CREATE TABLE decision_ask (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES decision(id),
        position integer NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (btrim(text) <> ''),
        due_date date,
        due_for text CHECK (due_for IS NULL OR btrim(due_for) <> ''),
        owner text CHECK (owner IS NULL OR btrim(owner) <> ''),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'not_achievable')),
        status_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (decision_id, position),
        CHECK (status <> 'not_achievable' OR btrim(coalesce(status_reason, '')) <> '')
      )`);
    await q.query(`
      CREATE TABLE decision_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ask_id uuid NOT NULL REFERENCES decision_ask(id),
        happened_on date NOT NULL,
        text text NOT NULL CHECK (btrim(text) <> ''),
        status_from text NOT NULL,
        status_to text NOT NULL CHECK (status_to IN ('open', 'in_progress', 'done', 'not_achievable')),
        reason text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status_to <> 'not_achievable' OR btrim(coalesce(reason, '')) <> '')
      )`);
    await q.query(`CREATE INDEX decision_progress_ask ON decision_progress (ask_id, happened_on)`);
    // Progress is history: what the board reported stays as it was reported.
    await q.query(`CREATE TRIGGER decision_progress_append_only BEFORE UPDATE OR DELETE ON decision_progress FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TABLE decision_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (btrim(reference) <> ''),
        assembly text NOT NULL CHECK (btrim(assembly) <> ''),
        assembly_date date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        covers_from timestamptz,
        content jsonb NOT NULL,
        drafted_at timestamptz NOT NULL,
        drafted_by text NOT NULL,
        published_at timestamptz,
        published_by text,
        CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CHECK ((published_at IS NULL) = (published_by IS NULL))
      )`);
    // One letter per assembly; a published letter is what members received and never changes.
    await q.query(`CREATE UNIQUE INDEX decision_letter_assembly ON decision_letter (assembly_date)`);
    await q.query(`
      CREATE FUNCTION decision_letter_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'decision_letter % is published: % refused', OLD.reference, TG_OP USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER decision_letter_published_frozen BEFORE UPDATE OR DELETE ON decision_letter FOR EACH ROW EXECUTE FUNCTION decision_letter_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_letter`);
    await q.query(`DROP FUNCTION decision_letter_frozen()`);
    await q.query(`DROP TABLE decision_progress`);
    await q.query(`DROP TABLE decision_ask`);
    await q.query(`DROP TABLE decision`);
    await q.query(`ALTER TABLE proposal DROP COLUMN kind`);
  }
}
