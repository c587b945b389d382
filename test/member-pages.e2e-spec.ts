import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { formatDateTimeNl } from '../src/platform/text/dutch-format';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, EXAMPLE_TABLE, importRegister, inDays } from './support/factories';

const MEMBERS: [string, string, number][] = [
  ['GM0363', 'Amsterdam', 869709],
  ['GM0489', 'Barendrecht', 48654],
  ['GM0498', 'Drechterland', 19775],
  ['GM0388', 'Enkhuizen', 18658],
];
const PASSWORD = 'een-lang-wachtwoord';
const email = (code: string) => `griffie.${code.toLowerCase()}@gemeente.example`;

/** A browser without JavaScript: keeps its cookies, reads the form token of each page it opens. */
class Browser {
  readonly agent: ReturnType<typeof request.agent>;
  private csrf = '';

  constructor(t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  async open(path: string, status = 200) {
    const res = await this.agent.get(path).set('Accept', 'text/html').expect(status);
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? this.csrf;
    return res;
  }

  post(path: string, fields: Record<string, string>) {
    return this.agent
      .post(path)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...fields, _csrf: this.csrf });
  }

  async signIn(address: string, password = PASSWORD) {
    await this.open('/bestuur/inloggen');
    return this.post('/bestuur/inloggen', { email: address, password }).expect(303);
  }
}

