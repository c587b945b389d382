import request from 'supertest';
import { DataSource } from 'typeorm';
import { BillingService } from '../src/billing/billing.service';
import { instantToAmsterdam } from '../src/platform/text/amsterdam-time';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, importRegister, inDays, openConsultation, secretaryTokens, vote } from './support/factories';

/**
 * The subscriptions and the facilities invoiced through billing, worked by hand. The register: a
 * member of 50,000 inhabitants with all three providers (92 ct), an exempt one of 50,001 without
 * Sensoor (67 ct: 50,001 × 67 ct = € 33.500,67, an odd total, so the subscriptions' own split shows:
 * € 16.750,33 + € 16.750,34, where billing's rule I1 would have put the extra cent first).
 */
const REGISTER: [string, string, number][] = [
  ['GM9001', 'Grootstad', 500_000],
  ['GM9002', 'Middelstad', 50_000],
  ['GM9003', 'Eigenoor', 50_001],
];
const PROVIDERS = [
  { code: 'akj', name: 'Stichting AKJ', service: 'Vertrouwenswerk Jeugd', budgetCents: 26_400_000, tariffCents: 44, takenByExempt: true },
  { code: 'kindertelefoon', name: 'Stichting De Kindertelefoon', service: 'Kindertelefoon', budgetCents: 13_800_000, tariffCents: 23, takenByExempt: true },
  { code: 'sensoor', name: 'Stichting Sensoor', service: 'Luisterend Oor', budgetCents: 13_750_000, tariffCents: 25, takenByExempt: false },
];
const PASSWORD = 'een-lang-wachtwoord';
/** Joins are never in the past: the facility years are next year (Y) and the one after. */
const Y = Number(instantToAmsterdam(new Date()).slice(0, 4)) + 1;
const GOVROAM = {
  code: 'govroam',
  name: 'Govroam',
  description: 'Veilig inloggen op het wifi-netwerk van elke aangesloten overheidsorganisatie.',
  phase: 'scaling',
  joiningIt: 'Authenticatieserver.',
  joiningProcess: 'Geen.',
  joiningStaff: 'Geen.',
  conditions: 'Per kalenderjaar.',
  termYears: 1,
  noticeMonths: 3,
  exitCostCents: 0,
  yearlyCostsCents: 1_000_000,
  tariff: {
    oneOffCents: 150_000,
    yearly: {
      kind: 'user_bands',
      bands: [
        { fromUsers: 0, toUsers: 249, cents: 50_000 },
        { fromUsers: 250, toUsers: 999, cents: 100_000 },
        { fromUsers: 1000, toUsers: null, cents: 250_000 },
      ],
    },
  },
};

