import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess, spawn } from 'child_process';
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
