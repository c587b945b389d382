import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { JOB_NAMES, JobData, JobName } from './job-catalogue';

type Handler<N extends JobName> = (data: JobData<N>, job: Job) => Promise<unknown>;

/**
 * Where each processor registers its handlers. The worker checks at start-up that every job of the
 * catalogue has one, and a processor dispatches through `run`, which re-throws so BullMQ retries.
 */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, Handler<JobName>>();

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
    return handler(job.data, job);
  }
}
