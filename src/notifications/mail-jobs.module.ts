import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { BallotLinks } from '../platform/ballot-links';
import { QueueName } from '../platform/queue/job-catalogue';
import { JobHandlers } from '../platform/queue/job-handlers';
import { MailMessagesRepository } from './mail-messages.repository';
import { MailSender } from './mail-sender';
import { NotificationsModule } from './notifications.module';
import { MailTransport } from './mail-transport';

// A killed worker's jobs are taken over once their lock lapses (10 s) instead of the default 30 s. Ten at a
// time: more delivers faster when the CPU is idle, but a crash can then duplicate more mails and a
// database outage makes every job in flight fail and log at once (test/worker-crash, test/database-outage).
@Processor(QueueName.Mail, { concurrency: 10, lockDuration: 10_000, stalledInterval: 5_000 })
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
  imports: [NotificationsModule],
  providers: [MailProcessor, MailSender, MailTransport, BallotLinks, MailMessagesRepository],
  exports: [MailSender, MailTransport],
})
export class MailJobsModule {}
