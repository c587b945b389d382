/**
 * Errors that mean "the database cannot be reached right now", not "this request is wrong": the
 * connection was refused, reset or terminated, the server is shutting down or starting up
 * (SQLSTATE class 08, 57P01-57P03), the pool waited too long for a connection, or TypeORM has no
 * connection. They become a 503 with Retry-After; the request may simply be tried again.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
const MESSAGES = [
  /^Connection terminated/, // pg: the server went away (also "… unexpectedly", "… due to connection timeout")
  /timeout exceeded when trying to connect/, // pg-pool: no connection within connectionTimeoutMillis
  /is not queryable/, // pg: a client whose connection broke
  /Connection with \w+ database is not established/, // TypeORM ConnectionIsNotSetError
  /Driver not Connected/i,
  /Cannot execute operation on "\w+" connection because connection is not yet established/, // TypeORM
];
// TypeORM releases a transaction's query runner when its connection breaks; the transaction's next
// query then fails with one of these (seen when PostgreSQL stopped under 100 concurrent votes).
const RELEASED_RUNNER = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

/** Seconds a client is asked to wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause, errors, name } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    name?: unknown;
  };
  if (typeof name === 'string' && RELEASED_RUNNER.has(name)) return true;
  if (typeof code === 'string' && (code.startsWith('08') || SERVER_CODES.has(code) || NETWORK_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  // TypeORM wraps the driver's error (QueryFailedError.driverError); pg-pool sets `cause`; a refused
  // connection to a host with two addresses is an AggregateError.
  return [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/**
 * One log line per outage instead of a stack trace per request: the first refusal is logged; later
 * ones are counted until none came for `quietSeconds`, and the next outage's first line reports how
 * many requests the previous one refused.
 */
export class OutageLog {
  private lastAt = Number.NEGATIVE_INFINITY;
  private refused = 0;

  constructor(private readonly quietSeconds = 30) {}

  /** Returns the line to log for this refusal, or null when this outage has been logged already. */
  note(error: unknown, now = Date.now()): string | null {
    const newOutage = now - this.lastAt > this.quietSeconds * 1000;
    const previous = this.refused;
    this.lastAt = now;
    if (!newOutage) {
      this.refused += 1;
      return null;
    }
    this.refused = 1;
    const reason = (error as Error)?.message ?? String(error);
    return (
      `database unreachable (${reason}): answering 503 with Retry-After ${DATABASE_RETRY_AFTER_SECONDS} s until it is back` +
      (previous > 0 ? ` (the previous outage refused ${previous} request(s))` : '')
    );
  }
}
