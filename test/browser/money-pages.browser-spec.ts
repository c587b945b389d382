import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedDecisions2018 } from '../../src/demo/decisions-2018';
import { seedFacilities } from '../../src/demo/facilities-2017';
import { DEMO_OFFICIAL_PASSWORD, seedDemo } from '../../src/demo/seed-2020';
import { seedSubscriptions2017, SubscriptionsDemoInfo } from '../../src/demo/seed-subscriptions-2017';
import { BOARD } from '../setup/test-app';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';

/** Pages with the 355 members of 2020 on them take axe a while, at two widths. */
jest.setTimeout(180_000);

const OFFICIAL = 'ambtenaar.gm0489@gemeente.example'; // Barendrecht
const TILBURG = 'ambtenaar.gm0855@gemeente.example';

/** The error summary at the top: its messages, in order. */
async function summary(page: Page): Promise<string[]> {
  const box = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Uw invoer is niet verwerkt' }) });
  return (await box.getByRole('link').allTextContents()).map((t) => t.trim());
}

/**
 * What a person relies on when a form is refused: the summary's link leads to the field, and the field
 * says it is invalid and is described by the message right above it.
 */
async function expectFieldError(page: Page, fieldId: string, message: string): Promise<void> {
  const box = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Uw invoer is niet verwerkt' }) });
  const link = box.getByRole('link', { name: message });
  expect(await link.getAttribute('href')).toBe(`#${fieldId}`);
  const field = page.locator(`[id="${fieldId}"]`);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = fieldId.replace(/^veld-/, 'fout-');
  expect(described.split(' ')).toContain(errorId);
  expect((await page.locator(`[id="${errorId}"]`).textContent())?.trim()).toBe(message);
  await link.click();
  expect(await page.locator(':focus').getAttribute('id')).toBe(fieldId);
}

/** Presses Tab until the focused element has this id, name or text; fails after `max` presses. */
async function tabTo(page: Page, target: { id?: string; name?: string; text?: string | RegExp }, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if (target.id !== undefined && (await focused.getAttribute('id')) === target.id) return;
    if (target.name !== undefined && (await focused.getAttribute('name')) === target.name) return;
    if (target.text !== undefined) {
      const text = ((await focused.textContent()) ?? '').trim();
      if (typeof target.text === 'string' ? text === target.text : target.text.test(text)) return;
    }
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}

/** Enter on the focused link or button, waiting for the next page. */
async function enterAndWait(page: Page, path: RegExp): Promise<void> {
  await Promise.all([page.waitForURL((url) => path.test(url.pathname + url.search)), page.keyboard.press('Enter')]);
}

/** The rows of the table with this caption. */
const rowCount = async (page: Page, caption: string) => page.getByRole('table', { name: caption, exact: true }).locator('tbody tr').count();

