import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail page filters by action, newest first: an index on (action, id) reads one action's
 * entries in that order without scanning the whole trail (a rare action among millions of votes).
 */
export class AuditByAction1765200000000 implements MigrationInterface {
  name = 'AuditByAction1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_event_by_action ON audit_event (action, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_by_action`);
  }
}
