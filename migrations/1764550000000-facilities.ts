import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collective facilities (samen organiseren): the catalogue with phase, what joining means, terms and
 * tariff; memberships signed by a member official with the terms as they stood; users per year for
 * tariffs by band of users.
 */
export class Facilities1764550000000 implements MigrationInterface {
  name = 'Facilities1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        description text NOT NULL,
        phase text NOT NULL CHECK (phase IN ('initiative', 'development', 'scaling', 'management')),
        joining_it text NOT NULL,
        joining_process text NOT NULL,
        joining_staff text NOT NULL,
        conditions text NOT NULL,
        term_years integer NOT NULL CHECK (term_years BETWEEN 1 AND 10),
        notice_months integer NOT NULL CHECK (notice_months BETWEEN 0 AND 24),
        exit_cost_cents bigint NOT NULL CHECK (exit_cost_cents >= 0),
        tariff jsonb NOT NULL,
        terms_version integer NOT NULL DEFAULT 1 CHECK (terms_version > 0),
        yearly_costs_cents bigint NOT NULL DEFAULT 0 CHECK (yearly_costs_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE facility_membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facility(id),
        member_id uuid NOT NULL REFERENCES member(id),
        joined_on date NOT NULL,
        signed_by uuid NOT NULL REFERENCES staff_account(id),
        signed_by_name text NOT NULL,
        signed_at timestamptz NOT NULL,
        terms jsonb NOT NULL,
        notice_given_on date,
        last_day date,
        CHECK ((notice_given_on IS NULL) = (last_day IS NULL)),
        CHECK (last_day IS NULL OR last_day >= joined_on)
      )`);
    // One membership without an end per facility and member; the service also refuses a new one before the old ends.
    await q.query(`CREATE UNIQUE INDEX facility_membership_live ON facility_membership (facility_id, member_id) WHERE last_day IS NULL`);
    await q.query(`CREATE INDEX facility_membership_member ON facility_membership (member_id)`);
    await q.query(`
      CREATE TABLE facility_usage (
        membership_id uuid NOT NULL REFERENCES facility_membership(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        users integer NOT NULL CHECK (users >= 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (membership_id, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE facility_usage`);
    await q.query(`DROP TABLE facility_membership`);
    await q.query(`DROP TABLE facility`);
  }
}
