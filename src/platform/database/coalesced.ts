import DataLoader from 'dataloader';

/** How many writes go into one statement at most. */
export const COALESCE_MAX = 100;

/**
 * Single-row writes of concurrent jobs, gathered into one statement (one commit instead of one
 * each): the writes asked for in one turn of the event loop go together, so an idle process writes
 * at once and a busy one, whose turns carry many answers from the network, writes in batches
 * (a fixed wait of 5 ms cut the catch-up rate of a worker of ten jobs at a time by a third).
 * `write` takes every key gathered and answers one value per key, in order. Each caller's promise settles when the statement has, so a caller still knows its write is
 * stored before it goes on; when the statement fails, every caller in it gets the error. Nothing is
 * cached: the same key written twice is written twice. For work outside a command's transaction (the
 * worker's jobs): the statement runs on its own.
 */
export function coalesced<K, V>(write: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>(write, {
    cache: false,
    maxBatchSize: COALESCE_MAX,
    batchScheduleFn: (run) => setImmediate(run),
  });
}
