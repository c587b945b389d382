import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from './accounts/accounts.module';
import { AuditTrailModule } from './audit/audit-trail.module';
import { AuditModule } from './platform/audit/audit.module';
import { BallotsModule } from './ballots/ballots.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { FacilitiesModule } from './facilities/facilities.module';
import { MembersModule } from './members/members.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { PagesModule } from './pages/pages.module';
import { BureauPagesModule } from './pages/bureau-pages.module';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { HttpPlatformModule } from './platform/http/http.module';
import { SharedThrottlerStorage } from './platform/http/throttler-storage';
import { DatabaseModule } from './platform/database/database.module';
import { HealthModule } from './platform/health/health.module';
import { AllExceptionsFilter } from './platform/http/exception.filter';
import { loggerOptions } from './platform/logging';
import { TextModule } from './platform/text/text.module';
import { QueueModule } from './platform/queue/queue.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { WeightingSchemesModule } from './weighting-schemes/weighting-schemes.module';

/** The HTTP application: every domain module, no queue workers (those run in worker.ts). */
@Module({
  imports: [
    ConfigModule,
    // A generous limit per address for everything; sign-in and receipt checks set tighter ones.
    // Counted in Redis, so that it holds across API instances (memory while Redis is down).
    ThrottlerModule.forRootAsync({
      inject: [SharedThrottlerStorage],
      useFactory: (storage: SharedThrottlerStorage) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: 1200 }], storage }),
    }),
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerOptions(config.LOG_LEVEL) }),
    DatabaseModule,
    QueueModule,
    TextModule,
    HttpPlatformModule,
    AuditModule,
    AuditTrailModule,
    NotificationsModule,
    AccountsModule,
    MembersModule,
    WeightingSchemesModule,
    ConsultationsModule,
    BallotsModule,
    FacilitiesModule,
    PagesModule,
    BureauPagesModule,
    SubscriptionsModule,
    OperationsModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}
