import { MigrationInterface, QueryRunner } from 'typeorm';
import { CastBallot1764700000000 } from './1764700000000-cast-ballot';

/**
 * Paper ballots (papieren stembiljetten). The bureau prints a ballot per member carrying its ballot
 * reference (the member's CBS code and a code of four characters, e.g. "GM0489-7KQ2": it names the
 * ballot, it is not the secret link) and records a returned, signed ballot on the member's behalf.
 *
 * - `ballot.paper_code`: the four characters of the reference, random per ballot (Crockford base32,
 *   no I, L, O, U). Not a secret: it lets the bureau check that the paper in hand is this
 *   consultation's ballot of this member, and catches a typo in the CBS code.
 * - `ballot_submission.channel` ('online' | 'paper') and `recorded_by` (the staff member who
 *   recorded a paper ballot); a paper submission has no ballot link (`access_id` is null).
 * - The vote itself keeps one path: `cast_ballot` (same signature, same outcomes; the API and the
 *   form) and the new `cast_paper_ballot` both end in `cast_submission`, which holds the rules of a
 *   vote: voting open at the time received (under the shared advisory lock that closing takes
 *   exclusively), exactly one known choice per proposal, append-only with the latest counting, the
 *   receipt mail (code only) and the audit entry. The receipt of a paper ballot goes to the
 *   member's secretary, so a paper vote the member did not send does not go unnoticed.
 */
