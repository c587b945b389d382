import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyAuditChain } from '../platform/audit/audit-chain';
import { loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/data-source';

/** `npm run audit:verify`: recomputes the audit chain; exit code 1 names the first entry that does not fit. */
async function main(): Promise<number> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
  await dataSource.initialize();
  try {
    const report = await verifyAuditChain(dataSource.manager);
    if (report.firstBroken) {
      const { id, chainSeq, reason } = report.firstBroken;
      console.error(`audit trail BROKEN at entry ${chainSeq} (id ${id}): ${reason}; ${report.entries} entries before it are intact`);
      return 1;
    }
    const waiting = report.unsealed
      ? `; ${report.unsealed} newer entries not sealed yet (oldest written ${report.oldestUnsealedAt}; the worker seals every second)`
      : '';
    console.log(`audit trail intact: ${report.entries} sealed entries${waiting}`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
