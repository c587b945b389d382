import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The social-domain subscriptions (abonnementen Kindertelefoon, Luisterend Oor, Vertrouwenswerk
 * Jeugd): an arrangement created by an adopted proposal, its providers with a budget and a tariff per
 * inhabitant per year, the board's indexations, one contract per member with its variant, the
 * members' signatures or refusals (kept unchangeable), and the answers of the poll of late members.
 */
export class Subscriptions1764900000000 implements MigrationInterface {
  name = 'Subscriptions1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_arrangement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (btrim(title) <> ''),
        reference text,
        decided_by_consultation_id uuid NOT NULL REFERENCES consultation(id),
        decided_by_proposal_id uuid NOT NULL UNIQUE REFERENCES proposal(id),
        reference_date date NOT NULL,
        first_year integer NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
        last_year integer NOT NULL CHECK (last_year BETWEEN 2000 AND 2100),
        signing_deadline timestamptz NOT NULL,
        first_invoice_date date NOT NULL,
        office_name text NOT NULL CHECK (btrim(office_name) <> ''),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dissolved')),
        dissolved_on date,
        dissolved_at timestamptz,
        dissolution_reason text,
        dissolved_by_proposal_id uuid REFERENCES proposal(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (last_year >= first_year),
        CHECK ((status = 'dissolved') = (dissolved_on IS NOT NULL AND dissolved_at IS NOT NULL AND btrim(coalesce(dissolution_reason, '')) <> ''))
      )`);
    await q.query(`
      CREATE TABLE subscription_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        arrangement_id uuid NOT NULL REFERENCES subscription_arrangement(id),
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{0,39}$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        service text NOT NULL CHECK (btrim(service) <> ''),
        position integer NOT NULL,
        taken_by_exempt boolean NOT NULL,
        UNIQUE (arrangement_id, code),
        UNIQUE (arrangement_id, position)
      )`);
    // Budgets in cents, tariffs per inhabitant in hundredths of a cent (44 ct = 4400).
    await q.query(`
      CREATE TABLE subscription_provider_year (
        provider_id uuid NOT NULL REFERENCES subscription_provider(id),
        year integer NOT NULL,
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
        tariff_hundredths_of_cent integer NOT NULL CHECK (tariff_hundredths_of_cent >= 0),
        PRIMARY KEY (provider_id, year)
      )`);
    await q.query(`
      CREATE TABLE subscription_office_year (
        arrangement_id uuid NOT NULL REFERENCES subscription_arrangement(id),
        year integer NOT NULL,
        cost_cents bigint NOT NULL CHECK (cost_cents >= 0),
        PRIMARY KEY (arrangement_id, year)
      )`);
    // One indexation per year; a negative one only when the board confirmed it explicitly.
    await q.query(`
      CREATE TABLE subscription_indexation (
        arrangement_id uuid NOT NULL REFERENCES subscription_arrangement(id),
        year integer NOT NULL,
        basis_points integer NOT NULL CHECK (basis_points > -10000 AND basis_points <= 10000),
        negative_confirmed boolean NOT NULL,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (arrangement_id, year),
        CHECK (basis_points >= 0 OR negative_confirmed)
      )`);
    await q.query(`CREATE TRIGGER subscription_indexation_append_only BEFORE UPDATE OR DELETE ON subscription_indexation FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TABLE subscription_contract (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        arrangement_id uuid NOT NULL REFERENCES subscription_arrangement(id),
        member_id uuid NOT NULL REFERENCES member(id),
        cbs_code text NOT NULL,
        member_name text NOT NULL,
        inhabitants integer NOT NULL CHECK (inhabitants >= 0),
        variant text NOT NULL CHECK (variant IN ('full', 'reduced')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'signed', 'refused', 'dissolved', 'lapsed')),
        answered_at timestamptz,
        ended_at timestamptz,
        UNIQUE (arrangement_id, member_id),
        CHECK ((status IN ('signed', 'refused', 'dissolved')) = (answered_at IS NOT NULL)),
        CHECK ((status IN ('dissolved', 'lapsed')) = (ended_at IS NOT NULL))
      )`);
    // The answer of a member official: one per contract (a second is refused), never changed.
    await q.query(`
      CREATE TABLE subscription_answer (
        contract_id uuid PRIMARY KEY REFERENCES subscription_contract(id),
        answer text NOT NULL CHECK (answer IN ('signed', 'refused')),
        account_id uuid NOT NULL REFERENCES staff_account(id),
        account_email text NOT NULL,
        signatory_name text NOT NULL CHECK (btrim(signatory_name) <> ''),
        signatory_role text NOT NULL CHECK (btrim(signatory_role) <> ''),
        variant text CHECK (variant IN ('full', 'reduced')),
        contract_text text,
        contract_text_sha256 text CHECK (contract_text_sha256 ~ '^[0-9a-f]{64}$'),
        refusal_reason text,
        answered_at timestamptz NOT NULL,
        CHECK ((answer = 'signed') = (variant IS NOT NULL AND contract_text IS NOT NULL AND contract_text_sha256 IS NOT NULL)),
        CHECK (answer = 'signed' OR btrim(coalesce(refusal_reason, '')) <> '')
      )`);
    await q.query(`CREATE TRIGGER subscription_answer_append_only BEFORE UPDATE OR DELETE ON subscription_answer FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER subscription_answer_no_truncate BEFORE TRUNCATE ON subscription_answer FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TABLE subscription_poll_answer (
        arrangement_id uuid NOT NULL REFERENCES subscription_arrangement(id),
        member_id uuid NOT NULL REFERENCES member(id),
        prefers_collective_funding boolean NOT NULL,
        expected_signing_date date,
        remark text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (arrangement_id, member_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['subscription_poll_answer', 'subscription_answer', 'subscription_contract', 'subscription_indexation', 'subscription_office_year', 'subscription_provider_year', 'subscription_provider', 'subscription_arrangement']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
