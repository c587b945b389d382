import IORedis, { RedisOptions } from 'ioredis';

/** A Redis connection from a redis:// URL; BullMQ workers need maxRetriesPerRequest null. */
export function redisConnection(url: string, options: RedisOptions = {}): IORedis {
  return new IORedis(url, { lazyConnect: false, ...options });
}
