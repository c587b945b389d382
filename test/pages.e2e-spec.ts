import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';
import { formatDateTimeNl } from '../src/platform/text/dutch-format';
import { BallotLinks } from '../src/platform/ballot-links';

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
      {
        title: 'Contributievoorstel 2021',
        questionType: 'alternatives',
        variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
      },
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
    const res = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 1: 'Voor' }))
      .expect(400);
    expect(res.text).toContain('Beantwoord elke vraag; nog open: voorstel 2');
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ballot_submission');
    expect(n).toBe(0);
  });

  it('an error keeps what was typed and ties each message to its field', async () => {
    const res = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 2: 'Geamendeerd voorstel: +2,9%' }, { voterName: '   ', voterRole: 'wethouder' }))
      .expect(400);
    const first = c.proposals.find((p) => p.number === 1)!;
    const amended = c.proposals.find((p) => p.number === 2)!.choices.find((ch) => ch.label === 'Geamendeerd voorstel: +2,9%')!;
    // the summary at the top links to each field
    expect(res.text).toContain('<a href="#veld-voterName">Vul de naam in van wie de stem uitbrengt (hoogstens 120 tekens).</a>');
    expect(res.text).toContain('<a href="#veld-voterRole">Kies de functie van wie de stem uitbrengt.</a>');
    expect(res.text).toContain(`<a href="#vraag-${first.id}">Beantwoord elke vraag; nog open: voorstel 1</a>`);
    // each field names its own error
    expect(res.text).toMatch(
      /id="veld-voterName" name="voterName" value=" {3}" required maxlength="120" aria-invalid="true" aria-describedby="fout-voterName"/,
    );
    expect(res.text).toContain(`<fieldset id="vraag-${first.id}" aria-describedby="fout-vraag-${first.id}" aria-invalid="true">`);
    expect(res.text).toContain(`<p class="field-error" id="fout-vraag-${first.id}">Kies een antwoord bij voorstel 1.</p>`);
    // what was typed stays: the chosen variant is still checked
    expect(res.text).toContain(`value="${amended.id}" required checked`);
    expect(res.text).not.toMatch(/must|should/);
    const kept = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 2: 'Geamendeerd voorstel: +2,9%' }, { voterName: 'P. Jansen' }))
      .expect(400);
    expect(kept.text).toContain('value="P. Jansen"');
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ballot_submission');
    expect(n).toBe(0);
  });

  it('the page forms take any hostile fields without a 5xx and store nothing (property-based)', async () => {
    const hostile = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a\u0000b', '\ud800', '   ', '9'.repeat(40), '[[[[', '%00', 'Infinity'));
    const fields = fc.dictionary(fc.constantFrom('voterName', 'voterRole', 'name', 'email', 'role', `q_${c.proposals[0].id}`, 'x'), hostile, { maxKeys: 6 });
    // (sign-in is left out: its failures count towards the address's limit, which a later test needs)
    const paths = [`/stemmen/${token}`, `/stemmen/${token}/doorgeven`];
    const before = await db.query('SELECT (SELECT count(*)::int FROM ballot_submission) AS votes, (SELECT count(*)::int FROM ballot_access) AS links');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fields, async (path, body) => {
        const res = await browser
          .post(path)
          .type('form')
          .send({ ...body, _csrf: csrf });
        return res.status >= 400 && res.status < 500;
      }),
      { numRuns: 40 },
    );
    expect(await db.query('SELECT (SELECT count(*)::int FROM ballot_submission) AS votes, (SELECT count(*)::int FROM ballot_access) AS links')).toEqual(before);
  });

  it('a page gives the browser its form cookie once; an API call gets none', async () => {
    const fresh = () => request(t.app.getHttpServer());
    const formCookie = (res: request.Response): string[] => {
      const raw: string | string[] = res.headers['set-cookie'] ?? [];
      return [raw].flat().filter((c) => c.startsWith('formulier='));
    };
    const page = await fresh().get(`/stemmen/${token}`).expect(200);
    expect(formCookie(page)).toHaveLength(1);
    const sent = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    expect(formCookie(page)[0]).toContain(`formulier=${sent};`);
    const again = await fresh().get(`/stemmen/${token}`).set('Cookie', `formulier=${sent}`).expect(200);
    expect(formCookie(again)).toEqual([]);
    expect(again.text).toContain(`name="_csrf" value="${sent}"`);
    const api = await fresh().get(`/api/consultations/${c.id}/ballot`).set('X-Ballot-Token', token).expect(200);
    expect(formCookie(api)).toEqual([]);
  });

  it('a form posted as text/plain is refused in Dutch (415), not a 500', async () => {
    const res = await browser
      .post(`/stemmen/${token}`)
      .set('Content-Type', 'text/plain')
      .set('Accept', 'text/html')
      .send(`voterName=x&_csrf=${csrf}`)
      .expect(415);
    expect(res.text).toContain('Dit formulier kan alleen als gewoon webformulier');
  });

  it('a complete form is listed for confirmation first (nothing cast), then accepted with a receipt code, recording who voted; the answer is a 303 to the receipt, so a reload cannot vote again', async () => {
    const answers = form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' });
    const check = await browser.post(`/stemmen/${token}`).type('form').send(answers).expect(200);
    expect(check.text).toContain('Controleer uw stem');
    expect(check.text).toMatch(/Contributievoorstel 2021<\/td><td data-label="Uw keuze"><strong>Geamendeerd voorstel: \+2,9%<\/strong>/);
    expect(check.text).toContain('M. Bakker (Griffier)');
    expect(check.text).toContain('Bevestigen en verzenden');
    const [{ n: none }] = await db.query('SELECT count(*)::int AS n FROM ballot_submission');
    expect(none).toBe(0);
    // "Wijzigen" brings the form back with the choices kept, still without casting anything.
    const back = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send({ ...answers, stap: 'wijzigen' })
      .expect(200);
    const amended = c.proposals.find((p) => p.number === 2)!.choices.find((ch) => ch.label === 'Geamendeerd voorstel: +2,9%')!;
    expect(back.text).toContain(`value="${amended.id}" required checked`);
    const posted = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send({ ...answers, stap: 'bevestigen' })
      .expect(303);
    expect(posted.headers.location).toBe(`/stemmen/${token}/ontvangen`);
    const res = await browser.get(posted.headers.location).expect(200);
    await browser.get(posted.headers.location).expect(200);
    expect(res.text).toContain('Uw stem is ontvangen');
    const code = /Uw ontvangstcode: <strong>([0-9A-Z-]+)<\/strong>/.exec(res.text)![1];
    const [row] = await db.query('SELECT voter_name, voter_role, receipt_code FROM ballot_submission');
    expect(row).toEqual({ voter_name: 'M. Bakker', voter_role: 'clerk', receipt_code: code });
  });

  it('an unknown link shows a Dutch error page', async () => {
    const res = await t
      .http()
      .get(`/stemmen/${'a'.repeat(43)}`)
      .set('Accept', 'text/html')
      .expect(401);
    expect(res.text).toContain('Dat ging niet');
    expect(res.text).toContain('Deze stemlink is niet geldig. Gebruik de volledige link uit de e-mail met uw stemformulier.');
    expect(res.text).not.toContain('ballot token');
    const api = await t.http().get(`/api/consultations/${c.id}/ballot`).set('X-Ballot-Token', 'a'.repeat(43)).expect(401);
    expect(api.body.message).toBe('ballot token: this ballot link is not valid');
  });

  it('the secretary can pass the ballot to an official of the same municipality, not of another', async () => {
    const res = await browser
      .post(`/stemmen/${token}/doorgeven`)
      .type('form')
      .send({ name: 'W. Wethouder', email: 'wethouder@barendrecht.example', role: 'executive', _csrf: csrf })
      .expect(303);
    expect(res.headers.location).toBe(`/stemmen/${token}/doorgegeven`);
    const done = await browser.get(res.headers.location).expect(200);
    expect(done.text).toContain('<strong>W. Wethouder</strong>, lid van het college (wethouder@barendrecht.example)');
    // The new holder's link goes out by mail only (derived from the link's id when the mail is sent).
    const [mail] = await db.query(`SELECT to_address, context->>'ballotAccessId' AS "accessId" FROM mail_message WHERE kind = 'delegation'`);
    expect(mail.to_address).toBe('wethouder@barendrecht.example');
    const delegateToken = t.app.get(BallotLinks).urlFor(mail.accessId).split('/stemmen/')[1];
    const page = await t.http().get(`/stemmen/${delegateToken}`).expect(200);
    expect(page.text).toContain('Lid van het college: W. Wethouder');

    const amsterdam = (await secretaryTokens(t, c.id)).get('GM0363')!;
    const refused = await browser
      .post(`/stemmen/${amsterdam}/doorgeven`)
      .type('form')
      .send({ name: 'W. Wethouder', email: 'wethouder@barendrecht.example', role: 'executive', _csrf: csrf })
      .expect(400);
    expect(refused.text).toContain('heeft al het stemformulier van Barendrecht; u kunt het alleen doorgeven aan een functionaris van Amsterdam');
    expect(refused.text).toContain('value="wethouder@barendrecht.example"');
    expect(refused.text).toContain('<a href="#doorgeven-email">');
  });

  it('the board signs in, closes the vote and sees the weighted tally', async () => {
    await open('/bestuur/inloggen');
    const signIn = await browser
      .post('/bestuur/inloggen')
      .type('form')
      .send({ ...BOARD, _csrf: csrf })
      .expect(303);
    expect(String(signIn.headers['set-cookie'])).toMatch(/sessie=.*HttpOnly.*SameSite=Strict/);
    const before = await open(`/bestuur/raadplegingen/${c.id}`);
    expect(before.text).toContain('<span data-live="votedMembers">1</span> van <span data-live="eligibleMembers">5</span>');
    expect(before.text).toContain('Hoe elk lid stemt, is pas zichtbaar als de stemming is gesloten.');

    const closing = Date.now();
    await browser.post(`/bestuur/raadplegingen/${c.id}/close-voting`).type('form').send({ _csrf: csrf }).expect(303);
    // Closed early: the ballot and the refusal say when it closed, not the deadline days from now.
    const [{ closed }] = await db.query(`SELECT voting_closed_at AS closed FROM consultation WHERE id = $1`, [c.id]);
    expect(closed.getTime()).toBeGreaterThanOrEqual(closing - 1000);
    const ballot = await browser.get(`/stemmen/${token}`).expect(200);
    expect(ballot.text).toContain(`De stemming is gesloten sinds <strong>${formatDateTimeNl(closed)}</strong>`);
    expect(ballot.text).not.toContain('Stemmen kan tot');
    const publicPage = await t.http().get(`/raadplegingen/${c.id}`).expect(200);
    expect(publicPage.text).toContain(`De stemming is gesloten sinds ${formatDateTimeNl(closed)}.`);
    expect(publicPage.text).not.toContain('Stemmen kan tot');
    const late = await t
      .http()
      .post(`/api/consultations/${c.id}/ballot/submissions`)
      .set('X-Ballot-Token', token)
      .send({ voterName: 'M. Bakker', voterRole: 'clerk', answers: c.proposals.map((p) => ({ proposalId: p.id, choiceId: p.choices[0].id })) })
      .expect(409);
    expect(late.body.message).toContain(`voting closed on ${formatDateTimeNl(closed)} (Europe/Amsterdam)`);
    const page = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' }))
      .expect(409);
    expect(page.text).toContain(`De stemming is gesloten sinds ${formatDateTimeNl(closed)}; uw stem is op`);
    const after = await open(`/bestuur/raadplegingen/${c.id}`);
    // Barendrecht alone: 5 weighted votes, 100,00% of the votes cast for the amended proposal
    expect(after.text).toContain(
      '<td data-label="Keuze">Geamendeerd voorstel: +2,9%</td><td class="num" data-label="Leden">1</td><td class="num" data-label="Gewogen stemmen">5</td><td class="num" data-label="Aandeel">100,00%',
    );
    expect(after.text).toContain('aangenomen');

    await browser.post(`/bestuur/raadplegingen/${c.id}/publish-results`).type('form').send({ _csrf: csrf }).expect(303);
    const result = await t.http().get(`/raadplegingen/${c.id}/uitslag`).expect(200);
    expect(result.text).toContain('M. Bakker (Griffier)');

    // A step that does not fit the phase is refused in Dutch on the board's page.
    const refused = await browser.post(`/bestuur/raadplegingen/${c.id}/open-voting`).type('form').send({ _csrf: csrf }).expect(409);
    expect(refused.text).toContain('Deze stap kan in deze fase van de raadpleging niet.');
    expect(refused.text).not.toMatch(/cannot|status/);
  });

  it('a sign-in posted as text/plain is refused in Dutch (415), not a 500', async () => {
    const res = await browser.post('/bestuur/inloggen').set('Content-Type', 'text/plain').set('Accept', 'text/html').send('email=x').expect(415);
    expect(res.text).toContain('Dit formulier kan alleen als gewoon webformulier');
  });

  it("a form posted without the browser's form token is refused (cross-site request)", async () => {
    const res = await t
      .http()
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' }, { _csrf: 'x'.repeat(32) }))
      .expect(403);
    expect(res.text).toContain('Dit formulier is verlopen');
    const other = await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send(form({ 1: 'Voor', 2: 'Geamendeerd voorstel: +2,9%' }, { _csrf: 'y'.repeat(32) }))
      .expect(403);
    expect(other.text).toContain('Dit formulier is verlopen');
  });

  it('board pages are closed to visitors who are not signed in', async () => {
    const res = await t.http().get('/bestuur').set('Accept', 'text/html').expect(303);
    expect(res.headers.location).toBe('/bestuur/inloggen');
    await t.http().post(`/bestuur/raadplegingen/${c.id}/publish-results`).expect(403); // no form token: refused before anything else
  });

  it('a member official on a board page gets the Dutch "Geen toegang" page; the API keeps its English message', async () => {
    const official = { email: 'griffie.gm0489@gemeente.example', password: 'een-lang-wachtwoord' };
    await t
      .http()
      .post('/api/accounts')
      .set({ Authorization: `Bearer ${t.boardToken}` })
      .send({ ...official, name: 'Griffie Barendrecht', role: 'member_official', memberCode: 'GM0489' })
      .expect(201);
    const session = (await t.http().post('/api/auth/sign-in').send(official).expect(200)).body.token;
    const page = await t.http().get(`/bestuur/raadplegingen/${c.id}`).set('Authorization', `Bearer ${session}`).set('Accept', 'text/html').expect(403);
    expect(page.text).toContain('<h1>Geen toegang</h1>');
    expect(page.text).toContain('U hebt geen toegang tot deze pagina of handeling.');
    expect(page.text).not.toContain('member_official');
    const api = await t.http().get(`/api/consultations/${c.id}`).set('Authorization', `Bearer ${session}`).expect(403);
    expect(api.body.message).toContain('member_official');
  });
});
