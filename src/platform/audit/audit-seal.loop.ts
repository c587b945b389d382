import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sealAuditEntries } from './audit-chain';

/** In the worker: seals new audit entries into the hash chain every second. */
@Injectable()
export class AuditSealLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly INTERVAL_MS = 1000;
  private readonly logger = new Logger(AuditSealLoop.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private failing = false;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), AuditSealLoop.INTERVAL_MS);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await sealAuditEntries(this.dataSource.manager);
      if (this.failing) this.logger.log('audit sealing recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`audit sealing paused: ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
