import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OperationalCounts {
  openConsultations: number;
  mails: Record<'queued' | 'sent' | 'failed', number>;
  auditUnsealed: number;
}

/**
 * Read-only figures for operators, in one round trip: a report over the whole platform that writes
 * nothing and holds no rules. Open votes come from the consultations' published view
 * `consultations_phase`; the mail table (notifications) and the audit trail (platform/audit) are read
 * directly, the one declared exception to the rule that a module reads only its own tables and
 * published views (README, Architecture): counting them by state is what operators watch.
 */
@Injectable()
export class OperationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(): Promise<OperationalCounts> {
    const [row]: { open: number; queued: number; sent: number; failed: number; unsealed: number }[] = await this.dataSource.query(`
      SELECT (SELECT count(*)::int FROM consultations_phase WHERE status = 'voting_open') AS open,
             (SELECT count(*)::int FROM mail_message WHERE status = 'queued') AS queued,
             (SELECT count(*)::int FROM mail_message WHERE status = 'sent') AS sent,
             (SELECT count(*)::int FROM mail_message WHERE status = 'failed') AS failed,
             (SELECT count(*)::int FROM audit_event WHERE hash IS NULL) AS unsealed`);
    return { openConsultations: row.open, mails: { queued: row.queued, sent: row.sent, failed: row.failed }, auditUnsealed: row.unsealed };
  }
}
