import { execFile } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { prepareDatabase } from '../../src/platform/database/prepare-database';
import { freePort } from './wait';

const run = promisify(execFile);

/** The newest installed PostgreSQL's programs (Debian layout: /usr/lib/postgresql/<version>/bin). */
function binary(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))) : [];
  if (versions.length === 0) throw new Error(`${name} not found under ${root}/*/bin`);
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin', name);
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a spare port, so that a test can
 * stop it ("the database is down") and start it again without touching the machine's server.
 * initdb refuses to run as root: as root, every cluster command runs as the postgres user, which also
 * owns the directory.
 */
export class ThrowawayPostgres {
  private dir = '';
  port = 0;

  /** Creates, starts and migrates the cluster's database `ledenraadpleging`. */
  async create(): Promise<this> {
    this.dir = mkdtempSync('/tmp/lr-pg-');
    const owner = process.getuid?.() === 0 ? await this.postgresUser() : null;
    if (owner) chownSync(this.dir, owner.uid, owner.gid);
    this.port = await freePort();
    await this.cluster('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await this.start();
    await prepareDatabase(this.url);
    return this;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/ledenraadpleging`;
  }

  /** Starts (again) on the same port; waits until it accepts connections. */
  async start(): Promise<void> {
    // fsync off: this cluster's data need not survive a machine crash, only a server stop.
    const options = `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    await this.cluster('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  }

  /** An outage: the server stops at once, as in a crash (open connections are cut). */
  async stop(): Promise<void> {
    await this.cluster('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  async remove(): Promise<void> {
    if (!this.dir) return;
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private async cluster(program: string, args: string[]): Promise<void> {
    const command = process.getuid?.() === 0 ? (['runuser', ['-u', 'postgres', '--', binary(program), ...args]] as const) : ([binary(program), args] as const);
    await run(command[0], [...command[1]], { cwd: '/tmp' });
  }

  private async postgresUser(): Promise<{ uid: number; gid: number }> {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid), gid: Number(gid) };
  }
}
