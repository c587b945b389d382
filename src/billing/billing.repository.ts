import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';

export type RunStatus = 'queued' | 'done' | 'failed';

export interface RunRow {
  id: string;
  year: number;
  sourceKey: string;
  sourceLabel: string;
  status: RunStatus;
  instalments: number;
  firstDueOn: string | null;
  basis: string | null;
  invoiceCount: number;
  totalCents: string;
  error: string | null;
  requestedBy: string;
  requestedAt: Date;
  finishedAt: Date | null;
}

export interface InvoiceRow {
  id: string;
  kind: 'invoice' | 'credit_note';
  year: number;
  sequence: number;
  number: string;
  runId: string;
  sourceKey: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  addressee: string;
  email: string;
  issuedOn: string;
  totalCents: string;
  creditsInvoiceId: string | null;
  creditsNumber: string | null;
  creditedById: string | null;
  creditedByNumber: string | null;
  reason: string | null;
  sourceReference: string | null;
  createdAt: Date;
}

export interface LineRow {
  invoiceId: string;
  position: number;
  description: string;
  explanation: string;
  amountCents: string;
  decidedBy: string | null;
  decidedByPath: string | null;
}
export interface InstalmentRow {
  invoiceId: string;
  number: number;
  dueOn: string;
  amountCents: string;
}

export interface NewInvoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  year: number;
  sequence: number;
  number: string;
  runId: string;
  sourceKey: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  addressee: string;
  email: string;
  issuedOn: string;
  totalCents: bigint;
  creditsInvoiceId: string | null;
  reason: string | null;
  createdBy: string;
  sourceReference: string | null;
}

const RUN_COLUMNS = `r.id, r.year, r.source_key AS "sourceKey", r.source_label AS "sourceLabel", r.status, r.instalments,
  to_char(r.first_due_on, 'YYYY-MM-DD') AS "firstDueOn", r.basis, r.invoice_count AS "invoiceCount", r.total_cents::text AS "totalCents", r.error,
  r.requested_by AS "requestedBy", r.requested_at AS "requestedAt", r.finished_at AS "finishedAt"`;

const INVOICE_COLUMNS = `i.id, i.kind, i.year, i.sequence, i.number, i.run_id AS "runId", i.source_key AS "sourceKey", i.member_id AS "memberId",
  i.member_code AS "memberCode", i.member_name AS "memberName", i.addressee, i.email, to_char(i.issued_on, 'YYYY-MM-DD') AS "issuedOn",
  i.total_cents::text AS "totalCents", i.credits_invoice_id AS "creditsInvoiceId", ci.number AS "creditsNumber", cn.id AS "creditedById", cn.number AS "creditedByNumber",
  i.reason, i.source_reference AS "sourceReference", i.created_at AS "createdAt"`;
const INVOICE_FROM = `invoice i LEFT JOIN invoice ci ON ci.id = i.credits_invoice_id LEFT JOIN invoice cn ON cn.credits_invoice_id = i.id AND cn.kind = 'credit_note'`;

export interface InvoiceFilter {
  year?: number;
  sourceKey?: string;
  runId?: string;
  memberId?: string;
}

/** SQL of billing: runs, the gap-free number series, invoices with their lines and instalments. */
@Injectable()
export class BillingRepository {
  constructor(private readonly tx: Transactions) {}

