import { INestApplicationContext } from '@nestjs/common';
import { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullJobId, DEFAULT_JOB_OPTIONS, QueueName } from '../src/platform/queue/job-catalogue';
import { OutboxRelay } from '../src/platform/queue/outbox.relay';
import { startWorker } from '../src/worker';
import { startTestApp, TestApp } from './setup/test-app';
import { createScheme, importRegister, openConsultation, syntheticMembers } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { ThrowawayRedis } from './support/throwaway-redis';
import { until } from './support/wait';

/** Redis forgets (a restart without persistence, a failover, an eviction): PostgreSQL still knows every job. */
describe('Redis restarted empty after the hand-over', () => {
  let sink: SmtpSink;
  let redis: ThrowawayRedis;
  let t: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    redis = await new ThrowawayRedis().start();
    t = await startTestApp({ SMTP_URL: sink.url, REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    await redis.stop();
    await sink.stop();
  });

  it('queues every invitation, reminder and closing again from PostgreSQL, and each invitation arrives once', async () => {
    await importRegister(t, syntheticMembers(30));
    const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    const db = t.app.get(DataSource);
    const relay = t.app.get(OutboxRelay);
    // The API handed the 30 invitations, the 24-hour reminder and the closing to BullMQ and marked them relayed.
    const jobs: { name: string; job_id: string; data: { mailId?: string } }[] = await db.query(
      `SELECT name, job_id, data FROM outbox_job WHERE relayed_at IS NOT NULL AND done_at IS NULL ORDER BY name, job_id`,
    );
    expect(jobs.map((j) => j.name).filter((n, i, all) => all.indexOf(n) === i)).toEqual(['close-voting', 'send-mail', 'send-reminders']);
    expect(jobs.filter((j) => j.name === 'send-mail')).toHaveLength(30);
    expect(await relay.queue(QueueName.Mail).count()).toBe(30);

    await redis.restartEmpty();
    expect(await redis.keyCount()).toBe(0);

    // One invitation had been accepted by the SMTP server on an attempt whose recording failed, and its
    // job then ran out of attempts: BullMQ holds it as failed, with the acceptance in its data.
    const accepted = jobs.find((j) => j.name === 'send-mail')!;
    const mailQueue = relay.queue(QueueName.Mail);
    // (The API's connection to Redis comes back by itself; until then adding fails fast.)
    await until(() =>
      mailQueue
        .add(
          'send-mail',
          { ...accepted.data, smtpAccepted: '<accepted-before@test.example>' },
          { ...DEFAULT_JOB_OPTIONS, attempts: 1, jobId: bullJobId(accepted.job_id) },
        )
        .then(
          () => true,
          () => false,
        ),
    );
    const failing = new Worker(QueueName.Mail, () => Promise.reject(new Error('database unreachable')), {
      connection: { url: redis.url },
      prefix: t.env.QUEUE_PREFIX,
    });
    await until(async () => (await mailQueue.getJob(bullJobId(accepted.job_id)))?.failedReason === 'database unreachable');
    await failing.close();

    worker = await startWorker();
    const sent = async () => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'sent'`))[0].n as number;
    await until(async () => (await sent()) === 30, 60);

    // 29 invitations went over SMTP once each; the one accepted before was recorded, not sent again.
    const received = sink.received();
    expect(received).toHaveLength(29);
    expect(new Set(received.map((m) => m.to)).size).toBe(29);
    const [recorded] = await db.query(`SELECT smtp_message_id, attempts FROM mail_message WHERE id = $1`, [accepted.data.mailId]);
    expect(recorded).toEqual({ smtp_message_id: '<accepted-before@test.example>', attempts: 0 });
    expect(received.map((m) => m.mailId)).not.toContain(accepted.data.mailId);
    // Every mail job is done in PostgreSQL's eyes; the reminder and the closing wait in BullMQ again, under their own ids.
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_job WHERE name = 'send-mail' AND done_at IS NULL`))[0].n === 0);
    for (const job of jobs.filter((j) => j.name !== 'send-mail')) {
      expect(job.job_id).toContain(c.id);
      expect(await (await relay.queue(QueueName.Consultations).getJob(bullJobId(job.job_id)))?.getState()).toBe('delayed');
    }
  }, 120_000);
});
