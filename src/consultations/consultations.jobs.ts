import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlers } from '../platform/queue/job-handlers';
import { QueueName } from '../platform/queue/job-catalogue';
import { ConsultationMailService } from './consultation-mail.service';
import { ConsultationsService } from './consultations.service';

@Processor(QueueName.Consultations)
export class ConsultationsProcessor extends WorkerHost {
  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.handlers.run(job);
  }
}

/**
 * Jobs around the deadline: reminders before it, closing at it. The delayed job does it on time; the sweep closes any open vote whose
 * deadline passed while Redis or the worker was down.
 */
@Injectable()
export class DeadlineJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineJobs.name);
  private timer?: NodeJS.Timeout;

  constructor(
    handlers: JobHandlers,
    private readonly consultations: ConsultationsService,
    private readonly mail: ConsultationMailService,
  ) {
    handlers.register('close-voting', async ({ consultationId }) => {
      const closed = await this.consultations.closeAtDeadline(consultationId);
      if (closed) this.logger.log(`voting closed at deadline: ${consultationId}`);
    });
    handlers.register('send-reminders', async ({ consultationId, hoursBefore, deadline }) => {
      const members = await this.mail.sendReminders(consultationId, hoursBefore, deadline);
      this.logger.log(`reminders ${hoursBefore} h before the deadline queued for ${members} members of ${consultationId}`);
    });
  }

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), 30_000);
  }

  async sweep(): Promise<void> {
    try {
      for (const id of await this.consultations.overdueOpenVotes()) await this.consultations.closeAtDeadline(id);
    } catch (error) {
      this.logger.warn(`deadline sweep failed: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
