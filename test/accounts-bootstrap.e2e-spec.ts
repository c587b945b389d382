import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { execFile } from 'child_process';
import { join } from 'path';
import supertest from 'supertest';
import { contractCheckedAgent } from './support/openapi-contract';
import { DataSource } from 'typeorm';
import { promisify } from 'util';
import { totp } from '../src/accounts/totp';
import { AppModule } from '../src/app.module';
import { configureHttpApp } from '../src/http-app';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth } from './support/factories';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * `npm run account:reset -- <email>` as the shell runs it (from source, so no build is needed). Each
 * run compiles and starts the CLI anew: up to half a minute on two cores busy with the rest of the
 * suite (a CI run timed out at 60 s for three of them), hence the tests' longer limits.
 */
async function accountReset(t: TestApp, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'cli', 'account-reset.ts'), ...args], {
    env: { ...process.env, ...t.env, ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('the first account and resetting an account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const signIn = (body: object) => t.http().post('/api/auth/sign-in').send(body);
  const accounts = () => t.app.get(DataSource).query<{ email: string; role: string }[]>(`SELECT email, role FROM staff_account ORDER BY email`);

  it('creates the configured administrator on an empty platform, once', async () => {
    expect(await accounts()).toEqual([{ email: BOARD.email, role: 'administrator' }]);
    const audit = await t.app.get(DataSource).query(`SELECT details FROM audit_event WHERE action = 'account.created'`);
    expect(audit).toEqual([{ details: { email: BOARD.email, role: 'administrator', from: 'configuration' } }]);
  });

  it('never resets or adds an account at a later start, whatever BOARD_EMAIL and BOARD_PASSWORD say', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, t.env, { BOARD_PASSWORD: 'een-ander-wachtwoord', BOARD_EMAIL: 'nieuw@test.example' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const restarted = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    configureHttpApp(restarted);
    await restarted.init();
    try {
      await contractCheckedAgent(supertest(restarted.getHttpServer()), t.contract).post('/api/auth/sign-in').send(BOARD).expect(200);
      await contractCheckedAgent(supertest(restarted.getHttpServer()), t.contract)
        .post('/api/auth/sign-in')
        .send({ email: BOARD.email, password: 'een-ander-wachtwoord' })
        .expect(401);
      await contractCheckedAgent(supertest(restarted.getHttpServer()), t.contract)
        .post('/api/auth/sign-in')
        .send({ email: 'nieuw@test.example', password: 'een-ander-wachtwoord' })
        .expect(401);
      expect(await accounts()).toEqual([{ email: BOARD.email, role: 'administrator' }]);
    } finally {
      await restarted.close();
      process.env = saved;
    }
  });

  it('account:reset sets the password, turns one-time codes off, ends sessions, and leaves an audit entry', async () => {
    const { body } = await t.http().post('/api/accounts/me/one-time-codes').set(auth(t)).expect(201);
    await signIn(BOARD).expect(401); // a code is now required
    await signIn({ ...BOARD, code: totp(body.secret, new Date()) }).expect(200);

    const result = await accountReset(t, [BOARD.email.toUpperCase()], { ACCOUNT_PASSWORD: 'nieuw-wachtwoord-na-reset' });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/account bestuur@test\.example reset: new password set, one-time codes turned off, \d+ session\(s\) ended/);
    expect(result.stdout).not.toContain('nieuw-wachtwoord-na-reset');

    // The old session (signed in before the reset) is over; the old password no longer works; no code is asked.
    await t.http().get('/api/accounts').set(auth(t)).expect(401);
    await signIn(BOARD).expect(401);
    const fresh = await signIn({ email: BOARD.email, password: 'nieuw-wachtwoord-na-reset' }).expect(200);
    t.boardToken = fresh.body.token;
    const [entry] = await t.app.get(DataSource).query(`SELECT actor, details FROM audit_event WHERE action = 'account.reset'`);
    expect(entry.actor).toMatch(/^shell:/);
    expect(entry.details).toMatchObject({ email: BOARD.email, oneTimeCodesRemoved: true });
    expect(entry.details.sessionsEnded).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it('account:reset without ACCOUNT_PASSWORD prints a generated password once; an unknown account is refused', async () => {
    const result = await accountReset(t, [BOARD.email]);
    expect(result.code).toBe(0);
    const generated = /new password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(generated).toHaveLength(24);
    const fresh = await signIn({ email: BOARD.email, password: generated }).expect(200);
    t.boardToken = fresh.body.token;

    const unknown = await accountReset(t, ['niemand@test.example'], { ACCOUNT_PASSWORD: 'nieuw-wachtwoord-na-reset' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/account niemand@test\.example does not exist/);
    const missing = await accountReset(t, []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage: npm run account:reset -- <email>/);
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'account.reset'`)).toEqual([{ n: 2 }]);
  }, 180_000);
});
