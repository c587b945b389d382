import { rmSync } from 'fs';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { currentTestRun } from './test-env';

/** Drops this run's databases and Redis keys (only its own prefix; the shared Redis is never flushed). */
export default async function globalTeardown(): Promise<void> {
  const run = currentTestRun();
  const admin = new Client({ connectionString: run.adminUrl });
  await admin.connect();
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run.templateDb.replace(/_template$/, '')}%`]);
  for (const { datname } of rows) {
    await admin.query(`ALTER DATABASE "${datname}" WITH ALLOW_CONNECTIONS false`).catch(() => undefined);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [datname]);
    await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
  }
  await admin.end();
  const redis = new IORedis(run.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.queuePrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  rmSync(`/tmp/${run.queuePrefix}`, { recursive: true, force: true });
}
