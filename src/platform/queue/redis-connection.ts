import type { RedisOptions } from 'bullmq';

/** BullMQ is given connection options, not a client, so that it owns (and closes) its connections. */
export function redisOptions(url: string, options: Omit<RedisOptions, 'url'> = {}): RedisOptions {
  return { url, ...options };
}
