/**
 * Renders and delivers N invitations (default 10,000) to a real SMTP server (the npm package smtp-server,
 * counting only) in this process
 * through the real path: open voting writes the mail rows and outbox jobs, the relay moves them to
 * BullMQ, the worker renders and sends them. Prints mails per second and peak memory.
 *
 *   npm run bench:mail             # 10,000 invitations
 *   npm run bench:mail -- 2000     # another count
 *
 * Needs PostgreSQL and Redis as for the tests.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { AppModule } from '../src/app.module';
import { ConsultationPublicationService } from '../src/consultations/consultation-publication.service';
import { ConsultationsService } from '../src/consultations/consultations.service';
import { MembersService } from '../src/members/members.service';
import { prepareDatabase } from '../src/platform/database/prepare-database';
import { withDatabase } from '../src/platform/database/database-url';
import { WeightingSchemesService } from '../src/weighting-schemes/weighting-schemes.service';
import { startWorker } from '../src/worker';
import { SmtpSink } from '../test/support/smtp-sink';

const count = Number(process.argv[2] ?? 10_000);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `lr_bench_${randomBytes(4).toString('hex')}`;

async function main(): Promise<void> {
  const sink = await new SmtpSink().start({ countOnly: true });
  const port = sink.port;
  const databaseUrl = withDatabase(base, run);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: run,
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${port}/?pool=true&maxConnections=10&maxMessages=1000`,
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    await prepareDatabase(databaseUrl);
    const api = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
    const actor = 'bench';
    const csv = [
      'code;name;inhabitants;secretary_name;secretary_email',
      ...Array.from({ length: count }, (_, i) => `GM${String(i).padStart(4, '0')};Gemeente ${i};${1000 + i};Secretaris ${i};secretaris${i}@gemeente.example`),
    ].join('\n');
    if (count > 10_000) throw new Error('at most 10,000: CBS codes have four digits');
    await api.get(MembersService).import({ referenceDate: '2020-06-30', source: 'bench', csv, dryRun: false }, actor);
    const scheme = await api
      .get(WeightingSchemesService)
      .create({ name: 'bench', definition: { kind: 'one_member_one_vote' }, source: 'bench', effectiveFrom: '2020-01-01' }, actor);
    const consultations = api.get(ConsultationsService);
    const c = await consultations.create(
      {
        kind: 'ledenraadpleging',
        title: 'Benchmark',
        referenceDate: '2020-06-30',
        weightingSchemeId: scheme.id,
        votingDeadline: new Date(Date.now() + 86400_000).toISOString(),
      },
      actor,
    );
    await consultations.addProposal(c.id, { title: 'Voorstel', questionType: 'for_against' }, actor);
    await api.get(ConsultationPublicationService).publishFinalProposals(c.id, actor);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const worker = await startWorker();
    // PostgreSQL's own count of commits in this database (its statistics lag up to a second behind).
    const commits = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      const { rows } = await db.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`);
      return Number(rows[0].n);
    };
    const commitsBefore = await commits();
    let polls = 0;
    const started = process.hrtime.bigint();
    await consultations.openVoting(c.id, actor);
    const queuedMs = Number(process.hrtime.bigint() - started) / 1e6;
    for (;;) {
      polls++;
      const { rows } = await db.query<{ sent: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM mail_message`,
      );
      if (rows[0].sent + rows[0].failed >= count) {
        if (rows[0].failed) console.log(`failed: ${rows[0].failed}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Less this loop's own polls and the reading itself; the rest is opening the vote and delivering.
    const commitsPerMail = (await commits()) - commitsBefore - polls - 1;
    console.log(
      [
        `invitations:            ${count}`,
        `open voting (queue all): ${queuedMs.toFixed(0)} ms (weights, ballots, mail rows and outbox jobs in one transaction)`,
        `queued to delivered:     ${(totalMs / 1000).toFixed(1)} s`,
        `mails per second:        ${(count / (totalMs / 1000)).toFixed(0)}`,
        `commits per mail:        ${(commitsPerMail / count).toFixed(2)} (PostgreSQL's count, opening the vote included)`,
        `peak memory (RSS):       ${(peakRss / 1024 / 1024).toFixed(0)} MiB (API and worker in this one process)`,
      ].join('\n'),
    );
    await db.end();
    await worker.close();
    await api.close();
  } finally {
    clearInterval(sampler);
    await sink.stop();
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [run]);
    await admin.query(`DROP DATABASE IF EXISTS "${run}"`);
    await admin.end();
    const redis = new IORedis(redisUrl);
    const keys = await redis.keys(`${run}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
