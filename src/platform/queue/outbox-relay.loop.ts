import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from './outbox.relay';

/** In the worker: moves outbox rows to BullMQ every second, so nothing waits for the API's own attempt. */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private failing = false;

  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), 1000);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while ((await this.relay.relayPending()) > 0);
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
