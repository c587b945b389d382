import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillingService } from '../src/billing/billing.service';
import { ChargeSource, ChargeSources } from '../src/billing/charge-source';
import { DomainError } from '../src/platform/http/domain-error';
import { startWorker } from '../src/worker';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, FIVE_MEMBERS, importRegister } from './support/factories';
import { until } from './support/wait';

const RATES_2024 = [
  { fromInhabitants: 0, ratePerInhabitant: '1.92' },
  { fromInhabitants: 5000, ratePerInhabitant: '1.76' },
  { fromInhabitants: 25000, ratePerInhabitant: '1.52' },
  { fromInhabitants: 200000, ratePerInhabitant: '0.75' },
];

/**
 * A further arrangement plugged in from outside billing, as subscriptions (issue 11) and facilities
 * (issue 15) will: € 100,00 per member, and a switch that makes it refuse, to see a failed run give its numbers back.
 */
class FlatFeeSource implements ChargeSource {
  readonly key = 'flat-fee';
  readonly label = 'Vaste bijdrage';
  refuse = false;
  constructor(private readonly members: () => Promise<string[]>) {}
  async chargesFor(year: number) {
    if (this.refuse) throw DomainError.invalid('year', `no flat fee adopted for ${year}`);
    return (await this.members()).map((memberId) => ({
      memberId,
      lines: [{ description: `Vaste bijdrage ${year}`, explanation: 'vast bedrag per lid', amountCents: 10000n, decidedBy: null }],
    }));
  }
  basisFor() {
    return Promise.resolve('vast bedrag per lid');
  }
}

