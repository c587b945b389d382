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
  byKind: { kind: string; queued: number; sent: number; failed: number }[];
  failures: { mailId: string; kind: string; to: string; reason: string | null; memberCode: string | null; memberName: string | null; memberId: string | null }[];
}

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

  /** Dispatch progress of a consultation: counts per kind and status, and every failure with its reason. */
  async progress(consultationId: string): Promise<MailProgress> {
    const m = this.tx.manager();
    const counts: { kind: string; status: string; n: number }[] = await m.query(
      `SELECT kind, status, count(*)::int AS n FROM mail_message WHERE consultation_id = $1 GROUP BY kind, status ORDER BY kind, status`, [consultationId],
    );
    const failures = await m.query(
      `SELECT mm.id AS "mailId", mm.kind, mm.to_address AS "to", mm.last_error AS "reason", mb.cbs_code AS "memberCode", mb.name AS "memberName", mb.id AS "memberId"
         FROM mail_message mm LEFT JOIN member mb ON mb.id = mm.member_id
        WHERE mm.consultation_id = $1 AND mm.status = 'failed' ORDER BY mb.name, mm.created_at`, [consultationId],
    );
    const kinds = [...new Set(counts.map((c) => c.kind))];
    return {
      byKind: kinds.map((kind) => {
        const of = (status: string) => counts.find((c) => c.kind === kind && c.status === status)?.n ?? 0;
        return { kind, queued: of('queued'), sent: of('sent'), failed: of('failed') };
      }),
      failures,
    };
  }
}