describe('charge sources: the subscriptions and the facilities invoiced through billing', () => {
  let t: TestApp;
  let db: DataSource;
  let billing: BillingService;
  let arrangementId: string;
  const official = new Map<string, Record<string, string>>();
  const invoicesOf = (source: string, year: number) =>
    db.query(
      `SELECT i.id, i.member_code, i.kind, i.number, to_char(i.issued_on, 'YYYY-MM-DD') AS issued_on, i.total_cents::int AS total, i.reason, i.credits_invoice_id
       FROM invoice i WHERE i.source_key = $1 AND i.year = $2 ORDER BY i.sequence`,
      [source, year],
    );
  const instalments = (invoiceId: string) =>
    db.query(
      `SELECT number, to_char(due_on, 'YYYY-MM-DD') AS due_on, amount_cents::int AS amount FROM invoice_instalment WHERE invoice_id = $1 ORDER BY number`,
      [invoiceId],
    );
  const lines = (invoiceId: string) =>
    db.query(`SELECT description, explanation, amount_cents::int AS amount FROM invoice_line WHERE invoice_id = $1 ORDER BY position`, [invoiceId]);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    billing = t.app.get(BillingService);
    await importRegister(t, REGISTER, '2017-01-01');
    const decision = await openConsultation(
      t,
      await createScheme(t, { kind: 'one_member_one_vote' }),
      [{ title: 'Voorstel D: Kindertelefoon, vertrouwenswerk, luisterend oor', questionType: 'for_against' }],
      { kind: 'balv', referenceDate: '2017-01-01' },
    );
    for (const [, token] of await secretaryTokens(t, decision.id)) await vote(t, decision.id, token, [choiceOf(decision, 1, 'for')]).expect(201);
    await t.http().post(`/api/consultations/${decision.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${decision.id}/publish-results`).set(auth(t)).expect(200);
    arrangementId = (
      await t
        .http()
        .post('/api/subscription-arrangements')
        .set(auth(t))
        .send({
          title: 'Abonnementen Kindertelefoon, Luisterend Oor en Vertrouwenswerk Jeugd 2018-2021',
          reference: 'U201700258',
          decidedByConsultationId: decision.id,
          decidedByProposalNumber: 1,
          referenceDate: '2017-01-01',
          firstYear: 2018,
          lastYear: 2021,
          signingDeadline: inDays(10),
          firstInvoiceDate: '2017-12-01',
          officeName: 'Administratiekantoor',
          officeCostCents: 50_000,
          providers: PROVIDERS,
          exemptMemberCodes: ['GM9003'],
        })
        .expect(201)
    ).body.id;
    for (const code of ['GM9001', 'GM9002', 'GM9003']) {
      const email = `ambtenaar.${code.toLowerCase()}@gemeente.example`;
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email, name: `Ambtenaar ${code}`, role: 'member_official', password: PASSWORD, memberCode: code })
        .expect(201);
      official.set(code, { Authorization: `Bearer ${(await t.http().post('/api/auth/sign-in').send({ email, password: PASSWORD }).expect(200)).body.token}` });
    }
    // Middelstad (full) and Eigenoor (exempt, reduced) sign; Grootstad does not answer.
    for (const [code, variant] of [
      ['GM9002', 'full'],
      ['GM9003', 'reduced'],
    ]) {
      const mine = (await t.http().get('/api/subscription-contracts/mine').set(official.get(code)!).expect(200)).body.items[0];
      const shown = (await t.http().get(`/api/subscription-contracts/${mine.id}`).set(official.get(code)!).expect(200)).body;
      await t
        .http()
        .post(`/api/subscription-contracts/${mine.id}/signature`)
        .set(official.get(code)!)
        .send({ variant, signatoryName: `Wethouder ${code}`, signatoryRole: 'wethouder', textSha256: shown.textSha256 })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('lists the new sources with their Dutch labels, for the API and the run form', async () => {
    const sources = (await t.http().get('/api/billing/sources').set(auth(t)).expect(200)).body.items;
    expect(sources).toEqual(
      expect.arrayContaining([
        { key: 'social-domain-subscriptions', label: 'Abonnementen sociaal domein' },
        { key: 'collective-facilities', label: 'Collectieve voorzieningen' },
      ]),
    );
    const page = request.agent(t.app.getHttpServer());
    const form = await page.get('/bestuur/inloggen').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await page.post('/bestuur/inloggen').type('form').send({ email: BOARD.email, password: BOARD.password, _csrf: csrf }).expect(303);
    const html = (await page.get('/bestuur/financien/facturatie').expect(200)).text;
    expect(html).toContain('<option value="social-domain-subscriptions" >Abonnementen sociaal domein</option>');
    expect(html).toContain('<option value="collective-facilities" >Collectieve voorzieningen</option>');
  });

  it('the 2018 subscriptions: one invoice per signed member dated 1 December 2017, a line per provider, the two instalments of the subscriptions due 1 January and 1 July', async () => {
    const chosen = await t
      .http()
      .post('/api/billing/runs')
      .set(auth(t))
      .send({ year: 2018, source: 'social-domain-subscriptions', instalments: 4 })
      .expect(400);
    expect(chosen.body.errors[0].field).toBe('instalments');
    expect(chosen.body.errors[0].rule).toContain('is paid in 2 instalments');
    await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2018, source: 'social-domain-subscriptions', firstDueOn: '2018-03-01' }).expect(400);
    const outside = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2022, source: 'social-domain-subscriptions' }).expect(400);
    expect(outside.body.errors).toEqual([{ field: 'year', rule: 'no social-domain subscription arrangement covers 2022' }]);
    const run = (await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2018, source: 'social-domain-subscriptions' }).expect(202)).body;
    expect(run).toMatchObject({ instalments: 2, firstDueOn: '2018-01-01' });
    await billing.executeRun(run.id, new Date('2017-12-01T08:00:00Z'));

    const invoices = await invoicesOf('social-domain-subscriptions', 2018);
    expect(invoices.map((i: { member_code: string; issued_on: string; total: number }) => [i.member_code, i.issued_on, i.total])).toEqual([
      ['GM9002', '2017-12-01', 4_600_000], // 50.000 × (44 + 23 + 25) ct = € 46.000,00
      ['GM9003', '2017-12-01', 3_350_067], // 50.001 × (44 + 23) ct = € 33.500,67
    ]);
    expect((await lines(invoices[0].id)).map((l: { description: string; amount: number }) => [l.description, l.amount])).toEqual([
      ['Abonnement Stichting AKJ (Vertrouwenswerk Jeugd) 2018', 2_200_000],
      ['Abonnement Stichting De Kindertelefoon (Kindertelefoon) 2018', 1_150_000],
      ['Abonnement Stichting Sensoor (Luisterend Oor) 2018', 1_250_000],
    ]);
    expect((await lines(invoices[0].id))[0].explanation).toContain('50.000 inwoners × € 0,44');
    expect(await instalments(invoices[0].id)).toEqual([
      { number: 1, due_on: '2018-01-01', amount: 2_300_000 },
      { number: 2, due_on: '2018-07-01', amount: 2_300_000 },
    ]);
    // INSTALMENT_SPLIT: the first is half rounded down, the second takes the rest.
    expect(await instalments(invoices[1].id)).toEqual([
      { number: 1, due_on: '2018-01-01', amount: 1_675_033 },
      { number: 2, due_on: '2018-07-01', amount: 1_675_034 },
    ]);
    expect(
      (await db.query(`SELECT source_reference FROM invoice WHERE source_key = 'social-domain-subscriptions'`)).map(
        (r: { source_reference: string }) => r.source_reference,
      ),
    ).toEqual([arrangementId, arrangementId]);

    // The member official sees what it owes under the subscriptions on its own page.
    const owed = await billing.owedBy((await db.query(`SELECT id FROM member WHERE cbs_code = 'GM9002'`))[0].id);
    expect(owed.find((y) => y.year === 2018)!.charges).toEqual([expect.objectContaining({ source: 'Abonnementen sociaal domein', total: '€ 46.000,00' })]);
  });

  it('dissolution on 2 June 2017 style credits every invoice of the arrangement to exactly zero, names it in the letter, and refuses every later run', async () => {
    await t.http().post(`/api/subscription-arrangements/${arrangementId}/indexations`).set(auth(t)).send({ year: 2019, percentage: 0 }).expect(201);
    const reason = 'Het Rijk neemt de financiering met ingang van 2018 over.';
    const dissolved = (
      await t.http().post(`/api/subscription-arrangements/${arrangementId}/dissolution`).set(auth(t)).send({ reason, effectiveOn: '2017-06-02' }).expect(200)
    ).body;
    expect(
      dissolved.credited.map((c: { memberCode: string; invoiceNumber: string; amountCents: number }) => [c.memberCode, c.invoiceNumber, c.amountCents]),
    ).toEqual([
      ['GM9002', '2018-00001', -4_600_000],
      ['GM9003', '2018-00002', -3_350_067],
    ]);
    const all = await invoicesOf('social-domain-subscriptions', 2018);
    const notes = all.filter((i: { kind: string }) => i.kind === 'credit_note');
    expect(notes.map((n: { number: string; total: number; reason: string }) => [n.number, n.total, n.reason])).toEqual([
      ['2018-00003', -4_600_000, `Ontbinding per 2 juni 2017: ${reason}`],
      ['2018-00004', -3_350_067, `Ontbinding per 2 juni 2017: ${reason}`],
    ]);
    // Line by line, invoice plus credit note is zero.
    const sums =
      await db.query(`SELECT i.number, sum(l.amount_cents)::int + sum(cl.amount_cents)::int AS rest FROM invoice i JOIN invoice c ON c.credits_invoice_id = i.id
      JOIN invoice_line l ON l.invoice_id = i.id JOIN invoice_line cl ON cl.invoice_id = c.id AND cl.position = l.position WHERE i.source_key = 'social-domain-subscriptions' GROUP BY i.number ORDER BY i.number`);
    expect(sums).toEqual([
      { number: '2018-00001', rest: 0 },
      { number: '2018-00002', rest: 0 },
    ]);
    const letter = (
      await db.query(
        `SELECT m.context FROM mail_message m JOIN member mb ON mb.id = m.member_id WHERE m.kind = 'subscription_dissolution' AND mb.cbs_code = 'GM9002'`,
      )
    )[0];
    expect(letter.context).toMatchObject({
      gecrediteerd: [{ factuur: '2018-00001', creditnota: '2018-00003', bedrag: '€ 46.000,00' }],
      totaalGecrediteerd: '€ 46.000,00',
    });
    expect(await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE kind = 'credit-note'`)).toEqual([{ n: 2 }]);

    const later = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2019, source: 'social-domain-subscriptions' }).expect(409);
    expect(later.body.message).toContain(
      '2019 falls under "Abonnementen Kindertelefoon, Luisterend Oor en Vertrouwenswerk Jeugd 2018-2021", and the arrangement was dissolved on 2017-06-02',
    );
    expect(await db.query(`SELECT count(*)::int AS n FROM invoice_run WHERE year = 2019`)).toEqual([{ n: 0 }]);
    expect(await invoicesOf('social-domain-subscriptions', 2019)).toEqual([]);
  });

  it(`collective facilities: Middelstad joins Govroam in ${Y} with 300 users and is invoiced € 1.500 + € 1.000; the next year only € 1.000`, async () => {
    const govroam = (await t.http().post('/api/facilities').set(auth(t)).send(GOVROAM).expect(201)).body.id;
    const none = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: Y, source: 'collective-facilities' }).expect(400);
    expect(none.body.errors[0].rule).toContain(`no collective facility costs fall in ${Y}`);
    await t
      .http()
      .post(`/api/facilities/${govroam}/memberships`)
      .set(official.get('GM9002')!)
      .send({ termsVersion: 1, joinedOn: `${Y}-03-01`, users: 300 })
      .expect(201);
    for (const year of [Y, Y + 1]) {
      const run = (
        await t
          .http()
          .post('/api/billing/runs')
          .set(auth(t))
          .send({ year, source: 'collective-facilities', firstDueOn: `${year}-04-01` })
          .expect(202)
      ).body;
      await billing.executeRun(run.id, new Date(`${year}-03-02T09:00:00Z`));
    }
    const [first] = await invoicesOf('collective-facilities', Y);
    expect(first).toMatchObject({ member_code: 'GM9002', total: 250_000, issued_on: `${Y}-03-02` });
    expect((await lines(first.id)).map((l: { description: string; amount: number }) => [l.description, l.amount])).toEqual([
      [`Govroam ${Y}: eenmalige aansluiting`, 150_000],
      [`Govroam ${Y}: jaarbedrag`, 100_000],
    ]);
    expect(await instalments(first.id)).toEqual([{ number: 1, due_on: `${Y}-04-01`, amount: 250_000 }]);
    const [second] = await invoicesOf('collective-facilities', Y + 1);
    expect(second).toMatchObject({ member_code: 'GM9002', total: 100_000 });
    const years = await t.app.get(BillingService).owedBy((await db.query(`SELECT id FROM member WHERE cbs_code = 'GM9002'`))[0].id);
    expect(years.find((y) => y.year === Y)!.charges.find((c) => c.source === 'Collectieve voorzieningen')!.total).toBe('€ 2.500,00');
  });
});