export class PaperBallots1765000000000 implements MigrationInterface {
  name = 'PaperBallots1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION new_paper_code() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + floor(random() * 32)::int, 1), '') FROM generate_series(1, 4)
      $$`);
    // A volatile default: every existing ballot gets its own code.
    await q.query(`ALTER TABLE ballot ADD COLUMN paper_code text NOT NULL DEFAULT new_paper_code() CHECK (paper_code ~ '^[0-9A-HJKMNP-TV-Z]{4}$')`);

    await q.query(`
      ALTER TABLE ballot_submission
        ADD COLUMN channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper')),
        ADD COLUMN recorded_by text,
        ALTER COLUMN access_id DROP NOT NULL,
        ADD CONSTRAINT ballot_submission_channel_source CHECK (
          CASE channel WHEN 'online' THEN access_id IS NOT NULL AND recorded_by IS NULL
                       ELSE access_id IS NULL AND recorded_by IS NOT NULL AND btrim(recorded_by) <> '' END)`);

    await q.query(`DROP FUNCTION cast_ballot(text, uuid, uuid, text, text, timestamptz, text, uuid[], uuid[])`);

    // The rules of a vote, whoever brings it: the caller has found and locked the ballot.
    await q.query(`
      CREATE FUNCTION cast_submission(
        p_ballot_id uuid, p_access_id uuid, p_consultation_id uuid, p_member_id uuid, p_member_code text, p_member_name text,
        p_receipt_to text, p_actor text, p_channel text, p_recorded_by text,
        p_voter_name text, p_voter_role text, p_received_at timestamptz, p_receipt_code text,
        p_proposal_ids uuid[], p_choice_ids uuid[]
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        c record;
        problem jsonb;
        missing int[];
        previous boolean;
        submission uuid := gen_random_uuid();
        mail uuid;
        received text := to_char(p_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      BEGIN
        -- Closing takes this lock exclusively: it waits for the votes in flight, later votes wait for it
        -- and then (each statement here reads what was committed before it started) see the new phase.
        PERFORM pg_advisory_xact_lock_shared(19538, hashtext('votes:' || p_consultation_id));
        SELECT status, voting_deadline, voting_closed_at INTO c FROM consultation WHERE id = p_consultation_id;
        IF c.status IN ('draft', 'amendments_open', 'final_proposals_published') THEN
          RETURN jsonb_build_object('outcome', 'not_open');
        END IF;
        IF c.status <> 'voting_open' OR p_received_at >= c.voting_deadline THEN
          RETURN jsonb_build_object('outcome', 'closed', 'deadline', c.voting_deadline, 'closedAt', c.voting_closed_at,
            'ballotId', p_ballot_id, 'memberCode', p_member_code);
        END IF;

        -- Exactly one known choice for every proposal: the first answer that does not fit, in order.
        SELECT jsonb_build_object('outcome', 'invalid', 'index', x.i - 1,
                 'rule', CASE WHEN x.number IS NULL THEN 'unknown_proposal' WHEN x.nth > 1 THEN 'answered_twice' ELSE 'unknown_choice' END,
                 'proposalNumber', x.number)
          INTO problem
          FROM (SELECT u.i, p.number, ch.id AS choice, count(*) OVER (PARTITION BY u.proposal_id ORDER BY u.i) AS nth
                  FROM unnest(p_proposal_ids, p_choice_ids) WITH ORDINALITY AS u(proposal_id, choice_id, i)
                  LEFT JOIN proposal p ON p.id = u.proposal_id AND p.consultation_id = p_consultation_id
                  LEFT JOIN choice ch ON ch.proposal_id = p.id AND ch.id = u.choice_id) x
         WHERE x.number IS NULL OR x.nth > 1 OR x.choice IS NULL
         ORDER BY x.i LIMIT 1;
        IF problem IS NOT NULL THEN
          RETURN problem;
        END IF;
        SELECT array_agg(p.number ORDER BY p.number) INTO missing
          FROM proposal p WHERE p.consultation_id = p_consultation_id AND p.id <> ALL (p_proposal_ids);
        IF missing IS NOT NULL THEN
          RETURN jsonb_build_object('outcome', 'invalid', 'rule', 'unanswered', 'missing', to_jsonb(missing));
        END IF;

        -- The vote: append-only, the latest submission of a ballot counts, whichever channel brought it.
        previous := EXISTS (SELECT 1 FROM ballot_submission WHERE ballot_id = p_ballot_id);
        INSERT INTO ballot_submission (id, ballot_id, access_id, voter_name, voter_role, received_at, receipt_code, channel, recorded_by)
        VALUES (submission, p_ballot_id, p_access_id, p_voter_name, p_voter_role, p_received_at, p_receipt_code, p_channel, p_recorded_by);
        INSERT INTO submission_answer (submission_id, proposal_id, choice_id)
        SELECT submission, u.proposal_id, u.choice_id FROM unnest(p_proposal_ids, p_choice_ids) AS u(proposal_id, choice_id);

        -- The receipt names the code, never the choices; the worker renders and sends it.
        IF p_receipt_to IS NOT NULL THEN
          INSERT INTO mail_message (key, kind, to_address, template, context, member_id, consultation_id)
          VALUES ('receipt:' || submission, 'receipt', lower(p_receipt_to), 'vote-receipt',
                  jsonb_build_object('gemeente', p_member_name, 'stemmer', p_voter_name, 'ontvangstcode', p_receipt_code,
                                     'ontvangen', received, 'vervangt', previous, 'papier', p_channel = 'paper'),
                  p_member_id, p_consultation_id)
          RETURNING id INTO mail;
          INSERT INTO outbox_job (queue, name, job_id, data, run_at)
          VALUES ('mail', 'send-mail', 'mail:' || mail, jsonb_build_object('mailId', mail), now());
        END IF;

        INSERT INTO audit_event (actor, action, subject_type, subject_id, details)
        VALUES (p_actor, CASE WHEN previous THEN 'ballot.resubmitted' ELSE 'ballot.submitted' END, 'ballot', p_ballot_id,
                jsonb_build_object('submissionId', submission, 'receiptCode', p_receipt_code, 'member', p_member_code,
                                   'voterName', p_voter_name, 'voterRole', p_voter_role, 'receivedAt', received, 'channel', p_channel)
                || CASE WHEN p_recorded_by IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('recordedBy', p_recorded_by) END);

        RETURN jsonb_build_object('outcome', 'counted', 'submissionId', submission, 'member', p_member_name, 'memberId', p_member_id, 'replaced', previous);
      END $$`);

    // The online vote, as before (same signature and outcomes): by the link's hash (API) or id (form).
    await q.query(`
      CREATE FUNCTION cast_ballot(
        p_link_hash text, p_access_id uuid, p_consultation_id uuid,
        p_voter_name text, p_voter_role text, p_received_at timestamptz, p_receipt_code text,
        p_proposal_ids uuid[], p_choice_ids uuid[]
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        l record;
        result jsonb;
      BEGIN
        -- The link and its ballot, locked: a revocation in flight is waited for and then seen; two
        -- submissions of one ballot (online or on paper) run one after the other.
        IF p_link_hash IS NOT NULL THEN
          SELECT a.id, a.ballot_id, a.holder_email, a.holder_role, a.revoked_at, b.consultation_id, b.member_id, m.cbs_code, m.name AS member_name
            INTO l FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
           WHERE a.token_hash = p_link_hash FOR SHARE OF a FOR NO KEY UPDATE OF b;
        ELSE
          SELECT a.id, a.ballot_id, a.holder_email, a.holder_role, a.revoked_at, b.consultation_id, b.member_id, m.cbs_code, m.name AS member_name
            INTO l FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
           WHERE a.id = p_access_id FOR SHARE OF a FOR NO KEY UPDATE OF b;
        END IF;
        IF NOT FOUND THEN
          RETURN jsonb_build_object('outcome', 'unknown_link');
        END IF;
        IF l.revoked_at IS NOT NULL THEN
          RETURN jsonb_build_object('outcome', 'revoked');
        END IF;
        IF p_consultation_id IS NOT NULL AND l.consultation_id <> p_consultation_id THEN
          RETURN jsonb_build_object('outcome', 'other_consultation');
        END IF;
        result := cast_submission(l.ballot_id, l.id, l.consultation_id, l.member_id, l.cbs_code, l.member_name,
          l.holder_email, 'ballot:' || l.cbs_code || ':' || l.holder_role || ':' || l.holder_email, 'online', NULL,
          p_voter_name, p_voter_role, p_received_at, p_receipt_code, p_proposal_ids, p_choice_ids);
        IF result->>'outcome' = 'closed' THEN
          result := result || jsonb_build_object('holderRole', l.holder_role, 'holderEmail', l.holder_email);
        END IF;
        RETURN result;
      END $$`);

    // A returned paper ballot, recorded by staff: the member's ballot by its id or its reference.
    await q.query(`
      CREATE FUNCTION cast_paper_ballot(
        p_consultation_id uuid, p_member_id uuid, p_reference text, p_recorded_by text,
        p_voter_name text, p_voter_role text, p_received_at timestamptz, p_receipt_code text,
        p_proposal_ids uuid[], p_choice_ids uuid[]
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        l record;
        secretary text;
      BEGIN
        SELECT b.id AS ballot_id, b.member_id, m.cbs_code, m.name AS member_name
          INTO l FROM ballot b JOIN member m ON m.id = b.member_id
         WHERE b.consultation_id = p_consultation_id
           AND (p_member_id IS NULL OR b.member_id = p_member_id)
           AND (p_reference IS NULL OR m.cbs_code || '-' || b.paper_code = upper(p_reference))
           FOR NO KEY UPDATE OF b;
        IF NOT FOUND THEN
          RETURN jsonb_build_object('outcome', CASE WHEN p_reference IS NULL THEN 'unknown_ballot' ELSE 'wrong_reference' END);
        END IF;
        -- The receipt goes to the secretary's live link address (never the choices).
        SELECT holder_email INTO secretary FROM ballot_access
         WHERE ballot_id = l.ballot_id AND holder_role = 'secretary' AND revoked_at IS NULL
         ORDER BY created_at DESC LIMIT 1;
        RETURN cast_submission(l.ballot_id, NULL, p_consultation_id, l.member_id, l.cbs_code, l.member_name,
          secretary, p_recorded_by, 'paper', p_recorded_by,
          p_voter_name, p_voter_role, p_received_at, p_receipt_code, p_proposal_ids, p_choice_ids);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION cast_paper_ballot(uuid, uuid, text, text, text, text, timestamptz, text, uuid[], uuid[])`);
    await q.query(`DROP FUNCTION cast_ballot(text, uuid, uuid, text, text, timestamptz, text, uuid[], uuid[])`);
    await q.query(
      `DROP FUNCTION cast_submission(uuid, uuid, uuid, uuid, text, text, text, text, text, text, text, text, timestamptz, text, uuid[], uuid[])`,
    );
    // Refused while paper submissions exist (they have no link): they are votes and are never deleted.
    await q.query(`ALTER TABLE ballot_submission DROP CONSTRAINT ballot_submission_channel_source, ALTER COLUMN access_id SET NOT NULL`);
    await q.query(`ALTER TABLE ballot_submission DROP COLUMN channel, DROP COLUMN recorded_by`);
    await q.query(`ALTER TABLE ballot DROP COLUMN paper_code`);
    await q.query(`DROP FUNCTION new_paper_code()`);
    await new CastBallot1764700000000().up(q);
  }
}
