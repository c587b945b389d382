import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { activityList2017Csv } from '../src/demo/activity-list-2017';
import { auth, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, inDays, secretaryTokens, vote } from './support/factories';

const RATES_2024 = [
  { fromInhabitants: 0, ratePerInhabitant: '1.92' },
  { fromInhabitants: 5000, ratePerInhabitant: '1.76' },
  { fromInhabitants: 25000, ratePerInhabitant: '1.52' },
  { fromInhabitants: 200000, ratePerInhabitant: '0.75' },
];

describe('contribution schedules per year', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, [...FIVE_MEMBERS, ['GM0003', 'Appingedam', 11523], ['GM0010', 'Delfzijl', 24609], ['GM0024', 'Loppersum', 9477]]);
    // Herindeling: Eemsdelta from 1 January 2021; its own first count is of that date.
    await t
      .http()
      .post('/api/members')
      .set(auth(t))
      .send({
        cbsCode: 'GM1979',
        name: 'Eemsdelta',
        secretaryName: 'Secretaris Eemsdelta',
        secretaryEmail: 'secretaris@eemsdelta.example',
        joinedOn: '2021-01-01',
        inhabitants: { referenceDate: '2021-01-01', inhabitants: 45300, source: 'test' },
      })
      .expect(201);
    const members = (await t.http().get('/api/members?on=2020-06-30&size=1000').set(auth(t)).expect(200)).body.items as { id: string; cbsCode: string }[];
    for (const code of ['GM0003', 'GM0010', 'GM0024']) {
      await t
        .http()
        .post(`/api/members/${members.find((m) => m.cbsCode === code)!.id}/departure`)
        .set(auth(t))
        .send({ leftOn: '2021-01-01', mergedIntoCode: 'GM1979' })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('per band (like tax brackets) and for the whole population, worked by hand', async () => {
    await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({ year: 2024, referenceDate: '2020-06-30', membersOn: '2020-06-30', bandMode: 'per_band', bands: RATES_2024, basis: 'ALV 2023' })
      .expect(201);
    await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({ year: 2023, referenceDate: '2020-06-30', membersOn: '2020-06-30', bandMode: 'whole_population', bands: RATES_2024, basis: 'test' })
      .expect(201);
    const perBand = (await t.http().get('/api/finance/contribution/2024').set(auth(t)).expect(200)).body;
    const whole = (await t.http().get('/api/finance/contribution/2023').set(auth(t)).expect(200)).body;
    const of = (y: { members: { cbsCode: string; totalCents: number }[] }, code: string) => y.members.find((m) => m.cbsCode === code)!.totalCents;
    // Amsterdam per band: 5,000 × 1.92 + 20,000 × 1.76 + 175,000 × 1.52 + 669,709 × 0.75 = 9,600 + 35,200 + 266,000 + 502,281.75
    expect(of(perBand, 'GM0363')).toBe(81308175);
    expect(of(whole, 'GM0363')).toBe(65228175); // 869,709 × 0.75
    // Drechterland per band: 9,600 + 14,775 × 1.76 = 35,604.00; whole: 19,775 × 1.76 = 34,804.00
    expect(of(perBand, 'GM0498')).toBe(3560400);
    expect(of(whole, 'GM0498')).toBe(3480400);
    const barendrecht = perBand.members.find((m: { cbsCode: string }) => m.cbsCode === 'GM0489');
    expect(
      barendrecht.lines.map(
        (l: { band: string; inhabitants: number; rate: string; amount: string }) => `${l.band}: ${l.inhabitants} × ${l.rate} = ${l.amount}`,
      ),
    ).toEqual([
      '0 tot 5.000 inwoners: 5000 × € 1,92 = € 9.600,00',
      '5.000 tot 25.000 inwoners: 20000 × € 1,76 = € 35.200,00',
      '25.000 tot 200.000 inwoners: 23654 × € 1,52 = € 35.954,08',
    ]);
    const csv = (await t.http().get('/api/finance/contribution/2023/export').set(auth(t)).expect(200)).text;
    expect(csv).toContain('2023;GM0489;Barendrecht;48654;2020-06-30;25.000 tot 200.000 inwoners: 48654 x € 1,52;73954.08');
  });

  it("members merged on 1 January: the new municipality is charged on its predecessors' inhabitants, the old ones are not", async () => {
    await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({ year: 2021, referenceDate: '2020-06-30', bandMode: 'whole_population', bands: RATES_2024, basis: 'test' })
      .expect(201);
    const y = (await t.http().get('/api/finance/contribution/2021').set(auth(t)).expect(200)).body;
    expect(y.schedule.membersOn).toBe('2021-01-01');
    expect(y.members.map((m: { cbsCode: string }) => m.cbsCode)).toEqual(['GM0088', 'GM0363', 'GM0489', 'GM0498', 'GM0599', 'GM1979']);
    // 11,523 + 24,609 + 9,477 = 45,609 inhabitants; × 1.52 = 69,325.68
    expect(y.members.find((m: { cbsCode: string }) => m.cbsCode === 'GM1979')).toMatchObject({
      inhabitants: 45609,
      inhabitantsFrom: 'Appingedam, Delfzijl, Loppersum',
      totalCents: 6932568,
    });
  });

  it('refuses bad schedules naming the field; nothing is written', async () => {
    const db = t.app.get(DataSource);
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM contribution_schedule`);
    const bad = async (body: object) =>
      (
        await t
          .http()
          .post('/api/finance/contribution-schedules')
          .set(auth(t))
          .send({ year: 2030, referenceDate: '2020-06-30', bandMode: 'per_band', bands: RATES_2024, basis: 'x', ...body })
          .expect(400)
      ).body.errors;
    expect(await bad({ bands: [{ fromInhabitants: 0, ratePerInhabitant: '-1.00' }] })).toEqual([
      { field: 'bands[0].ratePerInhabitant', rule: expect.stringContaining('decimal text') },
    ]);
    expect(await bad({ bands: [{ fromInhabitants: 0, ratePerInhabitant: '0.00' }] })).toEqual([
      { field: 'bands[0].ratePerInhabitant', rule: 'must be more than € 0 and at most € 100 per inhabitant' },
    ]);
    expect(await bad({ bands: [{ fromInhabitants: 10, ratePerInhabitant: '1.00' }] })).toEqual([
      { field: 'bands[0].fromInhabitants', rule: 'the first band starts at 0 inhabitants' },
    ]);
    expect(await bad({ bandMode: 'progressive' })).toEqual([expect.objectContaining({ field: 'bandMode' })]);
    const dup = await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({ year: 2024, referenceDate: '2020-06-30', bandMode: 'per_band', bands: RATES_2024, basis: 'x' })
      .expect(409);
    expect(dup.body.errors).toEqual([{ field: 'year', rule: 'one schedule in force per year' }]);
    const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM contribution_schedule`);
    expect(after).toBe(before);
  });
});

