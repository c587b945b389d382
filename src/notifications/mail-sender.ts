import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { BallotLinks } from '../platform/ballot-links';
import { Transactions } from '../platform/database/transactions';
import { JobData } from '../platform/queue/job-catalogue';
import { JobHandlers } from '../platform/queue/job-handlers';
import { MailTemplates } from './mail-templates';
import { MailTransport } from './mail-transport';

interface MailRow {
  id: string;
  to_address: string;
  template: string;
  context: Record<string, unknown>;
  status: 'queued' | 'sent' | 'failed';
}

/** An SMTP answer that retrying will not change: a 5xx. A 4xx or a dropped connection is retried. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

/** The worker's `send-mail` handler: renders, delivers, and records the outcome per message. */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);

  constructor(
    handlers: JobHandlers,
    private readonly tx: Transactions,
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    private readonly links: BallotLinks,
  ) {
    handlers.register('send-mail', ({ mailId, smtpAccepted }, job) => this.deliver(mailId, job, smtpAccepted));
  }

  async deliver(mailId: string, job?: Job, smtpAccepted?: string): Promise<void> {
    // The SMTP server took this mail on an earlier attempt, but recording it failed: record, never resend.
    if (smtpAccepted) return this.recordSent(mailId, smtpAccepted);
    const m = this.tx.manager();
    const [row]: MailRow[] = await m.query(`SELECT id, to_address, template, context, status FROM mail_message WHERE id = $1`, [mailId]);
    if (!row || row.status !== 'queued') return; // sent already, given up, or its link revoked: never (twice)
    // The link is derived from its id and the key, never stored; a revoked link's mail was failed by the revocation.
    const accessId = row.context.ballotAccessId as string | undefined;
    const mail = this.templates.render(row.template, row.context, accessId ? this.links.urlFor(accessId) : null);
    // Counts the attempt only while the mail is still queued: a revocation that came in between wins.
    const [counted]: [unknown[], number] = await m.query(
      `UPDATE mail_message SET attempts = attempts + 1, subject = $2 WHERE id = $1 AND status = 'queued' RETURNING id`, [row.id, mail.subject]);
    if (counted.length === 0) return;
    let messageId: string;
    try {
      messageId = await this.transport.send({ id: row.id, to: row.to_address, ...mail });
    } catch (error) {
      const reason = (error as Error).message;
      const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isPermanent(error) || lastAttempt) {
        await this.fail(row.id, reason);
        this.logger.warn(`mail ${row.id} to ${row.to_address} failed: ${reason}`);
        return;
      }
      await m.query(`UPDATE mail_message SET last_error = $2 WHERE id = $1`, [row.id, reason]);
      throw error; // BullMQ retries with exponential backoff
    }
    try {
      await this.recordSent(row.id, messageId);
    } catch (error) {
      // Sending and recording are separate steps: keep the fact in the job (Redis) until PostgreSQL has it.
      if (job) await job.updateData({ ...(job.data as JobData<'send-mail'>), smtpAccepted: messageId });
      this.logger.warn(`mail ${row.id} was accepted by the SMTP server but not recorded (${(error as Error).message}): kept in its job, to be recorded, not sent again`);
      throw error;
    }
  }

  private async recordSent(id: string, messageId: string): Promise<void> {
    await this.tx.manager().query(
      `UPDATE mail_message SET status = 'sent', sent_at = now(), smtp_message_id = $2, last_error = NULL WHERE id = $1 AND status = 'queued'`,
      [id, messageId],
    );
  }

  private async fail(id: string, reason: string): Promise<void> {
    await this.tx.manager().query(`UPDATE mail_message SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'queued'`, [id, reason]);
  }
}
