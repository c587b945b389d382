import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OperationalCounts {
  openConsultations: number;
  mails: Record<'queued' | 'sent' | 'failed', number>;
  auditUnsealed: number;
}

/**
 * Read-only figures for operators, in one round trip. It reads other modules' tables on purpose: it
 * is a report over the whole platform, writes nothing and holds no rules.
 */
@Injectable()
export class OperationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(): Promise<OperationalCounts> {
    const [row]: { open: number; queued: number; sent: number; failed: number; unsealed: number }[] = await this.dataSource.query(`
      SELECT (SELECT count(*)::int FROM consultation WHERE status = 'voting_open') AS open,
             (SELECT count(*)::int FROM mail_message WHERE status = 'queued') AS queued,
             (SELECT count(*)::int FROM mail_message WHERE status = 'sent') AS sent,
             (SELECT count(*)::int FROM mail_message WHERE status = 'failed') AS failed,
             (SELECT count(*)::int FROM audit_event WHERE hash IS NULL) AS unsealed`);
    return { openConsultations: row.open, mails: { queued: row.queued, sent: row.sent, failed: row.failed }, auditUnsealed: row.unsealed };
  }
}
