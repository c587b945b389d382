import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { until } from './wait';

const ROOT = join(__dirname, '..', '..');

/** A platform process (src/main.ts or src/worker.ts) run from source, as production runs the build. */
export class PlatformProcess {
  readonly child: ChildProcess;
  private output = '';

  constructor(entry: 'main' | 'worker', env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', `${entry}.ts`)], {
      env: { ...process.env, ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Everything the process wrote to stdout and stderr: its log. */
  log(): string {
    return this.output;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

/** Starts the API on `port` and waits until /health answers (or fails with the process's log). */
export async function startApi(env: Record<string, string>, port: number): Promise<PlatformProcess> {
  const api = new PlatformProcess('main', { ...env, PORT: String(port) });
  await until(async () => {
    if (api.exited) throw new Error(`the API stopped while starting:\n${api.log()}`);
    return fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
  }, 90);
  // A health answer proves little if the port was taken by a neighbour and ours exited on EADDRINUSE.
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (api.exited) throw new Error(`the API stopped right after starting:\n${api.log()}`);
  return api;
}

/** Starts a worker; callers wait for what it must do (mails sent, votes closed), not for a start signal. */
export function startWorker(env: Record<string, string>): PlatformProcess {
  return new PlatformProcess('worker', env);
}
