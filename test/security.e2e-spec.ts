import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { totp } from '../src/accounts/totp';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens, vote } from './support/factories';

const TABLES = [
  'member',
  'inhabitant_count',
  'consultation',
  'proposal',
  'choice',
  'ballot_submission',
  'submission_answer',
  'weighting_scheme',
  'staff_account',
  'published_result',
];

async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return counts;
}

describe('malformed input never breaks the platform or its data (property-based)', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    token = (await secretaryTokens(t, c.id)).get('GM0363')!;
  });
  afterAll(() => t.close());

  // Bodies of any shape: random JSON, and objects with the real field names and random values.
  const fieldNames = [
    'kind',
    'title',
    'referenceDate',
    'weightingSchemeId',
    'votingDeadline',
    'amendmentDeadline',
    'questionType',
    'variants',
    'rule',
    'answers',
    'voterName',
    'voterRole',
    'proposalId',
    'choiceId',
    'cbsCode',
    'name',
    'inhabitants',
    'csv',
    'dryRun',
    'source',
    'email',
    'password',
    'code',
  ];
  const body = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 8 }),
  );
  const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), fc.constant('../../etc'), fc.constant('%00'));

  const properties: [string, fc.Arbitrary<{ method: 'get' | 'post'; path: string; body?: unknown; headers?: Record<string, string> }>][] = [
    ['create consultation', body.map((b) => ({ method: 'post' as const, path: '/api/consultations', body: b }))],
    [
      'add proposal',
      fc.tuple(segment, body).map(([id, b]) => ({ method: 'post' as const, path: `/api/consultations/${encodeURIComponent(id)}/proposals`, body: b })),
    ],
    ['add proposal to the open consultation', body.map((b) => ({ method: 'post' as const, path: `/api/consultations/${c.id}/proposals`, body: b }))],
    [
      'submit a ballot',
      body.map((b) => ({ method: 'post' as const, path: `/api/consultations/${c.id}/ballot/submissions`, body: b, headers: { 'X-Ballot-Token': token } })),
    ],
    [
      'submit with any token',
      fc.tuple(fc.string({ maxLength: 120 }), body).map(([tk, b]) => ({
        method: 'post' as const,
        path: `/api/consultations/${c.id}/ballot/submissions`,
        body: b,
        headers: { 'X-Ballot-Token': tk.replace(/[^\x20-\x7e]/g, '') },
      })),
    ],
    ['import the register', body.map((b) => ({ method: 'post' as const, path: '/api/members/import', body: b }))],
    ['create a member', body.map((b) => ({ method: 'post' as const, path: '/api/members', body: b }))],
    // (an empty `on` means today and is fine; anything else that is not a date is refused)
    [
      'list members on any date',
      segment
        .filter((on) => on !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(on))
        .map((on) => ({ method: 'get' as const, path: `/api/members?on=${encodeURIComponent(on)}` })),
    ],
    ['open voting on any id', segment.map((id) => ({ method: 'post' as const, path: `/api/consultations/${encodeURIComponent(id)}/open-voting` }))],
  ];

  it.each(properties)('%s: always a 4xx, nothing written', async (_, requests) => {
    const before = await rowCounts(db);
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        let call = t.http()[r.method](r.path).set(auth(t));
        for (const [name, value] of Object.entries(r.headers ?? {})) call = call.set(name, value);
        const res = await (r.body === undefined ? call : call.set('Content-Type', 'application/json').send(JSON.stringify(r.body)));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe('guessing ballot links', () => {
  it('is refused after 20 unknown links from one address, even with a real link', async () => {
    const t = await startTestApp();
    try {
      await importRegister(t, FIVE_MEMBERS);
      const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
      const real = (await secretaryTokens(t, c.id)).get('GM0363')!;
      for (let i = 0; i < 20; i++) {
        await vote(t, c.id, `guess-${i}-${'x'.repeat(40)}`, [choiceOf(c, 1, 'for')]).expect(401);
      }
      const blocked = await vote(t, c.id, 'another-guess-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', [choiceOf(c, 1, 'for')]).expect(429);
      expect(blocked.body.error).toBe('TOO_MANY_ATTEMPTS');
      await vote(t, c.id, real, [choiceOf(c, 1, 'for')]).expect(429);
      const page = await t.http().get(`/stemmen/${real}`).set('Accept', 'text/html').expect(429);
      expect(page.text).toContain('Er zijn te veel mislukte pogingen gedaan vanaf uw adres');
    } finally {
      await t.close();
    }
  });
});

describe('signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('asks for the one-time code once it is turned on', async () => {
    const { body } = await t.http().post('/api/accounts/me/one-time-codes').set(auth(t)).expect(201);
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const withoutCode = await t.http().post('/api/auth/sign-in').send({ email: 'bestuur@test.example', password: 'test-wachtwoord-2020' }).expect(401);
    expect(withoutCode.body.errors).toEqual([{ field: 'code', rule: 'is required for this account' }]);
    await t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'bestuur@test.example', password: 'test-wachtwoord-2020', code: '000000' === totp(body.secret, new Date()) ? '111111' : '000000' })
      .expect(401);
    await t
      .http()
      .post('/api/auth/sign-in')
      .send({ email: 'bestuur@test.example', password: 'test-wachtwoord-2020', code: totp(body.secret, new Date()) })
      .expect(200);
  });

  it('stops trying after 10 failures for an account (the wrong code above and nine wrong passwords)', async () => {
    for (let i = 0; i < 9; i++)
      await t
        .http()
        .post('/api/auth/sign-in')
        .send({ email: 'bestuur@test.example', password: `fout-${i}` })
        .expect(401);
    const res = await t.http().post('/api/auth/sign-in').send({ email: 'bestuur@test.example', password: 'fout' }).expect(429);
    expect(res.body.error).toBe('TOO_MANY_ATTEMPTS');
  });

  it('never writes the password or the session token to the audit trail', async () => {
    const rows = await t.app.get(DataSource).query(`SELECT details::text AS d FROM audit_event`);
    expect(rows.some((r: { d: string }) => r.d.includes('test-wachtwoord-2020'))).toBe(false);
    expect(rows.some((r: { d: string }) => r.d.includes(t.boardToken))).toBe(false);
  });
});
