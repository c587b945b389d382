import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';

/** A mail to write: the columns of one mail_message row. */
export interface NewMailMessage {
  key: string;
  kind: string;
  to: string;
  template: string;
  context: Record<string, unknown>;
  memberId?: string | null;
  consultationId?: string | null;
}

/** What the sender needs of a mail it is about to send. */
export interface MailToSend {
  id: string;
  to_address: string;
  template: string;
  context: Record<string, unknown>;
}

/** A mail the SMTP server took: its id there, and the subject it went out with (null: keep the stored one). */
export interface SentMail {
  id: string;
  messageId: string;
  subject: string | null;
}

export interface MailKindCount {
  kind: string;
  queued: number;
  sent: number;
  failed: number;
  messages: number;
}

export interface MailingMember {
  mailId: string;
  memberId: string | null;
  memberCode: string | null;
  memberName: string | null;
  to: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  reason: string | null;
  sentAt: Date | null;
}

export interface MailHistoryRow {
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
 * The mail_message table: every mail with its delivery state (the receipt's row is written by cast_ballot).
 * The lists of a mailing name each member and sort by its name in SQL, over thousands of mails: the
 * names come from the members' published view `members_directory` (migration 1766100000000).
 */
@Injectable()
export class MailMessagesRepository {
  constructor(private readonly tx: Transactions) {}

  /** Inserts the mails whose key is new; returns the ids of those inserted. */
  async insertNew(mails: NewMailMessage[]): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager().query(
      `INSERT INTO mail_message (key, kind, to_address, template, context, member_id, consultation_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::uuid[], $7::uuid[])
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [
        mails.map((m) => m.key),
        mails.map((m) => m.kind),
        mails.map((m) => m.to.toLowerCase()),
        mails.map((m) => m.template),
        mails.map((m) => JSON.stringify(m.context)),
        mails.map((m) => m.memberId ?? null),
        mails.map((m) => m.consultationId ?? null),
      ],
    );
    return rows.map((r) => r.id);
  }

  async failQueuedWithLinks(accessIds: string[], reason: string): Promise<void> {
    await this.tx
      .manager()
      .query(`UPDATE mail_message SET status = 'failed', last_error = $2 WHERE status = 'queued' AND context->>'ballotAccessId' = ANY ($1::text[])`, [
        accessIds,
        reason,
      ]);
  }

  /**
   * Counts an attempt of each queued mail and returns them, in one statement; a mail that is not
   * queued (sent, given up, link revoked) is not among them.
   */
  async startAttempts(mailIds: string[]): Promise<MailToSend[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [MailToSend[], number] = await this.tx
      .manager()
      .query(`UPDATE mail_message SET attempts = attempts + 1 WHERE id = ANY ($1::uuid[]) AND status = 'queued' RETURNING id, to_address, template, context`, [
        mailIds,
      ]);
    return rows;
  }

  /** Records mails the SMTP server took, in one statement (a subject of null keeps the stored one). */
  async recordSentMany(sent: SentMail[]): Promise<void> {
    await this.tx.manager().query(
      `UPDATE mail_message m SET status = 'sent', sent_at = now(), smtp_message_id = s.message_id, last_error = NULL, subject = coalesce(s.subject, m.subject)
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, message_id, subject)
        WHERE m.id = s.id AND m.status = 'queued'`,
      [sent.map((x) => x.id), sent.map((x) => x.messageId), sent.map((x) => x.subject)],
    );
  }

  async recordFailed(id: string, reason: string, subject: string): Promise<void> {
    await this.tx
      .manager()
      .query(`UPDATE mail_message SET status = 'failed', last_error = $2, subject = $3 WHERE id = $1 AND status = 'queued'`, [id, reason, subject]);
  }

  async recordRetry(id: string, reason: string, subject: string): Promise<void> {
    await this.tx.manager().query(`UPDATE mail_message SET last_error = $2, subject = $3 WHERE id = $1`, [id, reason, subject]);
  }

  /** Per kind, each member's latest mail by state, and every message. */
  countsByKind(consultationId: string): Promise<MailKindCount[]> {
    return this.tx.manager().query(
      `SELECT kind, count(*) FILTER (WHERE latest AND status = 'queued')::int AS queued, count(*) FILTER (WHERE latest AND status = 'sent')::int AS sent,
              count(*) FILTER (WHERE latest AND status = 'failed')::int AS failed, count(*)::int AS messages
         FROM (${WITH_LATEST}) x GROUP BY kind ORDER BY kind`,
      [consultationId],
    );
  }

  /** Every message (`all`) or only the open failures, with the member it went to. */
  history(consultationId: string, all: boolean): Promise<MailHistoryRow[]> {
    return this.tx.manager().query(
      `SELECT x.id AS "mailId", x.kind, x.to_address AS "to", x.status, x.attempts, x.last_error AS "reason", x.created_at AS "createdAt", x.sent_at AS "sentAt",
              mb.cbs_code AS "memberCode", mb.name AS "memberName", mb.id AS "memberId", x.latest
         FROM (${WITH_LATEST}) x LEFT JOIN members_directory mb ON mb.id = x.member_id
        WHERE $2 OR (x.latest AND x.status = 'failed')
        ORDER BY mb.name, x.kind, x.created_at, x.id`,
      [consultationId, all],
    );
  }

  /** Every mail whose idempotency key starts with `keyPrefix` (one mailing), failed first, then waiting, then sent. */
  mailing(keyPrefix: string): Promise<MailingMember[]> {
    return this.tx.manager().query(
      `SELECT mm.id AS "mailId", mb.id AS "memberId", mb.cbs_code AS "memberCode", mb.name AS "memberName", mm.to_address AS "to",
              mm.status, mm.attempts, mm.last_error AS "reason", mm.sent_at AS "sentAt"
         FROM mail_message mm LEFT JOIN members_directory mb ON mb.id = mm.member_id
        WHERE starts_with(mm.key, $1)
        ORDER BY array_position(ARRAY['failed', 'queued', 'sent'], mm.status), mb.name, mm.to_address`,
      [keyPrefix],
    );
  }
}
