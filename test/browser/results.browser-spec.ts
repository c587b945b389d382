import { mkdirSync } from 'fs';
import { join } from 'path';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { BrowserApp, checkPage, SCREENSHOT_DIR, startBrowserApp } from '../support/browser';
import { createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, openConsultation } from '../support/factories';
import { MOTION_TITLE, resultScenario, ResultScenario } from '../support/results-scenario';

/**
 * The public result pages in Chromium, with the figures of test/support/results-scenario.ts worked
 * out by hand there (FIVE_MEMBERS weighted by EXAMPLE_TABLE: 12, 12, 5, 3, 1 = 33; four members vote).
 */
describe('results for everyone, in Chromium', () => {
  let b: BrowserApp;
  let s: ResultScenario;
  let running: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    await importRegister(b.t, FIVE_MEMBERS);
    s = await resultScenario(b.t);
    // A second consultation, voting still open, so the home page has one of each.
    running = (
      await openConsultation(b.t, await createScheme(b.t, EXAMPLE_TABLE), [{ title: 'Voorstel', questionType: 'for_against' }], {
        title: 'Raadpleging die nog loopt',
      })
    ).id;
  });
  afterAll(() => b.close());

  /** A computed style of an element (evaluated in the page; the tests are compiled without the DOM's types). */
  const styleOf = (locator: Locator, property: string) =>
    locator.evaluate(
      (element, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name],
      property,
    );

  /** The cells of each body row of a table, as text. */
  const rows = async (table: Locator) =>
    Promise.all((await table.locator('tbody tr').all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((cell) => cell.trim())));

  it('the home page lists the consultations with their state and a link to each result', async () => {
    const page = await b.newPage();
    await page.goto('/');
    const finished = page.getByRole('table', { name: 'Afgeronde raadplegingen' });
    const line = finished.getByRole('row').filter({ hasText: 'Ledenraadpleging juni' });
    await expect(line.getByRole('cell').nth(2).innerText()).resolves.toBe('Uitslag gepubliceerd');
    await expect(line.getByRole('link', { name: 'Uitslag Ledenraadpleging juni' }).getAttribute('href')).resolves.toBe(`/raadplegingen/${s.c.id}/uitslag`);
    const current = page.getByRole('table', { name: 'Lopende raadplegingen' }).getByRole('row').filter({ hasText: 'Raadpleging die nog loopt' });
    await expect(current.getByRole('cell').nth(2).innerText()).resolves.toBe('Stemming geopend');
    await expect(current.getByRole('cell').nth(3).innerText()).resolves.toMatch(/^open; stemmen kan tot \d+ \w+ \d{4} om \d\d:\d\d$/);
    await expect(current.getByRole('link', { name: 'Raadpleging die nog loopt' }).getAttribute('href')).resolves.toBe(`/raadplegingen/${running}`);
    await checkPage(page, 'results-home');
  });

  it('the consultation page says what it is about, its phases and deadlines, and links to the proposals and the result', async () => {
    const page = await b.newPage();
    await page.goto(`/raadplegingen/${s.c.id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ledenraadpleging juni');
    const phases = page.getByRole('list', { name: 'Verloop en termijnen' }).getByRole('listitem');
    await expect(phases.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Definitieve voorstellen gepubliceerd \(afgerond\)/),
      expect.stringMatching(/^Stemmen \(afgerond\)\nvan \d+ \w+ \d{4} om \d\d:\d\d tot \d+ \w+ \d{4} om \d\d:\d\d$/),
      expect.stringMatching(/^Uitslag \(afgerond\)\ngepubliceerd op \d+ \w+ \d{4} om \d\d:\d\d$/),
      'Bekrachtiging van de uitslag (nog niet)\ndoor de eerstvolgende Algemene Ledenvergadering',
    ]);
    await expect(page.getByRole('heading', { name: `2. ${MOTION_TITLE}` }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /^Definitieve voorstellen/ }).getAttribute('href')).resolves.toBe(
      `/raadplegingen/${s.c.id}/definitieve-voorstellen`,
    );
    await expect(page.getByRole('link', { name: 'Uitslag', exact: true }).getAttribute('href')).resolves.toBe(`/raadplegingen/${s.c.id}/uitslag`);
    await checkPage(page, 'results-consultation');
  });

  it('the result page shows each outcome, the weighted votes and shares worked out by hand, and the turnout', async () => {
    const page = await b.newPage();
    await page.goto(`/raadplegingen/${s.c.id}/uitslag`);
    // Turnout: 4 of 5 members, 30 of 33 weighted votes (90,909…% = 90,91%).
    await expect(page.getByText('Opkomst: 4 van de 5 leden (80,00%), 30 van de 33 gewogen stemmen (90,91%).').count()).resolves.toBe(1);

    const proposal = (n: number) => page.getByRole('region', { name: new RegExp(`^${n}\\. `) });
    await expect(proposal(1).locator('.results-outcome__headline').textContent()).resolves.toBe('Uitkomst: Aangenomen: Geamendeerd voorstel: +2,9%');
    await expect(proposal(2).locator('.results-outcome__headline').textContent()).resolves.toBe('Uitkomst: Aangenomen');
    await expect(proposal(3).locator('.results-outcome__headline').textContent()).resolves.toBe('Uitkomst: Verworpen');
    await expect(proposal(3).getByText('De stemmen staakten: 12 gewogen stemmen voor en 12 gewogen stemmen tegen.').count()).resolves.toBe(1);
    await expect(
      proposal(1).getByText('29 van de 30 gewogen stemmen die zijn uitgebracht, waren voor de voorstellen samen (96,67%).', { exact: false }).count(),
    ).resolves.toBe(1);
    await expect(proposal(1).getByText('Beslisregel: gewone meerderheid van de uitgebrachte gewogen stemmen.').count()).resolves.toBe(1);

    // 12/30 = 40,00%, 17/30 = 56,67%, 1/30 = 3,33%; abstentions outside the base.
    await expect(rows(page.getByRole('table', { name: 'Gewogen stemmen per keuze, voorstel 1' }))).resolves.toEqual([
      ['Voorstel bestuur: +3,9%', '1', '12', '40,00%'],
      ['Geamendeerd voorstel: +2,9%', '2', '17', '56,67%'],
      ['Tegen beide voorstellen', '1', '1', '3,33%'],
      ['Onthouding', '0', '0', 'telt niet mee'],
    ]);
    // 17/29 = 58,62%, 12/29 = 41,38%.
    await expect(rows(page.getByRole('table', { name: 'Gewogen stemmen per keuze, voorstel 2' }))).resolves.toEqual([
      ['Voor', '2', '17', '58,62%'],
      ['Tegen', '1', '12', '41,38%'],
      ['Onthouding', '1', '1', 'telt niet mee'],
    ]);
    await expect(rows(page.getByRole('table', { name: 'Gewogen stemmen per keuze, voorstel 3' }))).resolves.toEqual([
      ['Voor', '1', '12', '50,00%'],
      ['Tegen', '1', '12', '50,00%'],
      ['Onthouding', '2', '6', 'telt niet mee'],
    ]);

    // The chart: one image with a name, its figures in words, and every bar labelled in text.
    const chart = page.getByRole('img', { name: 'Gewogen stemmen per keuze, voorstel 1: Contributievoorstel 2021' });
    await expect(chart.count()).resolves.toBe(1);
    const describedBy = (await chart.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
      'Voorstel bestuur: +3,9%: 12 gewogen stemmen (1 lid), 40,00%; Geamendeerd voorstel: +2,9%: 17 gewogen stemmen (2 leden), 56,67%; ' +
        'Tegen beide voorstellen: 1 gewogen stem (1 lid), 3,33%; Onthouding: 0 gewogen stemmen (0 leden), telt niet mee.',
    );
    // Line by line: a text longer than 36 characters wraps, so it fits a phone.
    await expect(chart.locator('tspan').allTextContents()).resolves.toEqual([
      'Voorstel bestuur: +3,9%',
      '12 gewogen stemmen (1 lid), 40,00%',
      'Geamendeerd voorstel: +2,9%',
      '17 gewogen stemmen (2 leden), 56,67%',
      'Tegen beide voorstellen',
      '1 gewogen stem (1 lid), 3,33%',
      'Onthouding',
      '0 gewogen stemmen (0 leden), telt',
      'niet mee',
    ]);
    // The motion's quotes and ampersand read as typed, in the heading and the chart's name.
    await expect(page.getByRole('img', { name: `Gewogen stemmen per keuze, voorstel 2: ${MOTION_TITLE}` }).count()).resolves.toBe(1);

    await expect(page.getByRole('link', { name: 'Register van stemgewichten' }).getAttribute('href')).resolves.toBe(`/raadplegingen/${s.c.id}/stemgewichten`);
    await checkPage(page, 'results-result');
  });

  it('the named votes on the page, as CSV and as JSON are the same, with the weights of the register', async () => {
    const page = await b.newPage();
    await page.goto(`/raadplegingen/${s.c.id}/uitslag`);
    const onPage = await rows(page.getByRole('table', { name: /gemeenten, op alfabet/ }));
    expect(onPage).toEqual([
      ['Amsterdam (GM0363)', '12', 'A. Amsterdammer (Gemeentesecretaris)', 'Voorstel bestuur: +3,9%', 'Voor', 'Voor'],
      ['Barendrecht (GM0489)', '5', 'B. Barendrechter (Gemeentesecretaris)', 'Geamendeerd voorstel: +2,9%', 'Voor', 'Onthouding'],
      ['Rotterdam (GM0599)', '12', 'R. Rotterdammer (Gemeentesecretaris)', 'Geamendeerd voorstel: +2,9%', 'Tegen', 'Tegen'],
      ['Schiermonnikoog (GM0088)', '1', 'S. Schiermonnikoger (Gemeentesecretaris)', 'Tegen beide voorstellen', 'Onthouding', 'Onthouding'],
    ]);
    const csvHref = (await page.getByRole('link', { name: /als CSV/ }).getAttribute('href'))!;
    const csv: string[][] = parse(await (await page.request.get(csvHref)).text(), { delimiter: ';' });
    expect(csv.slice(1).map(([code, name, weight, voter, role, , ...answers]) => [`${name} (${code})`, weight, `${voter} (${role})`, ...answers])).toEqual(
      onPage,
    );
    const jsonHref = (await page.getByRole('link', { name: /als JSON/ }).getAttribute('href'))!;
    const json = (await (await page.request.get(jsonHref)).json()) as { votes: { memberCode: string; weight: number; answers: { choiceLabel: string }[] }[] };
    expect(json.votes.map((v) => [v.memberCode, String(v.weight), ...v.answers.map((a) => a.choiceLabel)])).toEqual(
      csv.slice(1).map(([code, , weight, , , , ...answers]) => [code, weight, ...answers]),
    );
  });

  it('the register of weights is a readable table that becomes cards on a phone', async () => {
    const page = await b.newPage();
    await page.goto(`/raadplegingen/${s.c.id}/stemgewichten`);
    const register = page.getByRole('table', { name: 'Stemgewicht per gemeente, op alfabet' });
    await expect(rows(register)).resolves.toEqual([
      ['Amsterdam', 'GM0363', '869.709', '12'],
      ['Barendrecht', 'GM0489', '48.654', '5'],
      ['Drechterland', 'GM0498', '19.775', '3'],
      ['Rotterdam', 'GM0599', '650.459', '12'],
      ['Schiermonnikoog', 'GM0088', '953', '1'],
    ]);
    // 869.709 + 650.459 + 48.654 + 19.775 + 953 = 1.589.550 inhabitants; 12 + 12 + 5 + 3 + 1 = 33 votes.
    await expect(register.locator('tfoot').innerText()).resolves.toMatch(/Totaal\s+5 leden\s+1\.589\.550\s+33/);
    await checkPage(page, 'results-weights');
    // At 320 px each municipality is a card: its cells stacked, each with its column's name.
    await page.setViewportSize({ width: 320, height: 900 });
    await expect(styleOf(register.locator('tbody tr').first().locator('td').first(), 'display')).resolves.toBe('grid');
  });

  it('anyone checks a receipt code: a counted vote is found, a wrong code gets its message at the field', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Ontvangstcode controleren' }).click();
    await checkPage(page, 'results-receipt-form');
    await page.getByLabel('Ontvangstcode').fill(s.receipts.get('GM0489')!.toLowerCase());
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect(page.getByRole('heading', { name: 'Deze stem telt mee' }).count()).resolves.toBe(1);
    await expect(page.getByRole('status').innerText()).resolves.toContain(
      `hoort bij een stem in de raadpleging Ledenraadpleging juni (kenmerk Lbr. 20/030), ontvangen op`,
    );
    await expect(rows(page.getByRole('table', { name: 'De stem zoals gepubliceerd in het stemgedrag per gemeente' }))).resolves.toEqual([
      ['1', 'Geamendeerd voorstel: +2,9%'],
      ['2', 'Voor'],
      ['3', 'Onthouding'],
    ]);
    await checkPage(page, 'results-receipt-found');

    await page.goto('/ontvangstcode');
    await page.getByLabel('Ontvangstcode').fill('ZZZZ-ZZZZ-ZZ');
    await page.getByRole('button', { name: 'Controleren' }).click();
    const field = page.getByLabel('Ontvangstcode');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#fout-code').innerText()).resolves.toBe(
      'Wij kennen geen stem met ontvangstcode ZZZZ-ZZZZ-ZZ. Controleer of u de code goed hebt overgenomen uit de ontvangstbevestiging.',
    );
    // The summary at the top links to the field.
    await page.getByRole('link', { name: /Wij kennen geen stem/ }).click();
    await expect(page.locator('#veld-code:focus').count()).resolves.toBe(1);
    await checkPage(page, 'results-receipt-not-found');
  });

  it('a confidential consultation publishes totals only; its named votes are refused on a Dutch page', async () => {
    const secret = await resultScenario(b.t, { title: 'Vertrouwelijke raadpleging', secrecy: 'confidential' });
    const page = await b.newPage();
    await page.goto(`/raadplegingen/${secret.c.id}/uitslag`);
    await expect(page.getByText('Deze raadpleging is vertrouwelijk').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /als (CSV|JSON)/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('table', { name: /gemeenten, op alfabet/ }).count()).resolves.toBe(0);
    await checkPage(page, 'results-result-confidential');
    const refused = await page.goto(`/raadplegingen/${secret.c.id}/uitslag/stemmen.csv`);
    expect(refused!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Stemmen vertrouwelijk');
    await expect(page.getByText('De stemmen in deze raadpleging zijn vertrouwelijk').count()).resolves.toBe(1);
    await checkPage(page, 'results-votes-confidential');
  });

  it('prints the result without menus, the charts and tables in black on white', async () => {
    const page: Page = await b.newPage();
    await page.goto(`/raadplegingen/${s.c.id}/uitslag`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('img', { name: /voorstel 1/ }).isVisible()).resolves.toBe(true);
    await expect(styleOf(page.locator('.results-figure').first(), 'display')).resolves.toBe('block');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-result-print.png'), fullPage: true });
    await page.pdf({ path: join(SCREENSHOT_DIR, 'results-result-print.pdf'), format: 'A4' });
  });
});
