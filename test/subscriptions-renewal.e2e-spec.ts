import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, importRegister, inDays, openConsultation, OpenConsultation, secretaryTokens, vote } from './support/factories';

/**
 * A later vote renews the arrangement for a new term. Worked by hand on three members; Beedorp
 * organises Luisterend Oor itself. Term 2018-2019 at AKJ 44 ct, Kindertelefoon 23 ct, Sensoor 25 ct;
 * 2019 indexed +2,25%: 44,99 / 23,5175 -> 23,52 / 25,5625 -> 25,56 ct (INDEXATION_ROUNDING, half up
 * to 0,01 ct). The renewal (2020-2023) indexes 2019 by +1,5%: 4499 × 1,015 = 4566,485 -> 45,66 ct;
 * 2352 × 1,015 = 2387,28 -> 23,87 ct; 2556 × 1,015 = 2594,34 -> 25,94 ct.
 */
const REGISTER_2017: [string, string, number][] = [
  ['GM9101', 'Aastad', 100_000],
  ['GM9102', 'Beedorp', 40_000],
  ['GM9103', 'Ceestad', 60_000],
];
const REGISTER_2019: [string, string, number][] = [
  ['GM9101', 'Aastad', 101_000],
  ['GM9102', 'Beedorp', 40_500],
  ['GM9103', 'Ceestad', 61_000],
];
const PROVIDERS = [
  { code: 'akj', name: 'Stichting AKJ', service: 'Vertrouwenswerk Jeugd', budgetCents: 8_800_000, tariffCents: 44, takenByExempt: true },
  { code: 'kindertelefoon', name: 'Stichting De Kindertelefoon', service: 'Kindertelefoon', budgetCents: 4_600_000, tariffCents: 23, takenByExempt: true },
  { code: 'sensoor', name: 'Stichting Sensoor', service: 'Luisterend Oor', budgetCents: 4_000_000, tariffCents: 25, takenByExempt: false },
];

