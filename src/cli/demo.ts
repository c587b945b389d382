import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { AppModule } from '../app.module';
import { seedDemo } from '../demo/seed-2020';
import { loadConfig } from '../platform/config/app-config';
import { prepareDatabase } from '../platform/database/prepare-database';

/**
 * `npm run demo`: database, migrations, the 2020 demo consultation, then the API and the worker as
 * two processes. Prints the board sign-in and a few secretaries' ballot links.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config.DATABASE_URL);
  const context = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const demo = await seedDemo(context);
  await context.close();

  const children: ChildProcess[] = ['main.js', 'worker.js'].map((entry) =>
    spawn(process.execPath, [join(__dirname, '..', entry)], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } }));
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  children.forEach((child) => child.on('exit', (code) => {
    if (code && code !== 0) {
      console.error(`a platform process stopped with code ${code}`);
      stop();
      process.exitCode = code;
    }
  }));

  const base = config.PUBLIC_URL.replace(/\/$/, '');
  const pick = ['GM0363', 'GM0599', 'GM0489', 'GM0498', 'GM0088'];
  const shown = demo.links.filter((l) => pick.includes(l.memberCode));
  console.log([
    '',
    `VNG Ledenraadpleging draait op ${base} (API-documentatie: ${base}/api/docs)`,
    `Demo: ${demo.created ? 'aangemaakt' : 'al aanwezig'}: ${base}/raadplegingen/${demo.consultationId}`,
    `Bestuur: ${base}/bestuur/inloggen met ${config.BOARD_EMAIL} / ${config.BOARD_PASSWORD}`,
    'Stemformulieren van enkele gemeentesecretarissen:',
    ...shown.map((l) => `  ${l.memberName.padEnd(14)} (${l.weight} stemmen): ${l.url}`),
    '',
  ].join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