describe('billing: invoice runs, numbers without gaps, instalments, credit notes', () => {
  let t: TestApp;
  let db: DataSource;
  let billing: BillingService;
  let flat: FlatFeeSource;
  const runs = async (year: number) =>
    (await t.http().get('/api/billing/runs').set(auth(t)).expect(200)).body.items.filter((r: { year: number }) => r.year === year);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    billing = t.app.get(BillingService);
    await importRegister(t, FIVE_MEMBERS);
    flat = new FlatFeeSource(async () => (await db.query(`SELECT id FROM member ORDER BY cbs_code`)).map((r: { id: string }) => r.id));
    t.app.get(ChargeSources).register(flat);
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
      .send({ year: 2023, referenceDate: '2020-06-30', membersOn: '2020-06-30', bandMode: 'whole_population', bands: RATES_2024, basis: 'ALV 2022' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('lists its charge sources: the contribution, the collective fund, the subscriptions, the facilities, and one plugged in from outside', async () => {
    const sources = (await t.http().get('/api/billing/sources').set(auth(t)).expect(200)).body.items;
    expect(sources.map((s: { key: string }) => s.key).sort()).toEqual([
      'collective-facilities',
      'collective-fund',
      'contribution',
      'flat-fee',
      'social-domain-subscriptions',
    ]);
  });

  it('invoices the 2024 contribution: Amsterdam and Barendrecht line by line, in four instalments that add up to the cent', async () => {
    const started = await t
      .http()
      .post('/api/billing/runs')
      .set(auth(t))
      .send({ year: 2024, source: 'contribution', instalments: 4, firstDueOn: '2024-03-01' })
      .expect(202);
    expect(started.body).toMatchObject({ status: 'queued', invoiceCount: 0 });
    expect(await db.query(`SELECT name, job_id FROM outbox_job WHERE job_id = $1`, [`invoice-run:${started.body.id}`])).toHaveLength(1);
    await billing.executeRun(started.body.id, new Date('2024-02-01T09:00:00Z'));
    const run = (await t.http().get(`/api/billing/runs/${started.body.id}`).set(auth(t)).expect(200)).body;
    // Per band (by hand): Schiermonnikoog 953 × 1.92 = 1,829.76; Amsterdam 9,600 + 35,200 + 266,000 + 669,709 × 0.75 = 813,081.75;
    // Barendrecht 9,600 + 35,200 + 23,654 × 1.52 = 80,754.08; Drechterland 9,600 + 14,775 × 1.76 = 35,604.00;
    // Rotterdam 9,600 + 35,200 + 266,000 + 450,459 × 0.75 = 648,644.25. Total 1,579,913.84.
    expect(run).toMatchObject({ status: 'done', invoiceCount: 5, totalCents: 157991384 });
    const invoices = (await t.http().get('/api/billing/invoices?year=2024').set(auth(t)).expect(200)).body.items;
    // Numbered in CBS order from 1, without gaps.
    expect(invoices.map((i: { number: string; memberCode: string; totalCents: number }) => [i.number, i.memberCode, i.totalCents])).toEqual([
      ['2024-00001', 'GM0088', 182976],
      ['2024-00002', 'GM0363', 81308175],
      ['2024-00003', 'GM0489', 8075408],
      ['2024-00004', 'GM0498', 3560400],
      ['2024-00005', 'GM0599', 64864425],
    ]);
    const barendrecht = invoices[2];
    expect(barendrecht.lines.map((l: { explanation: string; amountCents: number }) => [l.explanation.split(' (')[0], l.amountCents])).toEqual([
      ['5.000 inwoners × € 1,92', 960000],
      ['20.000 inwoners × € 1,76', 3520000],
      ['23.654 inwoners × € 1,52', 3595408],
    ]);
    expect(barendrecht.issuedOn).toBe('2024-02-01');
    // 8,075,408 cents = 4 × 2,018,852: four equal instalments.
    expect(barendrecht.instalments.map((i: { dueOn: string; amountCents: number }) => [i.dueOn, i.amountCents])).toEqual([
      ['2024-03-01', 2018852],
      ['2024-06-01', 2018852],
      ['2024-09-01', 2018852],
      ['2024-12-01', 2018852],
    ]);
    // Amsterdam: 81,308,175 = 4 × 20,327,043 + 3: the three remaining cents go to the first three instalments (rule I1).
    expect(invoices[1].instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([20327044, 20327044, 20327044, 20327043]);
    const mails = await db.query(`SELECT to_address, context->>'nummer' AS nummer FROM mail_message WHERE kind = 'invoice' ORDER BY context->>'nummer'`);
    expect(mails.map((m: { to_address: string; nummer: string }) => m.nummer)).toEqual(['2024-00001', '2024-00002', '2024-00003', '2024-00004', '2024-00005']);
    expect(mails[2].to_address).toBe('secretaris.gm0489@gemeente.example');
    const [letter] = await db.query(`SELECT context FROM mail_message WHERE kind = 'invoice' AND context->>'nummer' = '2024-00003'`);
    expect(letter.context.regels.map((r: { bedrag: string }) => r.bedrag)).toEqual(['€ 9.600,00', '€ 35.200,00', '€ 35.954,08']);
    expect(letter.context.termijnen.map((r: { vervaldatum: string; bedrag: string }) => `${r.vervaldatum}: ${r.bedrag}`)).toEqual([
      '1 maart 2024: € 20.188,52',
      '1 juni 2024: € 20.188,52',
      '1 september 2024: € 20.188,52',
      '1 december 2024: € 20.188,52',
    ]);
  });

  it('running the job again changes nothing; a second run for the year and source, a year without an adopted schedule and an unknown source are refused', async () => {
    const [run] = await runs(2024);
    await billing.executeRun(run.id);
    expect((await db.query(`SELECT count(*)::int AS n FROM invoice WHERE year = 2024`))[0].n).toBe(5);
    const again = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2024, source: 'contribution' }).expect(409);
    expect(again.body.errors).toEqual([{ field: 'year', rule: 'one invoice run per year and charge source' }]);
    // 2025 has no schedule of its own and no vote that kept the 2024 rates: not decided, so not invoiced.
    const undecided = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2025, source: 'contribution' }).expect(400);
    expect(undecided.body.errors).toEqual([{ field: 'year', rule: 'no contribution schedule adopted for 2025' }]);
    const noFund = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2024, source: 'collective-fund' }).expect(400);
    expect(noFund.body.errors).toEqual([{ field: 'year', rule: 'no collective fund budget adopted for 2024' }]);
    const unknown = await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2024, source: 'parking' }).expect(400);
    expect(unknown.body.errors[0].field).toBe('source');
    expect((await db.query(`SELECT count(*)::int AS n FROM invoice_run`))[0].n).toBe(1);
    // Invoicing a member twice is refused by the database itself.
    await expect(
      db.query(`INSERT INTO invoice (kind, year, sequence, number, run_id, source_key, member_id, member_code, member_name, addressee, email, issued_on, total_cents, created_by)
      SELECT 'invoice', 2024, 99, '2024-00099', run_id, source_key, member_id, member_code, member_name, addressee, email, issued_on, 1, 'x' FROM invoice WHERE number = '2024-00003'`),
    ).rejects.toThrow(/invoice_once_per_member_year_source/);
  });

  it('a credit note credits an invoice fully with its reason, takes the next number, nets to zero and is given once', async () => {
    const [, , barendrecht] = (await t.http().get('/api/billing/invoices?year=2024').set(auth(t)).expect(200)).body.items;
    const note = (await t.http().post(`/api/billing/invoices/${barendrecht.id}/credit`).set(auth(t)).send({ reason: 'Inwonertal gecorrigeerd' }).expect(201))
      .body;
    expect(note).toMatchObject({
      kind: 'credit_note',
      number: '2024-00006',
      creditsNumber: '2024-00003',
      reason: 'Inwonertal gecorrigeerd',
      totalCents: -8075408,
      instalments: [],
    });
    expect(note.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([-960000, -3520000, -3595408]);
    const [{ net }] = await db.query(`SELECT sum(total_cents)::bigint::text AS net FROM invoice WHERE member_code = 'GM0489' AND year = 2024`);
    expect(net).toBe('0');
    const twice = await t.http().post(`/api/billing/invoices/${barendrecht.id}/credit`).set(auth(t)).send({ reason: 'nogmaals' }).expect(409);
    expect(twice.body.message).toContain('2024-00006');
    await t.http().post(`/api/billing/invoices/${note.id}/credit`).set(auth(t)).send({ reason: 'x' }).expect(400);
    await t.http().post(`/api/billing/invoices/${barendrecht.id}/credit`).set(auth(t)).send({ reason: '   ' }).expect(400);
    await expect(db.query(`UPDATE invoice SET total_cents = 1 WHERE id = $1`, [barendrecht.id])).rejects.toThrow(/never changed/);
    const audit = await db.query(`SELECT action FROM audit_event WHERE subject_id = $1`, [barendrecht.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['invoice.credited']);
  });

  it('two runs of one year at the same moment number 1 to 10 without gaps; a refused run gives its numbers back', async () => {
    const a = (await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2023, source: 'contribution' }).expect(202)).body.id;
    const b = (await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2023, source: 'flat-fee' }).expect(202)).body.id;
    await Promise.all([billing.executeRun(a), billing.executeRun(b)]);
    const rows: { sequence: number; run_id: string }[] = await db.query(`SELECT sequence, run_id FROM invoice WHERE year = 2023 ORDER BY sequence`);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Each run's five numbers are consecutive: one run took 1-5, the other 6-10.
    const first = rows[0].run_id;
    expect(rows.map((r) => r.run_id === first)).toEqual([true, true, true, true, true, false, false, false, false, false]);

    const c = (await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2024, source: 'flat-fee' }).expect(202)).body.id;
    flat.refuse = true;
    await billing.executeRun(c);
    flat.refuse = false;
    expect((await t.http().get(`/api/billing/runs/${c}`).set(auth(t)).expect(200)).body).toMatchObject({
      status: 'failed',
      error: 'year: no flat fee adopted for 2024',
      invoiceCount: 0,
    });
    // The 2024 series stays at 6 (five invoices and the credit note): the next number given is 7.
    const later = await t
      .http()
      .post(`/api/billing/invoices/${(await db.query(`SELECT id FROM invoice WHERE number = '2024-00001'`))[0].id}/credit`)
      .set(auth(t))
      .send({ reason: 'test' })
      .expect(201);
    expect(later.body.number).toBe('2024-00007');
  });

  it('exports the year for the bookkeeping as JSON and CSV, credit notes included', async () => {
    const json = (await t.http().get('/api/billing/years/2024/bookkeeping').set(auth(t)).expect(200)).body;
    expect(json.invoices.map((i: { number: string }) => i.number)).toEqual([
      '2024-00001',
      '2024-00002',
      '2024-00003',
      '2024-00004',
      '2024-00005',
      '2024-00006',
      '2024-00007',
    ]);
    // 1,579,913.84 invoiced, Barendrecht's 80,754.08 and Schiermonnikoog's 1,829.76 credited: 1,497,330.00.
    expect(json.totalCents).toBe(149733000);
    const csv = (await t.http().get('/api/billing/years/2024/bookkeeping.csv').set(auth(t)).expect(200)).text;
    expect(csv.split('\n')[0]).toBe('number;kind;issued_on;source;member_code;member_name;line;description;explanation;amount_eur;credits;reason');
    expect(csv).toContain('2024-00006;credit_note;');
    expect(csv).toMatch(
      /2024-00006;credit_note;\d{4}-\d{2}-\d{2};contribution;GM0489;Barendrecht;3;Contributie 2024;"23\.654 inwoners × € 1,52[^"]*";-35954\.08;2024-00003;Inwonertal gecorrigeerd/,
    );
  });

  it('through the queue: the worker runs the invoice run and the invoice letters are mailed to the secretaries', async () => {
    let worker: INestApplicationContext | undefined;
    try {
      worker = await startWorker();
      await t
        .http()
        .post('/api/finance/contribution-schedules')
        .set(auth(t))
        .send({ year: 2022, referenceDate: '2020-06-30', membersOn: '2020-06-30', bandMode: 'whole_population', bands: RATES_2024, basis: 'ALV 2021' })
        .expect(201);
      const run = (
        await t.http().post('/api/billing/runs').set(auth(t)).send({ year: 2022, source: 'contribution', instalments: 2, firstDueOn: '2022-04-01' }).expect(202)
      ).body.id;
      await until(async () => (await t.http().get(`/api/billing/runs/${run}`).set(auth(t))).body.status === 'done');
      const invoices = (await t.http().get(`/api/billing/invoices?runId=${run}`).set(auth(t)).expect(200)).body.items;
      // Barendrecht, whole population: 48,654 × 1.52 = 73,954.08, in two instalments of 36,977.04 on 1 April and 1 October.
      expect(
        invoices
          .find((i: { memberCode: string }) => i.memberCode === 'GM0489')
          .instalments.map((i: { dueOn: string; amountCents: number }) => [i.dueOn, i.amountCents]),
      ).toEqual([
        ['2022-04-01', 3697704],
        ['2022-10-01', 3697704],
      ]);
      await until(
        async () =>
          (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE kind = 'invoice' AND status = 'sent' AND context->>'nummer' LIKE '2022-%'`))[0]
            .n === 5,
      );
    } finally {
      await worker?.close();
    }
  });
});
