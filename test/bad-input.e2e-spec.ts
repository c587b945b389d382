import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, FIVE_MEMBERS, importRegister, inDays, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';
import { databaseRefusal } from '../src/platform/http/exception.filter';

async function count(db: DataSource, table: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** The classes of input that once reached the database or blew the stack: each is a 400 naming the field. */
describe('bad input at the edge is a 400 naming the field and the rule, never a 500', () => {
  let t: TestApp;
  let db: DataSource;
  let memberId: string;
  let c: OpenConsultation;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    memberId = (await t.http().get('/api/members?on=2020-06-30').set(auth(t)).expect(200)).body.items.find(
      (m: { cbsCode: string }) => m.cbsCode === 'GM0088',
    ).id;
    c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    token = (await secretaryTokens(t, c.id)).get('GM0088')!;
  });
  afterAll(() => t.close());

  it.each([
    ['sign-in', '/api/auth/sign-in'],
    ['a ballot', `/api/consultations/{c}/ballot/submissions`],
    ['a consultation', '/api/consultations'],
  ])('JSON nested 5,000 deep is refused before parsing (%s)', async (_, path) => {
    const res = await t
      .http()
      .post(path.replace('{c}', c.id))
      .set(auth(t))
      .set('X-Ballot-Token', token)
      .set('Content-Type', 'application/json')
      .send(`{"a":${deep(5000)}}`)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'request body', rule: 'nesting deeper than 32 levels' }]);
  });

  it('brackets inside strings do not count as nesting', async () => {
    const res = await t
      .http()
      .post('/api/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'x@y.nl', password: '[[[['.repeat(40) }))
      .expect(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
  });

  it('an unpaired surrogate in an e-mail address names the field', async () => {
    const res = await t
      .http()
      .post('/api/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send('{"email":"a\\ud800@x.nl","password":"geheim-wachtwoord"}')
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'email', rule: 'must not contain unpaired surrogates (not valid Unicode)' }]);
  });

  it('a NUL character in any string names the field, nested ones too', async () => {
    const before = await count(db, 'ballot_submission');
    const res = await t
      .http()
      .post(`/api/consultations/${c.id}/ballot/submissions`)
      .set('X-Ballot-Token', token)
      .send({ voterName: 'J. de\u0000 Vries', voterRole: 'secretary', answers: [{ proposalId: c.proposals[0].id, choiceId: c.proposals[0].choices[0].id }] })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'voterName', rule: 'must not contain NUL characters (\\u0000)' }]);
    const nested = await t
      .http()
      .post('/api/weighting-schemes')
      .set(auth(t))
      .send({
        name: 'x',
        source: 'y',
        effectiveFrom: '2020-01-01',
        definition: { kind: 'brackets', brackets: [{ fromInhabitants: 0, weight: 1, note: 'a\u0000' }] },
      })
      .expect(400);
    expect(nested.body.errors).toEqual([{ field: 'definition.brackets[0].note', rule: 'must not contain NUL characters (\\u0000)' }]);
    const query = await t.http().get('/api/members?on=2020-06-30%00').set(auth(t)).expect(400);
    expect(query.body.errors[0].field).toBe('on');
    const path = await t.http().get('/api/receipts/ABC%00DEF').expect(400);
    expect(path.body.errors[0]).toEqual({ field: 'path', rule: 'must not contain NUL characters (\\u0000)' });
    expect(await count(db, 'ballot_submission')).toBe(before);
  });

  it('PATCH of a member with {}, without a body, or with a required field null is refused and writes nothing', async () => {
    const audit = await count(db, 'audit_event');
    const empty = await t.http().patch(`/api/members/${memberId}`).set(auth(t)).send({}).expect(400);
    expect(empty.body.errors).toEqual([{ field: 'request body', rule: 'must change at least one of name, province, secretaryName, secretaryEmail' }]);
    const none = await t.http().patch(`/api/members/${memberId}`).set(auth(t)).expect(400);
    expect(none.body.errors).toEqual([{ field: 'request body', rule: 'must be a JSON object' }]);
    const array = await t
      .http()
      .patch(`/api/members/${memberId}`)
      .set(auth(t))
      .send([{ name: 'x' }])
      .expect(400);
    expect(array.body.errors).toEqual([{ field: 'request body', rule: 'must be a JSON object' }]);
    const nulled = await t.http().patch(`/api/members/${memberId}`).set(auth(t)).send({ secretaryEmail: null }).expect(400);
    expect(nulled.body.errors).toContainEqual({ field: 'secretaryEmail', rule: 'secretaryEmail must not be null; leave it out to keep the current value' });
    expect(await count(db, 'audit_event')).toBe(audit);
    const ok = await t.http().patch(`/api/members/${memberId}`).set(auth(t)).send({ secretaryName: '  Mr. T. Eiland  ' }).expect(200);
    expect(ok.body.secretaryName).toBe('Mr. T. Eiland');
  });

  it.each([3000000000, 1e308, 2147483648])('inhabitants %d is beyond PostgreSQL integer and refused', async (inhabitants) => {
    const res = await t
      .http()
      .put(`/api/members/${memberId}/inhabitants`)
      .set(auth(t))
      .set('Content-Type', 'application/json')
      .send(`{"referenceDate":"2021-01-01","inhabitants":${inhabitants},"source":"CBS"}`)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'inhabitants', rule: 'inhabitants must not be greater than 2147483647' }]);
  });

  it('the largest PostgreSQL integer is accepted', async () => {
    await t
      .http()
      .put(`/api/members/${memberId}/inhabitants`)
      .set(auth(t))
      .send({ referenceDate: '2019-01-01', inhabitants: 2147483647, source: 'CBS' })
      .expect(204);
  });

  it('a decision rule fraction beyond PostgreSQL integer is refused', async () => {
    const draft = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'ALV',
        referenceDate: '2020-06-30',
        weightingSchemeId: await createScheme(t, { kind: 'one_member_one_vote' }),
        votingDeadline: inDays(5),
      })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/consultations/${draft.body.id}/proposals`)
      .set(auth(t))
      .set('Content-Type', 'application/json')
      .send('{"title":"x","questionType":"for_against","rule":{"threshold":{"numerator":1,"denominator":1e308,"comparison":"more_than"}}}')
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'rule.threshold.denominator', rule: 'denominator must not be greater than 2147483647' }]);
  });

  it('a voter name of only spaces is refused (trimmed, then required)', async () => {
    const res = await t
      .http()
      .post(`/api/consultations/${c.id}/ballot/submissions`)
      .set('X-Ballot-Token', token)
      .send({ voterName: '   ', voterRole: 'secretary', answers: [{ proposalId: c.proposals[0].id, choiceId: c.proposals[0].choices[0].id }] })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'voterName', rule: 'voterName must not be empty' }]);
  });

  it('a database refusal that slips past validation is a 4xx from the one filter, not a 500', async () => {
    const error = await db.query(`SELECT 'a'::int`).catch((e: unknown) => e);
    expect(databaseRefusal(error)?.body).toMatchObject({ statusCode: 400, error: 'INVALID_INPUT' });
    const unique = await db
      .query(
        `INSERT INTO member (cbs_code, name, secretary_name, secretary_email, joined_on) SELECT cbs_code, name, secretary_name, secretary_email, joined_on FROM member LIMIT 1`,
      )
      .catch((e: unknown) => e);
    expect(databaseRefusal(unique)?.body).toMatchObject({ statusCode: 409, error: 'DUPLICATE' });
    expect(databaseRefusal(new Error('boom'))).toBeNull();
  });
});
