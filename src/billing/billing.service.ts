import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { stringify } from 'csv-stringify/sync';
import { allows } from '../accounts/permissions';
import type { StaffRole } from '../accounts/staff-account.entity';
import { MembersService } from '../members/members.service';
import { AuditService } from '../platform/audit/audit.service';
import { splitInstalments } from './instalments';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { AppConfig } from '../platform/config/app-config';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { Page, PageRequest } from '../platform/http/openapi/paging';
import { OutboxService } from '../platform/queue/outbox.service';
import { formatDateNl, formatEuroCents, TIME_ZONE } from '../platform/text/dutch-format';
import { ChargeSources } from './charge-source';
import { BillingRepository, InvoiceFilter, InvoiceRow, LineRow, NewInvoice, RunRow } from './billing.repository';
import { StartRunDto } from './dto/billing.dto';
import { BookkeepingExportResponse, InvoiceResponse, RunResponse, SourceResponse } from './dto/billing.response';
import { Clock } from '../platform/clock';
import { invoiceLetter, InvoiceLetter } from './invoice-letter';

export const RUN_STATUS_NL: Record<RunRow['status'], string> = {
  queued: 'in de wachtrij',
  done: 'gereed',
  failed: 'mislukt',
};

/** What a member owes for one year: per charge source its lines, as the invoice explains them. */
export interface OwedYear {
  year: number;
  total: string;
  charges: {
    source: string;
    total: string;
    totalCents: bigint;
    lines: { description: string; explanation: string; amount: string; decidedBy: string | null; decidedByPath: string | null }[];
  }[];
}

/** "2021-00042": the year's series, credit notes included, without gaps. */
export const invoiceNumber = (year: number, sequence: number) => `${year}-${String(sequence).padStart(5, '0')}`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Billing (facturatie), one module for every arrangement: a yearly invoice run per charge source goes
 * through the queue and charges each member once; numbers follow one series per year without gaps;
 * each invoice is explained line by line and split into instalments that add up exactly; the letter
 * goes to the member's secretary through the mail queue; a figure that changes after invoicing gets a
 * credit note, never an edit.
 */
