import 'reflect-metadata';
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { loadConfig } from '../platform/config/app-config';
import { describeDemo, prepareDemo } from './seed-demo';

/**
 * `npm run demo`: database, migrations, the 2020 demo consultation, then the API and the worker as
 * two processes. Prints the board sign-in and a few secretaries' ballot links.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const demo = await prepareDemo(config);
  const children: ChildProcess[] = ['main.js', 'worker.js'].map((entry) =>
    spawn(process.execPath, [join(__dirname, '..', entry)], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } }),
  );
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  children.forEach((child) =>
    child.on('exit', (code) => {
      if (code) {
        console.error(`a platform process stopped with code ${code}`);
        process.exitCode = code;
        stop();
      }
    }),
  );
  console.log(describeDemo(config, demo));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
