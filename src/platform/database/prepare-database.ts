import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { databaseName, withDatabase } from './database-url';
import { isDatabaseUnavailable } from './database-unavailable';

// The first key of every advisory lock this platform takes; the second names what is locked.
const LOCK_NAMESPACE = 0x4c52; // "LR"

/**
 * Runs `work` while holding a session-level PostgreSQL advisory lock on a connection of its own to
 * `url`. The API and the worker start together: whoever comes second waits here, then finds the work
 * done, instead of failing halfway through a CREATE DATABASE or a migration.
 */
async function withAdvisoryLock<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, name]);
    return await work();
  } finally {
    // Closing the session releases the lock as well, also when the unlock itself fails.
    await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, name]).catch(() => undefined);
    await client.end();
  }
}

/** Creates the database of `url` when it does not exist yet, under a lock on the maintenance database. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const maintenanceUrl = withDatabase(url, 'postgres');
  return withAdvisoryLock(maintenanceUrl, `create-database:${name}`, async () => {
    const admin = new Client({ connectionString: maintenanceUrl });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return false;
      await admin.query(`CREATE DATABASE "${name}"`);
      return true;
    } finally {
      await admin.end();
    }
  });
}

/**
 * Creates the database when missing and runs every pending migration, each step under an advisory
 * lock, so that processes starting together on an empty database neither collide nor run a migration
 * twice. Returns the migrations this call ran (empty when another process had run them already).
 */
export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabase(url);
  return withAdvisoryLock(url, 'migrations', async () => {
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  });
}

/**
 * prepareDatabase for a process that should outlive an outage (the worker): while the database cannot
 * be reached it waits and tries again every two seconds, saying so once, instead of exiting.
 */
export async function prepareDatabaseWhenReachable(url: string, log: (line: string) => void = console.warn): Promise<string[]> {
  for (let said = false; ; said = true) {
    try {
      return await prepareDatabase(url);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (!said) log(`database unreachable (${(error as Error).message}); waiting for it`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}
