import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { JOB_QUEUES, JobData, JobName } from './job-catalogue';
import { OutboxRelay } from './outbox.relay';

/**
 * The transactional outbox: a job is written in the same transaction as the state change that causes
 * it and moved to BullMQ after commit. If Redis is down the command still succeeds; the relay in the
 * worker moves the job once Redis is back.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly tx: Transactions,
    private readonly relay: OutboxRelay,
  ) {}

  /** `jobId` must be deterministic (e.g. `close-voting:<id>:<deadline>`): writing it twice is a no-op. */
  async enqueue<N extends JobName>(name: N, data: JobData<N>, options: { jobId: string; runAt?: Date }): Promise<void> {
    await this.tx
      .manager()
      .query(`INSERT INTO outbox_job (queue, name, job_id, data, run_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_id) DO NOTHING`, [
        JOB_QUEUES[name],
        name,
        options.jobId,
        JSON.stringify(data),
        options.runAt ?? new Date(),
      ]);
    this.relayAfterCommit();
  }

  /** Many jobs of one kind in one statement (e.g. 355 invitation mails). */
  async enqueueMany<N extends JobName>(name: N, jobs: { data: JobData<N>; jobId: string; runAt?: Date }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.tx.manager().query(
      `INSERT INTO outbox_job (queue, name, job_id, data, run_at)
       SELECT $1, $2, j, d, r FROM unnest($3::text[], $4::jsonb[], $5::timestamptz[]) AS x(j, d, r) ON CONFLICT (job_id) DO NOTHING`,
      [JOB_QUEUES[name], name, jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.data)), jobs.map((j) => j.runAt ?? new Date())],
    );
    this.relayAfterCommit();
  }

  private relayAfterCommit(): void {
    this.tx.afterCommit(async () => {
      await this.relay.relayAfterCommit();
    });
  }
}
