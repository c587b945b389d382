import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A vote in one statement. `cast_ballot` does in one short transaction, without a round trip in
 * between, what a vote did in 13 statements: resolve the link (share-locking it, so a revocation in
 * flight is waited for and then seen) and lock its ballot (two submissions of one ballot run one
 * after the other); hold the consultation open with a *shared* advisory lock (closing takes it
 * exclusively, so it waits for the votes in flight, and votes never wait for each other); check the
 * phase and the deadline against the time the server received the vote; check the answers (exactly
 * one known choice per proposal); then write the submission, its answers, the receipt mail row, its
 * outbox job and the audit entry. Every refusal is an outcome, not an exception, so the caller can
 * name the field or the rule; nothing is written then.
 *
 * Mails whose ballot link was revoked before this migration are failed now: from here on a
 * revocation fails the link's queued mails in its own transaction, and the sender no longer asks.
 */
export class CastBallot1764700000000 implements MigrationInterface {
  name = 'CastBallot1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION cast_ballot(
        p_link_hash text, p_access_id uuid, p_consultation_id uuid,
        p_voter_name text, p_voter_role text, p_received_at timestamptz, p_receipt_code text,
        p_proposal_ids uuid[], p_choice_ids uuid[]
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        l record;
        c record;
        problem jsonb;
        missing int[];
        previous boolean;
        submission uuid := gen_random_uuid();
        mail uuid;
        received text := to_char(p_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      BEGIN
        -- The link (by its hash from the API, or the access the page resolved) and its ballot, locked.
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

        -- Closing takes this lock exclusively: it waits for the votes in flight, later votes wait for it
        -- and then (each statement here reads what was committed before it started) see the new phase.
        PERFORM pg_advisory_xact_lock_shared(19538, hashtext('votes:' || l.consultation_id));
        SELECT status, voting_deadline, voting_closed_at INTO c FROM consultation WHERE id = l.consultation_id;
        IF c.status IN ('draft', 'amendments_open', 'final_proposals_published') THEN
          RETURN jsonb_build_object('outcome', 'not_open');
        END IF;
        IF c.status <> 'voting_open' OR p_received_at >= c.voting_deadline THEN
          RETURN jsonb_build_object('outcome', 'closed', 'deadline', c.voting_deadline, 'closedAt', c.voting_closed_at,
            'ballotId', l.ballot_id, 'memberCode', l.cbs_code, 'holderRole', l.holder_role, 'holderEmail', l.holder_email);
        END IF;

        -- Exactly one known choice for every proposal: the first answer that does not fit, in order.
        SELECT jsonb_build_object('outcome', 'invalid', 'index', x.i - 1,
                 'rule', CASE WHEN x.number IS NULL THEN 'unknown_proposal' WHEN x.nth > 1 THEN 'answered_twice' ELSE 'unknown_choice' END,
                 'proposalNumber', x.number)
          INTO problem
          FROM (SELECT u.i, p.number, ch.id AS choice, count(*) OVER (PARTITION BY u.proposal_id ORDER BY u.i) AS nth
                  FROM unnest(p_proposal_ids, p_choice_ids) WITH ORDINALITY AS u(proposal_id, choice_id, i)
                  LEFT JOIN proposal p ON p.id = u.proposal_id AND p.consultation_id = l.consultation_id
                  LEFT JOIN choice ch ON ch.proposal_id = p.id AND ch.id = u.choice_id) x
         WHERE x.number IS NULL OR x.nth > 1 OR x.choice IS NULL
         ORDER BY x.i LIMIT 1;
        IF problem IS NOT NULL THEN
          RETURN problem;
        END IF;
        SELECT array_agg(p.number ORDER BY p.number) INTO missing
          FROM proposal p WHERE p.consultation_id = l.consultation_id AND p.id <> ALL (p_proposal_ids);
        IF missing IS NOT NULL THEN
          RETURN jsonb_build_object('outcome', 'invalid', 'rule', 'unanswered', 'missing', to_jsonb(missing));
        END IF;

        -- The vote: append-only, the latest submission of a ballot counts.
        previous := EXISTS (SELECT 1 FROM ballot_submission WHERE ballot_id = l.ballot_id);
        INSERT INTO ballot_submission (id, ballot_id, access_id, voter_name, voter_role, received_at, receipt_code)
        VALUES (submission, l.ballot_id, l.id, p_voter_name, p_voter_role, p_received_at, p_receipt_code);
        INSERT INTO submission_answer (submission_id, proposal_id, choice_id)
        SELECT submission, u.proposal_id, u.choice_id FROM unnest(p_proposal_ids, p_choice_ids) AS u(proposal_id, choice_id);

        -- The receipt names the code, never the choices; the worker renders and sends it.
        INSERT INTO mail_message (key, kind, to_address, template, context, member_id, consultation_id)
        VALUES ('receipt:' || submission, 'receipt', lower(l.holder_email), 'vote-receipt',
                jsonb_build_object('gemeente', l.member_name, 'stemmer', p_voter_name, 'ontvangstcode', p_receipt_code,
                                   'ontvangen', received, 'vervangt', previous),
                l.member_id, l.consultation_id)
        RETURNING id INTO mail;
        INSERT INTO outbox_job (queue, name, job_id, data, run_at)
        VALUES ('mail', 'send-mail', 'mail:' || mail, jsonb_build_object('mailId', mail), now());

        INSERT INTO audit_event (actor, action, subject_type, subject_id, details)
        VALUES ('ballot:' || l.cbs_code || ':' || l.holder_role || ':' || l.holder_email,
                CASE WHEN previous THEN 'ballot.resubmitted' ELSE 'ballot.submitted' END, 'ballot', l.ballot_id,
                jsonb_build_object('submissionId', submission, 'receiptCode', p_receipt_code, 'member', l.cbs_code,
                                   'voterName', p_voter_name, 'voterRole', p_voter_role, 'receivedAt', received));

        RETURN jsonb_build_object('outcome', 'counted', 'submissionId', submission, 'member', l.member_name, 'replaced', previous);
      END $$`);

    await q.query(`
      UPDATE mail_message m SET status = 'failed', last_error = 'the ballot link was revoked (reissued) before this mail left; not sent'
        FROM ballot_access a
       WHERE m.status = 'queued' AND m.context ? 'ballotAccessId' AND a.id = (m.context->>'ballotAccessId')::uuid AND a.revoked_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION cast_ballot(text, uuid, uuid, text, text, timestamptz, text, uuid[], uuid[])`);
  }
}
