import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { isDatabaseUnavailable } from './database-unavailable';
import { ensureDatabase } from './database-url';

/** Creates the database when missing and runs every pending migration. Returns the migrations run. */
export async function prepareDatabase(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
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
