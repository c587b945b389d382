import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import {
  auth,
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  inDays,
  OpenConsultation,
  openConsultation,
  secretaryTokens,
  vote,
} from './support/factories';
import { until } from './support/wait';

async function count(db: DataSource, table: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('refusals: every bad input is a 4xx that names the field and writes nothing', () => {
  let t: TestApp;
  let db: DataSource;
  let schemeId: string;
  let c: OpenConsultation;
  let other: OpenConsultation;
  let tokens: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    schemeId = await createScheme(t, EXAMPLE_TABLE);
    const proposals = [
      { title: 'Voorstel A', questionType: 'for_against' },
      { title: 'Voorstel B', questionType: 'for_against' },
    ];
    c = await openConsultation(t, schemeId, proposals);
    other = await openConsultation(t, schemeId, [{ title: 'Ander voorstel', questionType: 'for_against' }]);
    tokens = await secretaryTokens(t, c.id);
  });
  afterAll(() => t.close());

  const allFor = () => [choiceOf(c, 1, 'for'), choiceOf(c, 2, 'for')];

  describe('ballots', () => {
    it('a wrong token is refused', async () => {
      const res = await vote(t, c.id, 'x'.repeat(43), allFor()).expect(401);
      expect(res.body.message).toContain('ballot link is not valid');
    });

    it('a token of another consultation is refused', async () => {
      const otherToken = (await secretaryTokens(t, other.id)).get('GM0363')!;
      const res = await vote(t, c.id, otherToken, allFor()).expect(403);
      expect(res.body.message).toContain('another consultation');
    });

    it('a revoked token is refused', async () => {
      const token = tokens.get('GM0599')!;
      await db.query(
        `UPDATE ballot_access SET revoked_at = now() WHERE id IN (
        SELECT a.id FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
         WHERE b.consultation_id = $1 AND m.cbs_code = 'GM0599')`,
        [c.id],
      );
      const res = await vote(t, c.id, token, allFor()).expect(403);
      expect(res.body.error).toBe('LINK_REVOKED');
    });

    it("a link revoked while the vote is on its way cannot vote: the token is resolved inside the vote's transaction", async () => {
      const token = tokens.get('GM0088')!;
      const before = await count(db, 'ballot_submission');
      const revoker = new Client({ connectionString: t.env.DATABASE_URL });
      await revoker.connect();
      try {
        await revoker.query('BEGIN');
        await revoker.query(
          `UPDATE ballot_access SET revoked_at = now(), revoked_reason = 'reissued' WHERE id IN (
          SELECT a.id FROM ballot_access a JOIN ballot b ON b.id = a.ballot_id JOIN member m ON m.id = b.member_id
           WHERE b.consultation_id = $1 AND m.cbs_code = 'GM0088')`,
          [c.id],
        );
        let answered = false;
        const pending = vote(t, c.id, token, allFor()).then((res) => {
          answered = true;
          return res;
        });
        // The vote waits for the revocation's row lock (or, without the lock, answers at once).
        await until(
          async () =>
            answered ||
            (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n > 0,
        );
        await revoker.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(403);
        expect(res.body.error).toBe('LINK_REVOKED');
      } finally {
        await revoker.end();
      }
      expect(await count(db, 'ballot_submission')).toBe(before);
    });

    it('a vote that skips a question names the missing proposal', async () => {
      const before = await count(db, 'ballot_submission');
      const res = await vote(t, c.id, tokens.get('GM0363')!, [choiceOf(c, 1, 'for')]).expect(400);
      expect(res.body.errors).toEqual([{ field: 'answers', rule: 'every proposal must be answered; missing: proposal 2' }]);
      expect(await count(db, 'ballot_submission')).toBe(before);
    });

    it('a vote with an unknown choice or a choice of another proposal is refused', async () => {
      const wrong = { proposalId: choiceOf(c, 1, 'for').proposalId, choiceId: choiceOf(c, 2, 'for').choiceId };
      const res = await vote(t, c.id, tokens.get('GM0363')!, [wrong, choiceOf(c, 2, 'for')]).expect(400);
      expect(res.body.errors[0]).toEqual({ field: 'answers[0].choiceId', rule: 'is not a choice of proposal 1' });
      expect(await count(db, 'submission_answer')).toBe(0);
    });

    it('a payload of the wrong shape names each field', async () => {
      const res = await t
        .http()
        .post(`/api/consultations/${c.id}/ballot/submissions`)
        .set('X-Ballot-Token', tokens.get('GM0363')!)
        .send({ voterName: '', voterRole: 'mayor', answers: [{ proposalId: 'nope' }], extra: 1 })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['voterName', 'voterRole', 'answers[0].proposalId', 'answers[0].choiceId', 'extra']));
      expect(await count(db, 'ballot_submission')).toBe(0);
    });

    it('malformed JSON is a 400 in the one error shape, not a 500', async () => {
      const res = await t
        .http()
        .post(`/api/consultations/${c.id}/ballot/submissions`)
        .set('X-Ballot-Token', tokens.get('GM0363')!)
        .set('Content-Type', 'application/json')
        .send('{"voterName": ')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'INVALID_INPUT' });
      expect(res.body.message).toMatch(/^request body: /);
    });

    it('a vote one second before the deadline counts; one second after is refused and recorded', async () => {
      await db.query(`UPDATE consultation SET voting_deadline = clock_timestamp() + interval '1 second' WHERE id = $1`, [c.id]);
      await vote(t, c.id, tokens.get('GM0489')!, allFor()).expect(201);
      // The deadline has passed but the closing job has not run: the vote's own transaction refuses.
      await db.query(`UPDATE consultation SET voting_deadline = clock_timestamp() - interval '1 second' WHERE id = $1`, [c.id]);
      const res = await vote(t, c.id, tokens.get('GM0498')!, allFor()).expect(409);
      expect(res.body.error).toBe('VOTING_CLOSED');
      expect(res.body.message).toMatch(/was not counted/);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ballot.refused_late' AND details->>'member' = 'GM0498'`);
      expect(n).toBe(1);
      expect(await count(db, 'ballot_submission')).toBe(1);
    });
  });

  describe('consultations and proposals', () => {
    const valid = () => ({ kind: 'alv', title: 'ALV', referenceDate: '2020-06-30', weightingSchemeId: schemeId, votingDeadline: inDays(10) });

    it('a deadline in the past is refused', async () => {
      const before = await count(db, 'consultation');
      const res = await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ ...valid(), votingDeadline: '2020-06-26T12:00' })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'votingDeadline', rule: 'must be in the future' }]);
      expect(await count(db, 'consultation')).toBe(before);
    });

    it('an impossible deadline is refused, not moved to 2 March or to January of the next year', async () => {
      const base = { kind: 'alv', title: 'ALV', referenceDate: '2020-06-30', weightingSchemeId: schemeId };
      const before = await count(db, 'consultation');
      for (const votingDeadline of ['2099-02-30T12:00', '2099-13-01T12:00', '2099-06-01T24:00', '2099-02-29T12:00:00+01:00']) {
        const res = await t
          .http()
          .post('/api/consultations')
          .set(auth(t))
          .send({ ...base, votingDeadline })
          .expect(400);
        expect(res.body.errors).toEqual([
          {
            field: 'votingDeadline',
            rule: 'votingDeadline must be a date-time that exists, like 2020-06-26T12:00 (Europe/Amsterdam) or an ISO instant with offset',
          },
        ]);
      }
      const reference = await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ ...base, referenceDate: '2026-02-30', votingDeadline: '2099-02-28T12:00' })
        .expect(400);
      expect(reference.body.errors).toEqual([{ field: 'referenceDate', rule: 'referenceDate must be a date YYYY-MM-DD that exists in the calendar' }]);
      expect(await count(db, 'consultation')).toBe(before);
      const extend = await t.http().post(`/api/consultations/${c.id}/extend-voting`).set(auth(t)).send({ votingDeadline: '2099-02-30T12:00' }).expect(400);
      expect(extend.body.errors[0].field).toBe('votingDeadline');
    });

    it('deadlines in the wrong order are refused', async () => {
      const res = await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ ...valid(), amendmentDeadline: inDays(11) })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'amendmentDeadline', rule: 'must be before votingDeadline' }]);
    });

    it('an unknown weighting scheme or kind is refused', async () => {
      const res = await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ ...valid(), kind: 'picnic', weightingSchemeId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
      const res2 = await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ ...valid(), weightingSchemeId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(res2.body.errors).toEqual([{ field: 'weightingSchemeId', rule: 'is not a known weighting scheme' }]);
    });

    it('a question without choices is refused', async () => {
      const created = await t.http().post('/api/consultations').set(auth(t)).send(valid()).expect(201);
      const before = await count(db, 'proposal');
      const res = await t
        .http()
        .post(`/api/consultations/${created.body.id}/proposals`)
        .set(auth(t))
        .send({ title: 'Contributie', questionType: 'alternatives', variants: [] })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'variants', rule: 'a question with alternatives needs at least two variants' }]);
      expect(await count(db, 'proposal')).toBe(before);
      const bad = await t
        .http()
        .post(`/api/consultations/${created.body.id}/proposals`)
        .set(auth(t))
        .send({ title: 'Statuten', questionType: 'for_against', rule: { threshold: { numerator: 3, denominator: 2, comparison: 'at_least' } } })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('rule.threshold');
    });

    it('phases only move forward along legal transitions', async () => {
      const created = await t.http().post('/api/consultations').set(auth(t)).send(valid()).expect(201);
      const res = await t.http().post(`/api/consultations/${created.body.id}/open-voting`).set(auth(t)).expect(409);
      expect(res.body.error).toBe('ILLEGAL_TRANSITION');
      const empty = await t.http().post(`/api/consultations/${created.body.id}/publish-final-proposals`).set(auth(t)).expect(400);
      expect(empty.body.errors[0].field).toBe('proposals');
      await t.http().post(`/api/consultations/${c.id}/proposals`).set(auth(t)).send({ title: 'Te laat', questionType: 'for_against' }).expect(409);
    });

    it('a draft is not public', async () => {
      const created = await t.http().post('/api/consultations').set(auth(t)).send(valid()).expect(201);
      await t.http().get(`/api/public/consultations/${created.body.id}`).expect(404);
    });
  });

  describe('the member register', () => {
    const member = () => ({
      cbsCode: 'GM1979',
      name: 'Eemsdelta',
      secretaryName: 'Secretaris',
      secretaryEmail: 'secretaris@eemsdelta.example',
      joinedOn: '2021-01-01',
      inhabitants: { referenceDate: '2021-01-01', inhabitants: 45578, source: 'CBS' },
    });

    it('a duplicate CBS code is refused', async () => {
      const res = await t
        .http()
        .post('/api/members')
        .set(auth(t))
        .send({ ...member(), cbsCode: 'GM0363' })
        .expect(409);
      expect(res.body.errors).toEqual([{ field: 'cbsCode', rule: 'must be unique' }]);
    });

    it('negative, missing or fractional inhabitants and a bad code are refused', async () => {
      const before = await count(db, 'member');
      const neg = await t
        .http()
        .post('/api/members')
        .set(auth(t))
        .send({ ...member(), inhabitants: { ...member().inhabitants, inhabitants: -5 } })
        .expect(400);
      expect(neg.body.errors).toEqual([{ field: 'inhabitants.inhabitants', rule: 'inhabitants must not be negative' }]);
      const missing = await t
        .http()
        .post('/api/members')
        .set(auth(t))
        .send({ ...member(), inhabitants: { referenceDate: '2021-01-01', source: 'CBS' } })
        .expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('inhabitants.inhabitants');
      const code = await t
        .http()
        .post('/api/members')
        .set(auth(t))
        .send({ ...member(), cbsCode: '1979' })
        .expect(400);
      expect(code.body.errors[0]).toEqual({ field: 'cbsCode', rule: 'cbsCode must be a CBS municipality code: GM followed by 4 digits' });
      expect(await count(db, 'member')).toBe(before);
    });

    it('an unknown member is a 404', async () => {
      await t.http().get('/api/members/00000000-0000-4000-8000-000000000000').set(auth(t)).expect(404);
      const res = await t.http().get('/api/members/not-a-uuid').set(auth(t)).expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', rule: 'must be a UUID' }]);
    });

    const badCsv =
      'code;name;inhabitants\nGM0363;Amsterdam;869710\nGM9999;Nergens;100\nXX0001;;1\nGM0599;Rotterdam;-3\nGM0489;Barendrecht;\nGM0363;Amsterdam;1';

    it('a dry run reports refused rows with their reasons and fields', async () => {
      const res = await t
        .http()
        .post('/api/members/import')
        .set(auth(t))
        .send({ referenceDate: '2020-06-30', source: 'test', csv: badCsv, dryRun: true })
        .expect(200);
      expect(res.body.changed).toEqual([{ line: 2, code: 'GM0363', changes: { inhabitants: { from: 869709, to: 869710 } } }]);
      expect(res.body.refused).toEqual([
        { line: 3, code: 'GM9999', field: 'secretary_name', reason: 'unknown member: a new member needs secretary_name and a valid secretary_email' },
        { line: 4, code: 'XX0001', field: 'code', reason: 'code must be a CBS municipality code: GM followed by 4 digits' },
        { line: 4, code: 'XX0001', field: 'name', reason: 'name is missing' },
        { line: 5, code: 'GM0599', field: 'inhabitants', reason: 'inhabitants must not be negative' },
        { line: 6, code: 'GM0489', field: 'inhabitants', reason: 'inhabitants is missing' },
        { line: 7, code: 'GM0363', field: 'code', reason: 'code appears more than once in this file' },
      ]);
    });

    it('a file with refused rows imports not at all: 422 naming every line and field, nothing written, nothing audited', async () => {
      const before = { members: await count(db, 'member'), counts: await count(db, 'inhabitant_count'), audit: await count(db, 'audit_event') };
      const csv = `${badCsv}\nGM1979;Eemsdelta;45578\nGM1980;Nieuw;10;;Secretaris;geen-adres`.replace(
        'code;name;inhabitants',
        'code;name;inhabitants;province;secretary_name;secretary_email',
      );
      const res = await t.http().post('/api/members/import').set(auth(t)).send({ referenceDate: '2020-06-30', source: 'test', csv, dryRun: false }).expect(422);
      expect(res.body.error).toBe('IMPORT_REFUSED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'csv line 3 secretary_name',
        'csv line 4 code',
        'csv line 4 name',
        'csv line 5 inhabitants',
        'csv line 6 inhabitants',
        'csv line 7 code',
        'csv line 8 secretary_name',
        'csv line 9 secretary_email',
      ]);
      expect(res.body.message).toContain('nothing imported');
      expect({ members: await count(db, 'member'), counts: await count(db, 'inhabitant_count'), audit: await count(db, 'audit_event') }).toEqual(before);
      const [{ n }] = await db.query(
        `SELECT inhabitants AS n FROM inhabitant_count i JOIN member m ON m.id = i.member_id WHERE m.cbs_code = 'GM0363' AND reference_date = '2020-06-30'`,
      );
      expect(n).toBe(869709);
    });

    it('impossible dates are refused, not shifted to another day', async () => {
      const on = await t.http().get('/api/members?on=2026-02-30').set(auth(t)).expect(400);
      expect(on.body.errors).toEqual([{ field: 'on', rule: 'must be a date YYYY-MM-DD that exists in the calendar' }]);
      const joined = await t
        .http()
        .post('/api/members')
        .set(auth(t))
        .send({ ...member(), joinedOn: '2026-13-01' })
        .expect(400);
      expect(joined.body.errors).toEqual([{ field: 'joinedOn', rule: 'joinedOn must be a date YYYY-MM-DD that exists in the calendar' }]);
    });

    it('exports the register as CSV', async () => {
      const res = await t.http().get('/api/members/export?on=2020-06-30').set(auth(t)).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.text.split('\n')[0]).toBe('code;name;inhabitants;reference_date;province;secretary_name;secretary_email');
      expect(res.text).toContain('GM0088;Schiermonnikoog;953;2020-06-30;');
    });
  });

  describe('board actions need a signed-in board account', () => {
    it('refuses them without a session or with a wrong password', async () => {
      await t.http().get('/api/consultations').expect(401);
      await t.http().post(`/api/consultations/${c.id}/close-voting`).expect(401);
      await t.http().post('/api/members/import').send({}).expect(401);
      await t.http().post('/api/auth/sign-in').send({ email: 'bestuur@test.example', password: 'fout' }).expect(401);
    });

    it('signing out ends the session', async () => {
      const { body } = await t.http().post('/api/auth/sign-in').send({ email: 'bestuur@test.example', password: 'test-wachtwoord-2020' }).expect(200);
      await t.http().get('/api/consultations').set('Authorization', `Bearer ${body.token}`).expect(200);
      await t.http().post('/api/auth/sign-out').set('Authorization', `Bearer ${body.token}`).expect(204);
      await t.http().get('/api/consultations').set('Authorization', `Bearer ${body.token}`).expect(401);
    });
  });
});
