import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startWorker } from '../../src/worker';
import { instantToAmsterdam } from '../../src/platform/text/amsterdam-time';
import { BOARD } from '../setup/test-app';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';
import { auth, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, secretaryTokens, vote } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { until } from '../support/wait';

/** Amsterdam date and time `days` from now, as the date and time inputs take them. */
function inDaysLocal(days: number, time = '17:00'): { date: string; time: string } {
  return { date: instantToAmsterdam(new Date(Date.now() + days * 86400_000)).slice(0, 10), time };
}

/**
 * The board runs a consultation from nothing to ratification in Chromium: the register and the
 * example table come through the API (FIVE_MEMBERS: Amsterdam 12, Rotterdam 12, Barendrecht 5,
 * Drechterland 3, Schiermonnikoog 1 = 33 votes), votes and the member official's amendment too;
 * everything the board does, it does in the pages.
 */
describe('the board runs a consultation in the browser', () => {
  let b: BrowserApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let db: DataSource;
  let page: Page;
  let consultationId: string;
  let alvId: string;
  let votingDeadline: { date: string; time: string };
  const tokens = new Map<string, string>();
  const choices = new Map<string, { proposalId: string; choiceId: string }>();

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    b = await startBrowserApp({ SMTP_URL: sink.url });
    worker = await startWorker();
    db = b.t.app.get(DataSource);
    await importRegister(b.t, FIVE_MEMBERS);
    await createScheme(b.t, EXAMPLE_TABLE, 'Voorbeeldtabel (test)');
    await b.t
      .http()
      .post('/api/accounts')
      .set(auth(b.t))
      .send({
        email: 'griffie.gm0489@gemeente.example',
        name: 'Griffie Barendrecht',
        role: 'member_official',
        password: 'een-lang-wachtwoord',
        memberCode: 'GM0489',
      })
      .expect(201);
    page = await b.newPage();
    await signInAs(page, BOARD.email, BOARD.password);
  });
  afterAll(async () => {
    await worker.close();
    await b.close();
    await sink.stop();
  });

  /** Clicks a button or link and waits for the Dutch message of the done step. */
  async function act(name: string | RegExp, message: string | RegExp, role: 'button' | 'link' = 'button') {
    await page.getByRole(role, { name }).click();
    await page.getByRole('status').filter({ hasText: message }).waitFor();
  }

  /** The cells of a table's body rows, as text. */
  async function cellsOf(table: ReturnType<Page['locator']>): Promise<string[][]> {
    const rows = table.locator('tbody tr');
    const cells: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) cells.push(await rows.nth(i).locator('td').allTextContents());
    return cells;
  }

  const live = (key: string) => page.locator(`[data-live="${key}"]`);
  const waitForFigure = (key: string, value: string) =>
    live(key)
      .filter({ hasText: new RegExp(`^${value}$`) })
      .waitFor({ timeout: 20_000 });

  async function loadChoices(id: string) {
    const detail = await b.t.http().get(`/api/consultations/${id}`).set(auth(b.t)).expect(200);
    for (const p of detail.body.proposals as { id: string; number: number; choices: { id: string; label: string }[] }[]) {
      for (const c of p.choices) choices.set(`${p.number}:${c.label}`, { proposalId: p.id, choiceId: c.id });
    }
    tokens.clear();
    for (const [code, token] of await secretaryTokens(b.t, id)) tokens.set(code, token);
  }

  const cast = (id: string, code: string, ...picks: string[]) =>
    vote(
      b.t,
      id,
      tokens.get(code)!,
      picks.map((p) => choices.get(p)!),
    ).expect(201);

  it('shows the overview with "Nieuwe raadpleging"', async () => {
    await page.goto('/bestuur');
    await page.getByText('Er zijn nog geen raadplegingen.').waitFor();
    await checkPage(page, 'board-overview-empty');
    await page.getByRole('link', { name: 'Nieuwe raadpleging' }).first().click();
    await page.getByRole('heading', { name: 'Nieuwe raadpleging' }).waitFor();
    await checkPage(page, 'board-create-empty');
  });

  it('refuses an incomplete form with the messages at their fields, keeping what was typed', async () => {
    await page.getByLabel('Kenmerk (niet verplicht)').fill('Lbr. 20/030');
    await page.getByRole('group', { name: 'Termijn voor amendementen en moties (niet verplicht)' }).getByLabel('Datum').fill(inDaysLocal(1).date);
    await page.getByRole('group', { name: 'Einde van de stemming' }).getByLabel('Datum').fill('2020-06-26');
    await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Uw invoer is niet verwerkt' });
    await summary.waitFor();
    // Title empty, the amendment deadline without a time, no scheme chosen.
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Vul de titel in (hoogstens 300 tekens).',
      'Kies een wegingsschema.',
      'Vul de datum en de tijd in waarop de termijn voor amendementen sluit, of laat beide leeg.',
    ]);
    await expect(page.locator('#veld-title').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#veld-reference').inputValue()).resolves.toBe('Lbr. 20/030');
    await checkPage(page, 'board-create-errors');

    // Complete, but the vote would close in the past: refused at that field.
    await page.getByLabel('Titel').fill('Ledenraadpleging juni 2020');
    await page.getByLabel('Wegingsschema').selectOption({ label: 'Voorbeeldtabel (test)' });
    await page.getByRole('group', { name: 'Termijn voor amendementen en moties (niet verplicht)' }).getByLabel('Tijd').fill('12:00');
    await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await page.locator('#fout-votingDeadline').filter({ hasText: 'Het einde van de stemming moet in de toekomst liggen.' }).waitFor();
    await expect(page.locator('#veld-votingDeadline').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('creates the consultation and adds two proposals with their rules', async () => {
    votingDeadline = inDaysLocal(10);
    await page.getByLabel('Peildatum').fill('2020-06-30');
    await page.getByRole('group', { name: 'Einde van de stemming' }).getByLabel('Datum').fill(votingDeadline.date);
    await page.getByRole('group', { name: 'Einde van de stemming' }).getByLabel('Tijd').fill(votingDeadline.time);
    await act('Raadpleging aanmaken', 'De raadpleging is aangemaakt als concept.');
    consultationId = /\/bestuur\/raadplegingen\/([0-9a-f-]{36})/.exec(page.url())![1];

    await page.getByRole('link', { name: 'Voorstel toevoegen' }).click();
    await page.getByRole('heading', { name: 'Voorstel 1 toevoegen' }).waitFor();
    await checkPage(page, 'board-proposal-form');
    await page.getByLabel('Titel').fill('Vaststelling jaarverslag 2019');
    await page.getByLabel('Samenvatting').fill('Het bestuur stelt voor het financieel jaarverslag 2019 vast te stellen en het bestuur decharge te verlenen.');
    await page.getByLabel(/ten minste twee derde/).check();
    await act('Voorstel toevoegen', 'Het voorstel is toegevoegd.');

    await page.getByRole('link', { name: 'Voorstel toevoegen' }).click();
    await page.getByLabel('Titel').fill('Contributievoorstel 2021');
    await page.getByLabel('Soort getal').selectOption('percentage');
    await page.getByLabel('Naam van het getal').fill('contributieverhoging');
    await page.getByLabel('Getal', { exact: true }).fill('3,9');
    await act('Voorstel toevoegen', 'Het voorstel is toegevoegd.');
    await page.getByText('ten minste 2/3 van de uitgebrachte gewogen stemmen').waitFor();
    await page.getByText('contributieverhoging: 3,9%').waitFor();
  });

  it('opens the amendment window and answers the amendment a member official submitted', async () => {
    await act('Amendementen openstellen', 'De termijn voor amendementen en moties is geopend.');
    const official = (
      await b.t.http().post('/api/auth/sign-in').send({ email: 'griffie.gm0489@gemeente.example', password: 'een-lang-wachtwoord' }).expect(200)
    ).body.token as string;
    const detail = await b.t.http().get(`/api/consultations/${consultationId}`).set(auth(b.t)).expect(200);
    const contribution = detail.body.proposals.find((p: { number: number }) => p.number === 2).id;
    await b.t
      .http()
      .post(`/api/consultations/${consultationId}/amendments`)
      .set({ Authorization: `Bearer ${official}` })
      .send({
        proposalId: contribution,
        text: 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.',
        rationale: 'De financiële positie van gemeenten.',
        changedValue: 2.9,
      })
      .expect(201);

    await page.reload();
    await page.getByText(': 1 ingediend, 1 nog niet beantwoord.').waitFor();
    await page.getByRole('link', { name: 'Amendementen en moties' }).click();
    await page.getByRole('heading', { name: 'AM-2020-002-01: Barendrecht' }).waitFor();
    await checkPage(page, 'board-amendments');
    // Without a reasoning the answer is refused at that field.
    await page.getByLabel(/Niet overnemen/).check();
    await page.getByRole('button', { name: 'Reactie op AM-2020-002-01 vastleggen' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Vul de motivering van het bestuur in.' }).waitFor();
    await page.getByLabel('Motivering van het bestuur').fill('Het contributievoorstel volgt de meerjarige afspraken die de ALV in 2018 maakte.');
    await act('Reactie op AM-2020-002-01 vastleggen', 'Uw reactie is vastgelegd.');
    await page.getByText('Reactie bestuur: niet overgenomen').waitFor();
  });

  it('publishes the final proposals once the window has passed and opens voting', async () => {
    // Time passes: the amendment deadline is behind us.
    await db.query(`UPDATE consultation SET amendment_deadline = now() - interval '1 minute' WHERE id = $1`, [consultationId]);
    await act('Definitieve voorstellen publiceren', 'De definitieve voorstellen zijn gepubliceerd');
    await page.goto(`/bestuur/raadplegingen/${consultationId}`);
    await page.getByText('Voorstel bestuur (3,9%) · Geamendeerd voorstel Barendrecht (2,9%) · Tegen beide voorstellen · Onthouding').waitFor();
    await act('Stemming openen', 'De stemming is geopend. De gewichten zijn vastgelegd en 5 stemformulieren gaan per e-mail naar de secretarissen.');
    await expect(live('votedMembers').textContent()).resolves.toBe('0');
    await expect(live('eligibleWeight').textContent()).resolves.toBe('33');
    await waitForFigure('invitationSent', '5');
    await checkPage(page, 'board-voting-open');
  });

  it('shows turnout by members and by weight change as votes arrive, without a reload', async () => {
    await loadChoices(consultationId);
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await cast(consultationId, 'GM0363', '1:Voor', '2:Voorstel bestuur (3,9%)'); // Amsterdam, 12
    await waitForFigure('votedWeight', '12');
    // 12 of 33 = 36,36%; 1 of 5 members = 20,00%
    await expect(live('weightShare').textContent()).resolves.toBe('36,36%');
    await expect(live('membersShare').textContent()).resolves.toBe('20,00%');
    await cast(consultationId, 'GM0489', '1:Tegen', '2:Geamendeerd voorstel Barendrecht (2,9%)'); // Barendrecht, 5
    await cast(consultationId, 'GM0498', '1:Voor', '2:Geamendeerd voorstel Barendrecht (2,9%)'); // Drechterland, 3
    await waitForFigure('votedWeight', '20');
    // 20 of 33 = 60,61%; 3 of 5 = 60,00%
    await expect(live('weightShare').textContent()).resolves.toBe('60,61%');
    await expect(live('votedMembers').textContent()).resolves.toBe('3');
    await waitForFigure('receiptSent', '3');
    await expect(page.locator('[aria-live="polite"]').count()).resolves.toBe(1);
    await expect(page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
  });

  it('lists the members that have not voted and reminds them', async () => {
    await page.getByRole('link', { name: 'Leden die nog niet hebben gestemd' }).click();
    const rows = page.locator('table.board-non-voters tbody tr');
    await rows.first().waitFor();
    // Heaviest first: Rotterdam 12, Schiermonnikoog 1 (13 together).
    await expect(rows.locator('td[data-label="Gemeente"]').allTextContents()).resolves.toEqual(['Rotterdam GM0599', 'Schiermonnikoog GM0088']);
    await expect(rows.locator('td[data-label="Gewicht"]').allTextContents()).resolves.toEqual(['12', '1']);
    await page.getByText('2 van de 5 leden hebben nog niet gestemd, samen 13 van de 33 gewogen stemmen.').waitFor();
    await expect(page.getByRole('link', { name: 'Papieren stembiljet Rotterdam (PDF)' }).getAttribute('href')).resolves.toMatch(
      new RegExp(`^/bestuur/raadplegingen/${consultationId}/papieren-stembiljet/[0-9a-f-]{36}\\.pdf$`),
    );
    await checkPage(page, 'board-non-voters');
    await act('Herinnering sturen aan alle 2 leden', 'Er gaan 2 herinneringen per e-mail.');
    await until(() => sink.received().filter((m) => m.subject.startsWith('Herinnering')).length === 2);
    expect(
      sink
        .received()
        .filter((m) => m.subject.startsWith('Herinnering'))
        .map((m) => m.to)
        .sort(),
    ).toEqual(['secretaris.gm0088@gemeente.example', 'secretaris.gm0599@gemeente.example']);
    await expect(rows.first().locator('td[data-label="Stemformulier per e-mail"]').textContent()).resolves.toContain('1 herinnering');
  });

  it('resends an invitation with the same link and reissues a ballot, whose old link stops', async () => {
    await page.getByRole('link', { name: 'Opnieuw versturen aan Rotterdam' }).click();
    await page.getByText('De link blijft dezelfde').waitFor();
    await act('Ja, opnieuw versturen', 'Het stemformulier is opnieuw verstuurd, met dezelfde link.');
    const toRotterdam = () => sink.received().filter((m) => m.to === 'secretaris.gm0599@gemeente.example' && m.subject.startsWith('Stemformulier'));
    await until(() => toRotterdam().length === 2);
    const link = (body: string) => /\/stemmen\/([A-Za-z0-9_-]{43})/.exec(body)![1];
    expect(link(toRotterdam()[1].body)).toBe(link(toRotterdam()[0].body));

    await page.getByRole('link', { name: 'Nieuw stemformulier voor Schiermonnikoog' }).click();
    await expect(page.getByLabel('E-mailadres van de secretaris').inputValue()).resolves.toBe('secretaris.gm0088@gemeente.example');
    await page.getByLabel('Naam van de secretaris').fill('Nieuwe secretaris');
    await page.getByLabel('E-mailadres van de secretaris').fill('nieuw@schiermonnikoog.example');
    await act('Oude link stoppen en nieuw stemformulier versturen', 'Er is een nieuw stemformulier uitgegeven en verstuurd. De oude link werkt niet meer.');
    const refused = await vote(b.t, consultationId, tokens.get('GM0088')!, [choices.get('1:Voor')!, choices.get('2:Onthouding')!]).expect(403);
    expect(refused.body.error).toBe('LINK_REVOKED');
    await until(() => sink.received().some((m) => m.to === 'nieuw@schiermonnikoog.example' && m.subject.startsWith('Stemformulier')));
    await page.getByText('nieuw@schiermonnikoog.example').waitFor();
  });

  it('extends the deadline: an earlier date is refused at the field, a later one tells every member', async () => {
    await page.goto(`/bestuur/raadplegingen/${consultationId}`);
    await page.getByRole('link', { name: 'Stemtermijn verlengen' }).click();
    const group = page.getByRole('group', { name: 'Nieuw einde van de stemming' });
    await expect(group.getByLabel('Datum').inputValue()).resolves.toBe(votingDeadline.date);
    await group.getByLabel('Datum').fill(inDaysLocal(9).date);
    await page.getByRole('button', { name: 'Verlengen en alle leden berichten' }).click();
    await page.locator('#fout-votingDeadline').filter({ hasText: 'De nieuwe stemtermijn moet later zijn dan de huidige stemtermijn.' }).waitFor();
    await expect(page.locator('#veld-votingDeadline').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkPage(page, 'board-extend-errors');
    await group.getByLabel('Datum').fill(inDaysLocal(12).date);
    await group.getByLabel('Tijd').fill('12:00');
    await act('Verlengen en alle leden berichten', 'De stemtermijn is verlengd. 5 leden krijgen hiervan bericht per e-mail.');
    await until(() => sink.received().filter((m) => m.subject.startsWith('Stemtermijn verlengd')).length === 5);
    const voted = sink.received().find((m) => m.subject.startsWith('Stemtermijn verlengd') && m.to === 'secretaris.gm0363@gemeente.example')!;
    expect(voted.body).toContain('Wij hebben de stem van de gemeente Amsterdam al ontvangen');
    await waitForFigure('extensionSent', '5');
  });

  it('closes early after a confirmation that names what happens, and shows the hand-worked result', async () => {
    await page.getByRole('link', { name: 'Stemming nu sluiten…' }).click();
    const what = page.locator('.board-close-what');
    await what.getByText('De stemming stopt direct voor alle 5 leden').waitFor();
    await expect(what.textContent()).resolves.toContain('2 leden hebben nog niet gestemd (13 gewogen stemmen)');
    await expect(what.textContent()).resolves.toContain('De uitslagbrief gaat naar alle 5 leden als u de uitslag publiceert.');
    await checkPage(page, 'board-close-confirm');
    await act('Ja, stemming nu sluiten', 'De stemming is gesloten.');

    await page.getByText('Opkomst: 3 van de 5 leden (60,00%); 20 van de 33 gewogen stemmen (60,61%).').waitFor();
    const table = (n: number) => page.locator('table.board-tally').nth(n);
    const rowsOf = (n: number) => cellsOf(table(n));

    // 1 (two thirds): for Amsterdam 12 + Drechterland 3 = 15, against Barendrecht 5; 15 of 20 = 75% ≥ 2/3: adopted.
    await expect(table(0).locator('caption').textContent()).resolves.toBe('1. Vaststelling jaarverslag 2019: aangenomen (Voor)');
    await expect(rowsOf(0)).resolves.toEqual([
      ['Voor', '2', '15', '75,00%'],
      ['Tegen', '1', '5', '25,00%'],
      ['Onthouding', '0', '0', 'telt niet mee'],
    ]);
    // 2: board proposal 12, amended 5 + 3 = 8: 60% and 40%; all variants together beat 0 against; the board proposal has the most weight.
    await expect(table(1).locator('caption').textContent()).resolves.toBe('2. Contributievoorstel 2021: aangenomen (Voorstel bestuur (3,9%))');
    await expect(rowsOf(1)).resolves.toEqual([
      ['Voorstel bestuur (3,9%)', '1', '12', '60,00%'],
      ['Geamendeerd voorstel Barendrecht (2,9%)', '2', '8', '40,00%'],
      ['Tegen beide voorstellen', '0', '0', '0,00%'],
      ['Onthouding', '0', '0', 'telt niet mee'],
    ]);
    await checkPage(page, 'board-results');
    await act('Uitslag publiceren', 'De uitslag is gepubliceerd en de uitslagbrief gaat naar alle leden.');
    await until(() => sink.received().filter((m) => m.subject.startsWith('Uitslag')).length === 5);
  });

  it('ratifies the result through a new ALV whose ratification proposal is adopted', async () => {
    await page.getByRole('link', { name: 'Bekrachtiging voorbereiden' }).click();
    await page.getByRole('heading', { name: 'Bekrachtiging van de uitslag' }).waitFor();
    await checkPage(page, 'board-ratification');
    await page.getByRole('link', { name: 'Nieuwe ALV voor de bekrachtiging' }).click();
    await expect(page.getByLabel('Algemene Ledenvergadering').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Algemene Ledenvergadering: bekrachtiging Ledenraadpleging juni 2020');
    await page.getByLabel('Peildatum').fill('2020-06-30');
    await page.getByRole('group', { name: 'Einde van de stemming' }).getByLabel('Datum').fill(inDaysLocal(20).date);
    await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await page.getByRole('heading', { name: 'Voorstel 1 toevoegen' }).waitFor();
    alvId = /\/bestuur\/raadplegingen\/([0-9a-f-]{36})/.exec(page.url())![1];
    await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Bekrachtiging uitslag Ledenraadpleging juni 2020');
    await expect(page.getByLabel(/Bekrachtigt de uitslag van/).inputValue()).resolves.toBe(consultationId);
    await act('Voorstel toevoegen', 'Het voorstel is toegevoegd.');
    await page.getByText('Voorstel 1 bekrachtigt de uitslag van Ledenraadpleging juni 2020 (Uitslag gepubliceerd).').waitFor();
    await checkPage(page, 'board-ratification-alv');

    await act('Definitieve voorstellen publiceren', 'De definitieve voorstellen zijn gepubliceerd');
    await act('Stemming openen', 'De stemming is geopend.');
    await loadChoices(alvId);
    await cast(alvId, 'GM0363', '1:Voor'); // 12
    await cast(alvId, 'GM0599', '1:Voor'); // 12
    await cast(alvId, 'GM0489', '1:Tegen'); // 5
    await waitForFigure('votedWeight', '29');
    await page.getByRole('link', { name: 'Stemming nu sluiten…' }).click();
    await act('Ja, stemming nu sluiten', 'De stemming is gesloten.');
    // 24 for of 29 cast = 82,76%
    await expect(cellsOf(page.locator('table.board-tally'))).resolves.toEqual([
      ['Voor', '2', '24', '82,76%'],
      ['Tegen', '1', '5', '17,24%'],
      ['Onthouding', '0', '0', 'telt niet mee'],
    ]);
    await act('Uitslag publiceren', 'De uitslag is gepubliceerd');

    await page.goto(`/bestuur/raadplegingen/${consultationId}`);
    await expect(page.locator('.board-facts .board-phase').textContent()).resolves.toBe('Uitslag bekrachtigd');
    await page.goto('/bestuur');
    const overview = await page.locator('table.board-overview tbody tr').allTextContents();
    expect(overview).toHaveLength(2);
    expect(overview[0]).toContain('Algemene Ledenvergadering: bekrachtiging Ledenraadpleging juni 2020');
    expect(overview[0]).toContain('Uitslag gepubliceerd');
    expect(overview[1]).toContain('Ledenraadpleging juni 2020');
    expect(overview[1]).toContain('Uitslag bekrachtigd');
    expect(overview[1]).toContain('3 van 5 leden');
    await checkPage(page, 'board-overview');
  });
});
