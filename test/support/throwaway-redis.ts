import { ChildProcess, spawn } from 'child_process';
import IORedis from 'ioredis';
import { freePort, until } from './wait';

/**
 * A redis-server of the test's own, without persistence, so that a restart really forgets
 * everything (as a Redis without AOF, a failover or an eviction would).
 */
export class ThrowawayRedis {
  private process?: ChildProcess;
  port = 0;

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(async () => {
      const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    }, 20);
    return this;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Stops the server and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** A restart that loses every key. */
  async restartEmpty(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async keyCount(): Promise<number> {
    const client = new IORedis(this.url, { maxRetriesPerRequest: 1 });
    try {
      return await client.dbsize();
    } finally {
      client.disconnect();
    }
  }
}
