import { readFileSync } from 'fs';
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { sealAuditEntries } from '../../src/platform/audit/audit-chain';
import { BOARD } from '../setup/test-app';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';
import { FIVE_MEMBERS, registerCsv } from '../support/factories';

const OFFICIAL = { email: 'griffie.gm0489@gemeente.example', password: 'griffie-barendrecht-2020', name: 'Griffie Barendrecht' };

/** The error summary's entries, as a person reads them. */
const summaryOf = (page: Page) => page.locator('#foutmeldingen li').allInnerTexts();

/** Chooses a file for the import form and sends it with a reference date and source. */
async function importFile(page: Page, name: string, csv: string, referenceDate = '2020-06-30') {
  await page.goto('/bestuur/leden/importeren');
  await page.getByLabel('Peildatum van de inwonertallen').fill(referenceDate);
  await page.getByLabel('Bron').fill('CBS, inwoners op 30 juni 2020');
  await page.getByLabel('CSV-bestand').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Bestand inlezen' }).click()]);
}

/** The report's count for one row ("Nieuwe leden" …) as a number. */
async function reportCount(page: Page, row: string): Promise<number> {
  return Number(
    await page
      .locator('.bureau-counts tr', { has: page.getByRole('rowheader', { name: row, exact: true }) })
      .locator('td')
      .innerText(),
  );
}

