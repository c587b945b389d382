import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The Redis connection of the rate limits (failed attempts and the general throttle), shared by every
 * API instance so that a limit reached on one holds on all. Keys start with QUEUE_PREFIX, like the
 * queues'. Commands never wait for a lost Redis (no offline queue, one-second timeout): the limiters
 * then fall back to this process's memory instead of holding up or failing the request.
 */
@Injectable()
export class RateLimitStore implements OnModuleDestroy {
  readonly redis: IORedis;
  private readonly logger = new Logger(RateLimitStore.name);
  private down = false;

  constructor(config: AppConfig) {
    this.redis = new IORedis(config.REDIS_URL, {
      keyPrefix: `${config.QUEUE_PREFIX}:limits:`,
      enableOfflineQueue: false,
      // Under load many requests ask at once: their commands go to Redis in one write per turn of the event loop.
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', (error) => this.markDown(error));
    this.redis.on('ready', () => {
      if (this.down) this.logger.log('Redis is back: rate limits are shared between instances again');
      this.down = false;
    });
  }

  /** Called by a limiter that had to fall back to memory; logs once per outage. */
  markDown(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(`Redis unavailable for rate limits (${error.message}): counting in this process's memory until it is back`);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
