import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from './platform/config/app-config';
import { prepareDatabaseWhenReachable } from './platform/database/prepare-database';
import { lowerOwnPriority } from './platform/process-priority';
import { JobHandlers } from './platform/queue/job-handlers';
import { WorkerModule } from './worker.module';

/** Second entry point of the same code: no HTTP server, only queue processors. */
export async function startWorker() {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const missing = app.get(JobHandlers).missing();
  if (missing.length) {
    await app.close();
    throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (require.main === module) {
  const config = loadConfig();
  // Votes before mails where the worker shares cores with the API (WORKER_NICENESS).
  const priority = lowerOwnPriority(config.WORKER_NICENESS);
  if ('refused' in priority) console.warn(`worker: could not lower the CPU priority to ${config.WORKER_NICENESS}: ${priority.refused}`);
  prepareDatabaseWhenReachable(config.DATABASE_URL)
    .then(startWorker)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