describe('renewing the subscriptions by a later vote', () => {
  let t: TestApp;
  let db: DataSource;
  let first: OpenConsultation;
  let later: OpenConsultation;
  let arrangementId: string;
  let renewalId: string;
  let official = '';
  const count = async (sql: string) => (await db.query(sql))[0].n as number;
  const as = () => ({ Authorization: `Bearer ${official}` });
  const renewal = (extra: object = {}) => ({
    decidedByConsultationId: later.id,
    decidedByProposalNumber: 1,
    referenceDate: '2019-01-01',
    lastYear: 2023,
    signingDeadline: inDays(20),
    firstInvoiceDate: '2019-12-01',
    percentage: 1.5,
    reference: 'U201900077',
    ...extra,
  });
  const renew = (body: object) => t.http().post(`/api/subscription-arrangements/${arrangementId}/renewal`).set(auth(t)).send(body);

  /** A consultation whose proposal 1 is adopted and proposal 2 rejected, its result published. */
  const decide = async (referenceDate: string, title: string) => {
    const c = await openConsultation(
      t,
      await createScheme(t, { kind: 'one_member_one_vote' }),
      [
        { title, questionType: 'for_against' },
        { title: 'Een voorstel dat het niet haalt', questionType: 'for_against' },
      ],
      { kind: 'balv', referenceDate },
    );
    for (const [, token] of await secretaryTokens(t, c.id)) await vote(t, c.id, token, [choiceOf(c, 1, 'for'), choiceOf(c, 2, 'against')]).expect(201);
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, REGISTER_2017, '2017-01-01');
    await importRegister(t, REGISTER_2019, '2019-01-01');
    first = await decide('2017-01-01', 'Voorstel D: abonnementen 2018-2019');
    later = await decide('2019-01-01', 'Verlenging van de abonnementen 2020-2023');
    const created = await t
      .http()
      .post('/api/subscription-arrangements')
      .set(auth(t))
      .send({
        title: 'Abonnementen sociaal domein',
        decidedByConsultationId: first.id,
        decidedByProposalNumber: 1,
        referenceDate: '2017-01-01',
        firstYear: 2018,
        lastYear: 2019,
        signingDeadline: inDays(10),
        firstInvoiceDate: '2017-12-01',
        officeName: 'Administratiekantoor',
        officeCostCents: 50_000,
        providers: PROVIDERS,
        exemptMemberCodes: ['GM9102'],
      })
      .expect(201);
    arrangementId = created.body.id;
    await t
      .http()
      .post('/api/accounts')
      .set(auth(t))
      .send({ email: 'ambtenaar@aastad.example', name: 'Ambtenaar Aastad', role: 'member_official', password: 'een-lang-wachtwoord', memberCode: 'GM9101' })
      .expect(201);
    official = (await t.http().post('/api/auth/sign-in').send({ email: 'ambtenaar@aastad.example', password: 'een-lang-wachtwoord' }).expect(200)).body.token;
    const [mine] = (await t.http().get('/api/subscription-contracts/mine').set(as()).expect(200)).body.items;
    const shown = (await t.http().get(`/api/subscription-contracts/${mine.id}`).set(as()).expect(200)).body;
    await t
      .http()
      .post(`/api/subscription-contracts/${mine.id}/signature`)
      .set(as())
      .send({ variant: 'full', signatoryName: 'A. Wethouder', signatoryRole: 'wethouder', textSha256: shown.textSha256 })
      .expect(201);
  });
  afterAll(() => t.close());

  it("is refused while the last year of the term has no tariffs yet: the renewal indexes that year's", async () => {
    const early = await renew(renewal()).expect(409);
    expect(early.body).toMatchObject({
      error: 'ILLEGAL_TRANSITION',
      message: 'the tariffs of 2019 are not set yet: index 2019 first (the renewal indexes the tariffs of the last year of the term)',
    });
    await t.http().post(`/api/subscription-arrangements/${arrangementId}/indexations`).set(auth(t)).send({ year: 2019, percentage: 2.25 }).expect(201);
  });

  it('needs an adopted proposal of a later vote, a term after the renewed one, and a confirmed negative indexation; nothing is written', async () => {
    expect((await renew(renewal({ decidedByConsultationId: first.id })).expect(400)).body.errors).toEqual([
      { field: 'decidedByConsultationId', rule: 'must be a later vote than the one that created the arrangement' },
    ]);
    expect((await renew(renewal({ decidedByProposalNumber: 2 })).expect(400)).body.errors[0].field).toBe('decidedByProposalNumber');
    expect((await renew(renewal({ lastYear: 2019 })).expect(400)).body.errors).toEqual([
      { field: 'lastYear', rule: 'must be 2020 or later: the new term starts the year after the renewed one ends (2019)' },
    ]);
    expect((await renew(renewal({ percentage: -1 })).expect(400)).body.errors[0].field).toBe('confirmNegative');
    expect((await renew(renewal({ exemptMemberCodes: ['GM0363'] })).expect(400)).body.errors[0]).toEqual({
      field: 'exemptMemberCodes',
      rule: 'GM0363 is not a member on 2019-01-01',
    });
    expect(await count('SELECT count(*)::int AS n FROM subscription_arrangement')).toBe(1);
  });

  it("makes a new term 2020-2023: the same providers at the 2019 tariffs +1,5%, every member's contract to sign again, the exempt list carried over", async () => {
    // The board renews on the arrangement's page, without JavaScript: Dutch numbers and a deadline with a space.
    const browser = request.agent(t.app.getHttpServer());
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
    let csrf = csrfOf((await browser.get('/bestuur/inloggen').expect(200)).text);
    await browser.post('/bestuur/inloggen').type('form').send({ email: 'bestuur@test.example', password: 'test-wachtwoord-2020', _csrf: csrf }).expect(303);
    const page = (await browser.get(`/bestuur/abonnementen/${arrangementId}`).expect(200)).text;
    expect(page).toContain('Regeling verlengen na een nieuw besluit');
    expect(page).toContain(`<option value="${later.id}">`);
    expect(page).not.toContain(`<option value="${first.id}">`);
    csrf = csrfOf(page);
    const form = {
      decidedByConsultationId: later.id,
      decidedByProposalNumber: '1',
      referenceDate: '2019-01-01',
      lastYear: '2019',
      percentage: '1,5',
      signingDeadline: `${inDays(20).slice(0, 10)} 12:00`,
      firstInvoiceDate: '2019-12-01',
      reference: 'U201900077',
      _csrf: csrf,
    };
    const refused = await browser.post(`/bestuur/abonnementen/${arrangementId}/verlenging`).type('form').send(form).expect(400);
    expect(refused.text).toContain('De nieuwe looptijd begint in 2020: kies als laatste jaar 2020 of later.');
    const done = await browser
      .post(`/bestuur/abonnementen/${arrangementId}/verlenging`)
      .type('form')
      .send({ ...form, lastYear: '2023' })
      .expect(303);
    renewalId = /^\/bestuur\/abonnementen\/([0-9a-f-]{36})\?gedaan=verlenging$/.exec(done.headers.location)![1];
    expect((await browser.get(done.headers.location).expect(200)).text).toContain('De regeling is verlengd: dit is de nieuwe looptijd.');
    const renewed = (await t.http().get(`/api/subscription-arrangements/${renewalId}`).set(auth(t)).expect(200)).body;
    expect(renewed).toMatchObject({
      firstYear: 2020,
      lastYear: 2023,
      status: 'open',
      renewsArrangementId: arrangementId,
      officeName: 'Administratiekantoor',
      title: 'Abonnementen sociaal domein',
      reference: 'U201900077',
    });
    const detail = (await t.http().get(`/api/subscription-arrangements/${renewalId}`).set(auth(t)).expect(200)).body;
    expect(
      detail.providers.map((p: { code: string; years: { year: number; tariffHundredthsOfCent: number; budgetCents: number }[] }) => [p.code, p.years]),
    ).toEqual([
      // Budgets: € 88,000 × 1,0225 = € 89,980 -> × 1,015 = € 91,329.70; € 46,000 -> 47,035 -> 47,740.525 -> € 47,740.53; € 40,000 -> 40,900 -> € 41,513.50.
      ['akj', [{ year: 2020, tariffHundredthsOfCent: 4566, budgetCents: 9_132_970, tariff: '€ 0,4566' }]],
      ['kindertelefoon', [{ year: 2020, tariffHundredthsOfCent: 2387, budgetCents: 4_774_053, tariff: '€ 0,2387' }]],
      ['sensoor', [{ year: 2020, tariffHundredthsOfCent: 2594, budgetCents: 4_151_350, tariff: '€ 0,2594' }]],
    ]);
    // Office: € 500 × 1,0225 = € 511,25 × 1,015 = € 518,91875 -> € 518,92.
    expect(detail.officeYears).toEqual([{ year: 2020, costCents: 51_892 }]);
    expect(detail.indexations).toMatchObject([{ year: 2020, basisPoints: 150, percentage: '1,50%', negativeConfirmed: false }]);
    expect(detail.exemptMembers).toEqual([{ cbsCode: 'GM9102', name: 'Beedorp' }]);
    expect((await t.http().get(`/api/subscription-arrangements/${arrangementId}`).set(auth(t)).expect(200)).body).toMatchObject({
      status: 'open',
      renewedByArrangementId: renewalId,
    });

    // Every member signs again, with the inhabitants of the new reference date.
    const progress = (await t.http().get(`/api/subscription-arrangements/${renewalId}/progress`).set(auth(t)).expect(200)).body;
    expect([progress.pending.members, progress.signed.members, progress.all.inhabitants]).toEqual([3, 0, 202_500]);
    // Beedorp 2020 without Sensoor: 40,500 × 45,66 ct = € 18.492,30; × 23,87 ct = € 9.667,35; € 28.159,65.
    // Aastad: 101,000 × (45,66 + 23,87 + 25,94) ct = € 46.116,60 + € 24.108,70 + € 26.199,40 = € 96.424,70.
    const amount = Object.fromEntries(
      progress.contracts.items.map((c: { cbsCode: string; amountCents: number; status: string }) => [c.cbsCode, [c.status, c.amountCents]]),
    );
    expect(amount).toEqual({ GM9101: ['pending', 9_642_470], GM9102: ['pending', 2_815_965], GM9103: ['pending', 5_823_670] });
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'subscriptions.renewed'`)).toBe(1);
  });

  it('the member official sees both terms and signs the new contract, whose text names the term it renews', async () => {
    const mine = (await t.http().get('/api/subscription-contracts/mine').set(as()).expect(200)).body;
    // Newest term first.
    expect(
      mine.items.map((c: { arrangementId: string; status: string; arrangement: { firstYear: number } }) => [
        c.arrangementId === renewalId ? 'new' : 'old',
        c.status,
        c.arrangement.firstYear,
      ]),
    ).toEqual([
      ['new', 'pending', 2020],
      ['old', 'signed', 2018],
    ]);
    const contract = mine.items.find((c: { arrangementId: string }) => c.arrangementId === renewalId);
    const shown = (await t.http().get(`/api/subscription-contracts/${contract.id}`).set(as()).expect(200)).body;
    expect(shown.text).toContain(
      'Deze overeenkomst verlengt de regeling Abonnementen sociaal domein (2018-2019) voor een nieuwe looptijd, met dezelfde aanbieders tegen geïndexeerde tarieven.',
    );
    expect(shown.text).toContain('Totaal 2020: € 96.424,70.');
    expect(shown.text).toContain('1 januari 2020 tot en met 31 december 2023');
    await t
      .http()
      .post(`/api/subscription-contracts/${contract.id}/signature`)
      .set(as())
      .send({ variant: 'full', signatoryName: 'A. Wethouder', signatoryRole: 'wethouder', textSha256: shown.textSha256 })
      .expect(201);
    const charges = (await t.http().get(`/api/subscription-arrangements/${renewalId}/charges`).set(auth(t)).expect(200)).body;
    expect(charges).toMatchObject({ year: 2020, invoiceDate: '2019-12-01', totalCents: 9_642_470 });
    // INSTALMENT_SPLIT: half rounded down, the second takes the rest.
    expect(charges.members.items[0].instalmentsCents).toEqual([4_821_235, 4_821_235]);
  });

  it('renews once, and a dissolved arrangement is not renewed', async () => {
    const twice = await renew(renewal()).expect(409);
    expect(twice.body).toMatchObject({ error: 'DUPLICATE', message: 'the arrangement was already renewed for 2020-2023 (Abonnementen sociaal domein)' });
    await t
      .http()
      .post(`/api/subscription-arrangements/${renewalId}/dissolution`)
      .set(auth(t))
      .send({ reason: 'Het Rijk neemt de financiering over.', effectiveOn: '2020-06-02' })
      .expect(200);
    const dissolved = await t
      .http()
      .post(`/api/subscription-arrangements/${renewalId}/renewal`)
      .set(auth(t))
      .send(renewal({ lastYear: 2027 }))
      .expect(409);
    expect(dissolved.body.message).toBe('the arrangement was dissolved on 2020-06-02: a dissolved arrangement is not renewed');
    expect(await count('SELECT count(*)::int AS n FROM subscription_arrangement')).toBe(2);
  });
});