@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly repository: BillingRepository,
    private readonly sources: ChargeSources,
    private readonly members: MembersService,
    private readonly outbox: OutboxService,
    private readonly mail: MailOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  }

  private readonly publicUrl: string;

  /** Where the letter of an invoice or credit note is read (page, and PDF beside it); the mails link to it. */
  letterUrl(invoiceId: string): string {
    return `${this.publicUrl}/facturen/${invoiceId}`;
  }

  listSources(): SourceResponse[] {
    return this.sources.list().map((s) => ({ key: s.key, label: s.label }));
  }

  /**
   * Starts a run: refused for an unknown source, a year whose figures are not adopted, or a year and
   * source that had a run already; otherwise the run is written with its job in one transaction.
   */
  async startRun(input: StartRunDto, actor: string): Promise<RunResponse> {
    const source = this.sources.find(input.source);
    if (!source)
      throw DomainError.invalid(
        'source',
        `must be one of ${this.sources
          .list()
          .map((s) => s.key)
          .join(', ')}`,
      );
    if (input.firstDueOn && !DAY.test(input.firstDueOn)) throw DomainError.invalid('firstDueOn', 'must be a date YYYY-MM-DD');
    return this.tx.run(async () => {
      const existing = await this.repository.findRunFor(input.year, source.key);
      if (existing) {
        throw new DomainError('DUPLICATE', `year: ${source.label} ${input.year} was invoiced by the run of ${formatDateNl(existing.requestedAt)} already`, [
          { field: 'year', rule: 'one invoice run per year and charge source' },
        ]);
      }
      // Refuses now, naming the year, when nothing is adopted for it: the board hears it at once, not from a failed job.
      await source.chargesFor(input.year);
      const terms = await source.invoiceTermsFor?.(input.year);
      if (terms) {
        const dues = terms.dueDates.map((d) => formatDateNl(`${d}T12:00:00Z`)).join(' en ');
        if (input.instalments !== undefined && input.instalments !== terms.dueDates.length) {
          throw DomainError.invalid(
            'instalments',
            `${source.label} ${input.year} is paid in ${terms.dueDates.length} instalments (due ${dues}) set by the arrangement: leave instalments empty`,
          );
        }
        if (input.firstDueOn !== undefined && input.firstDueOn !== terms.dueDates[0]) {
          throw DomainError.invalid('firstDueOn', `${source.label} ${input.year} falls due on ${dues}, set by the arrangement: leave firstDueOn empty`);
        }
      }
      const instalments = terms?.dueDates.length ?? input.instalments ?? 1;
      const id = await this.repository.insertRun({
        year: input.year,
        sourceKey: source.key,
        sourceLabel: source.label,
        instalments,
        firstDueOn: terms?.dueDates[0] ?? input.firstDueOn ?? null,
        requestedBy: actor,
      });
      await this.outbox.enqueue('invoice-run', { runId: id }, { jobId: `invoice-run:${id}` });
      await this.audit.record({
        actor,
        action: 'invoice_run.requested',
        subjectType: 'invoice_run',
        subjectId: id,
        details: { year: input.year, source: source.key, instalments, terms: terms ?? null },
      });
      return this.runView((await this.repository.findRun(id))!);
    });
  }

  /**
   * The job: invoices every member the source charges that has no invoice of this year and source,
   * in one transaction with the numbers. Running it again changes nothing. A refusal of the source
   * (its figures were withdrawn meanwhile) marks the run failed; anything else is thrown, so the queue retries.
   */
  async executeRun(runId: string, now = this.clock.now(), actor = 'worker'): Promise<void> {
    try {
      await this.tx.run(async () => {
        const run = await this.repository.findRun(runId, true);
        if (!run || run.status !== 'queued') return;
        const source = this.sources.find(run.sourceKey);
        if (!source) throw new DomainError('INVALID_INPUT', `charge source ${run.sourceKey} is no longer registered`);
        const done = await this.repository.invoicedMembers(run.year, run.sourceKey);
        const charges = (await source.chargesFor(run.year))
          .map((c) => ({ ...c, total: c.lines.reduce((sum, l) => sum + l.amountCents, 0n) }))
          .filter((c) => c.total > 0n && !done.has(c.memberId));
        for (const c of charges)
          if (c.lines.some((l) => l.amountCents < 0n)) throw new Error(`charge source ${source.key} gave a negative line for member ${c.memberId}`);
        const addresses = new Map((await this.members.listByIds(charges.map((c) => c.memberId))).map((m) => [m.id, m]));
        charges.sort((a, b) => addresses.get(a.memberId)!.cbsCode.localeCompare(addresses.get(b.memberId)!.cbsCode));
        // A source with its own terms dates the invoice and splits it itself; otherwise today, rule I1 from the run's first due date.
        const terms = await source.invoiceTermsFor?.(run.year);
        const issuedOn = terms?.issuedOn ?? DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!;
        const firstDue = run.firstDueOn ?? DateTime.fromISO(issuedOn).plus({ days: 30 }).toISODate()!;
        const split = (c: (typeof charges)[number]): { dueOn: string; amount: bigint }[] => {
          if (!terms) {
            return splitInstalments(c.total, run.instalments).map((amount, k) => ({
              dueOn: DateTime.fromISO(firstDue)
                .plus({ months: k * Math.floor(12 / run.instalments) })
                .toISODate()!,
              amount,
            }));
          }
          const parts = c.instalmentsCents ?? [];
          if (parts.length !== terms.dueDates.length || parts.reduce((sum, p) => sum + p, 0n) !== c.total) {
            throw new Error(
              `charge source ${source.key} split member ${c.memberId}'s ${c.total} cents into [${parts.join(', ')}], not ${terms.dueDates.length} parts adding up`,
            );
          }
          return parts.map((amount, k) => ({ dueOn: terms.dueDates[k], amount }));
        };
        const first = charges.length ? await this.repository.takeNumbers(run.year, charges.length) : 0;
        const invoices: NewInvoice[] = [];
        const lines: LineRow[] = [];
        const instalments: { invoiceId: string; number: number; dueOn: string; amountCents: string }[] = [];
        charges.forEach((c, i) => {
          const member = addresses.get(c.memberId)!;
          const id = randomUUID();
          invoices.push({
            id,
            kind: 'invoice',
            year: run.year,
            sequence: first + i,
            number: invoiceNumber(run.year, first + i),
            runId: run.id,
            sourceKey: run.sourceKey,
            memberId: c.memberId,
            memberCode: member.cbsCode,
            memberName: member.name,
            addressee: member.secretaryName,
            email: member.secretaryEmail,
            issuedOn,
            totalCents: c.total,
            creditsInvoiceId: null,
            reason: null,
            createdBy: actor,
            sourceReference: c.reference ?? null,
          });
          c.lines.forEach((l, j) =>
            lines.push({
              invoiceId: id,
              position: j + 1,
              description: l.description,
              explanation: l.explanation,
              amountCents: l.amountCents.toString(),
              decidedBy: l.decidedBy?.text ?? null,
              decidedByPath: l.decidedBy?.path ?? null,
            }),
          );
          split(c).forEach(({ dueOn, amount }, k) => instalments.push({ invoiceId: id, number: k + 1, dueOn, amountCents: amount.toString() }));
        });
        await this.repository.insertInvoices(invoices, lines, instalments);
        const total = charges.reduce((sum, c) => sum + c.total, 0n);
        await this.repository.finishRun(run.id, { status: 'done', basis: await source.basisFor(run.year), invoiceCount: invoices.length, totalCents: total });
        await this.mail.queueMany(
          invoices.map((inv) => ({
            key: `invoice:${inv.id}`,
            kind: 'invoice',
            to: inv.email,
            template: 'invoice',
            memberId: inv.memberId,
            context: {
              briefUrl: this.letterUrl(inv.id),
              gemeente: inv.memberName,
              aanhef: inv.addressee,
              nummer: inv.number,
              onderwerp: `${run.sourceLabel} ${run.year}`,
              bedrag: formatEuroCents(inv.totalCents),
              factuurdatum: formatDateNl(`${inv.issuedOn}T12:00:00Z`),
              regels: lines
                .filter((l) => l.invoiceId === inv.id)
                .map((l) => ({ omschrijving: l.description, berekening: l.explanation, bedrag: formatEuroCents(BigInt(l.amountCents)), besluit: l.decidedBy })),
              termijnen: instalments
                .filter((i) => i.invoiceId === inv.id)
                .map((i) => ({ nummer: i.number, vervaldatum: formatDateNl(`${i.dueOn}T12:00:00Z`), bedrag: formatEuroCents(BigInt(i.amountCents)) })),
            },
          })),
        );
        await this.audit.record({
          actor,
          action: 'invoice_run.done',
          subjectType: 'invoice_run',
          subjectId: run.id,
          details: { invoices: invoices.length, totalCents: total.toString(), numbers: invoices.length ? [invoices[0].number, invoices.at(-1)!.number] : [] },
        });
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`invoice run ${runId} refused: ${error.message}`);
      await this.tx.run(async () => {
        const run = await this.repository.findRun(runId, true);
        if (run?.status !== 'queued') return;
        await this.repository.finishRun(runId, { status: 'failed', error: error.message });
        await this.audit.record({ actor, action: 'invoice_run.failed', subjectType: 'invoice_run', subjectId: runId, details: { error: error.message } });
      });
    }
  }

  /** Credits an invoice fully with a reason: a credit note with every line negated, the next number of the invoice's year, mailed like the invoice. */
  async credit(invoiceId: string, reason: string, actor: string, now = this.clock.now()): Promise<InvoiceResponse> {
    const why = reason.trim();
    if (!why) throw DomainError.invalid('reason', 'must not be empty');
    return this.tx.run(async () => {
      const invoice = await this.repository.findInvoice(invoiceId, true);
      if (!invoice) throw DomainError.notFound('invoice', invoiceId);
      if (invoice.kind !== 'invoice') throw DomainError.invalid('id', 'a credit note is not credited; credit the invoice it belongs to');
      if (invoice.creditedById)
        throw new DomainError('DUPLICATE', `invoice ${invoice.number} was credited already by ${invoice.creditedByNumber}`, [
          { field: 'id', rule: 'an invoice is credited once' },
        ]);
      const sequence = await this.repository.takeNumbers(invoice.year, 1);
      const id = randomUUID();
      const lines = await this.repository.linesOf([invoice.id]);
      await this.repository.insertInvoices(
        [
          {
            ...invoice,
            id,
            kind: 'credit_note',
            sequence,
            number: invoiceNumber(invoice.year, sequence),
            totalCents: -BigInt(invoice.totalCents),
            issuedOn: DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!,
            creditsInvoiceId: invoice.id,
            reason: why,
            createdBy: actor,
          },
        ],
        lines.map((l) => ({ ...l, invoiceId: id, amountCents: (-BigInt(l.amountCents)).toString() })),
        [],
      );
      await this.mail.queue({
        key: `invoice:${id}`,
        kind: 'credit-note',
        to: invoice.email,
        template: 'credit-note',
        memberId: invoice.memberId,
        context: {
          briefUrl: this.letterUrl(id),
          gemeente: invoice.memberName,
          aanhef: invoice.addressee,
          nummer: invoiceNumber(invoice.year, sequence),
          factuur: invoice.number,
          reden: why,
          bedrag: formatEuroCents(-BigInt(invoice.totalCents)),
        },
      });
      await this.audit.record({
        actor,
        action: 'invoice.credited',
        subjectType: 'invoice',
        subjectId: invoice.id,
        details: { creditNote: id, number: invoiceNumber(invoice.year, sequence), reason: why },
      });
      return this.invoice(id);
    });
  }

  /**
   * Credits every invoice a source charged for one of its arrangements (`reference`) that is not
   * credited yet, each through `credit` with the same reason, in the caller's transaction when there is
   * one (a dissolution). Returns what was credited, per invoice.
   */
  async creditAllOf(
    sourceKey: string,
    reference: string,
    reason: string,
    actor: string,
    now = this.clock.now(),
  ): Promise<{ invoice: InvoiceResponse; creditNote: InvoiceResponse }[]> {
    return this.tx.run(async () => {
      const open = (await this.repository.invoicesOfReference(sourceKey, reference)).filter((i) => !i.creditedById);
      const credited: { invoice: InvoiceResponse; creditNote: InvoiceResponse }[] = [];
      for (const invoice of open) {
        const creditNote = await this.credit(invoice.id, reason, actor, now);
        credited.push({ invoice: await this.invoice(invoice.id), creditNote });
      }
      return credited;
    });
  }

  /**
   * The letter of an invoice or credit note for one reader: staff who read the finances see every
   * letter, a member official only those of its own municipality.
   */
  async letterFor(id: string, reader: { role: StaffRole; memberId: string | null }): Promise<{ invoice: InvoiceResponse; letter: InvoiceLetter }> {
    const readsAll = allows(reader.role, 'finance.read');
    if (!readsAll && !allows(reader.role, 'finance.own')) throw new DomainError('FORBIDDEN', `The role ${reader.role} may not read invoices`);
    const invoice = await this.invoice(id);
    if (!readsAll && reader.memberId !== invoice.memberId)
      throw new DomainError('FORBIDDEN', `The role ${reader.role} may read the letters of its own municipality only`);
    const run = await this.repository.findRun(invoice.runId);
    return { invoice, letter: invoiceLetter(invoice, run?.sourceLabel ?? this.sources.find(invoice.sourceKey)?.label ?? 'Bijdrage') };
  }

  /**
   * What one member owes per year under each charge source, line by line as the invoice will say it,
   * for the years with adopted figures; a year a source refuses (nothing adopted) is left out.
   */
  async owedBy(memberId: string): Promise<OwedYear[]> {
    const byYear = new Map<number, OwedYear['charges']>();
    for (const source of this.sources.list()) {
      for (const year of (await source.yearsWithFigures?.()) ?? []) {
        const charges = await source.chargesFor(year).catch((error: unknown) => {
          if (error instanceof DomainError) return [];
          throw error;
        });
        const mine = charges.find((c) => c.memberId === memberId);
        if (!mine) continue;
        const total = mine.lines.reduce((sum, l) => sum + l.amountCents, 0n);
        byYear.set(year, [
          ...(byYear.get(year) ?? []),
          {
            source: source.label,
            total: formatEuroCents(total),
            totalCents: total,
            lines: mine.lines.map((l) => ({
              description: l.description,
              explanation: l.explanation,
              amount: formatEuroCents(l.amountCents),
              decidedBy: l.decidedBy?.text ?? null,
              decidedByPath: l.decidedBy?.path ?? null,
            })),
          },
        ]);
      }
    }
    return [...byYear.entries()]
      .sort(([a], [b]) => b - a)
      .map(([year, charges]) => ({
        year,
        charges,
        total: formatEuroCents(charges.reduce((sum, c) => sum + c.totalCents, 0n)),
      }));
  }

  async listRuns(): Promise<RunResponse[]> {
    return (await this.repository.listRuns()).map((r) => this.runView(r));
  }

  async run(id: string): Promise<RunResponse> {
    const run = await this.repository.findRun(id);
    if (!run) throw DomainError.notFound('invoice run', id);
    return this.runView(run);
  }

  async invoice(id: string): Promise<InvoiceResponse> {
    const row = await this.repository.findInvoice(id);
    if (!row) throw DomainError.notFound('invoice', id);
    return (await this.withDetails([row]))[0];
  }

  async invoices(filter: InvoiceFilter, page: PageRequest): Promise<Page<InvoiceResponse>> {
    const { rows, total } = await this.repository.listInvoices(filter, page);
    return { items: await this.withDetails(rows), page: page.page, size: page.size, total };
  }

  /** Every invoice and credit note of a year for the bookkeeping (JSON). */
  async bookkeeping(year: number): Promise<BookkeepingExportResponse> {
    const { rows } = await this.repository.listInvoices({ year });
    const invoices = (await this.withDetails(rows)).sort((a, b) => a.sequence - b.sequence);
    return { year, invoices, totalCents: invoices.reduce((sum, i) => sum + i.totalCents, 0) };
  }

  /** The same as CSV, one row per line: what a bookkeeping package imports as journal lines. */
  async bookkeepingCsv(year: number): Promise<string> {
    const { invoices } = await this.bookkeeping(year);
    return stringify(
      invoices.flatMap((i) =>
        i.lines.map((l) => [
          i.number,
          i.kind,
          i.issuedOn,
          i.sourceKey,
          i.memberCode,
          i.memberName,
          l.position,
          l.description,
          l.explanation,
          (l.amountCents / 100).toFixed(2),
          i.creditsNumber ?? '',
          i.reason ?? '',
        ]),
      ),
      {
        delimiter: ';',
        header: true,
        columns: [
          'number',
          'kind',
          'issued_on',
          'source',
          'member_code',
          'member_name',
          'line',
          'description',
          'explanation',
          'amount_eur',
          'credits',
          'reason',
        ],
      },
    );
  }

  private runView(r: RunRow): RunResponse {
    return {
      id: r.id,
      year: r.year,
      source: r.sourceKey,
      sourceLabel: r.sourceLabel,
      status: r.status,
      statusNl: RUN_STATUS_NL[r.status],
      instalments: r.instalments,
      firstDueOn: r.firstDueOn,
      basis: r.basis,
      invoiceCount: r.invoiceCount,
      totalCents: Number(r.totalCents),
      total: formatEuroCents(BigInt(r.totalCents)),
      error: r.error,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      finishedAt: r.finishedAt,
    };
  }

  private async withDetails(rows: InvoiceRow[]): Promise<InvoiceResponse[]> {
    const ids = rows.map((r) => r.id);
    const lines = await this.repository.linesOf(ids);
    const instalments = await this.repository.instalmentsOf(ids);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindNl: r.kind === 'invoice' ? 'factuur' : 'creditnota',
      number: r.number,
      year: r.year,
      sequence: r.sequence,
      runId: r.runId,
      sourceKey: r.sourceKey,
      memberId: r.memberId,
      memberCode: r.memberCode,
      memberName: r.memberName,
      addressee: r.addressee,
      email: r.email,
      issuedOn: r.issuedOn,
      totalCents: Number(r.totalCents),
      total: formatEuroCents(BigInt(r.totalCents)),
      creditsInvoiceId: r.creditsInvoiceId,
      creditsNumber: r.creditsNumber,
      creditedById: r.creditedById,
      creditedByNumber: r.creditedByNumber,
      reason: r.reason,
      lines: lines
        .filter((l) => l.invoiceId === r.id)
        .map((l) => ({
          position: l.position,
          description: l.description,
          explanation: l.explanation,
          amountCents: Number(l.amountCents),
          amount: formatEuroCents(BigInt(l.amountCents)),
          decidedBy: l.decidedBy,
          decidedByPath: l.decidedByPath,
        })),
      instalments: instalments
        .filter((i) => i.invoiceId === r.id)
        .map((i) => ({ number: i.number, dueOn: i.dueOn, amountCents: Number(i.amountCents), amount: formatEuroCents(BigInt(i.amountCents)) })),
    }));
  }
}