  async insertRun(run: {
    year: number;
    sourceKey: string;
    sourceLabel: string;
    instalments: number;
    firstDueOn: string | null;
    requestedBy: string;
  }): Promise<string> {
    const [{ id }] = await this.tx
      .manager()
      .query<{ id: string }[]>(
        `INSERT INTO invoice_run (year, source_key, source_label, instalments, first_due_on, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [run.year, run.sourceKey, run.sourceLabel, run.instalments, run.firstDueOn, run.requestedBy],
      );
    return id;
  }

  async findRun(id: string, lock = false): Promise<RunRow | null> {
    const rows = await this.tx.manager().query<RunRow[]>(`SELECT ${RUN_COLUMNS} FROM invoice_run r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findRunFor(year: number, sourceKey: string): Promise<RunRow | null> {
    const rows = await this.tx.manager().query<RunRow[]>(`SELECT ${RUN_COLUMNS} FROM invoice_run r WHERE r.year = $1 AND r.source_key = $2`, [year, sourceKey]);
    return rows[0] ?? null;
  }

  listRuns(): Promise<RunRow[]> {
    return this.tx.manager().query(`SELECT ${RUN_COLUMNS} FROM invoice_run r ORDER BY r.year DESC, r.requested_at DESC`);
  }

  async finishRun(
    id: string,
    result: { status: RunStatus; basis?: string | null; invoiceCount?: number; totalCents?: bigint; error?: string | null },
  ): Promise<void> {
    await this.tx
      .manager()
      .query(
        `UPDATE invoice_run SET status = $2, basis = coalesce($3, basis), invoice_count = coalesce($4, invoice_count), total_cents = coalesce($5, total_cents), error = $6, finished_at = now() WHERE id = $1`,
        [id, result.status, result.basis ?? null, result.invoiceCount ?? null, result.totalCents?.toString() ?? null, result.error ?? null],
      );
  }

  /**
   * Takes `count` numbers of the year's series and returns the first. The counter row stays locked
   * until the transaction ends, so concurrent runs number one after the other, and a rollback gives
   * the numbers back: the series has no gaps.
   */
  async takeNumbers(year: number, count: number): Promise<number> {
    const [{ last }] = await this.tx.manager().query<{ last: string | number }[]>(
      `INSERT INTO invoice_number_counter (year, last_number) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_number = invoice_number_counter.last_number + EXCLUDED.last_number RETURNING last_number AS last`,
      [year, count],
    );
    return Number(last) - count + 1;
  }

  async invoicedMembers(year: number, sourceKey: string): Promise<Set<string>> {
    const rows: { memberId: string }[] = await this.tx
      .manager()
      .query(`SELECT member_id AS "memberId" FROM invoice WHERE year = $1 AND source_key = $2 AND kind = 'invoice'`, [year, sourceKey]);
    return new Set(rows.map((r) => r.memberId));
  }

  async insertInvoices(invoices: NewInvoice[], lines: LineRow[], instalments: InstalmentRow[]): Promise<void> {
    if (invoices.length === 0) return;
    const m = this.tx.manager();
    const col = <K extends keyof NewInvoice>(k: K) => invoices.map((i) => (typeof i[k] === 'bigint' ? String(i[k]) : i[k]));
    await m.query(
      `INSERT INTO invoice (id, kind, year, sequence, number, run_id, source_key, member_id, member_code, member_name, addressee, email, issued_on, total_cents, credits_invoice_id, reason, created_by, source_reference)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::uuid[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::bigint[], $15::uuid[], $16::text[], $17::text[], $18::text[])`,
      [
        col('id'),
        col('kind'),
        col('year'),
        col('sequence'),
        col('number'),
        col('runId'),
        col('sourceKey'),
        col('memberId'),
        col('memberCode'),
        col('memberName'),
        col('addressee'),
        col('email'),
        col('issuedOn'),
        col('totalCents'),
        col('creditsInvoiceId'),
        col('reason'),
        col('createdBy'),
        col('sourceReference'),
      ],
    );
    await m.query(
      `INSERT INTO invoice_line (invoice_id, position, description, explanation, amount_cents, decided_by, decided_by_path)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[])`,
      [
        lines.map((l) => l.invoiceId),
        lines.map((l) => l.position),
        lines.map((l) => l.description),
        lines.map((l) => l.explanation),
        lines.map((l) => l.amountCents),
        lines.map((l) => l.decidedBy),
        lines.map((l) => l.decidedByPath),
      ],
    );
    if (instalments.length) {
      await m.query(
        `INSERT INTO invoice_instalment (invoice_id, number, due_on, amount_cents) SELECT * FROM unnest($1::uuid[], $2::int[], $3::date[], $4::bigint[])`,
        [instalments.map((i) => i.invoiceId), instalments.map((i) => i.number), instalments.map((i) => i.dueOn), instalments.map((i) => i.amountCents)],
      );
    }
  }

  async findInvoice(id: string, lock = false): Promise<InvoiceRow | null> {
    if (lock) await this.tx.manager().query(`SELECT 1 FROM invoice WHERE id = $1 FOR UPDATE`, [id]);
    const rows = await this.tx.manager().query<InvoiceRow[]>(`SELECT ${INVOICE_COLUMNS} FROM ${INVOICE_FROM} WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listInvoices(filter: InvoiceFilter, page?: { offset: number; size: number }): Promise<{ rows: InvoiceRow[]; total: number }> {
    const where = `($1::int IS NULL OR i.year = $1) AND ($2::text IS NULL OR i.source_key = $2) AND ($3::uuid IS NULL OR i.run_id = $3) AND ($4::uuid IS NULL OR i.member_id = $4)`;
    const params = [filter.year ?? null, filter.sourceKey ?? null, filter.runId ?? null, filter.memberId ?? null];
    const m = this.tx.manager();
    const [{ total }] = await m.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM invoice i WHERE ${where}`, params);
    const rows = await m.query<InvoiceRow[]>(
      `SELECT ${INVOICE_COLUMNS} FROM ${INVOICE_FROM} WHERE ${where} ORDER BY i.year DESC, i.sequence${page ? ` LIMIT ${page.size} OFFSET ${page.offset}` : ''}`,
      params,
    );
    return { rows, total };
  }

  /** The invoices (not credit notes) a source charged for one of its arrangements, oldest first, locked: what a dissolution credits. */
  async invoicesOfReference(sourceKey: string, reference: string): Promise<InvoiceRow[]> {
    const m = this.tx.manager();
    await m.query(`SELECT 1 FROM invoice WHERE source_key = $1 AND source_reference = $2 AND kind = 'invoice' ORDER BY year, sequence FOR UPDATE`, [
      sourceKey,
      reference,
    ]);
    return m.query(
      `SELECT ${INVOICE_COLUMNS} FROM ${INVOICE_FROM} WHERE i.source_key = $1 AND i.source_reference = $2 AND i.kind = 'invoice' ORDER BY i.year, i.sequence`,
      [sourceKey, reference],
    );
  }

  linesOf(invoiceIds: string[]): Promise<LineRow[]> {
    return this.tx.manager().query(
      `SELECT invoice_id AS "invoiceId", position, description, explanation, amount_cents::text AS "amountCents", decided_by AS "decidedBy", decided_by_path AS "decidedByPath"
         FROM invoice_line WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, position`,
      [invoiceIds],
    );
  }

  instalmentsOf(invoiceIds: string[]): Promise<InstalmentRow[]> {
    return this.tx.manager().query(
      `SELECT invoice_id AS "invoiceId", number, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", amount_cents::text AS "amountCents"
         FROM invoice_instalment WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, number`,
      [invoiceIds],
    );
  }
}
