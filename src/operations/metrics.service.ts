import { Injectable } from '@nestjs/common';
import { QueueName } from '../platform/queue/job-catalogue';
import { OutboxRelay } from '../platform/queue/outbox.relay';
import { MetricsRegistry } from './metrics.registry';
import { OperationsRepository } from './operations.repository';

const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Refreshes the gauges from PostgreSQL and BullMQ, then renders every metric for Prometheus. */
@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly repository: OperationsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  async render(): Promise<string> {
    await Promise.all([this.readDatabase(), this.readQueues()]);
    return this.metrics.registry.metrics();
  }

  private async readDatabase(): Promise<void> {
    try {
      const counts = await within(this.repository.counts(), 2000);
      this.metrics.openConsultations.set(counts.openConsultations);
      for (const [status, n] of Object.entries(counts.mails)) this.metrics.mails.set({ status }, n);
      this.metrics.auditUnsealed.set(counts.auditUnsealed);
      this.metrics.up.set({ dependency: 'postgresql' }, 1);
    } catch {
      this.metrics.up.set({ dependency: 'postgresql' }, 0);
    }
  }

  private async readQueues(): Promise<void> {
    try {
      for (const name of Object.values(QueueName)) {
        const counts = await within(this.relay.queue(name).getJobCounts(...JOB_STATES), 1000);
        for (const state of JOB_STATES) this.metrics.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
      }
      this.metrics.up.set({ dependency: 'redis' }, 1);
    } catch {
      this.metrics.up.set({ dependency: 'redis' }, 0);
    }
  }
}
