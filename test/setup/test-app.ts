import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureHttpApp, openApiDocumentOf } from '../../src/http-app';
import { contractCheckedAgent, OpenApiContract } from '../support/openapi-contract';
import { withDatabase } from '../../src/platform/database/database-url';
import { currentTestRun } from './test-env';

export const BOARD = { email: 'bestuur@test.example', password: 'test-wachtwoord-2020' };

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const run = currentTestRun();
  const name = `${run.templateDb.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: run.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${run.templateDb}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(run.adminUrl, name);
}

/** Environment for an app under test: its own database, this run's Redis prefix, quiet logs. */
export async function testEnvironment(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const run = currentTestRun();
  const databaseUrl = await createTestDatabase();
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: run.redisUrl,
    // Each app has its own queues too: a worker of one test file must never take another file's jobs.
    QUEUE_PREFIX: `${run.queuePrefix}_${databaseUrl.split('_').pop()}`,
    LOG_LEVEL: 'silent',
    // Spawned workers keep the test runner's priority: under a busy test run a niced worker would starve.
    WORKER_NICENESS: '0',
    BOARD_EMAIL: BOARD.email,
    BOARD_PASSWORD: BOARD.password,
    PUBLIC_URL: 'http://localhost:3000',
    MAIL_OUTBOX_DIR: `/tmp/${run.queuePrefix}/outbox`,
    ...overrides,
  };
}

export interface TestApp {
  app: INestApplication;
  /** Supertest on the app; every answer of an API operation is checked against the OpenAPI document. */
  http: () => ReturnType<typeof request>;
  contract: OpenApiContract;
  env: Record<string, string>;
  boardToken: string;
  close: () => Promise<void>;
}

/** The whole HTTP app on a fresh database, with a signed-in board session. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const env = await testEnvironment(overrides);
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureHttpApp(app);
  await app.init();
  const contract = new OpenApiContract(openApiDocumentOf(app));
  const http = () => contractCheckedAgent(request(app.getHttpServer()), contract);
  const signIn = await http().post('/api/auth/sign-in').send(BOARD).expect(200);
  return { app, http, contract, env, boardToken: signIn.body.token, close: () => app.close() };
}
