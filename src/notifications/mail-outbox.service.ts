import { Injectable } from '@nestjs/common';
import { OutboxService } from '../platform/queue/outbox.service';
import { MailHistoryRow, MailingMember, MailMessagesRepository } from './mail-messages.repository';
import { MailTemplates } from './mail-templates';

export interface MailRequest {
  /** Idempotency key: a second request with the same key is ignored (e.g. `invite:<consultation>:<member>:<link>`). */
  key: string;
  kind: string;
  to: string;
  /** views/mails/<template>.hbs (body) and <template>.subject.hbs */
  template: string;
  /** Everything the template needs; a ballot link is named by `ballotAccessId` and added at send time only. */
  context: Record<string, unknown>;
  memberId?: string | null;
  consultationId?: string | null;
}

export interface MailProgress {
  /** Per kind, each member's latest mail of that kind (a failed mail that was resent counts as the resend); `messages` counts every row. */
  byKind: { kind: string; queued: number; sent: number; failed: number; messages: number }[];
  /** Open failures only: members whose latest mail of that kind failed. */
  failures: {
    mailId: string;
    kind: string;
    to: string;
    reason: string | null;
    memberCode: string | null;
    memberName: string | null;
    memberId: string | null;
  }[];
  /** Every message, superseded ones included (only when asked for). */
  history?: MailHistoryEntry[];
}

/** One mail of a consultation, as the history shows it (the repository's row). */
export type MailHistoryEntry = MailHistoryRow;

/** How one mailing (every mail whose key starts alike, e.g. `decision-letter:<id>:`) stands: counts, and each member's mail. */
export interface MailingProgress {
  queued: number;
  sent: number;
  failed: number;
  /** Failed first, then waiting, then sent; by member name within each. */
  members: MailingMember[];
}

export type { MailingMember };

/**
 * Mail is written as a row in the command's own transaction and delivered by the worker. The
 * template is rendered once here too, so a broken template fails the command (and the tests), not
 * the delivery. Secrets (ballot links) are never stored: only the link's id is.
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly repository: MailMessagesRepository,
    private readonly outbox: OutboxService,
    private readonly templates: MailTemplates,
  ) {}

  queue(mail: MailRequest): Promise<void> {
    return this.queueMany([mail]);
  }

  async queueMany(mails: MailRequest[]): Promise<void> {
    if (mails.length === 0) return;
    for (const mail of mails) this.templates.check(mail.template, mail.context, '(persoonlijke link)');
    const ids = await this.repository.insertNew(mails);
    await this.outbox.enqueueMany(
      'send-mail',
      ids.map((id) => ({ data: { mailId: id }, jobId: `mail:${id}` })),
    );
  }

  /**
   * Fails the queued mails that carry one of these ballot links (a reissue revoked them), in the
   * revocation's own transaction: the worker then finds them failed and never sends an old link.
   */
  async failQueuedWithLinks(accessIds: string[], reason: string): Promise<void> {
    if (accessIds.length === 0) return;
    await this.repository.failQueuedWithLinks(accessIds, reason);
  }

  /**
   * Dispatch progress of a mailing outside a consultation, named by the prefix of its idempotency keys
   * (the letter "Stand van zaken": `decision-letter:<letter>:`). One row per mail; a few hundred per mailing.
   */
  async mailingProgress(keyPrefix: string): Promise<MailingProgress> {
    const members = await this.repository.mailing(keyPrefix);
    const count = (status: MailingMember['status']) => members.filter((m) => m.status === status).length;
    return { queued: count('queued'), sent: count('sent'), failed: count('failed'), members };
  }

  /** Dispatch progress of a consultation: each member's latest state per kind, the open failures, and on request the history. */
  async progress(consultationId: string, history = false): Promise<MailProgress> {
    const byKind = await this.repository.countsByKind(consultationId);
    const entries = await this.repository.history(consultationId, history);
    const failures = entries
      .filter((e) => e.latest && e.status === 'failed')
      .map(({ mailId, kind, to, reason, memberCode, memberName, memberId }) => ({ mailId, kind, to, reason, memberCode, memberName, memberId }));
    return { byKind, failures, ...(history ? { history: entries } : {}) };
  }
}
