import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, importRegister, OpenConsultation, openConsultation, secretaryTokens, syntheticMembers, vote } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { ThrowawayPostgres } from './support/throwaway-postgres';
import { ThrowawayRedis } from './support/throwaway-redis';
import { until } from './support/wait';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker as its own process (as in production), with its log lines collected. */
function spawnWorker(env: Record<string, string>, lines: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'worker.ts')], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info', TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop()!;
      lines.push(...parts.filter(Boolean));
    });
  }
  return child;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * An operator's bad day, against a PostgreSQL cluster and a Redis of the test's own: the database
 * stops (as in a crash) and comes back while members vote and mails are being delivered.
 */
describe('PostgreSQL goes away and comes back', () => {
  let pg: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let sink: SmtpSink;
  let t: TestApp;
  let worker: ChildProcess;
  const workerLog: string[] = [];
  let c: OpenConsultation;
  let db: DataSource;

  beforeAll(async () => {
    pg = await new ThrowawayPostgres().create();
    redis = await new ThrowawayRedis().start();
    // The server waits half a second before accepting each message, so that deliveries are in flight when the database stops.
    sink = await new SmtpSink().start({ dataDelaySeconds: 0.5 });
    t = await startTestApp({ SMTP_URL: sink.url, DATABASE_URL: pg.url, REDIS_URL: redis.url });
    db = t.app.get(DataSource);
    worker = spawnWorker(t.env, workerLog);
    await importRegister(t, syntheticMembers(100));
    c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    // The worker is up once it delivers the first invitation.
    await until(() => sink.received().length > 0, 90);
  }, 150_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t?.close();
    await sink?.stop();
    await redis?.stop();
    await pg?.remove();
  });

  const mailCount = async (status: string) => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = $1`, [status]))[0].n as number;

  it('answers 503 with Retry-After while it is down; every acknowledged vote is stored once and every mail arrives once', async () => {
    const tokens = [...(await secretaryTokens(t, c.id)).values()];
    expect(tokens).toHaveLength(100);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    const statuses: number[] = [];
    const retryAfter = new Set<string | undefined>();
    const receipts: string[] = [];

    // 100 secretaries, four at a time; each tries again after a 503, as a client should.
    const queue = [...tokens];
    const voter = async () => {
      for (let token = queue.shift(); token; token = queue.shift()) {
        for (;;) {
          const res = await vote(t, c.id, token, [choiceOf(c, 1, 'for')]);
          statuses.push(res.status);
          if (res.status === 201) {
            receipts.push(res.body.receiptCode);
            break;
          }
          if (res.status !== 503) throw new Error(`vote answered ${res.status}: ${JSON.stringify(res.body)}`);
          retryAfter.add(res.headers['retry-after']);
          await sleep(250);
        }
      }
    };
    const outage = (async () => {
      await until(() => receipts.length >= 30, 60);
      await pg.stop();
      // While it is down: the API refuses clearly, the page says so in Dutch, /health reports it.
      const api = await t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(t)).expect(503);
      expect(api.body).toMatchObject({ statusCode: 503, error: 'SERVICE_UNAVAILABLE' });
      expect(api.headers['retry-after']).toBe('5');
      const page = await t.http().get(`/stemmen/${tokens[99]}`).set('Accept', 'text/html').expect(503);
      expect(page.text).toContain('Probeer het zo meteen opnieuw');
      expect(page.headers['retry-after']).toBe('5');
      expect((await t.http().get('/health').expect(503)).body).toMatchObject({ database: 'down', redis: 'up' });
      await sleep(5_000);
      await pg.start();
    })();
    await Promise.all([outage, ...Array.from({ length: 4 }, voter)]);

    // Only acknowledgements and clear refusals: no 500, and every refusal said when to try again.
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect([...retryAfter]).toEqual(['5']);
    // Every acknowledged vote is stored exactly once (a vote whose answer was lost may be stored too, and is then replaced by the retry).
    expect(new Set(receipts).size).toBe(100);
    const stored: { receipt_code: string; n: number }[] = await db.query(
      `SELECT receipt_code, count(*)::int AS n FROM ballot_submission GROUP BY receipt_code`,
    );
    const storedCount = new Map(stored.map((s) => [s.receipt_code, s.n]));
    expect(receipts.filter((code) => storedCount.get(code) !== 1)).toEqual([]);
    expect((await t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(t)).expect(200)).body.voted.members).toBe(100);

    // Every mail (100 invitations, a receipt per stored submission) is recorded sent and arrived exactly once.
    await until(async () => (await mailCount('queued')) === 0, 120);
    expect(await mailCount('failed')).toBe(0);
    expect(await mailCount('sent')).toBe(100 + stored.length);
    const perMail = new Map<string, number>();
    for (const mail of sink.received()) perMail.set(mail.mailId, (perMail.get(mail.mailId) ?? 0) + 1);
    expect(perMail.size).toBe(100 + stored.length);
    expect([...perMail.entries()].filter(([, n]) => n > 1)).toEqual([]);

    // One log line for the outage, no stack trace per request.
    expect(warn.mock.calls.filter(([line]) => String(line).startsWith('database unreachable'))).toHaveLength(1);
    expect(error.mock.calls).toEqual([]);
    warn.mockRestore();
    error.mockRestore();
  }, 240_000);

  it('survives a 15-second outage: the worker neither crashes nor spins, and catches up', async () => {
    // 30 invitations resent; the database stops as soon as the first of them has arrived.
    const before = sink.received().length;
    const members: { memberId: string }[] = await db.query(
      `SELECT member_id AS "memberId" FROM ballot WHERE consultation_id = $1 ORDER BY member_id LIMIT 30`,
      [c.id],
    );
    for (const { memberId } of members) await t.http().post(`/api/consultations/${c.id}/members/${memberId}/resend-invitation`).set(auth(t)).expect(202);
    await until(() => sink.received().length > before, 60);
    await pg.stop();
    const cpuAtStop = cpuSeconds(worker.pid!);
    const logAtStop = workerLog.length;
    await sleep(15_000);
    const cpuUsed = cpuSeconds(worker.pid!) - cpuAtStop;
    const linesLogged = workerLog.length - logAtStop;
    await pg.start();

    expect(worker.exitCode).toBeNull();
    // Spinning would burn a core (15 s of CPU); waiting on backoff and a one-second relay poll costs little.
    expect(cpuUsed).toBeLessThan(3);
    expect(linesLogged).toBeLessThan(20);

    await until(async () => (await mailCount('queued')) === 0, 120);
    const resent = sink.received().slice(before);
    expect(await mailCount('failed')).toBe(0);
    expect(resent).toHaveLength(30);
    expect(new Set(resent.map((m) => m.mailId)).size).toBe(30);
  }, 240_000);
});
