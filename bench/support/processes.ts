import { ChildProcess, spawn } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** An API or worker process of the production build (dist/), its log thrown away (the bench reads figures, not logs). */
export class BuildProcess {
  readonly child: ChildProcess;
  private stderr = '';

  constructor(
    readonly entry: 'main' | 'worker',
    env: Record<string, string>,
    nodeFlags: string[] = [],
  ) {
    this.child = spawn(process.execPath, [...nodeFlags, join(ROOT, 'dist', 'src', `${entry}.js`)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Peak resident memory so far (VmHWM), in MiB. */
  peakRssMiB(): number {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    } catch {
      return NaN;
    }
  }

  /** CPU seconds (user + system) this process has used so far. */
  cpuSeconds(): number {
    return cpuSecondsOf(this.child.pid!);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }

  lastErrors(): string {
    return this.stderr;
  }
}

const TICKS_PER_SECOND = 100;

export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the PostgreSQL backends connected to `database` (pgbench's and the platform's). */
export function postgresCpuSeconds(database: string): number {
  return [...postgresCpuByBackend(database).values()].reduce((a, b) => a + b, 0);
}

/** CPU seconds of each live PostgreSQL backend of `database`, by process id. */
export function postgresCpuByBackend(database: string): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) cpu.set(Number(pid), cpuSecondsOf(Number(pid)));
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

/** CPU seconds of the redis-server serving `port` (shared: it counts whatever else uses that Redis too). */
export function redisCpuSeconds(port: number): number {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.startsWith('redis-server') && cmdline.includes(`:${port}`)) return cpuSecondsOf(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return 0;
}

export async function until(check: () => Promise<boolean> | boolean, seconds: number, what: string): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startApi(env: Record<string, string>, port: number, nodeFlags: string[] = []): Promise<BuildProcess> {
  const api = new BuildProcess('main', { ...env, PORT: String(port) }, nodeFlags);
  await until(
    async () => {
      if (api.exited) throw new Error(`the API stopped while starting:\n${api.lastErrors()}`);
      return fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    90,
    'API start',
  );
  return api;
}
