import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { BillingJobsModule } from './billing/billing.jobs';
import { AssemblyLetterSweep } from './consultations/assembly-letter.sweep';
import { AuditSealLoop } from './platform/audit/audit-seal.loop';
import { AuditModule } from './platform/audit/audit.module';
import { ConsultationsProcessor, DeadlineJobs } from './consultations/consultations.jobs';
import { ConsultationsModule } from './consultations/consultations.module';
import { DecisionsModule } from './decisions/decisions.module';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { HttpPlatformModule } from './platform/http/http.module';
import { DatabaseModule } from './platform/database/database.module';
import { loggerOptions } from './platform/logging';
import { QueueName } from './platform/queue/job-catalogue';
import { WorkerQueueModule } from './platform/queue/worker-queue.module';
import { MailJobsModule } from './notifications/mail-jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { QueueModule } from './platform/queue/queue.module';
import { redisOptions } from './platform/queue/redis-connection';
import { TextModule } from './platform/text/text.module';

/** The queue worker: the same domain modules as the API, plus BullMQ processors and the outbox relay. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerOptions(config.LOG_LEVEL) }),
    DatabaseModule,
    QueueModule,
    WorkerQueueModule,
    NotificationsModule,
    TextModule,
    HttpPlatformModule,
    AuditModule,
    AccountsModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.REDIS_URL, { maxRetriesPerRequest: null }),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    // Registering the queues brings in @nestjs/bullmq's explorer, which starts a worker per @Processor.
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
    ConsultationsModule,
    DecisionsModule,
    MailJobsModule,
    BillingJobsModule,
  ],
  providers: [ConsultationsProcessor, DeadlineJobs, AuditSealLoop, AssemblyLetterSweep],
})
export class WorkerModule {}
