import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { QueueModule } from '../platform/queue/queue.module';
import { MetricsAccessGuard, MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { MetricsService } from './metrics.service';
import { OperationsRepository } from './operations.repository';
import { VoteMetricsMiddleware } from './vote-metrics.middleware';

/** What operators watch: GET /metrics for Prometheus, and the queues at /bestuur/wachtrijen (queue-dashboard.ts). */
@Module({
  imports: [AccountsModule, QueueModule],
  controllers: [MetricsController],
  providers: [MetricsRegistry, MetricsService, OperationsRepository, MetricsAccessGuard],
})
export class OperationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(VoteMetricsMiddleware)
      .forRoutes({ path: 'api/consultations/:id/ballot/submissions', method: RequestMethod.POST }, { path: 'stemmen/:token', method: RequestMethod.POST });
  }
}
