import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { DomainError } from './domain-error';
import { RateLimitStore } from './rate-limit-store';

/**
 * Counts failed attempts (wrong password, unknown ballot link, unknown receipt code) per key in a
 * window and refuses the key for the rest of the window once it has too many. Successful requests
 * cost nothing, so many municipalities behind one network address are never slowed down.
 *
 * The counters live in Redis, so every API instance sees the same ones. When Redis is unreachable
 * the counting goes on in this process's memory (rate-limiter-flexible's insurance limiter): limits
 * then hold per instance, and no request fails because of it.
 */
@Injectable()
export class AttemptLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(private readonly store: RateLimitStore) {}

  async assertAllowed(key: string, limit: number, windowMs: number): Promise<void> {
    const counted = await this.limiter(limit, windowMs)
      .get(key)
      .catch((error: Error) => this.unavailable(error));
    if (counted && counted.consumedPoints >= limit) {
      const retryInSeconds = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
      throw new DomainError('TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${retryInSeconds} seconds`);
    }
  }

  async recordFailure(key: string, limit: number, windowMs: number): Promise<void> {
    await this.limiter(limit, windowMs)
      .penalty(key, 1)
      .catch((error: Error) => this.unavailable(error));
  }

  private limiter(limit: number, windowMs: number): RateLimiterRedis {
    const name = `attempts-${limit}-${windowMs}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const options = { keyPrefix: name, points: limit, duration: Math.ceil(windowMs / 1000) };
      limiter = new RateLimiterRedis({ ...options, storeClient: this.store.redis, insuranceLimiter: new RateLimiterMemory(options) });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Only reached when memory failed too (it does not); never turn a limiter's trouble into a 500. */
  private unavailable(error: Error): null {
    this.store.markDown(error);
    return null;
  }
}