/** The member official's pages refuse what is not theirs, in Dutch, and write nothing they refuse. */
describe("the member official's pages", () => {
  let t: TestApp;
  let db: DataSource;
  let consultationId: string;
  let draftId: string;
  let vacancies: string;
  let contribution: string;
  let amendmentId: string;
  const officials = new Map<string, Browser>();
  const count = async () => (await db.query(`SELECT count(*)::int AS n FROM amendment`))[0].n as number;
  const statusOf = async (id: string) => (await db.query(`SELECT status FROM amendment WHERE id = $1`, [id]))[0].status as string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, MEMBERS);
    for (const code of ['GM0363', 'GM0489', 'GM0498']) {
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email: email(code), name: `Ambtenaar ${code}`, role: 'member_official', password: PASSWORD, memberCode: code })
        .expect(201);
      const browser = new Browser(t);
      await browser.signIn(email(code));
      officials.set(code, browser);
    }
    const schemeId = await createScheme(t, EXAMPLE_TABLE);
    const consultation = (draft: boolean) =>
      t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({
          kind: 'ledenraadpleging',
          title: draft ? 'Raadpleging in voorbereiding' : 'Ledenraadpleging juni 2020',
          referenceDate: '2020-06-30',
          weightingSchemeId: schemeId,
          amendmentDeadline: inDays(2),
          votingDeadline: inDays(6),
        })
        .expect(201);
    consultationId = (await consultation(false)).body.id;
    draftId = (await consultation(true)).body.id;
    const propose = (body: object) => t.http().post(`/api/consultations/${consultationId}/proposals`).set(auth(t)).send(body).expect(201);
    vacancies = (await propose({ title: 'Invulling vacatures bestuur en commissies', questionType: 'for_against' })).body.id;
    contribution = (
      await propose({
        title: 'Contributievoorstel VNG 2021',
        questionType: 'for_against',
        value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 },
      })
    ).body.id;
    await t.http().post(`/api/consultations/${consultationId}/open-amendments`).set(auth(t)).expect(200);
    const barendrecht = officials.get('GM0489')!;
    await barendrecht.open(`/gemeente/amendementen/nieuw/${consultationId}`);
    const submitted = await barendrecht
      .post(`/gemeente/amendementen/nieuw/${consultationId}`, {
        proposalId: contribution,
        text: 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.',
        rationale: 'De financiële situatie van gemeenten.',
        changedValue: '2,9%',
        coSponsors: 'gemeente drechterland',
      })
      .expect(303);
    amendmentId = submitted.headers.location.split('/').pop()!.split('?')[0];
  });
  afterAll(() => t.close());

  it('a member official who signs in lands on /gemeente; empty fields are named at the field and are no attempt', async () => {
    const browser = new Browser(t);
    await browser.open('/bestuur/inloggen');
    const empty = await browser.post('/bestuur/inloggen', { email: '', password: '' }).expect(400);
    expect(empty.text).toContain('<a href="#veld-email">Vul uw e-mailadres in.</a>');
    expect(empty.text).toContain('<a href="#veld-password">Vul uw wachtwoord in.</a>');
    expect(empty.text).toContain('<p class="field-error" id="fout-password">Vul uw wachtwoord in.</p>');
    // Ten failed sign-ins from one address make it wait; these nine and the one above are not counted, so the wrong password below is the first.
    for (let i = 0; i < 9; i++) await browser.post('/bestuur/inloggen', { email: email('GM0489'), password: '' }).expect(400);
    const wrong = await browser.post('/bestuur/inloggen', { email: email('GM0489'), password: 'fout' }).expect(401);
    expect(wrong.text).toContain('<a href="#veld-email">Het e-mailadres of het wachtwoord klopt niet.</a>');
    expect(wrong.text).toContain(`value="${email('GM0489')}"`);
    const signedIn = await browser.post('/bestuur/inloggen', { email: email('GM0489'), password: PASSWORD }).expect(303);
    expect(signedIn.headers.location).toBe('/gemeente');
    const board = new Browser(t);
    expect((await board.signIn(BOARD.email, BOARD.password)).headers.location).toBe('/bestuur');
  });

  it('the submitted amendment names the proposal, the figure and the pending co-sponsor', async () => {
    const [row] = await db.query(`SELECT reference, changed_value, text FROM amendment WHERE id = $1`, [amendmentId]);
    expect(row).toEqual({ reference: 'AM-2020-002-01', changed_value: '2.9', text: 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.' });
    const page = await officials.get('GM0489')!.open(`/gemeente/amendementen/${amendmentId}`);
    expect(page.text).toContain('contributieverhoging: 3,9% wordt <strong>2,9%</strong>');
    expect(page.text).toContain('Drechterland (GM0498): nog niet bevestigd');
  });

  it('not signed in, every member page sends the visitor to the sign-in page', async () => {
    const visitor = new Browser(t);
    for (const path of ['/gemeente', '/gemeente/amendementen', `/gemeente/amendementen/nieuw/${consultationId}`, `/gemeente/amendementen/${amendmentId}`]) {
      const res = await visitor.open(path, 303);
      expect(res.headers.location).toBe('/bestuur/inloggen');
    }
    await visitor.open('/bestuur/inloggen');
    const posted = await visitor.post(`/gemeente/amendementen/${amendmentId}/intrekken`, { confirmed: 'ja' }).expect(303);
    expect(posted.headers.location).toBe('/bestuur/inloggen');
    expect(await statusOf(amendmentId)).toBe('submitted');
  });

  it('the board gets the Dutch "Geen toegang" page on the member pages', async () => {
    const board = new Browser(t);
    await board.signIn(BOARD.email, BOARD.password);
    for (const path of ['/gemeente', '/gemeente/amendementen', `/gemeente/amendementen/${amendmentId}`, `/gemeente/amendementen/nieuw/${consultationId}`]) {
      const res = await board.open(path, 403);
      expect(res.text).toContain('<h1>Geen toegang</h1>');
      expect(res.text).not.toMatch(/amendments\.submit|member\.home|may not/);
    }
    await board.post(`/gemeente/amendementen/nieuw/${consultationId}`, { proposalId: vacancies, text: 'x', rationale: 'y' }).expect(403);
    expect(await count()).toBe(1);
  });

  it("another municipality's amendment is not found; a co-sponsor reads it but cannot change it", async () => {
    const amsterdam = officials.get('GM0363')!;
    for (const path of [
      `/gemeente/amendementen/${amendmentId}`,
      `/gemeente/amendementen/${amendmentId}/wijzigen`,
      `/gemeente/amendementen/${amendmentId}/intrekken`,
    ]) {
      const res = await amsterdam.open(path, 404);
      expect(res.text).toContain('<h1>Niet gevonden</h1>');
      expect(res.text).not.toContain('does not exist');
    }
    await amsterdam.post(`/gemeente/amendementen/${amendmentId}/intrekken`, { confirmed: 'ja' }).expect(404);
    await amsterdam.post(`/gemeente/amendementen/${amendmentId}/wijzigen`, { text: 'Anders', rationale: 'Anders' }).expect(404);
    await amsterdam.post(`/gemeente/amendementen/${amendmentId}/steunen`, {}).expect(404);
    const list = await amsterdam.open('/gemeente/amendementen');
    expect(list.text).not.toContain('AM-2020-002-01');

    const drechterland = officials.get('GM0498')!;
    const page = await drechterland.open(`/gemeente/amendementen/${amendmentId}`);
    expect(page.text).toContain('Steun bevestigen');
    expect(page.text).not.toContain('/wijzigen"');
    const edit = await drechterland.open(`/gemeente/amendementen/${amendmentId}/wijzigen`, 403);
    expect(edit.text).toContain('<h1>Geen toegang</h1>');
    await drechterland.post(`/gemeente/amendementen/${amendmentId}/intrekken`, { confirmed: 'ja' }).expect(403);
    await drechterland.post(`/gemeente/amendementen/${amendmentId}/wijzigen`, { text: 'Anders', rationale: 'Anders' }).expect(403);
    expect(await statusOf(amendmentId)).toBe('submitted');
    expect((await db.query(`SELECT text FROM amendment WHERE id = $1`, [amendmentId]))[0].text).toContain('2,9%');
  });

  it('a draft or unknown consultation and an address that is no id are Dutch error pages', async () => {
    const barendrecht = officials.get('GM0489')!;
    expect((await barendrecht.open(`/gemeente/amendementen/nieuw/${draftId}`, 404)).text).toContain('<h1>Niet gevonden</h1>');
    await barendrecht.open('/gemeente/amendementen/nieuw/00000000-0000-4000-8000-000000000000', 404);
    await barendrecht.open('/gemeente/amendementen/00000000-0000-4000-8000-000000000000', 404);
    const bad = await barendrecht.open('/gemeente/amendementen/nieuw/abc', 400);
    expect(bad.text).toContain('is geen geldige verwijzing');
    expect(bad.text).not.toContain('must be');
  });

  it('the form refuses in Dutch at the field what the amendment service would refuse, keeps what was typed and writes nothing', async () => {
    const barendrecht = officials.get('GM0489')!;
    await barendrecht.open(`/gemeente/amendementen/nieuw/${consultationId}`);
    const base = { proposalId: contribution, text: 'Tekst <script>alert(1)</script>', rationale: 'Reden.', changedValue: '', coSponsors: '' };
    const cases: [Record<string, string>, string, string][] = [
      [{ proposalId: '' }, 'proposalId', 'Kies het voorstel waarop het amendement betrekking heeft.'],
      [{ proposalId: draftId }, 'proposalId', 'Kies het voorstel waarop het amendement betrekking heeft.'],
      [{ rationale: '   ' }, 'rationale', 'Vul de toelichting in: waarom dient uw gemeente dit in? (hoogstens 20.000 tekens)'],
      [{ text: 'x'.repeat(20001) }, 'text', 'Vul de tekst van het amendement in (hoogstens 20.000 tekens).'],
      [{ proposalId: vacancies, changedValue: '2,9' }, 'changedValue', 'Voorstel 1 heeft geen getal dat een amendement kan wijzigen. Laat dit veld leeg.'],
      [{ changedValue: '2,999' }, 'changedValue', 'Vul het gewijzigde percentage in als getal met hoogstens twee decimalen, bijvoorbeeld 2,9.'],
      [{ changedValue: 'twee' }, 'changedValue', 'Vul het gewijzigde percentage in als getal met hoogstens twee decimalen, bijvoorbeeld 2,9.'],
      [
        { coSponsors: 'Atlantis' },
        'coSponsors',
        '‘Atlantis’ is geen gemeente die lid is van de vereniging. Controleer de naam, of gebruik de CBS-code (GM en vier cijfers).',
      ],
      [
        { coSponsors: 'GM9999' },
        'coSponsors',
        '‘GM9999’ is geen gemeente die lid is van de vereniging. Controleer de naam, of gebruik de CBS-code (GM en vier cijfers).',
      ],
      [{ coSponsors: 'Barendrecht' }, 'coSponsors', 'Uw eigen gemeente kan geen mede-indiener zijn: zij dient het al in.'],
      [{ coSponsors: 'Drechterland\nGM0498' }, 'coSponsors', 'U noemt Drechterland twee keer.'],
    ];
    for (const [change, field, message] of cases) {
      const res = await barendrecht.post(`/gemeente/amendementen/nieuw/${consultationId}`, { ...base, ...change }).expect(400);
      expect(res.text).toContain(`<a href="#veld-${field}">${message}</a>`);
      expect(res.text).toContain(`<p class="field-error" id="fout-${field}">${message}</p>`);
      expect(res.text).toMatch(new RegExp(`id="veld-${field}"[^>]*aria-invalid="true"`));
      if (!change.text) expect(res.text).toContain('Tekst &lt;script&gt;alert(1)&lt;/script&gt;'); // kept, and escaped
      expect(res.text).not.toMatch(/must|should|is not/);
    }
    const motion = await barendrecht.post(`/gemeente/amendementen/nieuwe-motie/${consultationId}`, { text: '', rationale: 'Reden.' }).expect(400);
    expect(motion.text).toContain('<a href="#veld-text">Vul de tekst van de motie in (hoogstens 20.000 tekens).</a>');
    expect(await count()).toBe(1);
  });

  it('after the deadline every write is refused with the deadline in Dutch; the pages show the amendment read-only', async () => {
    const barendrecht = officials.get('GM0489')!;
    const drechterland = officials.get('GM0498')!;
    await barendrecht.open(`/gemeente/amendementen/${amendmentId}`);
    await drechterland.open(`/gemeente/amendementen/${amendmentId}`);
    await db.query(`UPDATE consultation SET amendment_deadline = date_trunc('minute', now()) - interval '1 minute' WHERE id = $1`, [consultationId]);
    const [{ deadline }] = await db.query(`SELECT amendment_deadline AS deadline FROM consultation WHERE id = $1`, [consultationId]);
    const late = `Amendementen en moties konden worden ingediend en gewijzigd tot ${formatDateTimeNl(deadline)}. Dat is voorbij: wat u hebt verstuurd, is niet verwerkt.`;
    const summary = `<a href="#termijn">${late}</a>`;

    const submit = await barendrecht
      .post(`/gemeente/amendementen/nieuw/${consultationId}`, { proposalId: vacancies, text: 'Te laat.', rationale: 'Te laat.' })
      .expect(409);
    expect(submit.text).toContain(summary);
    expect(submit.text).toContain('Wat u had ingevuld (niet verwerkt)');
    const edit = await barendrecht
      .post(`/gemeente/amendementen/${amendmentId}/wijzigen`, { text: 'Later', rationale: 'Later', changedValue: '2,5' })
      .expect(409);
    expect(edit.text).toContain(summary);
    const withdraw = await barendrecht.post(`/gemeente/amendementen/${amendmentId}/intrekken`, { confirmed: 'ja' }).expect(409);
    expect(withdraw.text).toContain(summary);
    expect(withdraw.text).toContain('id="termijn"');
    const confirm = await drechterland.post(`/gemeente/amendementen/${amendmentId}/steunen`, {}).expect(409);
    expect(confirm.text).toContain(summary);

    const [row] = await db.query(`SELECT status, text, changed_value FROM amendment WHERE id = $1`, [amendmentId]);
    expect(row).toEqual({ status: 'submitted', text: 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.', changed_value: '2.9' });
    expect((await db.query(`SELECT count(*)::int AS n FROM amendment_cosponsor WHERE confirmed_at IS NOT NULL`))[0].n).toBe(0);
    expect(await count()).toBe(1);

    const page = await barendrecht.open(`/gemeente/amendementen/${amendmentId}`);
    expect(page.text).toContain(`De termijn voor amendementen en moties is verstreken op ${formatDateTimeNl(deadline)}.`);
    expect(page.text).not.toMatch(/\/wijzigen"|\/intrekken"|\/steunen"/);
    const form = await barendrecht.open(`/gemeente/amendementen/${amendmentId}/wijzigen`);
    expect(form.text).not.toContain('<form method="post" action="/gemeente/amendementen/');
    expect(form.text).toContain('Dit amendement kan niet meer worden gewijzigd');
  });
  it("the board's answer shows on the list and the page; once the final proposals are published everything is read-only", async () => {
    const reasoning = 'Het contributievoorstel volgt meerjarige afspraken uit 2018 (96%). Wij nemen het amendement niet over.';
    await t
      .http()
      .post(`/api/amendments/${amendmentId}/response`)
      .set(auth(t))
      .send({ response: 'not_adopt', reasoning, purport: 'beperking contributiestijging tot 2,9%' })
      .expect(200);
    const barendrecht = officials.get('GM0489')!;
    const list = await barendrecht.open('/gemeente/amendementen');
    expect(list.text).toContain(`<strong>Niet overgenomen</strong><br>${reasoning}`);
    const page = await barendrecht.open(`/gemeente/amendementen/${amendmentId}`);
    expect(page.text).toContain('<strong>Niet overgenomen.</strong> Het amendement komt als alternatief op het stemformulier; de leden beslissen.');
    expect(page.text).toContain('Beantwoord door het bestuur');
    await t.http().post(`/api/consultations/${consultationId}/publish-final-proposals`).set(auth(t)).expect(200);
    const after = await barendrecht.open('/gemeente/amendementen');
    expect(after.text).toContain('de definitieve voorstellen zijn gepubliceerd');
    expect(after.text).not.toContain(`/gemeente/amendementen/nieuw/${consultationId}`);
    const form = await barendrecht.open(`/gemeente/amendementen/nieuw/${consultationId}`);
    expect(form.text).toContain('U kunt bij deze raadpleging geen amendement meer indienen.');
    const refused = await barendrecht.post(`/gemeente/amendementen/nieuw/${consultationId}`, { proposalId: vacancies, text: 'x', rationale: 'y' }).expect(409);
    expect(refused.text).toContain(
      '<a href="#termijn">In deze fase van de raadpleging kunnen amendementen en moties niet (meer) worden ingediend, gewijzigd of ingetrokken.</a>',
    );
  });

  it('hostile form fields never give a 5xx on any member form (property-based)', async () => {
    const barendrecht = officials.get('GM0489')!;
    await barendrecht.open('/gemeente/amendementen');
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('a\u0000b', '\ud800', '   ', '9'.repeat(40), '2,9', 'GM0498', 'ja', vacancies, '%00'),
    );
    const fields = fc.dictionary(fc.constantFrom('proposalId', 'text', 'rationale', 'changedValue', 'coSponsors', 'confirmed', 'x'), hostile, { maxKeys: 6 });
    const paths = [
      `/gemeente/amendementen/nieuw/${consultationId}`,
      `/gemeente/amendementen/nieuwe-motie/${consultationId}`,
      `/gemeente/amendementen/${amendmentId}/wijzigen`,
      `/gemeente/amendementen/${amendmentId}/intrekken`,
      `/gemeente/amendementen/${amendmentId}/steunen`,
      '/bestuur/inloggen',
    ];
    const before = await count();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fields, async (path, body) => {
        const res = await barendrecht.post(path, body);
        return res.status < 500 && !/must|should/.test(res.text);
      }),
      { numRuns: 40 },
    );
    expect(await count()).toBe(before);
  });
});
