import { Client } from 'pg';
import { prepareDatabase } from '../../src/platform/database/prepare-database';
import { withDatabase } from '../../src/platform/database/database-url';
import { newTestRun } from './test-env';

/** Migrates once into a template database; each test file then copies it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  // The medium and e2e projects both name this setup; Jest runs it for each, the first one serves both.
  if (process.env.LR_TEST_RUN) return;
  const run = newTestRun();
  await prepareDatabase(withDatabase(run.adminUrl, run.templateDb));
  // A template must have no open connections when it is copied; prepareDatabase closed its own.
  const admin = new Client({ connectionString: run.adminUrl });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${run.templateDb}" WITH ALLOW_CONNECTIONS false`);
  await admin.end();
  process.env.LR_TEST_RUN = JSON.stringify(run);
  console.log(`\nTests run on Node ${process.version}`);
}
