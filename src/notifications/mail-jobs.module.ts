import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { BallotsModule } from '../ballots/ballots.module';
import { QueueName } from '../platform/queue/job-catalogue';
import { JobHandlers } from '../platform/queue/job-handlers';
import { MailSender } from './mail-sender';
import { MailTransport } from './mail-transport';

@Processor(QueueName.Mail, { concurrency: 10 })
export class MailProcessor extends WorkerHost {
  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.handlers.run(job);
  }
}

/** The worker's side of mail: the processor, the sender and the transport. */
@Module({
  imports: [BallotsModule],
  providers: [MailProcessor, MailSender, MailTransport],
  exports: [MailSender, MailTransport],
})
export class MailJobsModule {}
