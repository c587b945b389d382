import 'reflect-metadata';
import { loadConfig } from '../platform/config/app-config';
import { prepareDatabase } from '../platform/database/prepare-database';

/** `npm run db:prepare` (after `npm run build`): creates the database when missing and runs pending migrations. */
async function main(): Promise<void> {
  const ran = await prepareDatabase(loadConfig().DATABASE_URL);
  console.log(ran.length ? `migrations run: ${ran.join(', ')}` : 'database up to date: no pending migrations');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
