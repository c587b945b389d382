import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitStore } from './rate-limit-store';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The general request limit (@nestjs/throttler) counted in Redis through rate-limiter-flexible (the
 * library the attempt limits use), shared by every API instance. While Redis is unreachable each
 * limiter counts in this process's memory (its insurance limiter), so an outage never turns
 * requests into 500s. (@nest-lab/throttler-storage-redis does the same but supports NestJS 11 only.)
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(private readonly store: RateLimitStore) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    const limiter = this.limiter(throttlerName, limit, ttl, blockDuration);
    try {
      const res = await limiter.consume(key);
      return { totalHits: res.consumedPoints, timeToExpire: seconds(res.msBeforeNext), isBlocked: false, timeToBlockExpire: 0 };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) {
        // Memory failed too (it does not); never let the limiter fail the request.
        this.store.markDown(refusal as Error);
        return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
      }
      const wait = seconds(refusal.msBeforeNext);
      return { totalHits: refusal.consumedPoints, timeToExpire: wait, isBlocked: true, timeToBlockExpire: wait };
    }
  }

  private limiter(name: string, limit: number, ttlMs: number, blockMs: number): RateLimiterRedis {
    const id = `throttle-${name}-${limit}-${ttlMs}-${blockMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { keyPrefix: id, points: limit, duration: seconds(ttlMs), blockDuration: blockMs > 0 ? seconds(blockMs) : 0 };
      limiter = new RateLimiterRedis({ ...options, storeClient: this.store.redis, insuranceLimiter: new RateLimiterMemory(options) });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
