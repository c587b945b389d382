import request from 'supertest';
import { DataSource } from 'typeorm';
import { BillingService } from '../src/billing/billing.service';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, inDays, secretaryTokens, vote } from './support/factories';

/** The text a PDF shows: the hex strings of its (uncompressed) TJ operators, decoded as WinAnsi (where 0x80 is the euro sign). */
function pdfText(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .split('\n')
    .filter((line) => / TJ$/.test(line))
    .map((line) => [...line.matchAll(/<([0-9a-f]*)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join(''))
    .join(' ')
    .replace(/\x80/g, '€')
    .replace(/\s+/g, ' ');
}

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const RATES_2024 = [
  { fromInhabitants: 0, ratePerInhabitant: '1.92' },
  { fromInhabitants: 5000, ratePerInhabitant: '1.76' },
  { fromInhabitants: 25000, ratePerInhabitant: '1.52' },
  { fromInhabitants: 200000, ratePerInhabitant: '0.75' },
];
const PASSWORD = 'een-lang-wachtwoord';

/** A browser with its cookies: it opens pages, keeps the form token and posts forms as a person would. */
class Browser {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';
  constructor(t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }
  async open(path: string, status = 200) {
    const res = await this.agent.get(path).set('Accept', 'text/html').expect(status);
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? this.csrf;
    return res;
  }
  post(path: string, fields: Record<string, string> | string) {
    const body = typeof fields === 'string' ? `${fields}&_csrf=${this.csrf}` : { ...fields, _csrf: this.csrf };
    return this.agent.post(path).set('Accept', 'text/html').type('form').send(body);
  }
  async signIn(email: string, password: string) {
    await this.open('/bestuur/inloggen');
    return this.post('/bestuur/inloggen', { email, password }).expect(303);
  }
}

/**
 * The finance pages driven as the board and a member official would: figures worked out by hand from
 * the five-member register (Barendrecht 48,654 inhabitants) under the 2024 rates of the issue, per band.
 */
describe('the finance pages', () => {
  let t: TestApp;
  let db: DataSource;
  let board: Browser;
  let consultationId: string;
  let budgetId: string;
  let runId: string;
  let barendrecht: string; // its contribution invoice 2024-00003
  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({ year: 2024, referenceDate: '2020-06-30', membersOn: '2020-06-30', bandMode: 'per_band', bands: RATES_2024, basis: 'ALV 2023' })
      .expect(201);
    // A fund budget of € 1.000,00 for 2024 (Beheer € 600, Innovatie € 400), adopted by a vote of its own.
    const budget = (
      await t
        .http()
        .post('/api/finance/fund-budgets/import')
        .set(auth(t))
        .send({
          title: 'Begroting collectief fonds 2024',
          firstYear: 2024,
          lastYear: 2024,
          referenceDate: '2020-06-30',
          membersOn: '2020-06-30',
          source: 'test',
          activities: [
            { name: 'Beheer fonds', compartment: 'management', kind: 'structural', amounts: [{ year: 2024, amountCents: 60000 }] },
            { name: 'Pilot innovatie', compartment: 'innovation', kind: 'incidental', amounts: [{ year: 2024, amountCents: 40000 }] },
          ],
          statedSums: [{ label: 'Totaal 2024', year: 2024, amountCents: 100000 }],
        })
        .expect(201)
    ).body;
    budgetId = budget.id;
    const scheme = await createScheme(t, EXAMPLE_TABLE);
    const c = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({ kind: 'alv', title: 'ALV december 2023', referenceDate: '2020-06-30', weightingSchemeId: scheme, votingDeadline: inDays(3) })
      .expect(201);
    consultationId = c.body.id;
    const p = await t
      .http()
      .post(`/api/consultations/${consultationId}/proposals`)
      .set(auth(t))
      .send({ title: 'Begroting collectief fonds 2024', questionType: 'for_against' })
      .expect(201);
    await t.http().post(`/api/proposals/${p.body.id}/effect`).set(auth(t)).send({ kind: 'fund_budget', fundBudgetId: budgetId }).expect(201);
    await t.http().post(`/api/consultations/${consultationId}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${consultationId}/open-voting`).set(auth(t)).expect(200);
    const tokens = await secretaryTokens(t, consultationId);
    await vote(t, consultationId, tokens.get('GM0363')!, [{ proposalId: p.body.id, choiceId: p.body.choices[0].id }]).expect(201);
    await t.http().post(`/api/consultations/${consultationId}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${consultationId}/publish-results`).set(auth(t)).expect(200);
    const entry = (body: object) =>
      t
        .http()
        .post(`/api/finance/fund-budgets/${budgetId}/entries`)
        .set(auth(t))
        .send({ year: 2024, compartment: 'management', description: 'Besluit bestuur', ...body })
        .expect(201);
    await entry({ kind: 'authorised', amountCents: 50000 });
    await entry({ kind: 'spent', amountCents: 20000 });
    for (const [role, code] of [
      ['member_official', 'GM0489'],
      ['member_official', 'GM0498'],
      ['clerk', undefined],
    ] as const) {
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email: `${role}.${code ?? 'x'}@test.example`, name: `${role} ${code ?? ''}`, role, password: PASSWORD, ...(code ? { memberCode: code } : {}) })
        .expect(201);
    }
    board = new Browser(t);
    expect((await board.signIn(BOARD.email, BOARD.password)).headers.location).toBe('/bestuur');
  });
  afterAll(() => t.close());

  it('shows the schedules with their bands and rates, and the fund budgets with the vote that adopted them, in Dutch', async () => {
    const res = await board.open('/bestuur/financien');
    expect(res.text).toContain('Contributie 2024');
    expect(res.text).toMatch(/<td data-label="Klasse">0 tot 5\.000 inwoners<\/td><td class="num" data-label="Tarief per inwoner">€ 1,92<\/td>/);
    expect(res.text).toMatch(/<td data-label="Klasse">200\.000 inwoners en meer<\/td><td class="num" data-label="Tarief per inwoner">€ 0,75<\/td>/);
    expect(res.text).toContain('per schijf: elk tarief geldt voor de inwoners binnen die schijf');
    expect(res.text).toContain('<dt>Grondslag</dt><dd>ALV 2023</dd>');
    expect(res.text).toContain(`<a href="/bestuur/financien/fonds/${budgetId}">Begroting collectief fonds 2024</a>`);
    expect(res.text).toContain(
      `<a href="/raadplegingen/${consultationId}/uitslag">ALV december 2023, voorstel 1 Begroting collectief fonds 2024: Voor (voorlopig, nog niet bekrachtigd)</a>`,
    );
    for (const code of ['per_band', 'whole_population', 'cent_half_up', 'provisional', 'adopted', 'management', 'structural'])
      expect(res.text).not.toContain(code);
  });

  it("shows each member's contribution line by line", async () => {
    const res = await board.open('/bestuur/financien/contributie/2024');
    // Barendrecht per band: 5,000 × 1.92 = 9,600.00; 20,000 × 1.76 = 35,200.00; 23,654 × 1.52 = 35,954.08; total 80,754.08.
    expect(res.text).toContain(
      '5.000 × € 1,92 (0 tot 5.000 inwoners) = € 9.600,00<br>20.000 × € 1,76 (5.000 tot 25.000 inwoners) = € 35.200,00<br>23.654 × € 1,52 (25.000 tot 200.000 inwoners) = € 35.954,08</td><td class="num" data-label="Contributie">€ 80.754,08</td>',
    );
    // The five together (billing suite, by hand): 1,829.76 + 813,081.75 + 80,754.08 + 35,604.00 + 648,644.25.
    expect(res.text).toContain('5 gemeenten, samen € 1.579.913,84');
    const bad = await board.open('/bestuur/financien/contributie/20x4', 400);
    expect(bad.text).toContain('Dat ging niet');
  });

  it('shows the budget with budgeted, authorised and spent per compartment', async () => {
    const res = await board.open(`/bestuur/financien/fonds/${budgetId}`);
    // Beheer: € 600 budgeted, € 500 authorised, € 200 spent; € 100 not authorised, € 300 authorised and not spent.
    expect(res.text).toContain(
      '<tr><td data-label="Jaar">2024</td><td data-label="Compartiment">Beheer</td><td class="num" data-label="Begroot">€ 600,00</td><td class="num" data-label="Toegekend">€ 500,00</td><td class="num" data-label="Besteed">€ 200,00</td><td class="num" data-label="Nog niet toegekend">€ 100,00</td><td class="num" data-label="Toegekend, niet besteed">€ 300,00</td></tr>',
    );
    expect(res.text).toContain(
      '<tr><td data-label="Jaar">2024</td><td data-label="Compartiment">Innovatie</td><td class="num" data-label="Begroot">€ 400,00</td><td class="num" data-label="Toegekend">€ 0,00</td><td class="num" data-label="Besteed">€ 0,00</td><td class="num" data-label="Nog niet toegekend">€ 400,00</td><td class="num" data-label="Toegekend, niet besteed">€ 0,00</td></tr>',
    );
    expect(res.text).toContain('Alle opgegeven sommen kloppen.');
    expect(res.text).toContain('bestedingsruimte toegekend');
  });

  it('refuses a bad run form with Dutch messages at each field, and writes nothing', async () => {
    await board.open('/bestuur/financien/facturatie');
    const cases: [Record<string, string> | string, string, string, number][] = [
      [{ year: 'abc', source: 'contribution' }, 'year', 'Vul een jaartal in van 2000 tot en met 2100.', 400],
      [{ year: '1999', source: 'contribution' }, 'year', 'Vul een jaartal in van 2000 tot en met 2100.', 400],
      [
        { year: '2025', source: 'contribution' },
        'year',
        'Voor 2025 zijn geen contributietarieven vastgesteld; factureren kan pas als de leden erover hebben besloten.',
        400,
      ],
      [{ year: '2024', source: '<script>alert(1)</script>' }, 'source', 'Kies wat u wilt factureren.', 400],
      [{ year: '2024', source: 'parking' }, 'source', 'Kies een van de aangeboden soorten.', 400],
      [{ year: '2024', source: 'contribution', instalments: '13' }, 'instalments', 'Kies een aantal termijnen van 1 tot en met 12.', 400],
      [{ year: '2024', source: 'contribution', instalments: '1.5' }, 'instalments', 'Kies een aantal termijnen van 1 tot en met 12.', 400],
      [
        { year: '2024', source: 'contribution', firstDueOn: '2024-02-30' },
        'firstDueOn',
        'Vul een bestaande datum in als jjjj-mm-dd, of laat het veld leeg.',
        400,
      ],
      ['year=2024&year=2025&source=contribution', 'year', 'Vul een jaartal in van 2000 tot en met 2100.', 400],
      ['year[a]=2024&source[]=contribution', 'year', 'Vul een jaartal in van 2000 tot en met 2100.', 400],
    ];
    for (const [fields, field, message, status] of cases) {
      const res = await board.post('/bestuur/financien/facturatie', fields).expect(status);
      expect(res.text).toContain(`<a href="#veld-${field}">${message}</a>`);
      expect(res.text).toContain(`<p class="field-error" id="fout-${field}">${message}</p>`);
      // Described by its message (and by its hint, where the field has one).
      expect(res.text).toMatch(new RegExp(`id="veld-${field}"[^>]*aria-invalid="true" aria-describedby="fout-${field}( uitleg-${field})?"`));
      expect(res.text).not.toMatch(/must|should|INVALID_INPUT/);
    }
    expect((await board.post('/bestuur/financien/facturatie', { year: '2024\u0000', source: 'contribution' })).status).toBe(400);
    // Without the form token, or as JSON, the form is refused before it is read.
    await board.agent.post('/bestuur/financien/facturatie').type('form').send({ year: '2024', source: 'contribution' }).expect(403);
    await board.agent.post('/bestuur/financien/facturatie').send({ year: 2024, source: 'contribution', _csrf: board.csrf }).expect(415);
    expect(await count('invoice_run')).toBe(0);
    expect(await count("outbox_job WHERE name = 'invoice-run'")).toBe(0);
  });

  it('a clerk reads the invoice pages but may not start a run', async () => {
    const clerk = new Browser(t);
    await clerk.signIn('clerk.x@test.example', PASSWORD);
    const page = await clerk.open('/bestuur/financien/facturatie');
    expect(page.text).not.toContain('Factuurrun starten</button>');
    await clerk.post('/bestuur/financien/facturatie', { year: '2024', source: 'contribution' }).expect(403);
    expect(await count('invoice_run')).toBe(0);
  });

  it('starts the 2024 contribution run with the form and follows it until the invoices are there', async () => {
    const form = await board.open('/bestuur/financien/facturatie');
    expect(form.text).toContain('<option value="contribution" >Contributie</option>');
    const started = await board
      .post('/bestuur/financien/facturatie', { year: '2024', source: 'contribution', instalments: '4', firstDueOn: '2024-03-01' })
      .expect(303);
    runId = /^\/bestuur\/financien\/facturatie\/([0-9a-f-]{36})$/.exec(started.headers.location)![1];
    const waiting = await board.open(started.headers.location);
    expect(waiting.text).toContain('Stand: <strong>in de wachtrij</strong>');
    expect(waiting.text).toContain('<meta http-equiv="refresh" content="5">');
    // The worker's job, run here at a known moment.
    await t.app.get(BillingService).executeRun(runId, new Date('2024-02-01T09:00:00Z'));
    const done = await board.open(started.headers.location);
    expect(done.text).toContain('Stand: <strong>gereed</strong>');
    expect(done.text).toContain('<dt>Facturen</dt><dd>5, samen € 1.579.913,84</dd>');
    expect(done.text).toContain('<dd>4, de eerste uiterlijk 1 maart 2024</dd>');
    expect(done.text).not.toContain('http-equiv="refresh"');
    barendrecht = new RegExp(
      `<a href="/bestuur/financien/facturen/([0-9a-f-]{36})">2024-00003</a></td><td data-label="Gemeente">Barendrecht</td><td class="num" data-label="Bedrag">€ 80.754,08</td>`,
    ).exec(done.text)![1];
    const again = await board.post('/bestuur/financien/facturatie', { year: '2024', source: 'contribution' }).expect(409);
    expect(again.text).toContain('Voor dit jaar en deze soort is al een factuurrun gestart: elke gemeente krijgt één factuur.');
    // The fund's share too: Barendrecht 48,654 / 1,589,550 of € 1.000,00 = 3,060.89 cents: 3,060 plus one remaining cent (largest remainder).
    const fund = await board.post('/bestuur/financien/facturatie', { year: '2024', source: 'collective-fund' }).expect(303);
    await t.app.get(BillingService).executeRun(fund.headers.location.split('/').pop()!, new Date('2024-02-01T09:00:00Z'));
    expect((await board.open(fund.headers.location)).text).toContain('<dt>Facturen</dt><dd>5, samen € 1.000,00</dd>');
  });

  it("lists the year's invoices and shows one with its lines, instalments and the vote behind each figure", async () => {
    const list = await board.open('/bestuur/financien/facturen?jaar=2024');
    expect(list.text).toContain("10 facturen en creditnota's");
    expect([...list.text.matchAll(/>(2024-\d{5})</g)].map((m) => m[1])).toEqual([
      '2024-00001',
      '2024-00002',
      '2024-00003',
      '2024-00004',
      '2024-00005',
      '2024-00006',
      '2024-00007',
      '2024-00008',
      '2024-00009',
      '2024-00010',
    ]);
    const res = await board.open(`/bestuur/financien/facturen/${barendrecht}`);
    expect(res.text).toContain(
      '<td data-label="Omschrijving" class="money-desc">Contributie 2024</td><td data-label="Berekening">5.000 inwoners × € 1,92 (klasse 0 tot 5.000 inwoners; per schijf: elk tarief geldt voor de inwoners binnen die schijf), peildatum 2020-06-30</td><td class="num" data-label="Bedrag">€ 9.600,00</td><td data-label="Vastgesteld door">besluit buiten het platform</td>',
    );
    // 8,075,408 cents in four: 2,018,852 each, due every three months from 1 March.
    expect(res.text).toContain(
      '<tr><td data-label="Termijn">1</td><td data-label="Uiterlijk te voldoen">1 maart 2024</td><td class="num" data-label="Bedrag">€ 20.188,52</td></tr>',
    );
    expect(res.text).toContain(
      '<tr><td data-label="Termijn">4</td><td data-label="Uiterlijk te voldoen">1 december 2024</td><td class="num" data-label="Bedrag">€ 20.188,52</td></tr>',
    );
    const fundList = await board.open('/bestuur/financien/facturen?jaar=2024');
    const fundInvoice = /<a href="\/bestuur\/financien\/facturen\/([0-9a-f-]{36})">2024-00008<\/a>/.exec(fundList.text)![1];
    const share = await board.open(`/bestuur/financien/facturen/${fundInvoice}`);
    expect(share.text).toContain('<td class="num" data-label="Bedrag">€ 30,61</td>');
    expect(share.text).toContain(
      `<a href="/raadplegingen/${consultationId}/uitslag">ALV december 2023, voorstel 1 Begroting collectief fonds 2024: Voor (voorlopig, nog niet bekrachtigd)</a>`,
    );
    await board.open('/bestuur/financien/facturen?jaar=abcd', 400);
  });

  it('the invoice letter is a Dutch page and a PDF, and the invoice mail links to it', async () => {
    const page = await board.open(`/facturen/${barendrecht}`);
    expect(page.text).toContain('Vereniging van Nederlandse Gemeenten</strong><br>Postbus 30435, 2500 GK Den Haag');
    expect(page.text).toContain('College van burgemeester en wethouders van de gemeente Barendrecht<br>t.a.v. Secretaris Barendrecht');
    expect(page.text).toContain('Factuurnummer (kenmerk): 2024-00003');
    expect(page.text).toContain('<strong>€ 80.754,08</strong>');
    expect(page.text).toContain(
      '<tr><td data-label="Termijn">4</td><td data-label="Uiterlijk te voldoen">1 december 2024</td><td class="num" data-label="Bedrag">€ 20.188,52</td></tr>',
    );
    const pdf = await board.agent.get(`/facturen/${barendrecht}/factuur.pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.body as Buffer);
    for (const expected of [
      'Factuurnummer (kenmerk): 2024-00003',
      'Postbus 30435, 2500 GK Den Haag',
      'gemeente Barendrecht',
      'Contributie 2024: € 35.954,08',
      'Totaal: € 80.754,08',
      'Termijn 2, te voldoen uiterlijk 1 juni 2024: € 20.188,52',
    ]) {
      expect(text).toContain(expected);
    }
    const [mail] = await db.query(`SELECT context->>'briefUrl' AS url FROM mail_message WHERE kind = 'invoice' AND context->>'nummer' = '2024-00003'`);
    expect(mail.url).toBe(`http://localhost:3000/facturen/${barendrecht}`);
  });

  it('credits an invoice with a reason after a confirmation step; only the confirmed post writes', async () => {
    const before = await count('invoice');
    const form = await board.open(`/bestuur/financien/facturen/${barendrecht}/crediteren`);
    expect(form.text).toContain('Reden van de creditering');
    const empty = await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, { reason: '   ' }).expect(400);
    expect(empty.text).toContain('<p class="field-error" id="fout-reason">Vul de reden van de creditering in (hoogstens 500 tekens).</p>');
    await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, { reason: 'x'.repeat(501), confirmed: 'ja' }).expect(400);
    await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, 'reason[]=a&confirmed=ja').expect(400);
    const confirm = await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, { reason: 'Inwonertal gecorrigeerd' }).expect(200);
    expect(confirm.text).toContain('Weet u het zeker?');
    expect(confirm.text).toContain('Er komt een creditnota van <strong>- € 80.754,08</strong>');
    expect(await count('invoice')).toBe(before);
    const done = await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, { reason: 'Inwonertal gecorrigeerd', confirmed: 'ja' }).expect(303);
    const note = await board.open(done.headers.location);
    // Ten invoices of 2024 so far: the credit note takes 2024-00011.
    expect(note.text).toContain('<h1>Creditnota 2024-00011</h1>');
    expect(note.text).toContain('factuur 2024-00003</a>; reden: Inwonertal gecorrigeerd');
    expect(note.text).toContain('<strong>- € 80.754,08</strong>');
    const twice = await board.post(`/bestuur/financien/facturen/${barendrecht}/crediteren`, { reason: 'nogmaals', confirmed: 'ja' }).expect(409);
    expect(twice.text).toContain('Deze factuur kan niet (meer) worden gecrediteerd: hij is al gecrediteerd met creditnota 2024-00011.');
    expect(await count('invoice')).toBe(before + 1);
    expect((await board.open(`/bestuur/financien/facturen/${barendrecht}/crediteren`)).text).toContain('al gecrediteerd met creditnota 2024-00011');
  });

  it('a member official signs in to /gemeente and sees what Barendrecht owes per year, its invoices and credit notes, and its letters only', async () => {
    const official = new Browser(t);
    expect((await official.signIn('member_official.GM0489@test.example', PASSWORD)).headers.location).toBe('/gemeente');
    const home = await official.open('/gemeente');
    for (const link of ['/gemeente/facturen', '/gemeente/abonnementen', '/gemeente/voorzieningen']) expect(home.text).toContain(`<a href="${link}">`);
    expect(home.text).toMatch(/<a [^>]*href="\/gemeente"[^>]*>Mijn gemeente<\/a>/);
    const own = await official.open('/gemeente/facturen');
    // 2024: contribution € 80.754,08 + fund share € 30,61 = € 80.784,69.
    expect(own.text).toContain('<h3 id="jaar-2024">2024: € 80.784,69</h3>');
    expect(own.text).toContain('<caption>Contributie 2024: € 80.754,08</caption>');
    expect(own.text).toContain('<caption>Bijdrage collectief fonds 2024: € 30,61</caption>');
    expect(
      [...own.text.matchAll(/<a href="\/facturen\/[0-9a-f-]{36}">(2024-\d{5})<\/a><\/td><td data-label="Soort">(\w+)<\/td>/g)]
        .map((m) => `${m[1]} ${m[2]}`)
        .sort(),
    ).toEqual(['2024-00003 factuur', '2024-00008 factuur', '2024-00011 creditnota']);
    await official.open(`/facturen/${barendrecht}`);
    const pdf = await official.agent.get(`/facturen/${barendrecht}/factuur.pdf`).buffer(true).parse(binary).expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Drechterland's invoice is not Barendrecht's; the board's pages are not a member official's.
    const [other] = await db.query(`SELECT id FROM invoice WHERE number = '2024-00004'`);
    expect((await official.open(`/facturen/${other.id}`, 403)).text).toContain('Geen toegang');
    await official.agent.get(`/facturen/${other.id}/factuur.pdf`).expect(403);
    await official.open('/bestuur/financien', 403);
    await official.post(`/bestuur/financien/facturen/${other.id}/crediteren`, { reason: 'x', confirmed: 'ja' }).expect(403);
  });

  it('without signing in, the finance, member and letter pages send the visitor to the sign-in page', async () => {
    for (const path of ['/bestuur/financien', '/gemeente', '/gemeente/facturen', `/facturen/${barendrecht}`, `/facturen/${barendrecht}/factuur.pdf`]) {
      const res = await t.http().get(path).set('Accept', 'text/html').expect(303);
      expect(res.headers.location).toBe('/bestuur/inloggen');
    }
  });
});