describe('the bureau in Chromium: register, accounts, one-time codes, audit trail', () => {
  let b: BrowserApp;
  let admin: Page;
  let db: DataSource;

  beforeAll(async () => {
    b = await startBrowserApp();
    db = b.t.app.get(DataSource);
    admin = await b.newPage();
    await signInAs(admin, BOARD.email, BOARD.password);
  });
  afterAll(() => b.close());

  it('the administrator imports the register from a CSV file and reads the report', async () => {
    await admin.goto('/bestuur/leden');
    await expect(admin.getByText('Er zijn geen leden op').isVisible()).resolves.toBe(true);
    await checkPage(admin, 'bureau-register-empty');
    await admin.goto('/bestuur/leden/importeren');
    await checkPage(admin, 'bureau-register-import');

    await importFile(admin, 'leden-2020.csv', registerCsv(FIVE_MEMBERS));
    await expect(admin.locator('h1').innerText()).resolves.toBe('Ledenregister ingelezen');
    // Five municipalities the register did not have: five new members, nothing else.
    expect(await reportCount(admin, 'Nieuwe leden')).toBe(5);
    expect(await reportCount(admin, 'Inwonertal toegevoegd voor een bestaand lid')).toBe(0);
    expect(await reportCount(admin, 'Gewijzigd')).toBe(0);
    expect(await reportCount(admin, 'Ongewijzigd')).toBe(0);
    await expect(admin.getByRole('table', { name: 'Toegevoegd' }).getByRole('row').count()).resolves.toBe(6); // header + 5
    await checkPage(admin, 'bureau-register-report');
  });

  it('a changed file of the same reference date reports what changed, what is new and what is unchanged', async () => {
    const changed = FIVE_MEMBERS.map(([code, name, n]) => [code, name, code === 'GM0489' ? 49021 : n] as [string, string, number]);
    changed.push(['GM0003', 'Appingedam', 11801]);
    await importFile(admin, 'leden-2020-gecorrigeerd.csv', registerCsv(changed));
    // Barendrecht 48,654 -> 49,021 is the one change; Appingedam is new; the other four are as they were.
    expect(await reportCount(admin, 'Nieuwe leden')).toBe(1);
    expect(await reportCount(admin, 'Gewijzigd')).toBe(1);
    expect(await reportCount(admin, 'Ongewijzigd')).toBe(4);
    const change = admin.getByRole('table', { name: 'Gewijzigd' }).getByRole('row').nth(1);
    await expect(change.innerText()).resolves.toMatch(/GM0489\s+inwoners: 48\.654 → 49\.021/);
    await checkPage(admin, 'bureau-register-report-changed');
  });

  it('a broken file is refused whole: every refused line and column in the error summary, nothing written', async () => {
    const broken = [
      'code;name;inhabitants;secretary_name;secretary_email',
      'GM0363;Amsterdam;900000;Secretaris Amsterdam;secretaris.gm0363@gemeente.example', // fine on its own
      'GX0599;Rotterdam;650459;;', // 3: not a CBS code
      'GM0489;Barendrecht;veel;;', // 4: not a number
      'GM0498;;19775;;', // 5: no name
      'GM0489;Barendrecht;48654;;', // 6: Barendrecht twice
      'GM0010;Nieuwegemeente;1000;;', // 7: a new member without its secretary
    ].join('\n');
    await importFile(admin, 'kapot.csv', broken);
    await expect(admin.locator('h1').innerText()).resolves.toBe('Ledenregister importeren');
    expect(await summaryOf(admin)).toEqual([
      'Regel 3, CBS-code: is geen CBS-gemeentecode (GM en vier cijfers, bijvoorbeeld GM0489)',
      'Regel 4, inwoners: moet een heel getal zijn, zonder punten of spaties',
      'Regel 5, naam: ontbreekt',
      'Regel 6, CBS-code: staat al eerder in dit bestand',
      'Regel 7, naam secretaris: deze gemeente is nog geen lid: geef voor een nieuw lid de naam en een geldig e-mailadres van de secretaris',
    ]);
    await expect(admin.getByLabel('CSV-bestand').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(admin.getByLabel('Bron').inputValue()).resolves.toBe('CBS, inwoners op 30 juni 2020');
    // The summary's entries lead to the file field.
    await admin.locator('#foutmeldingen li a').first().click();
    await expect(admin.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe(
      'veld-file',
    );
    await checkPage(admin, 'bureau-register-import-refused');
    // Amsterdam's 900,000 of line 2 was not written either: the import is whole or nothing.
    const [amsterdam] = await db.query(`SELECT c.inhabitants FROM inhabitant_count c JOIN member m ON m.id = c.member_id WHERE m.cbs_code = 'GM0363'`);
    expect(amsterdam.inhabitants).toBe(869709);
  });

  it('the register is searchable by name and CBS code, each member has its page, and the register downloads as CSV', async () => {
    await admin.goto('/bestuur/leden?peildatum=2020-06-30');
    await expect(admin.locator('.bureau-summary').innerText()).resolves.toContain('6 leden op 30 juni 2020 met samen 1.601.718 inwoners');
    await checkPage(admin, 'bureau-register');
    await admin.getByLabel('Naam of CBS-code').fill('barend');
    await admin.getByRole('button', { name: 'Zoeken' }).click();
    await admin.waitForURL(/zoek=barend/);
    const rows = admin.locator('table.bureau-table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().innerText()).resolves.toMatch(/Barendrecht\s+GM0489/);
    await admin.getByLabel('Naam of CBS-code').fill('gm0088');
    await admin.getByRole('button', { name: 'Zoeken' }).click();
    await admin.waitForURL(/zoek=gm0088/);
    await expect(rows.first().innerText()).resolves.toContain('Schiermonnikoog');

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: /downloaden \(CSV\)/ }).click()]);
    expect(download.suggestedFilename()).toBe('leden-2020-06-30.csv');
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('code;name;inhabitants;reference_date;province;secretary_name;secretary_email');
    expect(csv).toContain('GM0489;Barendrecht;49021;2020-06-30;;Secretaris Barendrecht;secretaris.gm0489@gemeente.example');
    expect(csv).toHaveLength(7);

    await admin.goto('/bestuur/leden?zoek=Barendrecht&peildatum=2020-06-30');
    await admin.getByRole('link', { name: 'Barendrecht' }).click();
    await expect(admin.locator('h1').innerText()).resolves.toBe('Barendrecht');
    await expect(admin.getByRole('table', { name: /Tellingen per peildatum/ }).innerText()).resolves.toMatch(/30 juni 2020\s+49\.021/);
    await checkPage(admin, 'bureau-member');

    await admin.goto('/bestuur/leden?peildatum=2020-02-30');
    expect(await summaryOf(admin)).toEqual(['Vul de peildatum in als een bestaande datum, bijvoorbeeld 2024-01-01.']);
    await checkPage(admin, 'bureau-register-bad-date');
  });

  it('the administrator creates a member-official account, field by field, and the official signs in with it', async () => {
    await admin.goto('/bestuur/accounts');
    await checkPage(admin, 'bureau-accounts');
    await admin.getByRole('link', { name: 'Account aanmaken' }).click();
    await admin.getByRole('button', { name: 'Account aanmaken' }).click();
    expect(await summaryOf(admin)).toEqual([
      'Vul de naam in (hoogstens 120 tekens).',
      'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.',
      'Kies een rol.',
      'Kies een wachtwoord van minstens 12 en hoogstens 200 tekens.',
    ]);
    await checkPage(admin, 'bureau-account-new-errors');
    await admin.getByLabel('Naam', { exact: true }).fill(OFFICIAL.name);
    await admin.getByLabel('E-mailadres').fill(OFFICIAL.email);
    await admin.getByLabel(/Ambtenaar van een gemeente/).check();
    await admin.getByLabel('Wachtwoord', { exact: true }).fill(OFFICIAL.password);
    await admin.getByLabel('Wachtwoord nogmaals').fill(OFFICIAL.password);
    await admin.getByRole('button', { name: 'Account aanmaken' }).click();
    // A member official without a municipality is refused at that field; what was typed stays.
    expect(await summaryOf(admin)).toEqual(['Kies de gemeente waarvoor deze ambtenaar werkt.']);
    await expect(admin.getByLabel('Naam', { exact: true }).inputValue()).resolves.toBe(OFFICIAL.name);
    await admin.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Barendrecht (GM0489)' });
    await admin.getByLabel('Wachtwoord', { exact: true }).fill(OFFICIAL.password);
    await admin.getByLabel('Wachtwoord nogmaals').fill(OFFICIAL.password);
    await admin.getByRole('button', { name: 'Account aanmaken' }).click();
    await admin.waitForURL(/\/bestuur\/accounts\?aangemaakt=/);
    await expect(admin.getByRole('status').innerText()).resolves.toContain(`Het account van ${OFFICIAL.name} (${OFFICIAL.email}) is aangemaakt.`);
    const row = admin.getByRole('row', { name: new RegExp(OFFICIAL.email) });
    await expect(row.innerText()).resolves.toMatch(/Ambtenaar van een gemeente\s+Barendrecht \(GM0489\)\s+uit/);
    await checkPage(admin, 'bureau-accounts-created');

    const official = await b.newPage();
    await signInAs(official, OFFICIAL.email, OFFICIAL.password);
    expect(new URL(official.url()).pathname).toBe('/gemeente');
    await expect(official.locator('h1').innerText()).resolves.toBe('Gemeente Barendrecht');
  });

  it('the official turns on one-time codes with a first code from the app, and then signs in with a code', async () => {
    const official = await b.newPage();
    await signInAs(official, OFFICIAL.email, OFFICIAL.password);
    await official.goto('/account');
    await checkPage(official, 'bureau-my-account');
    await official.getByRole('link', { name: 'Eenmalige codes instellen' }).click();
    await checkPage(official, 'bureau-one-time-codes');
    // The key as the person types it into the app: groups of four.
    const typed = await official.locator('.bureau-secret').innerText();
    expect(typed).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = typed.replace(/ /g, '');
    expect(await official.getByRole('link', { name: /Open de sleutel direct/ }).getAttribute('href')).toContain(`secret=${secret}`);

    const right = generateSync({ secret });
    await official.getByLabel('Code uit de app').fill(String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    await official.getByRole('button', { name: 'Eenmalige codes aanzetten' }).click();
    expect((await summaryOf(official))[0]).toMatch(/^Deze code klopt niet\./);
    await checkPage(official, 'bureau-one-time-codes-wrong');
    await official.getByLabel('Code uit de app').fill(generateSync({ secret }));
    await official.getByRole('button', { name: 'Eenmalige codes aanzetten' }).click();
    await official.waitForURL(/\/account\?codes=aan$/);
    await expect(official.getByRole('status').innerText()).resolves.toContain('Eenmalige codes staan aan.');

    // The password alone is no longer enough...
    const again = await b.newPage();
    await again.goto('/bestuur/inloggen');
    await again.getByLabel('E-mailadres').fill(OFFICIAL.email);
    await again.getByLabel('Wachtwoord').fill(OFFICIAL.password);
    await again.getByRole('button', { name: 'Inloggen' }).click();
    await expect(again.getByRole('alert').innerText()).resolves.toContain('Vul de eenmalige code uit uw authenticator-app in.');
    // ...with the code the app shows now, it is.
    await signInAs(again, OFFICIAL.email, OFFICIAL.password, generateSync({ secret }));
    expect(new URL(again.url()).pathname).toBe('/gemeente');
    await admin.goto('/bestuur/accounts');
    await expect(admin.getByRole('row', { name: new RegExp(OFFICIAL.email) }).innerText()).resolves.toMatch(/\saan\s/);
  });

  it('the audit trail filters to the imports, and its verification says how far the chain is sealed and where it breaks', async () => {
    await admin.goto('/bestuur/audit');
    await checkPage(admin, 'bureau-audit');
    await admin.getByLabel('Handeling').selectOption({ label: 'Ledenregister geïmporteerd' });
    await admin.getByRole('button', { name: 'Filteren' }).click();
    await admin.waitForURL(/actie=members\.imported/);
    // Two imports went through; the broken file wrote nothing, not even an audit entry.
    const table = admin.locator('table.bureau-audit');
    await expect(table.locator('caption').innerText()).resolves.toMatch(/^2 regels gevonden, de nieuwste eerst/);
    const newest = table.locator('tbody tr').first();
    await expect(newest.innerText()).resolves.toMatch(/Bestuur \(beheerder uit configuratie\)\s+bestuur@test\.example/);
    await newest.getByText('Gegevens').click();
    expect(JSON.parse(await newest.locator('pre').innerText())).toEqual({
      source: 'CBS, inwoners op 30 juni 2020',
      added: 1,
      changed: 1,
      unchanged: 4,
      refused: 0,
    });
    await checkPage(admin, 'bureau-audit-imports');

    // Nothing is sealed yet (no worker runs here): the check says so.
    await admin.getByRole('link', { name: 'Audittrail' }).first().click();
    await admin.getByRole('button', { name: 'Controle uitvoeren' }).click();
    await admin.waitForURL(/\/bestuur\/audit\/controle/);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_event`);
    await expect(admin.locator('main').innerText()).resolves.toContain(`${n} regels wachten nog op verzegeling`);

    // Sealed as the worker does: every entry verifies.
    const sealed = await sealAuditEntries(db.manager);
    expect(sealed).toBe(n);
    await admin.getByRole('button', { name: 'Controle opnieuw uitvoeren' }).click();
    await expect(admin.getByRole('status').innerText()).resolves.toContain(
      `De keten is heel: alle ${n} verzegelde regels kloppen (verzegeld tot en met regel ${n}).`,
    );
    await checkPage(admin, 'bureau-audit-verified');

    // Someone changes entry 3 behind the platform's back: the check names it and stops there.
    const [third] = await db.query(`SELECT id, actor FROM audit_event WHERE chain_seq = 3`);
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`UPDATE audit_event SET actor = 'staff:iemand-anders@test.example' WHERE id = $1`, [third.id]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    await admin.getByRole('button', { name: 'Controle opnieuw uitvoeren' }).click();
    await expect(admin.getByRole('alert').innerText()).resolves.toContain(
      'De keten klopt tot en met regel 2. Regel 3 past niet: de inhoud past niet meer bij de vastgelegde hash: de regel is na het verzegelen gewijzigd.',
    );
    await checkPage(admin, 'bureau-audit-broken');
  });
});
