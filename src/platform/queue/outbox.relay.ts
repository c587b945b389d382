import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { bullJobId, DEFAULT_JOB_OPTIONS, QueueName } from './job-catalogue';
import { redisOptions } from './redis-connection';

interface OutboxRow {
  id: string;
  queue: QueueName;
  name: string;
  job_id: string;
  data: Record<string, unknown>;
  run_at: Date;
}

/** Moves committed outbox rows to BullMQ. Safe to run from several processes at once. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class OutboxRelay implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // Producers fail fast while Redis is down instead of queueing commands in memory.
      queue = new Queue(name, {
        connection: redisOptions(this.config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
        prefix: this.config.QUEUE_PREFIX,
      });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private lastFailureAt = 0;

  /**
   * The API's attempt right after a commit. While Redis has just failed it does not even try, so a
   * command never waits on a dead Redis; the worker's relay loop moves the rows later.
   */
  async relayAfterCommit(): Promise<void> {
    if (Date.now() - this.lastFailureAt < 5_000) return;
    try {
      await this.relayPending();
    } catch (error) {
      this.lastFailureAt = Date.now();
      throw error;
    }
  }

  private relaying = false;
  private relayAgain = false;

  /**
   * After a vote: moves the new rows to BullMQ soon, and the caller does not wait (a vote's answer
   * never waits on Redis, up or down). One relay at a time per process: a request that comes while one
   * runs makes it go round once more (50 ms later), so under load one round moves many votes' rows.
   */
  relaySoon(): void {
    if (Date.now() - this.lastFailureAt < 5_000) return;
    if (this.relaying) {
      this.relayAgain = true;
      return;
    }
    this.relaying = true;
    void (async () => {
      try {
        do {
          this.relayAgain = false;
          await this.relayPending();
          // Under load, a round every 50 ms moves many votes' rows at once instead of a few each time.
          if (this.relayAgain) await new Promise((resolve) => setTimeout(resolve, 50));
        } while (this.relayAgain);
      } catch (error) {
        this.lastFailureAt = Date.now();
        this.logger.debug(`relay after a vote failed, the worker's relay will move the rows: ${(error as Error).message}`);
      } finally {
        this.relaying = false;
      }
    })();
  }

  /** Relays up to `batch` pending rows; returns how many were moved. Throws when Redis cannot be reached. */
  async relayPending(batch = 200): Promise<number> {
    // Wait for Redis before locking any row, and not for long.
    await this.redisReady();
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, name, job_id, data, run_at FROM outbox_job WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      // One round trip to Redis per queue and one UPDATE, however many rows.
      for (const name of new Set(rows.map((row) => row.queue))) {
        await this.queue(name).addBulk(
          rows
            .filter((row) => row.queue === name)
            .map((row) => ({
              name: row.name,
              data: row.data,
              opts: { ...DEFAULT_JOB_OPTIONS, jobId: bullJobId(row.job_id), delay: Math.max(0, new Date(row.run_at).getTime() - Date.now()) },
            })),
        );
      }
      if (rows.length) await manager.query(`UPDATE outbox_job SET relayed_at = now() WHERE id = ANY ($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /** Resolves when every queue's Redis connection is up; throws after a second otherwise. */
  async redisReady(): Promise<void> {
    const queues = Object.values(QueueName).map((name) => this.queue(name));
    await Promise.all(queues.map((q) => withTimeout(q.waitUntilReady(), 1_000, 'Redis is not reachable')));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
