import request from 'supertest';
import { DataSource } from 'typeorm';
import { totp } from '../src/accounts/totp';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, FIVE_MEMBERS, importRegister, openConsultation, registerCsv, secretaryTokens, vote } from './support/factories';

type Agent = ReturnType<typeof request.agent>;

/** A browser that keeps its cookies, signed in through the sign-in page; `csrf` is the form token of its last page. */
async function signedIn(t: TestApp, who: { email: string; password: string }, code?: string): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(t.app.getHttpServer());
  const page = await agent.get('/bestuur/inloggen').expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  await agent
    .post('/bestuur/inloggen')
    .type('form')
    .send({ ...who, _csrf: csrf, ...(code ? { code } : {}) })
    .expect(303);
  return { agent, csrf };
}

const CLERK = { email: 'bureau@test.example', password: 'een-lang-wachtwoord-1' };
const AUDITOR = { email: 'controle@test.example', password: 'een-lang-wachtwoord-2' };
const OFFICIAL = { email: 'griffie.gm0489@gemeente.example', password: 'een-lang-wachtwoord-3' };
const BOARD_MEMBER = { email: 'voorzitter@test.example', password: 'een-lang-wachtwoord-4' };

describe('the bureau pages refuse what they must', () => {
  let t: TestApp;
  let db: DataSource;
  const count = async (sql: string) => (await db.query(sql))[0].n as number;
  const members = () => count(`SELECT count(*)::int AS n FROM member`);
  const imports = () => count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'members.imported'`);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    for (const [who, role, extra] of [
      [CLERK, 'clerk', {}],
      [AUDITOR, 'auditor', {}],
      [BOARD_MEMBER, 'board', {}],
      [OFFICIAL, 'member_official', { memberCode: 'GM0489' }],
    ] as const) {
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ ...who, name: `Test ${role}`, role, ...extra })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('a visitor who is not signed in is sent to the sign-in page from every bureau page, and from /account', async () => {
    for (const path of [
      '/bestuur/leden',
      '/bestuur/leden/importeren',
      '/bestuur/leden/export.csv',
      '/bestuur/accounts',
      '/bestuur/accounts/nieuw',
      '/bestuur/audit',
      '/bestuur/audit/controle',
      '/account',
      '/account/eenmalige-codes',
    ]) {
      const res = await t.http().get(path).set('Accept', 'text/html').expect(303);
      expect(res.headers.location).toBe('/bestuur/inloggen');
    }
  });

  it('the wrong role gets the Dutch "Geen toegang" page (403)', async () => {
    const official = await signedIn(t, OFFICIAL);
    const clerk = await signedIn(t, CLERK);
    const board = await signedIn(t, BOARD_MEMBER);
    const auditor = await signedIn(t, AUDITOR);
    const refused: [Agent, string][] = [
      [official.agent, '/bestuur/leden'],
      [official.agent, '/bestuur/audit'],
      [clerk.agent, '/bestuur/accounts'],
      [clerk.agent, '/bestuur/audit'],
      [board.agent, '/bestuur/leden/importeren'], // the board reads the register, the bureau keeps it
      [auditor.agent, '/bestuur/accounts/nieuw'],
    ];
    for (const [agent, path] of refused) {
      const res = await agent.get(path).set('Accept', 'text/html').expect(403);
      expect(res.text).toContain('<h1>Geen toegang</h1>');
      expect(res.text).toContain('U hebt geen toegang tot deze pagina of handeling.');
    }
    // ...and each may open its own pages.
    await clerk.agent.get('/bestuur/leden').expect(200);
    await clerk.agent.get('/bestuur/leden/importeren').expect(200);
    await board.agent.get('/bestuur/audit').expect(200);
    await auditor.agent.get('/bestuur/audit/controle').expect(200);
    await official.agent.get('/account').expect(200);
  });

  it('an upload without the form token in the query string is refused (403) before the file is read, and imports nothing', async () => {
    const { agent, csrf } = await signedIn(t, CLERK);
    const before = { members: await members(), imports: await imports() };
    const csv = Buffer.from(registerCsv([['GM0003', 'Appingedam', 11801]]));
    const upload = (path: string) =>
      agent.post(path).field('referenceDate', '2021-01-01').field('source', 'test').attach('bestand', csv, { filename: 'leden.csv', contentType: 'text/csv' });
    // No token at all, a wrong one, and the right one only inside the multipart body (which the check does not read).
    for (const res of [
      await upload('/bestuur/leden/importeren'),
      await upload(`/bestuur/leden/importeren?_csrf=${'x'.repeat(32)}`),
      await upload('/bestuur/leden/importeren').field('_csrf', csrf),
    ]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('Dit formulier is verlopen of niet via deze site verstuurd');
    }
    // Another page form does not take multipart, even with the right token.
    await agent.post(`/bestuur/accounts/nieuw?_csrf=${csrf}`).field('name', 'X').attach('bestand', csv, { filename: 'leden.csv' }).expect(415);
    expect({ members: await members(), imports: await imports() }).toEqual(before);
    // With the token, the same upload imports Appingedam.
    const done = await upload(`/bestuur/leden/importeren?_csrf=${csrf}`).expect(200);
    expect(done.text).toContain('Het bestand is ingelezen.');
    expect(await members()).toBe(before.members + 1);
  });

  it('an oversized, binary or non-CSV upload is refused with a 4xx naming the file field in Dutch, and nothing is imported', async () => {
    const { agent, csrf } = await signedIn(t, CLERK);
    const before = { members: await members(), imports: await imports() };
    const upload = (content: Buffer, filename: string) =>
      agent
        .post(`/bestuur/leden/importeren?_csrf=${csrf}`)
        .field('referenceDate', '2021-01-01')
        .field('source', 'test')
        .attach('bestand', content, { filename, contentType: 'application/octet-stream' });
    const header = Buffer.from('code;name;inhabitants\n');
    const oversize = await upload(Buffer.concat([header, Buffer.alloc(2_000_001, 'GM0489;Barendrecht;48654\n')]), 'groot.csv').expect(413);
    expect(oversize.text).toContain('Het bestand is groter dan 2 MB');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const binary = await upload(png, 'leden.csv').expect(415);
    expect(binary.text).toContain('Dit bestand bevat geen tekst maar binaire gegevens');
    const pdf = await upload(Buffer.from('%PDF-1.7 tekst'), 'leden.pdf').expect(415);
    expect(pdf.text).toContain('Dit is geen CSV-bestand');
    const none = await agent.post(`/bestuur/leden/importeren?_csrf=${csrf}`).field('referenceDate', '2021-02-30').field('source', '').expect(400);
    for (const res of [oversize, binary, pdf]) {
      expect(res.text).toContain('id="fout-file"');
      expect(res.text).toMatch(/id="veld-file"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('href="#veld-file"');
    }
    expect(none.text).toContain('Kies het CSV-bestand met het ledenregister.');
    expect(none.text).toContain('Vul de peildatum van de inwonertallen in als een bestaande datum');
    expect(none.text).toContain('Vul de bron van de inwonertallen in');
    expect({ members: await members(), imports: await imports() }).toEqual(before);
  });

  it('the audit trail refuses dates that do not exist, and a last day before the first, at their fields', async () => {
    const { agent } = await signedIn(t, AUDITOR);
    const bad = await agent.get('/bestuur/audit?van=2026-02-30&tot=morgen').expect(400);
    expect(bad.text).toContain('<p class="field-error" id="fout-van">Vul de eerste dag in als een bestaande datum');
    expect(bad.text).toContain('<p class="field-error" id="fout-tot">Vul de laatste dag in als een bestaande datum');
    expect(bad.text).toMatch(/id="veld-van"[^>]*aria-invalid="true" aria-describedby="fout-van"/);
    expect(bad.text).toContain('href="#veld-van"');
    expect(bad.text).not.toContain('<table');
    const reversed = await agent.get('/bestuur/audit?van=2020-07-01&tot=2020-06-30').expect(400);
    expect(reversed.text).toContain('De laatste dag ligt vóór de eerste dag.');
    const unknownConsultation = await agent.get('/bestuur/audit?raadpleging=niet-bestaand').expect(400);
    expect(unknownConsultation.text).toContain('Kies een raadpleging uit de lijst.');
  });

  it('the audit trail filters by period in Amsterdam days and by actor, in SQL', async () => {
    const { agent } = await signedIn(t, AUDITOR);
    // Every entry of this test file was written today; a period in the past finds none.
    const past = await agent.get('/bestuur/audit?van=2001-01-01&tot=2001-12-31').expect(200);
    expect(past.text).toContain('Geen regels gevonden met dit filter.');
    const clerkOnly = await agent.get(`/bestuur/audit?wie=${encodeURIComponent('bureau@test')}&actie=members.imported`).expect(200);
    // The clerk imported once (Appingedam, in the upload test above); the board's import of five members was by another actor.
    expect(clerkOnly.text).toMatch(/1 regel gevonden, de nieuwste eerst/);
  });

  it("the audit trail of one consultation takes in its ballots' entries (votes), not another consultation's", async () => {
    const scheme = await createScheme(t, { kind: 'one_member_one_vote' });
    const proposal = { title: 'Voorstel', questionType: 'for_against' };
    const [mine, other] = [await openConsultation(t, scheme, [proposal]), await openConsultation(t, scheme, [proposal])];
    await vote(t, mine.id, (await secretaryTokens(t, mine.id)).get('GM0363')!, [choiceOf(mine, 1, 'for')]).expect(201);
    await vote(t, other.id, (await secretaryTokens(t, other.id)).get('GM0599')!, [choiceOf(other, 1, 'for')]).expect(201);
    const { agent } = await signedIn(t, AUDITOR);
    const votes = await agent.get(`/bestuur/audit?raadpleging=${mine.id}&actie=ballot.submitted`).expect(200);
    expect(votes.text).toMatch(/1 regel gevonden, de nieuwste eerst/);
    expect(votes.text).toContain('Stem uitgebracht');
    expect(votes.text).toContain('GM0363');
    expect(votes.text).not.toContain('GM0599');
    // The consultation's own entries stay in its trail beside the vote.
    const all = await agent.get(`/bestuur/audit?raadpleging=${mine.id}`).expect(200);
    expect(all.text).toContain('Stem uitgebracht');
    expect(all.text).toContain('GM0363');
    expect(all.text).not.toContain('GM0599');
    expect(all.text).toMatch(/(\d+) regels gevonden/);
    expect(Number(/(\d+) regels gevonden/.exec(all.text)![1])).toBeGreaterThan(1);
  });

  it('one-time codes go on only with a right first code; then signing in needs the code', async () => {
    const { agent, csrf } = await signedIn(t, BOARD_MEMBER);
    const setUp = await agent.get('/account/eenmalige-codes').expect(200);
    expect(setUp.headers['cache-control']).toBe('no-store');
    const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(setUp.text)![1];
    const notTheCode = String((Number(totp(secret, new Date())) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await agent.post('/account/eenmalige-codes').type('form').send({ _csrf: csrf, secret, code: notTheCode }).expect(422);
    expect(wrong.text).toContain('Deze code klopt niet.');
    expect(wrong.text).toContain(`value="${secret}"`); // the same key stays, so the person can try again
    expect((await agent.get('/account').expect(200)).text).toMatch(/Eenmalige codes<\/dt><dd[^>]*><span class="bureau-status">uit/);
    await agent
      .post('/account/eenmalige-codes')
      .type('form')
      .send({ _csrf: csrf, secret, code: totp(secret, new Date()) })
      .expect(303)
      .expect('Location', '/account?codes=aan');
    // The password alone no longer signs in; with a code from the same key it does.
    await t.http().post('/api/auth/sign-in').send(BOARD_MEMBER).expect(401);
    await signedIn(t, BOARD_MEMBER, totp(secret, new Date()));
  });

  it('the page export of the register is the API export (CSV attachment)', async () => {
    const { agent } = await signedIn(t, CLERK);
    const page = await agent.get('/bestuur/leden/export.csv?peildatum=2020-06-30').expect(200);
    expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(page.headers['content-disposition']).toBe('attachment; filename="leden-2020-06-30.csv"');
    const api = await t.http().get('/api/members/export?on=2020-06-30').set(auth(t)).expect(200);
    expect(page.text).toBe(api.text);
    expect(page.text.split('\n')[0]).toBe('code;name;inhabitants;reference_date;province;secretary_name;secretary_email');
    await agent.get('/bestuur/leden/export.csv?peildatum=2020-13-01').set('Accept', 'text/html').expect(400);
  });

  it('signing in still works as before for an account without codes', async () => {
    await signedIn(t, BOARD);
  });
});
