import { randomBytes } from 'crypto';

/** One run of the test suite: its own template database and Redis key prefix, so runs never collide. */
export interface TestRun {
  adminUrl: string;
  templateDb: string;
  redisUrl: string;
  queuePrefix: string;
}

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function newTestRun(): TestRun {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return {
    adminUrl: BASE,
    templateDb: `lr_test_${id}_template`,
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `lr_test_${id}`,
  };
}

export function currentTestRun(): TestRun {
  const raw = process.env.LR_TEST_RUN;
  if (!raw) throw new Error('LR_TEST_RUN is not set: run the tests through jest (global setup)');
  return JSON.parse(raw) as TestRun;
}
