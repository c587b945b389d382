import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

/**
 * TypeORM's failed queries go to the application's log (without their parameters, which may hold
 * personal data). A lost connection is not logged per query: the exception filter and the worker's
 * loops report an outage once, instead of a line for every query of every request.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQueryError(error: string | Error, query: string): void {
    if (isDatabaseUnavailable(error)) return;
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error} -- ${query.slice(0, 500)}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    // The pool reports each idle connection the server cut; the outage itself is reported elsewhere.
    if (level !== 'warn' || String(message).startsWith('Postgres pool raised an error')) return;
    this.logger.warn(String(message));
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
}
