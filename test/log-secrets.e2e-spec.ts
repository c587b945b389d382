import { randomBytes } from 'crypto';
import supertest from 'supertest';
import { contractCheckedAgent } from './support/openapi-contract';

import { totp } from '../src/accounts/totp';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';
import { PlatformProcess, startApi, startWorker } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { freePort, until } from './support/wait';

/**
 * The API and the worker run as real processes at LOG_LEVEL=debug; a secretary, the board and a
 * stranger use the platform with every kind of secret; afterwards not one secret is in any log line.
 */
describe('secrets never reach the log', () => {
  let t: TestApp;
  /** Supertest on a spawned API process (the same code as the in-process app): its answers keep the same document. */
  const request = (base: string) => contractCheckedAgent(supertest(base), t.contract);
  let sink: SmtpSink;
  let api: PlatformProcess;
  let worker: PlatformProcess;
  let c: OpenConsultation;
  let base: string;
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string) => {
    expect(value.length).toBeGreaterThanOrEqual(6);
    secrets.set(what, value);
    return value;
  };

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    // The in-process app only prepares the data (silently); the processes under test write the logs.
    t = await startTestApp({ SMTP_URL: sink.url });
    await importRegister(t, FIVE_MEMBERS);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = { ...t.env, LOG_LEVEL: 'debug' };
    const apiReady = startApi(env, port);
    worker = startWorker(env);
    api = await apiReady;
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' }]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await t?.close();
    await sink?.stop();
  });

  it('not in a sign-in, a wrong password, one-time codes, votes through /stemmen and /STEMMEN, unknown links and receipts', async () => {
    const http = () => request(base);
    // The worker delivers the five invitations, each with its secret link.
    await until(() => sink.received().filter((m) => m.subject.startsWith('Stemformulier')).length === 5, 60);
    const tokens = await secretaryTokens(t, c.id);
    for (const [code, token] of tokens) keep(`ballot token ${code}`, token);

    // The board signs in (password, session), fails once (a wrong password), turns one-time codes on.
    keep('board password', BOARD.password);
    const session = (await http().post('/api/auth/sign-in').send(BOARD).expect(200)).body.token as string;
    keep('session token', session);
    const wrong = keep('wrong password', `fout-${randomBytes(6).toString('hex')}`);
    await http().post('/api/auth/sign-in').send({ email: BOARD.email, password: wrong }).expect(401);
    const totpSecret = (await http().post('/api/accounts/me/one-time-codes').set('Authorization', `Bearer ${session}`).expect(201)).body.secret as string;
    keep('one-time code secret', totpSecret);
    const code = keep('one-time code', totp(totpSecret, new Date()));
    const second = (
      await http()
        .post('/api/auth/sign-in')
        .send({ ...BOARD, code })
        .expect(200)
    ).body.token as string;
    keep('second session token', second);

    // The page sign-in too: form token, session cookie.
    const page = await http().get('/bestuur/inloggen').expect(200);
    const csrf = keep('form token', /name="_csrf" value="([^"]+)"/.exec(page.text)![1]);
    const formCookie = (page.headers['set-cookie'] as unknown as string[]).find((x) => x.startsWith('formulier='))!.split(';')[0];
    const pageSignIn = await http()
      .post('/bestuur/inloggen')
      .set('Cookie', formCookie)
      .type('form')
      .send({ ...BOARD, code: totp(totpSecret, new Date()), _csrf: csrf })
      .expect(303);
    keep('session cookie', /sessie=([^;]+)/.exec(String(pageSignIn.headers['set-cookie']))![1]);

    // Secretaries open and use their ballot by the link, in any case, and through the API.
    const p = c.proposals[0];
    const barendrecht = tokens.get('GM0489')!;
    await http().get(`/stemmen/${barendrecht}`).expect(200);
    const vote = await http()
      .post(`/STEMMEN/${barendrecht}`)
      .set('Cookie', formCookie)
      .type('form')
      // The confirmed post of the form (stap=bevestigen) casts the vote.
      .send({ voterName: 'M. Bakker', voterRole: 'clerk', _csrf: csrf, [`q_${p.id}`]: p.choices[0].id, stap: 'bevestigen' });
    expect(vote.status).toBeLessThan(400);
    await http()
      .get(`/Stemmen/${tokens.get('GM0088')!}?token=${tokens.get('GM0088')!}`)
      .expect(200);
    const receipt = (
      await http()
        .post(`/api/consultations/${c.id}/ballot/submissions`)
        .set('X-Ballot-Token', tokens.get('GM0363')!)
        .send({ voterName: 'A. de Boer', voterRole: 'secretary', answers: [{ proposalId: p.id, choiceId: p.choices[1].id }] })
        .expect(201)
    ).body.receiptCode as string;
    keep('receipt code', receipt);
    await http().get(`/api/receipts/${receipt}`).expect(200);

    // A stranger tries links that do not exist.
    const unknown = keep('unknown ballot token', randomBytes(32).toString('base64url'));
    await http().get(`/stemmen/${unknown}`).expect(401);
    await http().get(`/STEMMEN/${unknown}/`).expect(401);
    await http().get(`/api/consultations/${c.id}/ballot`).set('X-Ballot-Token', unknown).expect(401);
    // The receipt mails go out through the worker too.
    await until(() => sink.received().filter((m) => m.subject.toLowerCase().includes('ontvangst')).length === 2, 60);

    // The logs are there and say what happened...
    const logs = `${api.log()}\n${worker.log()}`;
    expect(logs).toContain('"url":"/api/auth/sign-in"');
    expect(logs).toContain('"url":"/STEMMEN/[geheim]"');
    expect(logs).toContain('"url":"/stemmen/[geheim]"');
    expect(logs).toContain('"url":"/api/receipts/[geheim]"');
    // ...and hold none of the secrets, in any case.
    const lower = logs.toLowerCase();
    const found = [...secrets].filter(
      ([, value]) => lower.includes(value.toLowerCase()) || (/^\d+$/.test(value) && new RegExp(`(?<!\\d)${value}(?!\\d)`).test(logs)),
    );
    expect(found.map(([what]) => what)).toEqual([]);
  }, 180_000);
});
