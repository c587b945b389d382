import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendments and motions by members, the board's response, the versions of a proposal, and the frozen
 * "Definitieve voorstellen" letter.
 */
export class Amendments1764100000000 implements MigrationInterface {
  name = 'Amendments1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // The figure a proposal is about (e.g. the contribution increase of 3,9%), where it has one.
    await q.query(`ALTER TABLE proposal ADD COLUMN value_label text, ADD COLUMN value_kind text
      CHECK (value_kind IN ('percentage', 'amount_cents', 'integer')), ADD COLUMN value numeric,
      ADD COLUMN origin_motion_id uuid,
      ADD CONSTRAINT proposal_value_complete CHECK ((value_kind IS NULL) = (value IS NULL) AND (value_kind IS NULL) = (value_label IS NULL))`);
    await q.query(`
      CREATE TABLE proposal_version (
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        title text NOT NULL,
        summary text NOT NULL,
        value numeric,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, version)
      )`);
    await q.query(`INSERT INTO proposal_version (proposal_id, version, title, summary, value, reason)
      SELECT id, 1, title, summary, value, 'original' FROM proposal`);

    await q.query(`
      CREATE TABLE amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultation(id),
        proposal_id uuid REFERENCES proposal(id),
        kind text NOT NULL CHECK (kind IN ('amendment', 'motion')),
        reference text NOT NULL UNIQUE,
        member_id uuid NOT NULL REFERENCES member(id),
        submitted_by uuid NOT NULL REFERENCES staff_account(id),
        text text NOT NULL CHECK (btrim(text) <> ''),
        rationale text NOT NULL CHECK (btrim(rationale) <> ''),
        changed_value numeric,
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'withdrawn')),
        response text CHECK (response IN ('adopt', 'not_adopt', 'inadmissible', 'advise_adopt', 'advise_reject', 'advise_hold_over')),
        response_reasoning text,
        purport text,
        responded_at timestamptz,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        CHECK ((kind = 'amendment') = (proposal_id IS NOT NULL)),
        CHECK (kind = 'amendment' OR changed_value IS NULL),
        CHECK ((response IS NULL) = (responded_at IS NULL)),
        CHECK (response IS NULL OR btrim(coalesce(response_reasoning, '')) <> ''),
        CHECK (response IS NULL OR (kind = 'amendment') = (response IN ('adopt', 'not_adopt', 'inadmissible')))
      )`);
    await q.query(`CREATE INDEX amendment_consultation ON amendment (consultation_id, kind)`);
    await q.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_origin_motion FOREIGN KEY (origin_motion_id) REFERENCES amendment(id)`);
    await q.query(`
      CREATE TABLE amendment_cosponsor (
        amendment_id uuid NOT NULL REFERENCES amendment(id),
        member_id uuid NOT NULL REFERENCES member(id),
        confirmed_by uuid REFERENCES staff_account(id),
        confirmed_at timestamptz,
        PRIMARY KEY (amendment_id, member_id),
        CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL))
      )`);

    await q.query(`
      CREATE TABLE consultation_letter (
        consultation_id uuid PRIMARY KEY REFERENCES consultation(id),
        reference text NOT NULL,
        content jsonb NOT NULL,
        published_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE TRIGGER consultation_letter_append_only BEFORE UPDATE OR DELETE ON consultation_letter FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_letter`);
    await q.query(`DROP TABLE amendment_cosponsor`);
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_origin_motion`);
    await q.query(`DROP TABLE amendment`);
    await q.query(`DROP TABLE proposal_version`);
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_value_complete, DROP COLUMN value_label, DROP COLUMN value_kind, DROP COLUMN value, DROP COLUMN origin_motion_id`);
  }
}