const LIST_2017_CSV = activityList2017Csv(2018);

describe('the collective fund (GGU)', () => {
  let t: TestApp;
  let db: DataSource;
  const budget = {
    title: 'Begroting collectieve activiteiten 2018',
    firstYear: 2018,
    lastYear: 2018,
    referenceDate: '2020-06-30',
    membersOn: '2020-06-30',
    source: 'Ledenbrief BALV 2016, bijlage B',
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
  });
  afterAll(() => t.close());

  it('the 2017 list is refused with a report naming its slip exactly; nothing is written', async () => {
    const res = await t
      .http()
      .post('/api/finance/fund-budgets/import')
      .set(auth(t))
      .send({ ...budget, csv: LIST_2017_CSV })
      .expect(422);
    expect(res.body.error).toBe('IMPORT_REFUSED');
    expect(res.body.errors).toEqual([
      { field: 'budget line 12 Totaal structureel (2018)', rule: 'stated € 25.452.000,00, computed € 25.542.000,00, difference - € 90.000,00' },
    ]);
    expect((await db.query(`SELECT count(*)::int AS n FROM fund_budget`))[0].n).toBe(0);
  });

  it("accepting the items' sums imports it and keeps the correction with the budget and in the audit trail", async () => {
    const res = await t
      .http()
      .post('/api/finance/fund-budgets/import')
      .set(auth(t))
      .send({ ...budget, csv: LIST_2017_CSV, acceptComputedSums: true })
      .expect(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.check.correctionsAccepted).toEqual([
      expect.objectContaining({
        line: 12,
        label: 'Totaal structureel',
        year: 2018,
        statedCents: 2545200000,
        computedCents: 2554200000,
        differenceCents: -9000000,
      }),
    ]);
    const total = res.body.activities.reduce((s: number, a: { amountCents: number }) => s + a.amountCents, 0);
    expect(total).toBe(5075200000); // 50,752,000
    const audit = await db.query(`SELECT details FROM audit_event WHERE action = 'fund_budget.imported'`);
    expect(audit[0].details.acceptedComputedSums[0]).toMatchObject({ stated: '€ 25.452.000,00', computed: '€ 25.542.000,00' });
  });

  it('shares of € 1,000.00 over five municipalities add up exactly: three remaining cents by largest remainder', async () => {
    const res = await t
      .http()
      .post('/api/finance/fund-budgets/import')
      .set(auth(t))
      .send({
        ...budget,
        title: 'Kleine begroting',
        firstYear: 2022,
        lastYear: 2025,
        activities: [
          { name: 'Beheer', compartment: 'management', kind: 'structural', amounts: [{ year: 2022, amountCents: 60000 }] },
          { name: 'Innovatie', compartment: 'innovation', kind: 'incidental', amounts: [{ year: 2022, amountCents: 40000 }] },
        ],
        statedSums: [{ label: 'Totaal 2022', year: 2022, amountCents: 100000 }],
      })
      .expect(201);
    const shares = (await t.http().get(`/api/finance/fund-budgets/${res.body.id}/shares?year=2022`).set(auth(t)).expect(200)).body;
    // By hand (see src/finance/rules/fund-shares.spec.ts): 54,714 / 40,920+1 / 3,060+1 / 1,244 / 59+1
    expect(shares.members.map((m: { cbsCode: string; shareCents: number }) => [m.cbsCode, m.shareCents])).toEqual([
      ['GM0088', 60],
      ['GM0363', 54714],
      ['GM0489', 3061],
      ['GM0498', 1244],
      ['GM0599', 40921],
    ]);
    expect(shares.remainingCents).toBe(3);
    const noData = await t.http().get(`/api/finance/fund-budgets/${res.body.id}/shares?year=2022&referenceDate=2019-01-01`).set(auth(t)).expect(400);
    expect(noData.body.errors).toEqual([
      { field: 'referenceDate', rule: 'no inhabitants recorded on or before 2019-01-01 for GM0088, GM0363, GM0489, GM0498, GM0599' },
    ]);
  });

  it('adopted by a vote; then an overlapping budget is refused, and spending stays within budget and authorisation', async () => {
    const [first] = (await t.http().get('/api/finance/fund-budgets').set(auth(t)).expect(200)).body.items.filter(
      (b: { title: string }) => b.title === 'Kleine begroting',
    );
    const scheme = await createScheme(t, EXAMPLE_TABLE);
    const c = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({ kind: 'alv', title: 'ALV', referenceDate: '2020-06-30', weightingSchemeId: scheme, votingDeadline: inDays(3) })
      .expect(201);
    const p = await t
      .http()
      .post(`/api/consultations/${c.body.id}/proposals`)
      .set(auth(t))
      .send({ title: 'GGU-begroting 2022-2025', questionType: 'for_against' })
      .expect(201);
    await t.http().post(`/api/proposals/${p.body.id}/effect`).set(auth(t)).send({ kind: 'fund_budget', fundBudgetId: first.id }).expect(201);
    await t.http().post(`/api/consultations/${c.body.id}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.body.id}/open-voting`).set(auth(t)).expect(200);
    const tokens = await secretaryTokens(t, c.body.id);
    await vote(t, c.body.id, tokens.get('GM0363')!, [{ proposalId: p.body.id, choiceId: p.body.choices[0].id }]).expect(201);
    await t.http().post(`/api/consultations/${c.body.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.body.id}/publish-results`).set(auth(t)).expect(200);
    const adopted = (await t.http().get(`/api/finance/fund-budgets/${first.id}`).set(auth(t)).expect(200)).body;
    expect(adopted).toMatchObject({ status: 'provisional', decidedBy: { consultationId: c.body.id, proposalNumber: 1, choice: 'Voor' } });

    const overlap = await t
      .http()
      .post('/api/finance/fund-budgets/import')
      .set(auth(t))
      .send({
        ...budget,
        title: 'Overlap',
        firstYear: 2025,
        lastYear: 2028,
        activities: [{ name: 'X', compartment: 'management', kind: 'structural', amounts: [{ year: 2025, amountCents: 1 }] }],
      })
      .expect(400);
    expect(overlap.body.errors).toEqual([{ field: 'firstYear', rule: 'the years 2025-2028 overlap the adopted budget "Kleine begroting" (2022-2025)' }]);

    const entry = (body: object) =>
      t
        .http()
        .post(`/api/finance/fund-budgets/${first.id}/entries`)
        .set(auth(t))
        .send({ year: 2022, compartment: 'management', description: 'Besluit bestuur', ...body });
    expect((await entry({ kind: 'authorised', amountCents: 60001 }).expect(400)).body.errors[0]).toEqual({
      field: 'amountCents',
      rule: 'authorisations would exceed the budget of Beheer 2022: budget € 600,00, authorised € 0,00',
    });
    await entry({ kind: 'authorised', amountCents: 50000 }).expect(201);
    expect((await entry({ kind: 'spent', amountCents: 50001 }).expect(400)).body.errors[0].field).toBe('amountCents');
    const account = (await entry({ kind: 'spent', amountCents: 12345 }).expect(201)).body.account;
    expect(account.find((r: { year: number; compartment: string }) => r.year === 2022 && r.compartment === 'management')).toMatchObject({
      budgetedCents: 60000,
      authorisedCents: 50000,
      spentCents: 12345,
      notAuthorised: '€ 100,00',
      authorisedNotSpent: '€ 376,55',
    });
    await entry({ kind: 'spent', amountCents: -5 }).expect(400);
  });
});
