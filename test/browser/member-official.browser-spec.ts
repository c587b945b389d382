import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { formatDateTimeNl } from '../../src/platform/text/dutch-format';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';
import { auth, createScheme, EXAMPLE_TABLE, importRegister, inDays, openConsultation } from '../support/factories';

const MEMBERS: [string, string, number][] = [
  ['GM0363', 'Amsterdam', 869709],
  ['GM0489', 'Barendrecht', 48654],
  ['GM0498', 'Drechterland', 19775],
  ['GM0388', 'Enkhuizen', 18658],
];
const PASSWORD = 'een-lang-wachtwoord';
const BARENDRECHT = 'griffie.gm0489@gemeente.example';
const DRECHTERLAND = 'griffie.gm0498@gemeente.example';

interface ListedAmendment {
  id: string;
  reference: string;
  memberCode: string;
  text: string;
  changedValue: string | null;
  status: string;
  coSponsors: { memberCode: string; confirmed: boolean }[];
}

/** A member official in the browser: signs in, submits, edits and withdraws an amendment; a co-sponsor confirms. */
describe('a member official in Chromium', () => {
  let b: BrowserApp;
  let db: DataSource;
  let consultationId: string;
  let barendrecht: Page;
  let amendmentId: string;

  /** The board's own view: the API list of the consultation's amendments. */
  const boardList = async (): Promise<ListedAmendment[]> =>
    (await b.t.http().get(`/api/consultations/${consultationId}/amendments`).set(auth(b.t)).expect(200)).body.items;

  /** Clicks a submit button and waits for the page the form leads to; the status of the answer to the post. */
  const submit = async (page: Page, button: string): Promise<number> => {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()]);
    await page.waitForLoadState();
    return response.status();
  };

  beforeAll(async () => {
    b = await startBrowserApp();
    db = b.t.app.get(DataSource);
    await importRegister(b.t, MEMBERS);
    for (const [email, memberCode, name] of [
      [BARENDRECHT, 'GM0489', 'Mira Bakker'],
      [DRECHTERLAND, 'GM0498', 'Daan de Vries'],
    ]) {
      await b.t.http().post('/api/accounts').set(auth(b.t)).send({ email, name, role: 'member_official', password: PASSWORD, memberCode }).expect(201);
    }
    const schemeId = await createScheme(b.t, EXAMPLE_TABLE);
    const created = await b.t
      .http()
      .post('/api/consultations')
      .set(auth(b.t))
      .send({
        kind: 'ledenraadpleging',
        title: 'Ledenraadpleging juni 2020',
        reference: 'Lbr. 20/030',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        amendmentDeadline: inDays(2),
        votingDeadline: inDays(6),
      })
      .expect(201);
    consultationId = created.body.id;
    await b.t
      .http()
      .post(`/api/consultations/${consultationId}/proposals`)
      .set(auth(b.t))
      .send({ title: 'Invulling vacatures bestuur en commissies', questionType: 'for_against' })
      .expect(201);
    await b.t
      .http()
      .post(`/api/consultations/${consultationId}/proposals`)
      .set(auth(b.t))
      .send({ title: 'Contributievoorstel VNG 2021', questionType: 'for_against', value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 } })
      .expect(201);
    await b.t.http().post(`/api/consultations/${consultationId}/open-amendments`).set(auth(b.t)).expect(200);
    // A vote that is open at the same time, which the home page lists (without any ballot link).
    await openConsultation(b.t, schemeId, [{ title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' }], { title: 'ALV-stemming jaarverslag' });
    barendrecht = await b.newPage();
  });
  afterAll(() => b.close());

  it('the sign-in page fits every role, and a wrong password gives a summary linked to the field', async () => {
    const page = await b.newPage();
    await page.goto('/bestuur/inloggen');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Inloggen');
    await checkPage(page, 'sign-in');
    await page.getByLabel('E-mailadres').fill(BARENDRECHT);
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    expect(await submit(page, 'Inloggen')).toBe(401);
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('heading').textContent()).resolves.toBe('Uw invoer is niet verwerkt');
    await summary.getByRole('link', { name: 'Het e-mailadres of het wachtwoord klopt niet.' }).click();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('veld-email');
    await expect(page.getByLabel('E-mailadres').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('E-mailadres').inputValue()).resolves.toBe(BARENDRECHT);
    await checkPage(page, 'sign-in-error');
  });

  it('signs in and lands on what is going on for the municipality', async () => {
    await signInAs(barendrecht, BARENDRECHT, PASSWORD);
    expect(new URL(barendrecht.url()).pathname).toBe('/gemeente');
    await expect(barendrecht.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Gemeente Barendrecht');
    const amendments = barendrecht.getByRole('region', { name: 'Amendementen en moties' });
    const [{ deadline }] = await db.query(`SELECT amendment_deadline AS deadline FROM consultation WHERE id = $1`, [consultationId]);
    await expect(amendments.textContent()).resolves.toContain(`Indienen kan tot ${formatDateTimeNl(deadline)}.`);
    const votes = barendrecht.getByRole('region', { name: 'Stemmingen' });
    await expect(votes.getByRole('link', { name: 'ALV-stemming jaarverslag' }).isVisible()).resolves.toBe(true);
    await expect(votes.locator('a[href*="/stemmen/"]').count()).resolves.toBe(0);
    await expect(barendrecht.getByRole('link', { name: 'Facturen en bijdragen' }).getAttribute('href')).resolves.toBe('/gemeente/facturen');
    await expect(barendrecht.getByRole('link', { name: 'Abonnementen sociaal domein' }).getAttribute('href')).resolves.toBe('/gemeente/abonnementen');
    await checkPage(barendrecht, 'member-home');
  });

  it('an amendment without its text is refused with a summary whose link moves focus to the field; nothing is stored', async () => {
    await barendrecht.getByRole('link', { name: 'Amendement indienen' }).first().click();
    await checkPage(barendrecht, 'member-amendment-form');
    await barendrecht.getByLabel(/Voorstel 2/).check();
    await barendrecht.getByLabel('Toelichting').fill('Gemeenten staan er financieel slecht voor.');
    expect(await submit(barendrecht, 'Amendement indienen')).toBe(400);
    const summary = barendrecht.getByRole('alert');
    await summary.getByRole('link', { name: 'Vul de tekst van het amendement in (hoogstens 20.000 tekens).' }).click();
    await expect(barendrecht.evaluate('document.activeElement.id')).resolves.toBe('veld-text');
    await expect(barendrecht.getByLabel('Tekst van het amendement').getAttribute('aria-describedby')).resolves.toBe('uitleg-text fout-text');
    // What was typed stays.
    await expect(barendrecht.getByLabel('Toelichting').inputValue()).resolves.toBe('Gemeenten staan er financieel slecht voor.');
    await expect(barendrecht.getByLabel(/Voorstel 2/).isChecked()).resolves.toBe(true);
    await checkPage(barendrecht, 'member-amendment-form-errors');
    expect(await boardList()).toEqual([]);
  });

  it('submits the amendment: it gets its reference and the board sees it in its list', async () => {
    await barendrecht.getByLabel('Tekst van het amendement').fill('De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.');
    await barendrecht.getByLabel(/Gewijzigd getal/).fill('2,9');
    await barendrecht.getByLabel(/Mede-indieners/).fill('Drechterland');
    expect(await submit(barendrecht, 'Amendement indienen')).toBe(303);
    // The consultation's reference date is in 2020, the contribution is proposal 2, and this is its first amendment.
    await expect(barendrecht.getByRole('status').textContent()).resolves.toContain('Uw amendement is ingediend met kenmerk AM-2020-002-01.');
    await expect(barendrecht.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Amendement AM-2020-002-01');
    await expect(barendrecht.locator('.member-facts').textContent()).resolves.toContain('contributieverhoging: 3,9% wordt 2,9%');
    amendmentId = new URL(barendrecht.url()).pathname.split('/').pop()!;
    const [listed] = await boardList();
    expect(listed).toMatchObject({
      id: amendmentId,
      reference: 'AM-2020-002-01',
      memberCode: 'GM0489',
      changedValue: '2.9',
      status: 'submitted',
      coSponsors: [{ memberCode: 'GM0498', memberName: 'Drechterland', confirmed: false }],
    });
    await barendrecht.getByRole('link', { name: 'Alle amendementen en moties' }).click();
    const row = barendrecht.getByRole('row', { name: /AM-2020-002-01/ });
    await expect(row.textContent()).resolves.toContain('Drechterland (nog niet bevestigd)');
    await checkPage(barendrecht, 'member-amendments');
  });

  it('edits it before the deadline', async () => {
    await barendrecht.getByRole('link', { name: 'Amendement AM-2020-002-01' }).click();
    await barendrecht.getByRole('link', { name: 'Wijzigen' }).click();
    await expect(barendrecht.getByLabel(/Gewijzigd getal/).inputValue()).resolves.toBe('2,9');
    await barendrecht.getByLabel('Tekst van het amendement').fill('De contributie stijgt in 2021 met 2,9% (alleen loon- en prijscompensatie).');
    expect(await submit(barendrecht, 'Wijzigingen opslaan')).toBe(303);
    await expect(barendrecht.getByRole('status').textContent()).resolves.toContain('De wijzigingen in amendement AM-2020-002-01 zijn opgeslagen.');
    await expect(barendrecht.locator('.member-text').first().textContent()).resolves.toBe(
      'De contributie stijgt in 2021 met 2,9% (alleen loon- en prijscompensatie).',
    );
    const [listed] = await boardList();
    expect(listed.text).toBe('De contributie stijgt in 2021 met 2,9% (alleen loon- en prijscompensatie).');
  });

  it("the co-submitting municipality's official confirms its support", async () => {
    const drechterland = await b.newPage();
    await signInAs(drechterland, DRECHTERLAND, PASSWORD);
    const asked = drechterland.getByRole('region', { name: 'Uw steun wordt gevraagd' });
    await asked.getByRole('link', { name: 'amendement AM-2020-002-01 van Barendrecht' }).click();
    await expect(drechterland.getByRole('heading', { name: 'Steun van Drechterland' }).isVisible()).resolves.toBe(true);
    await expect(drechterland.getByRole('link', { name: 'Wijzigen' }).count()).resolves.toBe(0); // only the submitter edits
    await checkPage(drechterland, 'member-amendment-cosponsor');
    expect(await submit(drechterland, 'Steun bevestigen')).toBe(303);
    await expect(drechterland.getByRole('status').textContent()).resolves.toContain('Drechterland steunt amendement AM-2020-002-01 nu als mede-indiener.');
    await expect(drechterland.locator('.member-facts').textContent()).resolves.toContain('Barendrecht c.s.');
    const [listed] = await boardList();
    expect(listed.coSponsors).toEqual([{ memberCode: 'GM0498', memberName: 'Drechterland', confirmed: true }]);
  });

  it('withdraws it after a confirmation step that says what happens', async () => {
    await barendrecht.goto(`/gemeente/amendementen/${amendmentId}`);
    await barendrecht.getByRole('link', { name: 'Intrekken' }).click();
    await expect(barendrecht.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Amendement AM-2020-002-01 intrekken');
    const consequences = barendrecht.getByRole('region', { name: 'Wat er gebeurt als u intrekt' });
    await expect(consequences.textContent()).resolves.toContain('Ook de mede-indieners (Drechterland) dienen het dan niet meer in.');
    await expect(consequences.textContent()).resolves.toContain('Intrekken kan niet ongedaan worden gemaakt.');
    expect((await boardList())[0].status).toBe('submitted'); // the page itself changes nothing
    await checkPage(barendrecht, 'member-amendment-withdraw');
    expect(await submit(barendrecht, 'Ja, amendement intrekken')).toBe(303);
    await expect(barendrecht.getByRole('status').textContent()).resolves.toContain('Amendement AM-2020-002-01 is ingetrokken.');
    await expect(barendrecht.getByRole('link', { name: 'Wijzigen' }).count()).resolves.toBe(0);
    expect((await boardList())[0].status).toBe('withdrawn');
  });

  it('after the deadline a form is refused with a Dutch message, and the pages are read-only', async () => {
    await barendrecht.goto('/gemeente/amendementen');
    await barendrecht.getByRole('link', { name: 'Motie indienen' }).click();
    await barendrecht.getByLabel('Tekst van de motie').fill('De ALV verzoekt het bestuur de contributie vanaf 2022 opnieuw te bezien.');
    await barendrecht.getByLabel('Toelichting').fill('De coronamaatregelen.');
    // The window closes while the official is typing.
    await db.query(`UPDATE consultation SET amendment_deadline = date_trunc('minute', now()) - interval '1 minute' WHERE id = $1`, [consultationId]);
    const [{ deadline }] = await db.query(`SELECT amendment_deadline AS deadline FROM consultation WHERE id = $1`, [consultationId]);
    expect(await submit(barendrecht, 'Motie indienen')).toBe(409);
    const message = `Amendementen en moties konden worden ingediend en gewijzigd tot ${formatDateTimeNl(deadline)}. Dat is voorbij: wat u hebt verstuurd, is niet verwerkt.`;
    const summary = barendrecht.getByRole('alert');
    await summary.getByRole('link', { name: message }).click();
    await expect(barendrecht.evaluate('document.activeElement.id')).resolves.toBe('termijn');
    // What was typed is shown, not lost; no form to send again.
    await expect(barendrecht.getByRole('region', { name: 'Wat u had ingevuld (niet verwerkt)' }).textContent()).resolves.toContain(
      'De ALV verzoekt het bestuur de contributie vanaf 2022 opnieuw te bezien.',
    );
    await expect(barendrecht.getByRole('button', { name: 'Motie indienen' }).count()).resolves.toBe(0);
    await checkPage(barendrecht, 'member-amendment-late');
    expect(await boardList()).toHaveLength(1);

    await barendrecht.goto('/gemeente/amendementen');
    await expect(barendrecht.getByRole('link', { name: 'Amendement indienen' }).count()).resolves.toBe(0);
    await expect(barendrecht.locator('.member-deadline').first().textContent()).resolves.toContain(
      `De termijn voor amendementen en moties is verstreken op ${formatDateTimeNl(deadline)}.`,
    );
  });
});
