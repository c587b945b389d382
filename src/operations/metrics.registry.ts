import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The API process's Prometheus metrics (prom-client). Counters and the latency histogram are fed by
 * the vote middleware; the gauges are read from PostgreSQL and BullMQ when Prometheus scrapes.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly votes = new Counter({
    name: 'lr_votes_total',
    help: 'Ballot submissions answered, by outcome (received, or refused with its HTTP status) and channel (api, page)',
    labelNames: ['outcome', 'status', 'channel'] as const,
    registers: [this.registry],
  });

  readonly voteLatency = new Histogram({
    name: 'lr_vote_duration_seconds',
    help: 'Time from receiving a ballot submission to its answer',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly openConsultations = new Gauge({ name: 'lr_consultations_open', help: 'Consultations whose voting is open', registers: [this.registry] });

  readonly mails = new Gauge({ name: 'lr_mails', help: 'Mail messages by status', labelNames: ['status'] as const, registers: [this.registry] });

  readonly auditUnsealed = new Gauge({ name: 'lr_audit_unsealed', help: 'Audit entries waiting to be sealed into the hash chain', registers: [this.registry] });

  readonly queueJobs = new Gauge({
    name: 'lr_queue_jobs',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly up = new Gauge({
    name: 'lr_dependency_up',
    help: '1 when the dependency answered the last scrape',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'lr_' });
  }
}
