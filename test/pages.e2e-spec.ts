import request from 'supertest';
import { DataSource } from 'typeorm';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';

/** A secretary votes through the Dutch form (no JavaScript); the board closes and sees the weighted result. */
describe('the Dutch pages', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;
  let token: string;
  let browser: ReturnType<typeof request.agent>;
  let csrf: string;

  /** A browser that keeps its cookies, with the form token from a page it opened. */
  const open = async (path: string, status = 200) => {
    const res = await browser.get(path).expect(status);
    csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [
      { title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' },
      { title: 'Contributievoorstel 2021', questionType: 'alternatives', variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }] },
    ]);
    token = (await secretaryTokens(t, c.id)).get('GM0489')!; // Barendrecht, 5 votes
    browser = request.agent(t.app.getHttpServer());
  });
  afterAll(() => t.close());

  const form = (answers: Record<number, string>, extra: Record<string, string> = {}) => {
    const fields: Record<string, string> = { voterName: 'M. Bakker', voterRole: 'clerk', _csrf: csrf, ...extra };
    for (const [number, label] of Object.entries(answers)) {
      const p = c.proposals.find((x) => x.number === Number(number))!;
      fields[`q_${p.id}`] = p.choices.find((ch) => ch.label === label)!.id;
    }
    return fields;
  };

  it('shows the ballot with the municipality, its weight and the questions', async () => {
    const res = await open(`/stemmen/${token}`);
    expect(res.text).toContain('Barendrecht');
    expect(res.text).toContain('<strong>5</strong> gewogen stemmen');
    expect(res.text).toContain('Geamendeerd voorstel: +2,9%');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('an unanswered question re-renders the form with the reason and stores nothing', async () => {
    const res = await browser.post(`/stemmen/${token}`).type('form').send(form({ 1: 'Voor' })).expect(400);
    expect(res.text).toContain('Beantwoord elke vraag; nog open: voorstel 2');
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ballot_submission');
    expect(n).toBe(0);
  });

  it('a complete form is accepted with a receipt code, recording who voted', async () => {
    const res = await browser.post(`/stemmen/${token}`).type('form').send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' })).expect(200);
    expect(res.text).toContain('Uw stem is ontvangen');
    const code = /Uw ontvangstcode: <strong>([0-9A-Z-]+)<\/strong>/.exec(res.text)![1];
    const [row] = await db.query('SELECT voter_name, voter_role, receipt_code FROM ballot_submission');
    expect(row).toEqual({ voter_name: 'M. Bakker', voter_role: 'clerk', receipt_code: code });
  });

  it('an unknown link shows a Dutch error page', async () => {
    const res = await t.http().get(`/stemmen/${'a'.repeat(43)}`).set('Accept', 'text/html').expect(401);
    expect(res.text).toContain('Dat ging niet');
  });

  it('the secretary can pass the ballot to an official of the same municipality, not of another', async () => {
    const res = await browser.post(`/stemmen/${token}/doorgeven`).type('form')
      .send({ name: 'W. Wethouder', email: 'wethouder@barendrecht.example', role: 'executive', _csrf: csrf }).expect(200);
    const url = /Persoonlijke link voor W\. Wethouder: <a href="([^"]+)"/.exec(res.text)![1];
    const delegateToken = url.split('/stemmen/')[1];
    const page = await t.http().get(`/stemmen/${delegateToken}`).expect(200);
    expect(page.text).toContain('Lid van het college: W. Wethouder');

    const amsterdam = (await secretaryTokens(t, c.id)).get('GM0363')!;
    const refused = await browser.post(`/stemmen/${amsterdam}/doorgeven`).type('form')
      .send({ name: 'W. Wethouder', email: 'wethouder@barendrecht.example', role: 'executive', _csrf: csrf }).expect(400);
    expect(refused.text).toContain('already holds the ballot of Barendrecht');
  });

  it('the board signs in, closes the vote and sees the weighted tally', async () => {
    await open('/bestuur/inloggen');
    const signIn = await browser.post('/bestuur/inloggen').type('form').send({ ...BOARD, _csrf: csrf }).expect(303);
    expect(String(signIn.headers['set-cookie'])).toMatch(/sessie=.*HttpOnly.*SameSite=Strict/);
    const before = await open(`/bestuur/raadplegingen/${c.id}`);
    expect(before.text).toContain('1 van de 5 leden hebben gestemd');
    expect(before.text).toContain('De keuzes zijn zichtbaar zodra de stemming is gesloten');

    await browser.post(`/bestuur/raadplegingen/${c.id}/close-voting`).type('form').send({ _csrf: csrf }).expect(303);
    const after = await open(`/bestuur/raadplegingen/${c.id}`);
    // Barendrecht alone: 5 weighted votes, 100,00% of the votes cast for the amended proposal
    expect(after.text).toMatch(/Geamendeerd voorstel: \+2,9%<\/td><td class="num">1<\/td><td class="num">5<\/td><td class="num">100,00%/);
    expect(after.text).toContain('aangenomen');

    await browser.post(`/bestuur/raadplegingen/${c.id}/publish-results`).type('form').send({ _csrf: csrf }).expect(303);
    const result = await t.http().get(`/raadplegingen/${c.id}/uitslag`).expect(200);
    expect(result.text).toContain('M. Bakker (Griffier)');
  });

  it('a form posted without the browser\'s form token is refused (cross-site request)', async () => {
    const res = await t.http().post(`/stemmen/${token}`).type('form').send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' }, { _csrf: 'x'.repeat(32) })).expect(403);
    expect(res.text).toContain('Dit formulier is verlopen');
    const other = await browser.post(`/stemmen/${token}`).type('form').send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' }, { _csrf: 'y'.repeat(32) })).expect(403);
    expect(other.text).toContain('Dit formulier is verlopen');
  });

  it('board pages are closed to visitors who are not signed in', async () => {
    const res = await t.http().get('/bestuur').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).toBe('/bestuur/inloggen');
    await t.http().post(`/bestuur/raadplegingen/${c.id}/publish-results`).expect(403); // no form token: refused before anything else
  });
});
