import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The votes set the money: decision effects on proposals, contribution schedules per year with their
 * bands, and the collective fund (GGU) with its budgets, activities, spending authorisations and
 * spending. The database refuses what must never happen: negative amounts, two schedules in force
 * for one year, a rate outside its range.
 */
export class Finance1764400000000 implements MigrationInterface {
  name = 'Finance1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // The figure a ballot choice would set (3.9 for the board proposal, 2.9 for the amended one).
    await q.query(`ALTER TABLE choice ADD COLUMN value numeric`);

    await q.query(`
      CREATE TABLE fund_budget (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (btrim(title) <> ''),
        first_year integer NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
        last_year integer NOT NULL,
        reference_date date NOT NULL,
        members_on date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'provisional', 'adopted')),
        source text NOT NULL,
        stated_sums jsonb NOT NULL,
        corrections jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (last_year >= first_year AND last_year - first_year < 4)
      )`);
    await q.query(`
      CREATE TABLE fund_activity (
        budget_id uuid NOT NULL REFERENCES fund_budget(id),
        line integer NOT NULL CHECK (line > 0),
        name text NOT NULL CHECK (btrim(name) <> ''),
        compartment text NOT NULL CHECK (compartment IN ('management', 'structural_activities', 'innovation')),
        kind text NOT NULL CHECK (kind IN ('structural', 'incidental')),
        year integer NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (budget_id, line, year)
      )`);
    await q.query(`
      CREATE TABLE fund_authorisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NOT NULL REFERENCES fund_budget(id),
        year integer NOT NULL,
        compartment text NOT NULL CHECK (compartment IN ('management', 'structural_activities', 'innovation')),
        kind text NOT NULL CHECK (kind IN ('authorised', 'spent')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        description text NOT NULL CHECK (btrim(description) <> ''),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE decision_effect (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL UNIQUE REFERENCES proposal(id),
        kind text NOT NULL CHECK (kind IN ('contribution_raise', 'fund_budget')),
        year integer CHECK (year BETWEEN 2000 AND 2100),
        reference_date date,
        fund_budget_id uuid REFERENCES fund_budget(id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'provisional', 'definitive', 'not_applied', 'withdrawn')),
        outcome text,
        applied_choice_id uuid REFERENCES choice(id) ON DELETE SET NULL,
        applied_choice_label text,
        applied_value numeric,
        applied_at timestamptz,
        settled_at timestamptz,
        settled_by_proposal_id uuid REFERENCES proposal(id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'contribution_raise') = (year IS NOT NULL AND reference_date IS NOT NULL)),
        CHECK ((kind = 'fund_budget') = (fund_budget_id IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE contribution_schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        reference_date date NOT NULL,
        members_on date NOT NULL,
        band_mode text NOT NULL CHECK (band_mode IN ('whole_population', 'per_band')),
        rate_rounding text NOT NULL CHECK (rate_rounding IN ('cent_half_up', 'cent_down', 'hundredth_cent_half_up')),
        amount_rounding text NOT NULL CHECK (amount_rounding IN ('cent_half_up', 'cent_down')),
        status text NOT NULL CHECK (status IN ('provisional', 'adopted', 'superseded', 'withdrawn')),
        basis text NOT NULL CHECK (btrim(basis) <> ''),
        derived_from_id uuid REFERENCES contribution_schedule(id),
        raise_basis_points integer CHECK (raise_basis_points BETWEEN -5000 AND 5000),
        replaced_id uuid REFERENCES contribution_schedule(id),
        replaced_status text,
        decision_effect_id uuid REFERENCES decision_effect(id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((derived_from_id IS NULL) = (raise_basis_points IS NULL))
      )`);
    // One schedule in force per year.
    await q.query(`CREATE UNIQUE INDEX contribution_schedule_in_force ON contribution_schedule (year) WHERE status IN ('provisional', 'adopted')`);
    await q.query(`
      CREATE TABLE contribution_band (
        schedule_id uuid NOT NULL REFERENCES contribution_schedule(id),
        position integer NOT NULL CHECK (position > 0),
        from_inhabitants integer NOT NULL CHECK (from_inhabitants >= 0),
        rate_hundredth_cents bigint NOT NULL CHECK (rate_hundredth_cents > 0 AND rate_hundredth_cents <= 1000000),
        PRIMARY KEY (schedule_id, position),
        UNIQUE (schedule_id, from_inhabitants)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contribution_band`);
    await q.query(`DROP TABLE contribution_schedule`);
    await q.query(`DROP TABLE decision_effect`);
    await q.query(`DROP TABLE fund_authorisation`);
    await q.query(`DROP TABLE fund_activity`);
    await q.query(`DROP TABLE fund_budget`);
    await q.query(`ALTER TABLE choice DROP COLUMN value`);
  }
}
