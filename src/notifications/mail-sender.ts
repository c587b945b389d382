import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { BallotLinks } from '../platform/ballot-links';
import { coalesced } from '../platform/database/coalesced';
import { JobData } from '../platform/queue/job-catalogue';
import { JobHandlers } from '../platform/queue/job-handlers';
import { MailMessagesRepository, MailToSend, SentMail } from './mail-messages.repository';
import { MailTemplates } from './mail-templates';
import { MailTransport } from './mail-transport';

/** An SMTP answer that retrying will not change: a 5xx. A 4xx or a dropped connection is retried. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

/** The worker's `send-mail` handler: renders, delivers, and records the outcome per message. */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);
  // The worker sends several mails at a time: their attempts and their sent marks go to PostgreSQL
  // together, one statement and one commit for the mails of one turn of the event loop, not one each.
  private readonly attempts = coalesced<string, MailToSend | null>(async (ids) => {
    const rows = new Map((await this.repository.startAttempts([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
  private readonly sent = coalesced<SentMail, void>(async (mails) => {
    await this.repository.recordSentMany([...mails]);
    return mails.map(() => undefined);
  });

  constructor(
    handlers: JobHandlers,
    private readonly repository: MailMessagesRepository,
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    private readonly links: BallotLinks,
  ) {
    handlers.register('send-mail', ({ mailId, smtpAccepted }, job) => this.deliver(mailId, job, smtpAccepted));
  }

  async deliver(mailId: string, job?: Job, smtpAccepted?: string): Promise<void> {
    // The SMTP server took this mail on an earlier attempt, but recording it failed: record, never resend.
    if (smtpAccepted) return this.sent.load({ id: mailId, messageId: smtpAccepted, subject: null });
    // Counts the attempt and reads the mail in one statement, only while it is queued: a mail sent
    // already, given up, or whose link a reissue revoked (which fails it) is never sent (again).
    const row = await this.attempts.load(mailId);
    if (!row) return;
    // The link is derived from its id and the key, never stored.
    const accessId = row.context.ballotAccessId as string | undefined;
    const mail = this.templates.render(row.template, row.context, accessId ? this.links.urlFor(accessId) : null);
    let messageId: string;
    try {
      messageId = await this.transport.send({ id: row.id, to: row.to_address, ...mail });
    } catch (error) {
      const reason = (error as Error).message;
      const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isPermanent(error) || lastAttempt) {
        await this.repository.recordFailed(row.id, reason, mail.subject);
        this.logger.warn(`mail ${row.id} to ${row.to_address} failed: ${reason}`);
        return;
      }
      await this.repository.recordRetry(row.id, reason, mail.subject);
      throw error; // BullMQ retries with exponential backoff
    }
    try {
      await this.sent.load({ id: row.id, messageId, subject: mail.subject });
    } catch (error) {
      // Sending and recording are separate steps: keep the fact in the job (Redis) until PostgreSQL has it.
      if (job) await job.updateData({ ...(job.data as JobData<'send-mail'>), smtpAccepted: messageId });
      this.logger.warn(
        `mail ${row.id} was accepted by the SMTP server but not recorded (${(error as Error).message}): kept in its job, to be recorded, not sent again`,
      );
      throw error;
    }
  }
}
