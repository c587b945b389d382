import { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { startWorker } from '../../src/worker';
import { BrowserApp, checkPage, startBrowserApp } from '../support/browser';
import {
  auth,
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  OpenConsultation,
  openConsultation,
  secretaryTokens,
  vote,
} from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { SmtpSink } from '../support/smtp-sink';
import { until } from '../support/wait';

/** Presses Tab until the element matching `selector` has the focus (keyboard only: no click, no focus() call). */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) === 1) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs into a question's radio group, checks the focused radio with Space, then moves with the arrow keys to the wanted choice. */
async function chooseByKeyboard(page: Page, proposalId: string, choiceId: string): Promise<void> {
  await tabTo(page, `input[name="q_${proposalId}"]`);
  await page.keyboard.press('Space');
  for (let i = 0; i < 6 && !(await page.locator(`input[name="q_${proposalId}"][value="${choiceId}"]`).isChecked()); i++) await page.keyboard.press('ArrowDown');
  expect(await page.locator(`input[name="q_${proposalId}"][value="${choiceId}"]`).isChecked()).toBe(true);
}

/** Presses a key that submits a form or follows a link, and waits for the next page. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  const navigated = page.waitForEvent('framenavigated');
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState();
}

const cells = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

/**
 * A secretary votes by keyboard alone (Tab, Space, the arrow keys, Enter; no mouse), sees the
 * confirmation, confirms, keeps the receipt (page and PDF), changes the vote, and passes the ballot on
 * to a council member, who receives the mail with a working link of their own.
 */
