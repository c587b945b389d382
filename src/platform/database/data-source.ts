import 'reflect-metadata';
import { join } from 'path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { QueryErrorLogger } from './query-error-logger';

/** One definition of the connection, used by the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    logger: new QueryErrorLogger(),
    // A request waits at most 10 s for a connection, then answers 503 instead of hanging on a lost database.
    extra: { max: 20, connectionTimeoutMillis: 10_000 },
  };
}

// The TypeORM CLI (`npm run migration:*`) loads this default export.
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
