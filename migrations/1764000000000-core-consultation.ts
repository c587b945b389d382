import { MigrationInterface, QueryRunner } from 'typeorm';

/** The core of a weighted member consultation: register, schemes, consultations, ballots, tallies, audit, outbox. */
export class CoreConsultation1764000000000 implements MigrationInterface {
  name = 'CoreConsultation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('administrator', 'board', 'clerk', 'auditor')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE staff_session (
        token_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES staff_account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);

    // ledenregister
    await q.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cbs_code text NOT NULL UNIQUE CHECK (cbs_code ~ '^GM[0-9]{4}$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        province text,
        secretary_name text NOT NULL,
        secretary_email text NOT NULL CHECK (secretary_email LIKE '%_@_%'),
        joined_on date NOT NULL,
        left_on date,
        merged_into_id uuid REFERENCES member(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (left_on IS NULL OR left_on > joined_on),
        CHECK (merged_into_id IS NULL OR left_on IS NOT NULL),
        CHECK (merged_into_id IS NULL OR merged_into_id <> id)
      )`);
    // inwoners per peildatum
    await q.query(`
      CREATE TABLE inhabitant_count (
        member_id uuid NOT NULL REFERENCES member(id),
        reference_date date NOT NULL,
        inhabitants integer NOT NULL CHECK (inhabitants >= 0),
        source text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, reference_date)
      )`);

    await q.query(`
      CREATE TABLE weighting_scheme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        definition jsonb NOT NULL CHECK (definition ? 'kind'),
        source text NOT NULL,
        effective_from date NOT NULL,
        is_example boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE consultation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('alv', 'balv', 'ledenraadpleging')),
        title text NOT NULL CHECK (btrim(title) <> ''),
        reference text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'amendments_open',
          'final_proposals_published', 'voting_open', 'voting_closed', 'results_published', 'ratified', 'not_ratified')),
        reference_date date NOT NULL,
        weighting_scheme_id uuid NOT NULL REFERENCES weighting_scheme(id),
        amendment_deadline timestamptz,
        voting_deadline timestamptz NOT NULL,
        voting_opened_at timestamptz,
        voting_closed_at timestamptz,
        results_published_at timestamptz,
        ratified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (amendment_deadline IS NULL OR amendment_deadline < voting_deadline)
      )`);

    // stemgewichten: frozen when voting opens
    await q.query(`
      CREATE TABLE consultation_weight (
        consultation_id uuid NOT NULL REFERENCES consultation(id),
        member_id uuid NOT NULL REFERENCES member(id),
        inhabitants integer NOT NULL CHECK (inhabitants >= 0),
        weight integer NOT NULL CHECK (weight >= 0),
        PRIMARY KEY (consultation_id, member_id)
      )`);

    await q.query(`
      CREATE TABLE proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultation(id),
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (btrim(title) <> ''),
        summary text NOT NULL DEFAULT '',
        question_type text NOT NULL CHECK (question_type IN ('for_against', 'alternatives')),
        threshold_numerator integer NOT NULL,
        threshold_denominator integer NOT NULL,
        threshold_comparison text NOT NULL CHECK (threshold_comparison IN ('more_than', 'at_least')),
        quorum_numerator integer,
        quorum_denominator integer,
        double_majority boolean NOT NULL DEFAULT false,
        ratifies_consultation_id uuid REFERENCES consultation(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consultation_id, number),
        CHECK (threshold_numerator > 0 AND threshold_denominator > 0 AND threshold_numerator < threshold_denominator),
        CHECK ((quorum_numerator IS NULL) = (quorum_denominator IS NULL)),
        CHECK (quorum_numerator IS NULL OR (quorum_numerator > 0 AND quorum_denominator > 0 AND quorum_numerator <= quorum_denominator)),
        CHECK (ratifies_consultation_id IS NULL OR ratifies_consultation_id <> consultation_id)
      )`);
    await q.query(`
      CREATE TABLE choice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        label text NOT NULL CHECK (btrim(label) <> ''),
        kind text NOT NULL CHECK (kind IN ('for', 'variant', 'against', 'abstain')),
        UNIQUE (proposal_id, position),
        UNIQUE (proposal_id, id)
      )`);

    // stemformulier: one per member per consultation
    await q.query(`
      CREATE TABLE ballot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL,
        member_id uuid NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consultation_id, member_id),
        FOREIGN KEY (consultation_id, member_id) REFERENCES consultation_weight(consultation_id, member_id)
      )`);
    // A secret link to a ballot, held by the secretary or an official the ballot was passed to.
    await q.query(`
      CREATE TABLE ballot_access (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ballot_id uuid NOT NULL REFERENCES ballot(id),
        token_hash text NOT NULL UNIQUE,
        holder_name text NOT NULL CHECK (btrim(holder_name) <> ''),
        holder_email text NOT NULL,
        holder_role text NOT NULL CHECK (holder_role IN ('secretary', 'executive', 'council_member', 'clerk')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE UNIQUE INDEX ballot_access_one_live_link_per_holder ON ballot_access (ballot_id, lower(holder_email)) WHERE revoked_at IS NULL`);
    // Append-only: a later submission of the same ballot replaces the earlier one in the tally.
    await q.query(`
      CREATE TABLE ballot_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        ballot_id uuid NOT NULL REFERENCES ballot(id),
        access_id uuid NOT NULL REFERENCES ballot_access(id),
        voter_name text NOT NULL CHECK (btrim(voter_name) <> ''),
        voter_role text NOT NULL CHECK (voter_role IN ('secretary', 'executive', 'council_member', 'clerk')),
        received_at timestamptz NOT NULL,
        receipt_code text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX ballot_submission_latest ON ballot_submission (ballot_id, seq DESC)`);
    await q.query(`
      CREATE TABLE submission_answer (
        submission_id uuid NOT NULL REFERENCES ballot_submission(id),
        proposal_id uuid NOT NULL,
        choice_id uuid NOT NULL,
        PRIMARY KEY (submission_id, proposal_id),
        FOREIGN KEY (proposal_id, choice_id) REFERENCES choice(proposal_id, id)
      )`);
    await q.query(`CREATE INDEX submission_answer_choice ON submission_answer (choice_id)`);

    // uitslag: frozen at publication
    await q.query(`
      CREATE TABLE published_result (
        proposal_id uuid PRIMARY KEY REFERENCES proposal(id),
        consultation_id uuid NOT NULL REFERENCES consultation(id),
        outcome text NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'no_quorum', 'tie_between_variants')),
        adopted_choice_id uuid REFERENCES choice(id),
        tally jsonb NOT NULL,
        published_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_event_subject ON audit_event (subject_type, subject_id)`);

    // Transactional outbox: jobs are written with the state change and relayed to BullMQ after commit.
    await q.query(`
      CREATE TABLE outbox_job (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        job_id text NOT NULL UNIQUE,
        data jsonb NOT NULL,
        run_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_job_pending ON outbox_job (id) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_job', 'audit_event', 'published_result', 'submission_answer', 'ballot_submission',
      'ballot_access', 'ballot', 'choice', 'proposal', 'consultation_weight', 'consultation', 'weighting_scheme',
      'inhabitant_count', 'member', 'staff_session', 'staff_account']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