describe('the secretary’s ballot in Chromium, by keyboard', () => {
  let b: BrowserApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let c: OpenConsultation;
  let token: string;
  let page: Page;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    b = await startBrowserApp({ SMTP_URL: sink.url });
    worker = await startWorker();
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
          rule: { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' }, quorum: { numerator: 1, denominator: 2 } },
        },
      ],
      { title: 'Ledenraadpleging juni 2020', reference: 'Lbr. 20/030' },
    );
    token = (await secretaryTokens(b.t, c.id)).get('GM0489')!; // Barendrecht: 48,654 inhabitants, 5 votes in the example table
    page = await b.newPage();
  });
  afterAll(async () => {
    await worker.close();
    await b.close();
    await sink.stop();
  });

  const q1 = () => c.proposals.find((p) => p.number === 1)!;
  const q2 = () => c.proposals.find((p) => p.number === 2)!;

  it('the ballot names the consultation, links its letter and shows each decision rule', async () => {
    await page.goto(`/stemmen/${token}`);
    expect(await page.locator('h1').innerText()).toBe('Stemformulier Ledenraadpleging juni 2020');
    expect(await page.locator('.ballot-kicker').innerText()).toBe('Ledenraadpleging · kenmerk Lbr. 20/030');
    const links = page.getByRole('navigation', { name: 'Stukken bij deze stemming' });
    expect(await links.getByRole('link', { name: 'Ledenbrief met de definitieve voorstellen' }).getAttribute('href')).toBe(
      `/raadplegingen/${c.id}/definitieve-voorstellen`,
    );
    expect(await links.getByRole('link', { name: 'pdf' }).getAttribute('href')).toBe(`/raadplegingen/${c.id}/definitieve-voorstellen.pdf`);
    expect(await cells(page, `#vraag-${q1().id} .ballot-rule p`)).toBe('Beslisregel: gewone meerderheid van de uitgebrachte gewogen stemmen.');
    expect(await cells(page, `#vraag-${q2().id} .ballot-rule p`)).toBe(
      'Beslisregel: gekwalificeerde meerderheid: ten minste twee derde van de uitgebrachte gewogen stemmen.',
    );
    expect(await page.locator(`#vraag-${q2().id} .ballot-rule li`).allTextContents()).toContain(
      'Quorum: ten minste de helft van het totale stemgewicht moet meedoen (onthoudingen tellen mee).',
    );
    await checkPage(page, 'ballot-form');
  });

  it('an unanswered question comes back with the summary at the top and the message at the question', async () => {
    await page.goto(`/stemmen/${token}`);
    await chooseByKeyboard(page, q1().id, choiceOf(c, 1, 'Voor').choiceId);
    await tabTo(page, '#stemformulier button[type="submit"]');
    await pressAndLoad(page);
    expect(await page.locator('#foutmeldingen').innerText()).toContain('Beantwoord elke vraag; nog open: voorstel 2');
    expect(await page.locator(`#vraag-${q2().id}`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#fout-vraag-${q2().id}`).innerText()).toBe('Kies een antwoord bij voorstel 2.');
    // What was chosen stays chosen.
    expect(await page.locator(`input[name="q_${q1().id}"][value="${choiceOf(c, 1, 'Voor').choiceId}"]`).isChecked()).toBe(true);
    await checkPage(page, 'ballot-error');
  });

  it('votes by keyboard: the confirmation lists the choices and who votes; only the confirmation casts the vote', async () => {
    await chooseByKeyboard(page, q2().id, choiceOf(c, 2, 'Geamendeerd voorstel: +2,9%').choiceId);
    await tabTo(page, '#stemformulier button[type="submit"]');
    await pressAndLoad(page);
    expect(await page.locator('h1').innerText()).toBe('Controleer uw stem');
    expect(await cells(page, 'table.ballot-choices tbody')).toBe(
      '1. Vaststelling jaarverslag 2019 Voor 2. Contributievoorstel 2021 Geamendeerd voorstel: +2,9%',
    );
    expect(await cells(page, '.ballot-facts')).toContain('Secretaris Barendrecht (Gemeentesecretaris)');
    const before = await b.t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(b.t)).expect(200);
    expect(before.body.voted.members).toBe(0);
    await checkPage(page, 'ballot-confirm');
    await tabTo(page, 'button[value="bevestigen"]');
    await pressAndLoad(page);
    expect(new URL(page.url()).pathname).toBe(`/stemmen/${token}/ontvangen`);
  });

  it('the receipt repeats the choices with the code and the time, and its PDF says the same', async () => {
    expect(await page.locator('h1').innerText()).toBe('Uw stem is ontvangen');
    const code = /Uw ontvangstcode: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(await page.locator('.ballot-received').innerText())![1];
    expect(await cells(page, 'table.ballot-choices tbody')).toBe(
      '1. Vaststelling jaarverslag 2019 Voor 2. Contributievoorstel 2021 Geamendeerd voorstel: +2,9%',
    );
    await checkPage(page, 'ballot-receipt');

    await tabTo(page, 'a[href$="/ontvangen.pdf"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`ontvangstbewijs-${code}.pdf`);
    const text = pdfText(readFileSync(await download.path()));
    for (const expected of [
      'Vereniging van Nederlandse Gemeenten',
      'Ontvangstbewijs stem: Ledenraadpleging juni 2020',
      `Ontvangstcode: ${code}`,
      'Uitgebracht door: Secretaris Barendrecht (Gemeentesecretaris)',
      '1. Vaststelling jaarverslag 2019 Voor',
      '2. Contributievoorstel 2021 Geamendeerd voorstel: +2,9%',
      'Kenmerk: Lbr. 20/030',
      'Pagina 1 van 1',
    ]) {
      expect(text).toContain(expected);
    }
    // The receipt mail names the code and never the choices.
    await until(() => sink.received().some((m) => m.body.includes(code)));
    const mail = sink.received().find((m) => m.body.includes(code))!;
    expect(mail.body).not.toMatch(/Geamendeerd|Voor\b/);
  });

  it('changes the vote from the receipt: the new submission is the one that counts', async () => {
    await tabTo(page, `a[href="/stemmen/${token}"]`);
    await pressAndLoad(page);
    // The form comes back with the vote that counts now.
    expect(await page.locator(`input[name="q_${q1().id}"][value="${choiceOf(c, 1, 'Voor').choiceId}"]`).isChecked()).toBe(true);
    await tabTo(page, `input[name="q_${q1().id}"]:checked`);
    await page.keyboard.press('ArrowDown'); // Voor -> Tegen
    expect(await page.locator(`input[name="q_${q1().id}"][value="${choiceOf(c, 1, 'Tegen').choiceId}"]`).isChecked()).toBe(true);
    await tabTo(page, '#stemformulier button[type="submit"]');
    await pressAndLoad(page);
    // "Wijzigen" on the confirmation goes back to the form with the new choice kept.
    await tabTo(page, 'button[value="wijzigen"]');
    await pressAndLoad(page);
    expect(await page.locator(`input[name="q_${q1().id}"][value="${choiceOf(c, 1, 'Tegen').choiceId}"]`).isChecked()).toBe(true);
    await tabTo(page, '#stemformulier button[type="submit"]');
    await pressAndLoad(page);
    await tabTo(page, 'button[value="bevestigen"]');
    await pressAndLoad(page);
    expect(await page.locator('.ballot-received').innerText()).toContain('Deze inzending vervangt de eerdere stem.');
    expect(await cells(page, 'table.ballot-choices tbody')).toBe(
      '1. Vaststelling jaarverslag 2019 Tegen 2. Contributievoorstel 2021 Geamendeerd voorstel: +2,9%',
    );
  });

  it('passes the ballot on: a Dutch confirmation, and the council member gets a mail with a working link of their own', async () => {
    await page.goto(`/stemmen/${token}`);
    await tabTo(page, '#doorgeven-name');
    await page.keyboard.type('R. Raadslid');
    await page.keyboard.press('Tab');
    await page.keyboard.type('raadslid@barendrecht.example');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 3 && (await page.locator('#doorgeven-role').inputValue()) !== 'council_member'; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#doorgeven-role').inputValue()).toBe('council_member');
    await tabTo(page, '#doorgeven button[type="submit"]');
    await pressAndLoad(page);
    expect(new URL(page.url()).pathname).toBe(`/stemmen/${token}/doorgegeven`);
    expect(await page.locator('h1').innerText()).toBe('Stemformulier doorgegeven');
    expect(await cells(page, '.ballot-holders')).toContain('R. Raadslid, raadslid (raadslid@barendrecht.example)');
    await checkPage(page, 'ballot-delegated');

    await until(() => sink.received().some((m) => m.to === 'raadslid@barendrecht.example'));
    const mail = sink.received().find((m) => m.to === 'raadslid@barendrecht.example')!;
    expect(mail.subject).toBe('Stemformulier Ledenraadpleging juni 2020 voor gemeente Barendrecht aan u doorgegeven');
    expect(mail.body).toContain('Secretaris Barendrecht heeft het stemformulier van de gemeente Barendrecht');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/stemmen\/[A-Za-z0-9_-]{43})/.exec(mail.body)![1];
    expect(link).not.toContain(token);
    const council = await b.newPage();
    await council.goto(link);
    expect(await council.locator('h1').innerText()).toBe('Stemformulier Ledenraadpleging juni 2020');
    expect(await council.locator('main').innerText()).toContain('Raadslid: R. Raadslid');
  });

  it('the tally counts the changed vote once, with Barendrecht’s weight', async () => {
    // Amsterdam (869,709 inhabitants: 12 votes) votes for proposal 1 through the API.
    await vote(b.t, c.id, (await secretaryTokens(b.t, c.id)).get('GM0363')!, [choiceOf(c, 1, 'Voor'), choiceOf(c, 2, 'Voorstel bestuur: +3,9%')]).expect(201);
    await b.t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(b.t)).expect(200);
    const tally = await b.t.http().get(`/api/consultations/${c.id}/tally`).set(auth(b.t)).expect(200);
    const first = tally.body.proposals.find((p: { number: number }) => p.number === 1);
    const line = (label: string) => first.choices.find((ch: { label: string }) => ch.label === label);
    // Barendrecht's first vote (Voor) no longer counts: Voor 12 of 17 = 70,59%, Tegen 5 of 17 = 29,41%.
    expect(line('Voor')).toMatchObject({ members: 1, weight: 12, share: '70,59%' });
    expect(line('Tegen')).toMatchObject({ members: 1, weight: 5, share: '29,41%' });
    expect(tally.body.turnout).toMatchObject({ members: 2, weight: 17 });
  });
});
