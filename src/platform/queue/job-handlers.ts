import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { coalesced } from '../database/coalesced';
import { JOB_NAMES, JobData, JobName, outboxJobId } from './job-catalogue';

type Handler<N extends JobName> = (data: JobData<N>, job: Job) => Promise<unknown>;

/**
 * Where each processor registers its handlers. The worker checks at start-up that every job of the
 * catalogue has one, and a processor dispatches through `run`, which re-throws so BullMQ retries.
 * When a handler has finished, its outbox row is marked done: until then the reconciler may queue it
 * again, so every handler must be safe to run twice (each re-checks its state in PostgreSQL).
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, Handler<JobName>>();
  // The done marks of the jobs that finish in the same turn of the event loop: one statement.
  private readonly done = coalesced<string, void>(async (jobIds) => {
    await this.dataSource.query(`UPDATE outbox_job SET done_at = now() WHERE job_id = ANY ($1::text[]) AND done_at IS NULL`, [jobIds]);
    return jobIds.map(() => undefined);
  });

  constructor(private readonly dataSource: DataSource) {}

  register<N extends JobName>(name: N, handler: Handler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as Handler<JobName>);
  }

  missing(): JobName[] {
    return JOB_NAMES.filter((name) => !this.handlers.has(name));
  }

  async run(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    // BullMQ's job data is untyped; the catalogue (JobData) says what each job name carries.
    const result = await handler(job.data as JobData<JobName>, job);
    // Should this fail (the database just went away), BullMQ retries and the handler finds its work done.
    if (job.id) await this.done.load(outboxJobId(job.id));
    return result;
  }
}
