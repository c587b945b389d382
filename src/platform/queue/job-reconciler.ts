import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bullJobId, DEFAULT_JOB_OPTIONS, QueueName } from './job-catalogue';
import { OutboxRelay } from './outbox.relay';

interface OpenJob {
  id: string;
  queue: QueueName;
  name: string;
  job_id: string;
  data: Record<string, unknown>;
  run_at: Date;
}

/** How often the worker compares PostgreSQL's open jobs with what BullMQ holds (and once at start). */
export const RECONCILE_INTERVAL_MS = 30_000;

/**
 * PostgreSQL is the source of truth: every outbox row that is relayed but not done must be in BullMQ,
 * waiting, delayed or active. A row whose job Redis no longer holds (a restart without persistence, a
 * failover, an eviction) or whose job ended without finishing the work (all attempts failed while the
 * database was away) is queued again under the same job id. Data the job gathered on the way (a mail
 * the SMTP server already accepted) is kept, so nothing is done twice.
 */
@Injectable()
export class JobReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobReconciler.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), RECONCILE_INTERVAL_MS);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const requeued = await this.reconcile();
      if (requeued > 0) this.logger.warn(`queued ${requeued} job(s) again that BullMQ no longer held or had given up`);
      if (this.failing) this.logger.log('job reconciler recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`job reconciler paused: ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }

  /** One pass over every open job, in batches; returns how many were queued again. */
  async reconcile(batch = 500): Promise<number> {
    await this.relay.redisReady();
    let after = '0';
    let requeued = 0;
    for (;;) {
      const rows: OpenJob[] = await this.dataSource.query(
        `SELECT id, queue, name, job_id, data, run_at FROM outbox_job
          WHERE done_at IS NULL AND relayed_at IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
        [after, batch],
      );
      if (rows.length === 0) return requeued;
      const outcomes = await Promise.all(rows.map((row) => this.reconcileOne(row)));
      requeued += outcomes.filter(Boolean).length;
      after = rows[rows.length - 1].id;
    }
  }

  private async reconcileOne(row: OpenJob): Promise<boolean> {
    const queue = this.relay.queue(row.queue);
    const jobId = bullJobId(row.job_id);
    const job = await queue.getJob(jobId);
    if (job && !job.finishedOn) return false; // waiting, delayed or active: BullMQ will run it
    let data = row.data;
    if (job) {
      // Finished in BullMQ: it may have completed a moment ago and marked its row done meanwhile.
      const [still] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM outbox_job WHERE id = $1 AND done_at IS NULL`, [row.id]);
      if (!still) return false;
      data = { ...row.data, ...(job.data as Record<string, unknown>) };
      await job.remove();
    }
    const delay = Math.max(0, new Date(row.run_at).getTime() - Date.now());
    await queue.add(row.name, data, { ...DEFAULT_JOB_OPTIONS, jobId, delay });
    return true;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
