import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { promisify } from 'util';
import { withDatabase } from '../src/platform/database/database-url';
import { prepareDatabase } from '../src/platform/database/prepare-database';
import { currentTestRun } from './setup/test-env';

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

describe('a fresh machine', () => {
  const migrationFiles = () => require('fs').readdirSync(join(ROOT, 'migrations')).filter((f: string) => f.endsWith('.ts')).length as number;

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
    // Nothing of the locks is left behind.
    const locks = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x4c52}`);
    expect(locks[0].n).toBe(0);
  });

  it('`npm run db:prepare` runs a real script that creates and migrates the database, and says so', async () => {
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['db:prepare'] as string;
    const built = /node dist\/(src\/cli\/[\w-]+)\.js/.exec(script);
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
  }, 60_000);
});

describe('docker compose', () => {
  const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');

  it('demands a real ballot-link secret and runs in production mode', () => {
    expect(compose).toMatch(/BALLOT_LINK_SECRET: \$\{BALLOT_LINK_SECRET:\?[^}]+\}/);
    expect(compose).not.toMatch(/BALLOT_LINK_SECRET:-/);
    expect(compose).toMatch(/NODE_ENV: production/);
  });
});
