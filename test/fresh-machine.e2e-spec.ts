import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { promisify } from 'util';
import { withDatabase } from '../src/platform/database/database-url';
import { prepareDatabase } from '../src/platform/database/prepare-database';
import { Queue } from 'bullmq';
import { QueueName } from '../src/platform/queue/job-catalogue';
import { testEnvironment } from './setup/test-app';
import { currentTestRun } from './setup/test-env';
import { PlatformProcess, startApi, startWorker } from './support/processes';
import { freePort, until } from './support/wait';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/** A database name of this test run that does not exist yet (global teardown drops it). */
function freshDatabaseUrl(): string {
  const { adminUrl, templateDb } = currentTestRun();
  return withDatabase(adminUrl, `${templateDb.replace(/_template$/, '')}_fresh_${randomBytes(3).toString('hex')}`);
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const migrationCount = () => readdirSync(join(ROOT, 'migrations')).filter((f) => f.endsWith('.ts')).length;

describe('a fresh machine', () => {
  const migrationFiles = migrationCount;

  it('prepares one empty database from four processes at once: all succeed, every migration runs once', async () => {
    const url = freshDatabaseUrl();
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => prepareDatabase(url)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const ran = results.map((r) => (r as PromiseFulfilledResult<string[]>).value);
    // One caller ran them all; the three that waited for the lock found nothing left to do.
    expect(ran.filter((names) => names.length > 0)).toHaveLength(1);
    expect(ran.flat()).toHaveLength(migrationFiles());
    expect(new Set(ran.flat()).size).toBe(migrationFiles());
    const rows = await query<{ name: string }>(url, 'SELECT name FROM schema_migration');
    expect(rows).toHaveLength(migrationFiles());
    // Nothing of this database's locks is left behind (other test runs may hold their own at this moment).
    const locks = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND classid = ${0x4c52}
          AND (database = (SELECT oid FROM pg_database WHERE datname = current_database())
               OR objid = hashtext('create-database:' || current_database())::oid)`,
    );
    expect(locks[0].n).toBe(0);
  });

  it('`npm run db:prepare` runs a real script that creates and migrates the database, and says so', async () => {
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['db:prepare'] as string;
    const built = /node (?:scripts\/with-node24\.js )?dist\/(src\/cli\/[\w-]+)\.js/.exec(script);
    expect(built).not.toBeNull();
    const source = join(ROOT, `${built![1]}.ts`);
    expect(existsSync(source)).toBe(true);

    const url = freshDatabaseUrl();
    const env = { ...process.env, DATABASE_URL: url, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') };
    const first = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', source], { env });
    expect(first.stdout).toMatch(/^migrations run: /);
    expect((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM schema_migration'))[0].n).toBe(migrationFiles());
    const second = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', source], { env });
    expect(second.stdout).toMatch(/no pending migrations/);
    // Two runs that each compile and start the CLI: up to half a minute each on two cores busy with the suite.
  }, 150_000);
});

describe('the API and the worker started together on an empty database', () => {
  const processes: PlatformProcess[] = [];
  afterAll(() => Promise.all(processes.map((p) => p.stop())));

  it('both come up: one creates and migrates, the other waits for it; one first administrator', async () => {
    const url = freshDatabaseUrl();
    const env: Record<string, string> = { ...(await testEnvironment()), DATABASE_URL: url };
    const port = await freePort();
    const worker = startWorker(env);
    processes.push(worker);
    processes.push(await startApi(env, port));
    // The worker is up when its BullMQ workers are connected to every queue.
    const queues = Object.values(QueueName).map((name) => new Queue(name, { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX }));
    try {
      await until(async () => {
        if (worker.exited) throw new Error(`the worker stopped:\n${worker.log()}`);
        return (await Promise.all(queues.map((q) => q.getWorkersCount()))).every((n) => n > 0);
      }, 90);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
    expect(processes.filter((p) => p.exited)).toEqual([]);
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM schema_migration'))[0].n).toBe(migrationCount());
    expect(await query(url, 'SELECT email, role FROM staff_account')).toEqual([{ email: env.BOARD_EMAIL, role: 'administrator' }]);
  }, 150_000);
});

describe('docker compose', () => {
  const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

  it('demands a real ballot-link secret and runs in production mode', () => {
    expect(compose).toMatch(/BALLOT_LINK_SECRET: \$\{BALLOT_LINK_SECRET:\?[^}]+\}/);
    expect(compose).not.toMatch(/BALLOT_LINK_SECRET:-/);
    expect(compose).toMatch(/NODE_ENV: production/);
  });
});
