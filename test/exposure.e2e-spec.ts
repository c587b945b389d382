import request from 'supertest';
import { DataSource } from 'typeorm';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';

/** A browser that keeps its cookies, and the form token of the sign-in page. */
async function browserWithFormToken(t: TestApp, headers: Record<string, string> = {}) {
  const browser = request.agent(t.app.getHttpServer());
  const page = await browser.get('/bestuur/inloggen').set(headers).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  return { browser, csrf };
}

/** Signs in through the page; the form cookie is sent back by hand, as a browser does on https even if it is Secure. */
async function pageSignInCookies(t: TestApp, headers: Record<string, string> = {}) {
  const page = await t.http().get('/bestuur/inloggen').set(headers).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const formCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('formulier='))!;
  const signIn = await t
    .http()
    .post('/bestuur/inloggen')
    .set(headers)
    .set('Cookie', formCookie.split(';')[0])
    .type('form')
    .send({ ...BOARD, _csrf: csrf })
    .expect(303);
  const session = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sessie='))!;
  return { session, formCookie };
}

describe('what the platform shows and accepts (over plain http)', () => {
  let t: TestApp;
  let c: OpenConsultation;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'false' });
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' }]);
    token = (await secretaryTokens(t, c.id)).get('GM0489')!;
  });
  afterAll(() => t.close());

  it('the public register of voting weights names municipality, CBS code, inhabitants, reference date and weight only', async () => {
    const res = await t.http().get(`/api/public/consultations/${c.id}/weights`).expect(200);
    expect(res.body.members).toMatchObject({ page: 1, size: 100, total: 5 });
    for (const line of res.body.members.items) expect(Object.keys(line).sort()).toEqual(['cbsCode', 'inhabitants', 'name', 'referenceDate', 'weight']);
    expect(res.body.members.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM0489')).toEqual({
      name: 'Barendrecht',
      cbsCode: 'GM0489',
      inhabitants: 48654,
      referenceDate: '2020-06-30',
      weight: 5,
    });
    expect(res.text).not.toMatch(/secretar|gemeente\.example|@/i);
    const page = await t.http().get(`/raadplegingen/${c.id}/stemgewichten`).expect(200);
    expect(page.text).toContain('Barendrecht');
    expect(page.text).not.toMatch(/Secretaris Barendrecht|gemeente\.example/);
  });

  it('session and form cookies are not Secure over plain http, and X-Forwarded-Proto from an untrusted peer changes nothing', async () => {
    const { session, formCookie } = await pageSignInCookies(t, { 'X-Forwarded-Proto': 'https' });
    expect(session).toMatch(/HttpOnly/);
    expect(session).not.toMatch(/Secure/);
    expect(formCookie).toMatch(/formulier=/);
    expect(formCookie).not.toMatch(/Secure/);
  });

  it('a page form accepts only a url-encoded form: text/plain, multipart and JSON get 415 and change nothing', async () => {
    const db = t.app.get(DataSource);
    const submissions = async () => (await db.query(`SELECT count(*)::int AS n FROM ballot_submission`))[0].n as number;
    const { browser, csrf } = await browserWithFormToken(t);
    const p = c.proposals[0];
    const fields = { voterName: 'M. Bakker', voterRole: 'clerk', _csrf: csrf, [`q_${p.id}`]: p.choices[0].id };
    const body = new URLSearchParams(fields).toString();
    for (const path of [`/stemmen/${token}`, '/bestuur/inloggen']) {
      const plain = await browser.post(path).set('Content-Type', 'text/plain').send(body).expect(415);
      expect(plain.text).toContain('alleen als gewoon webformulier');
      const multipart = browser.post(path);
      for (const [k, v] of Object.entries({ ...fields, ...BOARD })) multipart.field(k, v);
      await multipart.expect(415);
      // Even with the right token inside: JSON is not what the form sends.
      await browser
        .post(path)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...fields, ...BOARD }))
        .expect(415);
      // No body at all: no token, refused.
      await browser.post(path).expect(403);
    }
    expect(await submissions()).toBe(0);
    // The real form still works (its confirmed post casts the vote).
    await browser
      .post(`/stemmen/${token}`)
      .type('form')
      .send({ ...fields, stap: 'bevestigen' })
      .expect((res) => expect(res.status).toBeLessThan(400));
    expect(await submissions()).toBe(1);
  });
});

describe('cookies over https', () => {
  it('are Secure when PUBLIC_URL is https', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'https://stemmen.vng.example', TRUST_PROXY: 'false' });
    try {
      const { session, formCookie } = await pageSignInCookies(t);
      expect(session).toMatch(/sessie=.*HttpOnly.*Secure.*SameSite=Strict/);
      expect(formCookie).toMatch(/formulier=.*Secure/);
    } finally {
      await t.close();
    }
  });

  it('are Secure behind a trusted proxy that says the request came over https (TRUST_PROXY)', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'http://localhost:3000', TRUST_PROXY: 'loopback' });
    try {
      const { session } = await pageSignInCookies(t, { 'X-Forwarded-Proto': 'https' });
      expect(session).toMatch(/Secure/);
      const plain = await pageSignInCookies(t);
      expect(plain.session).not.toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });
});
