import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess, spawn } from 'child_process';
import { request, Server } from 'http';
import { AddressInfo } from 'net';
import { DataSource } from 'typeorm';
import { startWorker } from '../src/worker';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, FIVE_MEMBERS, importRegister, openConsultation, secretaryTokens, vote } from './support/factories';
import { freePort, until } from './support/wait';

async function statusOf(db: DataSource, id: string): Promise<string> {
  const [row] = await db.query('SELECT status FROM consultation WHERE id = $1', [id]);
  return row.status;
}

describe('voting closes by itself at its deadline', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it("the worker's delayed job closes the vote when the deadline passes", async () => {
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' });
    const deadline = new Date(Date.now() + 4000).toISOString();
    const c = await openConsultation(t, schemeId, [{ title: 'Voorstel', questionType: 'for_against' }], { votingDeadline: deadline });
    const [job] = await db.query(`SELECT job_id, relayed_at FROM outbox_job WHERE data->>'consultationId' = $1`, [c.id]);
    expect(job.job_id).toBe(`close-voting:${c.id}:${new Date(deadline).getTime()}`);
    // Nothing but the worker closes the vote: it is still open until the worker runs (however long
    // opening took on a busy machine), and it closes at the deadline, not before.
    expect(await statusOf(db, c.id)).toBe('voting_open');
    worker = await startWorker();
    await until(async () => (await statusOf(db, c.id)) === 'voting_closed', 20);
    const [closed] = await db.query(`SELECT actor, occurred_at FROM audit_event WHERE action = 'consultation.voting_closed' AND subject_id = $1`, [c.id]);
    expect(closed.actor).toBe('system:deadline');
    expect(new Date(closed.occurred_at).getTime()).toBeGreaterThanOrEqual(new Date(deadline).getTime());
  });
});

describe('with Redis down, voting goes on and the closing job follows after recovery', () => {
  let redis: ChildProcess;
  let port: number;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    port = await freePort();
    // The API points at a Redis that is not running yet (a throwaway server on a spare port).
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
  });
  afterAll(async () => {
    await t.close();
    redis?.kill('SIGTERM');
  });

  it('opens voting, takes votes, and the job is relayed once Redis is back', async () => {
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' });
    const c = await openConsultation(t, schemeId, [{ title: 'Voorstel', questionType: 'for_against' }], {
      votingDeadline: new Date(Date.now() + 6000).toISOString(),
    });
    const tokens = await secretaryTokens(t, c.id);
    await vote(t, c.id, tokens.get('GM0363')!, [choiceOf(c, 1, 'for')]).expect(201);
    const health = await t.http().get('/health').expect(503);
    expect(health.body).toEqual({ status: 'degraded', database: 'up', redis: 'down' });
    const [pending] = await db.query(`SELECT relayed_at FROM outbox_job WHERE data->>'consultationId' = $1`, [c.id]);
    expect(pending.relayed_at).toBeNull();

    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(async () => (await t.http().get('/health')).status === 200, 10);
    const worker = await startWorker();
    try {
      await until(async () => (await statusOf(db, c.id)) === 'voting_closed', 20);
      const [relayed] = await db.query(`SELECT relayed_at FROM outbox_job WHERE data->>'consultationId' = $1`, [c.id]);
      expect(relayed.relayed_at).not.toBeNull();
    } finally {
      await worker.close();
    }
    const tally = await t.http().get(`/api/consultations/${c.id}/tally`).set(auth(t)).expect(200);
    expect(tally.body.proposals[0].choices[0].members).toBe(1);
  });
});

describe('a vote counts by when it came in, not by when its turn came', () => {
  let t: TestApp;
  let server: Server;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => t.close());

  /** Sends the request's headers now and returns a function that sends its body and reads the answer. */
  const startVote = (path: string, token: string, body: string) => {
    let finish = () => {};
    const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-ballot-token': token, connection: 'close' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      finish = () => req.end(body);
    });
    return () => {
      finish();
      return answer;
    };
  };

  it('a vote whose request began before the deadline counts though its body came after it; one that began after is refused', async () => {
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' });
    const deadline = new Date(Date.now() + 4000);
    const c = await openConsultation(t, schemeId, [{ title: 'Voorstel', questionType: 'for_against' }], { votingDeadline: deadline.toISOString() });
    const tokens = await secretaryTokens(t, c.id);
    const path = `/api/consultations/${c.id}/ballot/submissions`;
    const body = JSON.stringify({ voterName: 'J. de Vries', voterRole: 'secretary', answers: [choiceOf(c, 1, 'for')] });
    // The headers go now, seconds before the deadline; the body only once the deadline has passed, as
    // when a vote waits its turn behind hundreds of others in the last second.
    const finish = startVote(path, tokens.get('GM0363')!, body);
    await until(() => Date.now() > deadline.getTime() + 200, 10);
    const counted = await finish();
    expect(counted.status).toBe(201);
    expect(new Date(counted.body.receivedAt as string).getTime()).toBeLessThan(deadline.getTime());

    // A vote that came in after the deadline is refused, also while the closing waits for the votes in flight.
    const late = await vote(t, c.id, tokens.get('GM0599')!, [choiceOf(c, 1, 'for')]).expect(409);
    expect(late.body.error).toBe('VOTING_CLOSED');
    const stored = await t.app
      .get(DataSource)
      .query(
        `SELECT m.cbs_code, s.received_at FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id JOIN member m ON m.id = b.member_id WHERE b.consultation_id = $1`,
        [c.id],
      );
    expect(stored).toEqual([{ cbs_code: 'GM0363', received_at: new Date(counted.body.receivedAt as string) }]);
  });
});
