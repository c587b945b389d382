import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName } from '../platform/queue/job-catalogue';
import { JobHandlers } from '../platform/queue/job-handlers';
import { BillingModule } from './billing.module';
import { BillingService } from './billing.service';

@Processor(QueueName.Billing)
export class BillingProcessor extends WorkerHost {
  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.handlers.run(job);
  }
}

@Injectable()
export class BillingJobs {
  constructor(handlers: JobHandlers, billing: BillingService) {
    handlers.register('invoice-run', ({ runId }) => billing.executeRun(runId));
  }
}

/** The worker's side of billing: invoice runs. */
@Module({ imports: [BillingModule], providers: [BillingProcessor, BillingJobs] })
export class BillingJobsModule {}
