import { Agent, request } from 'http';
import { performance } from 'perf_hooks';

/** One voter of a load run: its ballot token, its own client address and the bodies it sends in turn. */
export interface Voter {
  token: string;
  address: string;
  bodies: string[];
}

export interface LoadResult {
  /** Every answer with its status. */
  statuses: Record<number, number>;
  /** Transport errors (refused or reset connections, timeouts). */
  transportErrors: number;
  latenciesMs: number[];
  receipts: string[];
  /** The voters (by index) that got at least one 201. */
  counted: Set<number>;
  /** Each answer of a run with planned starts (`startAt`): when the request went out (ms since the epoch), how late against its plan, its status. */
  planned: { sentAt: number; lateMs: number; status: number }[];
  seconds: number;
}

function post(agent: Agent, port: number, path: string, voter: Voter, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-ballot-token': voter.token,
          'x-forwarded-for': voter.address,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A closed-loop load: every voter sends its next ballot as soon as the previous one was answered,
 * until `until` (ms since the epoch) or, with `once`, after one ballot each. Voter i talks to
 * ports[i % ports.length], so several API processes share the load evenly. `startAt` delays voter i
 * until that moment (the deadline rush spreads its voters over the last second).
 */
export async function runVoters(options: {
  ports: number[];
  path: string;
  voters: Voter[];
  until?: number;
  once?: boolean;
  startAt?: (i: number) => number;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const result: LoadResult = { statuses: {}, transportErrors: 0, latenciesMs: [], receipts: [], counted: new Set(), planned: [], seconds: 0 };
  const started = performance.now();
  await Promise.all(
    options.voters.map(async (voter, i) => {
      const port = options.ports[i % options.ports.length];
      const at = options.startAt?.(i);
      if (at !== undefined) await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      for (let n = 0; options.once ? n < 1 : Date.now() < (options.until ?? 0); n++) {
        const sent = performance.now();
        const sentAt = Date.now();
        try {
          const res = await post(agent, port, options.path, voter, voter.bodies[n % voter.bodies.length]);
          result.latenciesMs.push(performance.now() - sent);
          if (at !== undefined && n === 0) result.planned.push({ sentAt, lateMs: sentAt - at, status: res.status });
          result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
          if (res.status === 201) {
            result.receipts.push((JSON.parse(res.body) as { receiptCode: string }).receiptCode);
            result.counted.add(i);
          }
        } catch {
          result.transportErrors++;
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summary(result: LoadResult): { ok: number; errors: number; perSecond: number; p50: number; p99: number; max: number } {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const ok = result.statuses[201] ?? 0;
  const errors =
    result.transportErrors +
    Object.entries(result.statuses)
      .filter(([s]) => s !== '201')
      .reduce((n, [, c]) => n + c, 0);
  return { ok, errors, perSecond: ok / result.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/**
 * An open-loop load: ballots go out at a fixed rate whatever the answers do (as voters arrive on
 * their own), voter k % n sending the k-th. Latency counts from the moment a ballot was due, so a
 * server that falls behind cannot hide its queue.
 */
export async function runAtRate(options: { ports: number[]; path: string; voters: Voter[]; perSecond: number; seconds: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const result: LoadResult = { statuses: {}, transportErrors: 0, latenciesMs: [], receipts: [], counted: new Set(), planned: [], seconds: 0 };
  const started = performance.now();
  const total = Math.round(options.perSecond * options.seconds);
  const pending: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const i = k % options.voters.length;
    const voter = options.voters[i];
    pending.push(
      post(agent, options.ports[i % options.ports.length], options.path, voter, voter.bodies[Math.floor(k / options.voters.length) % voter.bodies.length]).then(
        (res) => {
          result.latenciesMs.push(performance.now() - due);
          result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
          if (res.status === 201) {
            result.receipts.push((JSON.parse(res.body) as { receiptCode: string }).receiptCode);
            result.counted.add(i);
          }
        },
        () => {
          result.transportErrors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}
