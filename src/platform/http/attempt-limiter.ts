import { Injectable } from '@nestjs/common';
import { DomainError } from './domain-error';

interface Window {
  failures: number[];
}

/**
 * Counts failed attempts (wrong password, unknown ballot link, unknown receipt code) per key in a
 * sliding window and refuses the key for the rest of the window once it has too many. Successful
 * requests cost nothing, so many municipalities behind one network address are never slowed down.
 * Kept in this process's memory: with several API instances, each limits on its own.
 */
@Injectable()
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  assertAllowed(key: string, limit: number, windowMs: number, now = Date.now()): void {
    const window = this.windows.get(key);
    if (!window) return;
    window.failures = window.failures.filter((at) => now - at < windowMs);
    if (window.failures.length >= limit) {
      const retryInSeconds = Math.ceil((window.failures[0] + windowMs - now) / 1000);
      throw new DomainError('TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${retryInSeconds} seconds`);
    }
  }

  recordFailure(key: string, now = Date.now()): void {
    const window = this.windows.get(key) ?? { failures: [] };
    window.failures.push(now);
    this.windows.set(key, window);
    if (this.windows.size > 100_000) this.windows.delete(this.windows.keys().next().value as string);
  }
}
