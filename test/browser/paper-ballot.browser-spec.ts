import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { BOARD } from '../setup/test-app';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';
import { auth, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation } from '../support/factories';
import { pdfText } from '../support/pdf-text';

/** The bureau prints a member's paper ballot and records the returned one, in Chromium. */
describe('paper ballots in Chromium', () => {
  let b: BrowserApp;
  let c: OpenConsultation;
  let page: Page;
  let reference: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    await importRegister(b.t, FIVE_MEMBERS);
    c = await openConsultation(
      b.t,
      await createScheme(b.t, EXAMPLE_TABLE),
      [
        { title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' },
        {
          title: 'Contributievoorstel 2021',
          questionType: 'alternatives',
          variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
        },
      ],
      { title: 'Ledenraadpleging juni 2020', reference: 'Lbr. 20/030' },
    );
    page = await b.newPage();
    await signInAs(page, BOARD.email, BOARD.password);
  });
  afterAll(() => b.close());

  it('the overview lists every member’s ballot with its reference and a PDF to print', async () => {
    await page.goto(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten`);
    expect(await page.locator('h1').innerText()).toBe('Papieren stembiljetten');
    const row = page.locator('table.paper-ballots tr', { hasText: 'Drechterland' });
    reference = (await row.locator('.paper-ballots__reference').innerText()).trim();
    expect(reference).toMatch(/^GM0498-[0-9A-Z]{4}$/);
    await checkPage(page, 'paper-ballots');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Stembiljet Drechterland (pdf)' }).click()]);
    const text = pdfText(readFileSync(await download.path()));
    expect(text).toContain(`Stembiljetnummer: ${reference}`);
    expect(text).toContain('Voorstel 2: Contributievoorstel 2021');
  });

  it('a wrong reference is refused at its field; the right one records the vote, marked as paper', async () => {
    await page.goto(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`);
    await checkPage(page, 'paper-ballot-form');
    await page.getByLabel('Stembiljetnummer').fill('GM0498-0000' === reference ? 'GM0498-1111' : 'GM0498-0000');
    await page.getByRole('group', { name: 'Voorstel 1: Vaststelling jaarverslag 2019' }).getByLabel('Tegen').check();
    await page.getByRole('group', { name: 'Voorstel 2: Contributievoorstel 2021' }).getByLabel('Geamendeerd voorstel: +2,9%').check();
    await page.getByLabel('Naam').fill('D. de Burgemeester');
    await page.getByLabel('Functie').selectOption('executive');
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Stem vastleggen' }).click()]);
    expect(await page.locator('#fout-reference').innerText()).toBe(
      'Dit stembiljetnummer hoort bij geen stembiljet van deze raadpleging. Controleer het nummer op het stembiljet.',
    );
    expect(await page.getByLabel('Stembiljetnummer').getAttribute('aria-invalid')).toBe('true');
    // What was entered stays.
    expect(await page.getByRole('group', { name: 'Voorstel 1: Vaststelling jaarverslag 2019' }).getByLabel('Tegen').isChecked()).toBe(true);
    await checkPage(page, 'paper-ballot-error');

    await page.getByLabel('Stembiljetnummer').fill(reference);
    await Promise.all([page.waitForURL(/vastgelegd=/), page.getByRole('button', { name: 'Stem vastleggen' }).click()]);
    expect(await page.getByRole('status').innerText()).toContain(
      `het papieren stembiljet ${reference} van Drechterland, ondertekend door D. de Burgemeester (Lid van het college)`,
    );
    expect(await page.locator('table.paper-ballots tr', { hasText: 'Drechterland' }).locator('td[data-label="Gestemd"]').innerText()).toBe('op papier');
    await checkPage(page, 'paper-ballots-recorded');
    // Drechterland (19,775 inhabitants) counts with its 3 votes.
    const turnout = await b.t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(b.t)).expect(200);
    expect(turnout.body.voted).toEqual({ members: 1, weight: 3 });
  });
});
