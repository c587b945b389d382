import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import IORedis from 'ioredis';
import { RateLimitStore } from '../src/platform/http/rate-limit-store';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { createScheme, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';
import { freePort, until } from './support/wait';

const unknownLink = () => randomBytes(32).toString('base64url');
const ballotFrom = (t: TestApp, c: OpenConsultation, token: string, address?: string) => {
  const req = t.http().get(`/api/consultations/${c.id}/ballot`).set('X-Ballot-Token', token);
  return address ? req.set('X-Forwarded-For', address) : req;
};

describe('attempt limits behind a proxy (TRUST_PROXY)', () => {
  it('count per forwarded client address when the proxy is trusted: a stranger is locked out, a voter is not', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      await importRegister(t, FIVE_MEMBERS);
      const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
      const token = (await secretaryTokens(t, c.id)).get('GM0489')!;
      for (let i = 0; i < 20; i++) await ballotFrom(t, c, unknownLink(), '203.0.113.7').expect(401);
      const locked = await ballotFrom(t, c, token, '203.0.113.7').expect(429);
      expect(locked.body.message).toMatch(/too many failed attempts; try again in \d+ seconds/);
      // Another voter behind the same load balancer is not affected.
      await ballotFrom(t, c, token, '198.51.100.20').expect(200);
      // The counters are in Redis under this installation's prefix.
      const redis = new IORedis(t.env.REDIS_URL);
      try {
        expect(await redis.keys(`${t.env.QUEUE_PREFIX}:limits:attempts-20-600000:ballot-link:203.0.113.7`)).toHaveLength(1);
      } finally {
        redis.disconnect();
      }
    } finally {
      await t.close();
    }
  });

  it('ignore X-Forwarded-For without TRUST_PROXY: a client cannot pick a fresh address per guess', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'false' });
    try {
      await importRegister(t, FIVE_MEMBERS);
      const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
      for (let i = 0; i < 20; i++) await ballotFrom(t, c, unknownLink(), `203.0.113.${i}`).expect(401);
      await ballotFrom(t, c, unknownLink(), '203.0.113.200').expect(429);
    } finally {
      await t.close();
    }
  });
});

describe("with the limits' Redis gone", () => {
  let redis: ChildProcess;
  let port: number;
  let t: TestApp;
  const startRedis = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis();
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, TRUST_PROXY: 'false' });
    await until(() => t.app.get(RateLimitStore).redis.status === 'ready', 10);
  });
  afterAll(async () => {
    // Bring a Redis back so that the queues close cleanly, then end it.
    const back = startRedis();
    await until(() => t.app.get(RateLimitStore).redis.status === 'ready', 15).catch(() => undefined);
    await t.close();
    back.kill('SIGKILL');
    redis.kill('SIGKILL');
  });

  it("no request fails: limits fall back to this process's memory and still hold (fail over, not open)", async () => {
    await importRegister(t, FIVE_MEMBERS);
    const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    const token = (await secretaryTokens(t, c.id)).get('GM0489')!;
    // Two failures counted in Redis before it goes.
    for (let i = 0; i < 2; i++) await ballotFrom(t, c, unknownLink()).expect(401);

    redis.kill('SIGKILL');
    await until(() => t.app.get(RateLimitStore).redis.status !== 'ready', 10);

    // Successful paths go on: sign-in, a ballot, a vote.
    await t.http().post('/api/auth/sign-in').send(BOARD).expect(200);
    await ballotFrom(t, c, token).expect(200);
    await t
      .http()
      .post(`/api/consultations/${c.id}/ballot/submissions`)
      .set('X-Ballot-Token', token)
      .send({ voterName: 'M. Bakker', voterRole: 'secretary', answers: [{ proposalId: c.proposals[0].id, choiceId: c.proposals[0].choices[0].id }] })
      .expect(201);
    // Failures are refused as usual, and the limit holds within this instance (its memory counts from zero).
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await ballotFrom(t, c, unknownLink())).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
    for (let i = 0; i < 10; i++) await t.http().post('/api/auth/sign-in').send({ email: 'niemand@test.example', password: 'fout-wachtwoord' }).expect(401);
    await t.http().post('/api/auth/sign-in').send({ email: 'niemand@test.example', password: 'fout-wachtwoord' }).expect(429);
  });
});
