import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import { OutboxService } from '../platform/queue/outbox.service';
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
  failures: { mailId: string; kind: string; to: string; reason: string | null; memberCode: string | null; memberName: string | null; memberId: string | null }[];
  /** Every message, superseded ones included (only when asked for). */
  history?: MailHistoryEntry[];
}

export interface MailHistoryEntry {
  mailId: string;
  kind: string;
  to: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  reason: string | null;
  createdAt: Date;
  sentAt: Date | null;
  memberCode: string | null;
  memberName: string | null;
  memberId: string | null;
  /** False when a later mail of the same kind went to the same member. */
  latest: boolean;
}

// Every mail of a consultation with whether it is its member's latest of that kind (mails without a member: per address).
const WITH_LATEST = `
  SELECT mm.*, row_number() OVER (PARTITION BY mm.kind, coalesce(mm.member_id::text, mm.to_address) ORDER BY mm.created_at DESC, mm.id DESC) = 1 AS latest
    FROM mail_message mm WHERE mm.consultation_id = $1`;

/**
 * Mail is written as a row in the command's own transaction and delivered by the worker. The
 * template is rendered once here too, so a broken template fails the command (and the tests), not
 * the delivery. Secrets (ballot links) are never stored: only the link's id is.
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly tx: Transactions,
    private readonly outbox: OutboxService,
    private readonly templates: MailTemplates,
  ) {}

  queue(mail: MailRequest): Promise<void> {
    return this.queueMany([mail]);
  }

  async queueMany(mails: MailRequest[]): Promise<void> {
    if (mails.length === 0) return;
    for (const mail of mails) this.templates.render(mail.template, mail.context, '(persoonlijke link)');
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO mail_message (key, kind, to_address, template, context, member_id, consultation_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::uuid[], $7::uuid[])
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [mails.map((m) => m.key), mails.map((m) => m.kind), mails.map((m) => m.to.toLowerCase()), mails.map((m) => m.template),
        mails.map((m) => JSON.stringify(m.context)), mails.map((m) => m.memberId ?? null), mails.map((m) => m.consultationId ?? null)],
    );
    await this.outbox.enqueueMany('send-mail', rows.map(({ id }) => ({ data: { mailId: id }, jobId: `mail:${id}` })));
  }

  /**
   * Fails the queued mails that carry one of these ballot links (a reissue revoked them), in the
   * revocation's own transaction: the worker then finds them failed and never sends an old link.
   */
  async failQueuedWithLinks(accessIds: string[], reason: string): Promise<void> {
    if (accessIds.length === 0) return;
    await this.tx.manager().query(
      `UPDATE mail_message SET status = 'failed', last_error = $2 WHERE status = 'queued' AND context->>'ballotAccessId' = ANY ($1::text[])`,
      [accessIds, reason],
    );
  }

  /** Dispatch progress of a consultation: each member's latest state per kind, the open failures, and on request the history. */
  async progress(consultationId: string, history = false): Promise<MailProgress> {
    const m = this.tx.manager();
    const byKind: MailProgress['byKind'] = await m.query(
      `SELECT kind, count(*) FILTER (WHERE latest AND status = 'queued')::int AS queued, count(*) FILTER (WHERE latest AND status = 'sent')::int AS sent,
              count(*) FILTER (WHERE latest AND status = 'failed')::int AS failed, count(*)::int AS messages
         FROM (${WITH_LATEST}) x GROUP BY kind ORDER BY kind`, [consultationId],
    );
    const entries: MailHistoryEntry[] = await m.query(
      `SELECT x.id AS "mailId", x.kind, x.to_address AS "to", x.status, x.attempts, x.last_error AS "reason", x.created_at AS "createdAt", x.sent_at AS "sentAt",
              mb.cbs_code AS "memberCode", mb.name AS "memberName", mb.id AS "memberId", x.latest
         FROM (${WITH_LATEST}) x LEFT JOIN member mb ON mb.id = x.member_id
        WHERE $2 OR (x.latest AND x.status = 'failed')
        ORDER BY mb.name, x.kind, x.created_at, x.id`, [consultationId, history],
    );
    const failures = entries.filter((e) => e.latest && e.status === 'failed')
      .map(({ mailId, kind, to, reason, memberCode, memberName, memberId }) => ({ mailId, kind, to, reason, memberCode, memberName, memberId }));
    return { byKind, failures, ...(history ? { history: entries } : {}) };
  }
}