describe('the money pages in Chromium (finance, decisions, facilities, subscriptions)', () => {
  let b: BrowserApp;
  let db: DataSource;
  let subscriptions: SubscriptionsDemoInfo;

  beforeAll(async () => {
    b = await startBrowserApp();
    // The demo as `npm run demo` seeds it (src/cli/seed-demo.ts), on the test app's context.
    await seedDemo(b.t.app);
    await seedDecisions2018(b.t.app);
    await seedFacilities(b.t.app);
    subscriptions = await seedSubscriptions2017(b.t.app);
    db = b.t.app.get(DataSource);
    // Seeding the demo (355 members, their ballots and invoices) takes half a minute on a quiet machine.
  }, 600_000);
  afterAll(() => b.close());

  describe('finance, as the board', () => {
    let page: Page;
    beforeAll(async () => {
      page = await b.newPage();
      await signInAs(page, BOARD.email, BOARD.password);
    });

    it('the overview, the contribution per municipality and the fund budget', async () => {
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Financiën' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Financiën');
      await checkPage(page, 'money-finance');
      await page.getByRole('link', { name: 'Contributie 2020 per gemeente' }).click();
      // The 2020 register: 355 municipalities, fifty to a page.
      await expect(page.getByText('355 gemeenten, samen').isVisible()).resolves.toBe(true);
      expect(await rowCount(page, 'Contributie 2020 per gemeente, gemeente 1 tot en met 50 van 355')).toBe(50);
      await checkPage(page, 'money-finance-contribution');
      await page.getByRole('navigation', { name: "Pagina's van de contributie per gemeente" }).getByRole('link', { name: 'Volgende pagina' }).click();
      expect(await rowCount(page, 'Contributie 2020 per gemeente, gemeente 51 tot en met 100 van 355')).toBe(50);
      await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'Financiën' }).click();
      await page.getByRole('link', { name: /^Begroting collectief fonds/ }).click();
      await expect(page.getByRole('heading', { name: 'Activiteiten', exact: true }).isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-finance-budget');
    });

    it('the invoice runs, one run and the invoices of 2020', async () => {
      await page.goto('/bestuur/financien/facturatie');
      await checkPage(page, 'money-finance-runs');
      await page.getByRole('link', { name: 'Contributie 2020' }).click();
      await expect(page.getByText('Stand: gereed').isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-finance-run');
      await page.goto('/bestuur/financien/facturen?jaar=2020');
      // One contribution invoice per member of 2020.
      await expect(page.getByText("355 facturen en creditnota's").isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-finance-invoices');
    });

    it('an invoice run with a bad year is refused: the summary links to the field, which says what is wrong', async () => {
      await page.goto('/bestuur/financien/facturatie');
      await page.getByLabel('Jaar', { exact: true }).fill('twintig');
      await page.getByLabel('Aantal termijnen').fill('13');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Factuurrun starten' }).click(),
      ]);
      expect(answer.status()).toBe(400);
      expect(await summary(page)).toEqual(['Vul een jaartal in van 2000 tot en met 2100.', 'Kies een aantal termijnen van 1 tot en met 12.']);
      await expect(page.title()).resolves.toMatch(/^Fout: /);
      await expectFieldError(page, 'veld-year', 'Vul een jaartal in van 2000 tot en met 2100.');
      await expectFieldError(page, 'veld-instalments', 'Kies een aantal termijnen van 1 tot en met 12.');
      // What was typed stays, so it can be corrected.
      await expect(page.getByLabel('Jaar', { exact: true }).inputValue()).resolves.toBe('twintig');
      await checkPage(page, 'money-finance-run-refused');
      // The 2020 contribution was invoiced already: each member gets one invoice per year and kind.
      await page.getByLabel('Jaar', { exact: true }).fill('2020');
      await page.getByLabel('Aantal termijnen').fill('');
      await page.getByRole('button', { name: 'Factuurrun starten' }).click();
      await expectFieldError(page, 'veld-year', 'Voor dit jaar en deze soort is al een factuurrun gestart: elke gemeente krijgt één factuur.');
      expect(await db.query(`SELECT count(*)::int AS n FROM invoice_run`)).toEqual([{ n: 1 }]);
    });

    it('crediting an invoice: no reason is refused, then a confirmation step names the amount; only "Ja, crediteren" credits', async () => {
      await page.goto('/bestuur/financien/facturen?jaar=2020');
      await page.getByRole('link', { name: '2020-00001' }).click();
      const total = (await page.locator('dl.money-facts dd strong').first().textContent())!.trim();
      await checkPage(page, 'money-finance-invoice');
      await page.getByRole('link', { name: 'Deze factuur crediteren' }).click();
      await checkPage(page, 'money-finance-credit');
      await page.getByRole('button', { name: 'Verder' }).click();
      await expectFieldError(page, 'veld-reason', 'Vul de reden van de creditering in (hoogstens 500 tekens).');
      await checkPage(page, 'money-finance-credit-refused');
      await page.getByLabel('Reden van de creditering').fill('Inwonertal gecorrigeerd');
      await page.getByRole('button', { name: 'Verder' }).click();
      await expect(page.getByRole('heading', { name: 'Weet u het zeker?' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText(`Er komt een creditnota van - ${total}`).isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-finance-credit-confirm');
      // "Nee" goes back to the invoice and writes nothing.
      await page.getByRole('link', { name: 'Nee, niet crediteren' }).click();
      expect(await db.query(`SELECT count(*)::int AS n FROM invoice WHERE kind = 'credit_note'`)).toEqual([{ n: 0 }]);
      await page.getByRole('link', { name: 'Deze factuur crediteren' }).click();
      await page.getByLabel('Reden van de creditering').fill('Inwonertal gecorrigeerd');
      await page.getByRole('button', { name: 'Verder' }).click();
      await page.getByRole('button', { name: 'Ja, crediteren' }).click();
      // 355 invoices of 2020 so far: the credit note takes the next number.
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Creditnota 2020-00356');
      await checkPage(page, 'money-finance-credit-note');
      await page.getByRole('link', { name: 'De brief bij deze creditnota', exact: true }).click();
      await checkPage(page, 'money-invoice-letter-board');
    });
  });

  it("a member official sees what Barendrecht owes and why, its invoices and an invoice's letter", async () => {
    const page = await b.newPage();
    await signInAs(page, OFFICIAL, DEMO_OFFICIAL_PASSWORD);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Facturen' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Wat Barendrecht betaalt');
    await checkPage(page, 'money-member-invoices');
    await page
      .getByRole('table', { name: "Facturen en creditnota's" })
      .getByRole('link', { name: /^2020-\d{5}$/ })
      .first()
      .click();
    await expect(page.getByText('gemeente Barendrecht').first().isVisible()).resolves.toBe(true);
    await checkPage(page, 'money-invoice-letter-member');
  });

  describe('decisions', () => {
    it('the public follows the motion of 2018 and reads the published letter', async () => {
      const page = await b.newPage();
      await page.goto('/besluiten');
      await checkPage(page, 'money-decisions-public');
      await page.getByRole('table').getByRole('link').first().click();
      // The motion of the BALV of 30 November 2018 asked the board seven things.
      await expect(page.locator('section.money-ask').count()).resolves.toBe(7);
      await checkPage(page, 'money-decision-public');
      await page.goto('/besluiten');
      await page
        .getByRole('link', { name: /^Brief / })
        .first()
        .click();
      await checkPage(page, 'money-decision-letter-public');
    });

    it('the board records progress: "niet haalbaar" without a reason is refused at the reason field of that ask', async () => {
      const page = await b.newPage();
      await signInAs(page, BOARD.email, BOARD.password);
      await page.goto('/bestuur/besluiten');
      await page.getByRole('table').getByRole('link').first().click();
      await checkPage(page, 'money-decision-board');
      await page.getByText('Voortgang melden bij verzoek 2').click();
      const ask = page.locator('section#verzoek-2');
      await ask.getByLabel('Datum').first().fill('2019-03-01');
      await ask.getByLabel('Wat is er gebeurd').fill('De regio haakt af.');
      await ask.getByLabel('Stand').selectOption({ label: 'niet haalbaar' });
      await ask.getByRole('button', { name: 'Voortgang vastleggen' }).click();
      await expectFieldError(page, 'veld-verzoek-2-reason', 'Geef de reden: die is verplicht als een verzoek niet haalbaar is.');
      // The form stays open with what was typed.
      await expect(page.locator('section#verzoek-2').getByLabel('Wat is er gebeurd').inputValue()).resolves.toBe('De regio haakt af.');
      await checkPage(page, 'money-decision-board-refused');
    });

    it('the board drafts the letter: an empty form is refused field by field; the draft can be edited', async () => {
      const page = await b.newPage();
      await signInAs(page, BOARD.email, BOARD.password);
      await page.goto('/bestuur/besluiten');
      await checkPage(page, 'money-decisions-board');
      await page.getByRole('button', { name: 'Brief opstellen' }).click();
      expect(await summary(page)).toEqual([
        'Vul de vergadering in, bijvoorbeeld "ALV van 5 juni 2019".',
        'Vul de datum van de vergadering in: een bestaande datum, niet in het verleden.',
      ]);
      await expectFieldError(page, 'veld-assembly', 'Vul de vergadering in, bijvoorbeeld "ALV van 5 juni 2019".');
      await expectFieldError(page, 'veld-assemblyDate', 'Vul de datum van de vergadering in: een bestaande datum, niet in het verleden.');
      await checkPage(page, 'money-decisions-board-refused');
      await page.getByLabel('Vergadering', { exact: true }).fill('ALV van 1 juli 3001');
      await page.getByLabel('Datum van de vergadering').fill('3001-07-01');
      await page.getByRole('button', { name: 'Brief opstellen' }).click();
      await expect(page.getByRole('heading', { name: 'Brief bewerken' }).isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-decision-letter-draft');
      await page.getByLabel('Kenmerk').fill('');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expectFieldError(page, 'veld-reference', 'Vul een kenmerk in dat nog niet door een andere brief wordt gebruikt.');
      await checkPage(page, 'money-decision-letter-draft-refused');
      // The letter of 2019 as the board sees it: published, with how its mailing stands.
      await page.goto('/bestuur/besluiten');
      await page.getByRole('link', { name: /^Brief SvZ 2019/ }).click();
      await expect(page.getByRole('heading', { name: 'Verzending' }).isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-decision-letter-board');
    });
  });

  describe('collective facilities', () => {
    it('the public catalogue and one facility', async () => {
      const page = await b.newPage();
      await page.goto('/voorzieningen');
      await checkPage(page, 'money-facilities');
      await page.getByRole('link', { name: 'Govroam' }).click();
      await expect(page.getByText('€ 1.500,00').isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-facility');
    });

    it("the board's overview per year; a year that is not one is refused at the field", async () => {
      const page = await b.newPage();
      await signInAs(page, BOARD.email, BOARD.password);
      await page.goto('/bestuur/voorzieningen?jaar=2021');
      await checkPage(page, 'money-facilities-board');
      await page.getByLabel('Jaar').fill('20x1');
      const [answer] = await Promise.all([page.waitForResponse((r) => r.url().includes('jaar=')), page.getByRole('button', { name: 'Toon dit jaar' }).click()]);
      expect(answer.status()).toBe(400);
      await expectFieldError(page, 'veld-jaar', 'Vul een jaartal in van 2000 tot en met 2200, bijvoorbeeld 2021.');
      await checkPage(page, 'money-facilities-board-refused');
    });

    it('a member official joining Govroam without the number of users and without accepting is told both, at their fields', async () => {
      const page = await b.newPage();
      await signInAs(page, OFFICIAL, DEMO_OFFICIAL_PASSWORD);
      const memberships = async () => (await db.query(`SELECT count(*)::int AS n FROM facility_membership`))[0].n as number;
      const before = await memberships();
      await page.goto('/gemeente/voorzieningen');
      await checkPage(page, 'money-facilities-member');
      const govroam = page.locator('#voorziening-govroam');
      await govroam.getByText('Aansluiten bij Govroam').click();
      await govroam.getByRole('button', { name: 'Akkoord en aansluiten' }).click();
      expect(await summary(page)).toEqual([
        'Vul het aantal gebruikers in, een heel getal van 0 of meer: het jaartarief hangt daarvan af.',
        'Vink aan dat u namens uw gemeente akkoord gaat met de voorwaarden.',
      ]);
      await expectFieldError(page, 'veld-govroam-users', 'Vul het aantal gebruikers in, een heel getal van 0 of meer: het jaartarief hangt daarvan af.');
      await expectFieldError(page, 'veld-govroam-accept', 'Vink aan dat u namens uw gemeente akkoord gaat met de voorwaarden.');
      await checkPage(page, 'money-facilities-member-refused');
      expect(await memberships()).toBe(before);
    });

    it('giving notice for a day before the term ends is refused at the date, naming the earliest last day', async () => {
      // An official of the demo whose municipality has joined something (joins date from July 2020).
      const [joined] = await db.query(
        `SELECT a.email, f.code, f.name FROM staff_account a JOIN facility_membership m ON m.member_id = a.member_id AND m.last_day IS NULL
           JOIN facility f ON f.id = m.facility_id WHERE a.email LIKE 'ict.%' ORDER BY a.email, f.code LIMIT 1`,
      );
      const page = await b.newPage();
      await signInAs(page, joined.email, DEMO_OFFICIAL_PASSWORD);
      await page.goto('/gemeente/voorzieningen');
      const facility = page.locator(`#voorziening-${joined.code}`);
      await facility.getByText(`${joined.name} opzeggen`).click();
      await facility.getByLabel('Laatste dag van het lidmaatschap').fill('2020-12-31');
      await facility.getByRole('button', { name: 'Opzegging vastleggen' }).click();
      const [message] = await summary(page);
      expect(message).toMatch(/^Opzeggen vóór het einde van de looptijd kan niet: het lidmaatschap eindigt op zijn vroegst op 31 december \d{4}\.$/);
      await expectFieldError(page, `veld-${joined.code}-lastDay`, message);
      await checkPage(page, 'money-facilities-notice-refused');
    });
  });

  describe('subscriptions', () => {
    it("the board's list and the arrangement: 38 of 355 signed; a bad indexation and a dissolution without a reason are refused", async () => {
      const page = await b.newPage();
      await signInAs(page, BOARD.email, BOARD.password);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Abonnementen' }).click();
      await checkPage(page, 'money-subscriptions-board');
      await page.getByRole('table').getByRole('link').first().click();
      const progress = page.getByRole('table', { name: /Voortgang ondertekening/ });
      await expect(
        progress
          .getByRole('row', { name: /^Getekend/ })
          .getByRole('cell')
          .first()
          .textContent(),
      ).resolves.toBe('38');
      await expect(
        progress
          .getByRole('row', { name: /^Alle gemeenten/ })
          .getByRole('cell')
          .first()
          .textContent(),
      ).resolves.toBe('355');
      await checkPage(page, 'money-subscriptions-arrangement');

      await page.getByLabel('Percentage', { exact: true }).fill('twee');
      await page.getByRole('button', { name: 'Indexatie vaststellen' }).click();
      await expectFieldError(page, 'veld-indexatie-percentage', 'Vul een percentage in met hoogstens twee decimalen, bijvoorbeeld 2,25.');
      await checkPage(page, 'money-subscriptions-arrangement-refused');

      await page.getByLabel('CBS-code van de gemeente').fill('Tilburg');
      await page.getByRole('button', { name: 'Antwoord vastleggen' }).click();
      expect(await summary(page)).toEqual(['Vul de CBS-code van een gemeente in: GM en vier cijfers, bijvoorbeeld GM0855.', 'Kies ja of nee.']);
      await expectFieldError(page, 'veld-peiling-memberCode', 'Vul de CBS-code van een gemeente in: GM en vier cijfers, bijvoorbeeld GM0855.');

      await page.getByLabel('Per datum').fill('2017-06-02');
      await page.getByRole('button', { name: 'Regeling ontbinden' }).click();
      await expectFieldError(page, 'veld-ontbinding-reason', 'Vul de reden van de ontbinding in.');
      await expect(page.getByLabel('Per datum').inputValue()).resolves.toBe('2017-06-02');
      expect(await db.query(`SELECT status FROM subscription_arrangement WHERE id = $1`, [subscriptions.arrangementId])).toEqual([{ status: 'open' }]);
    });

    it("the provider's read-only view of its own part", async () => {
      const page = await b.newPage();
      await signInAs(page, subscriptions.providerAccount, DEMO_OFFICIAL_PASSWORD);
      await checkPage(page, 'money-subscriptions-provider');
      await page.getByRole('table').getByRole('link').first().click();
      await expect(
        page
          .getByRole('table', { name: 'Inwoners' })
          .getByRole('row', { name: /^Getekend/ })
          .getByRole('cell')
          .first()
          .textContent(),
      ).resolves.toBe('38');
      await checkPage(page, 'money-subscriptions-provider-arrangement');
      // 2019's tariffs come from an indexation the demo has not set: the year field says so.
      await page.getByLabel('Jaar').selectOption('2019');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('year=2019')),
        page.getByRole('button', { name: 'Toon dit jaar' }).click(),
      ]);
      expect(answer.status()).toBe(400);
      expect(await summary(page)).toEqual(['Voor 2019 zijn nog geen tarieven vastgesteld. Kies een ander jaar.']);
      await checkPage(page, 'money-subscriptions-provider-arrangement-refused');
    });

    it("refusing Tilburg's contract without a name, function or reason is refused at each field", async () => {
      const page = await b.newPage();
      await signInAs(page, TILBURG, DEMO_OFFICIAL_PASSWORD);
      await page.goto('/gemeente/abonnementen');
      await checkPage(page, 'money-subscriptions-member');
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByText('Overeenkomst weigeren namens Tilburg').click();
      await page.getByRole('button', { name: 'Overeenkomst weigeren' }).click();
      expect(await summary(page)).toEqual([
        'Vul de naam van de ondertekenaar in (hoogstens 120 tekens).',
        'Vul de functie van de ondertekenaar in, bijvoorbeeld wethouder (hoogstens 120 tekens).',
        'Vul de reden in waarom uw gemeente niet tekent.',
      ]);
      await expectFieldError(page, 'veld-weigeren-reason', 'Vul de reden in waarom uw gemeente niet tekent.');
      await checkPage(page, 'money-subscriptions-refusal-refused');
    });

    it('a member official signs the contract using only the keyboard: refused without the required fields, then signed', async () => {
      const page = await b.newPage();
      await page.goto('/bestuur/inloggen');
      await tabTo(page, { name: 'email' });
      await page.keyboard.type(OFFICIAL);
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_OFFICIAL_PASSWORD);
      await enterAndWait(page, /^\/gemeente$/);
      await tabTo(page, { text: 'Abonnementen' });
      await enterAndWait(page, /^\/gemeente\/abonnementen$/);
      await tabTo(page, { text: /^Abonnementen Kindertelefoon/ });
      await enterAndWait(page, /^\/gemeente\/abonnementen\/[0-9a-f-]{36}$/);
      // Straight to the button: nothing filled in, nothing ticked.
      await tabTo(page, { text: 'Overeenkomst tekenen' });
      await enterAndWait(page, /\/tekenen$/);
      expect(await summary(page)).toEqual([
        'Vul de naam van de ondertekenaar in (hoogstens 120 tekens).',
        'Vul de functie van de ondertekenaar in, bijvoorbeeld wethouder (hoogstens 120 tekens).',
        'Vink aan dat u de overeenkomst namens uw gemeente tekent.',
      ]);
      await checkPage(page, 'money-subscriptions-contract-refused');
      // The summary's first link takes the keyboard to the field.
      await tabTo(page, { text: 'Vul de naam van de ondertekenaar in (hoogstens 120 tekens).' });
      await page.keyboard.press('Enter');
      expect(await page.locator(':focus').getAttribute('id')).toBe('veld-tekenen-signatoryName');
      await page.keyboard.type('J. de Vries');
      await tabTo(page, { id: 'veld-tekenen-signatoryRole' });
      await page.keyboard.type('wethouder');
      await tabTo(page, { id: 'veld-tekenen-confirm' });
      await page.keyboard.press('Space');
      await tabTo(page, { text: 'Overeenkomst tekenen' });
      await enterAndWait(page, /\?gedaan=getekend$/);
      await expect(page.getByRole('status').textContent()).resolves.toContain('De overeenkomst is getekend.');
      await expect(page.getByText('door J. de Vries (wethouder), vanaf het account ambtenaar.gm0489@gemeente.example').isVisible()).resolves.toBe(true);
      await checkPage(page, 'money-subscriptions-contract-signed');
      // The board now counts 39 signatures.
      const [row] = await db.query(`SELECT count(*)::int AS n FROM subscription_contract WHERE arrangement_id = $1 AND status = 'signed'`, [
        subscriptions.arrangementId,
      ]);
      expect(row.n).toBe(39);
    });
  });
});
