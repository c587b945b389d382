import DataLoader from 'dataloader';

/** How long a write waits for others to join it, and how many go into one statement at most. */
export const COALESCE_WINDOW_MS = 5;
export const COALESCE_MAX = 100;

/**
 * Single-row writes of concurrent jobs, gathered for a few milliseconds into one statement (one
 * commit instead of one each): `write` takes every key gathered and answers one value per key, in
 * order. Each caller's promise settles when the statement has, so a caller still knows its write is
 * stored before it goes on; when the statement fails, every caller in it gets the error. Nothing is
 * cached: the same key written twice is written twice. For work outside a command's transaction (the
 * worker's jobs): the statement runs on its own.
 */
export function coalesced<K, V>(write: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>(write, {
    cache: false,
    maxBatchSize: COALESCE_MAX,
    batchScheduleFn: (run) => setTimeout(run, COALESCE_WINDOW_MS),
  });
}
