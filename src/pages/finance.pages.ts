import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { BillingService } from '../billing/billing.service';
import { CreditDto, StartRunDto } from '../billing/dto/billing.dto';
import { InvoiceResponse } from '../billing/dto/billing.response';
import { voteText } from '../finance/charge-sources';
import { ContributionService } from '../finance/contribution/contribution.service';
import { BUDGET_ENTRY_KIND_NL } from '../finance/finance-labels';
import { FundService } from '../finance/fund/fund.service';
import { YearPipe } from '../platform/http/year.pipe';
import { DomainError, httpStatusOf } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatEuroCents, formatIntegerNl } from '../platform/text/dutch-format';
import { formFields } from '../platform/http/form-fields';
import { formView } from '../platform/http/money-form';
import { PAGE_SIZE, paging } from '../platform/http/money-paging';
import { FieldMessage, formErrors, refusalErrors, textField, wholeNumber } from './page-form';

const id = () => new UuidPipe('id');

const RUN_FIELDS: Record<string, string> = {
  year: 'Vul een jaartal in van 2000 tot en met 2100.',
  source: 'Kies wat u wilt factureren.',
  instalments: 'Kies een aantal termijnen van 1 tot en met 12.',
  firstDueOn: 'Vul een bestaande datum in als jjjj-mm-dd, of laat het veld leeg.',
};
const CREDIT_FIELDS: Record<string, string> = {
  reason: 'Vul de reden van de creditering in (hoogstens 500 tekens).',
};

/** The vote behind a figure as the pages show it: a sentence and the public result page. */
const vote = (decidedBy: Parameters<typeof voteText>[0]) => voteText(decidedBy);

/** Where a finance page sits (the breadcrumb trail above its title); the last crumb is the page itself. */
const FINANCE = { href: '/bestuur/financien', label: 'Financiën' };
const trail = (...crumbs: { href?: string; label: string }[]) => [FINANCE, ...crumbs];
const invoicesOf = (year: number) => ({ href: `/bestuur/financien/facturen?jaar=${year}`, label: `Facturen ${year}` });
const invoiceCrumb = (i: InvoiceResponse) => ({
  href: `/bestuur/financien/facturen/${i.id}`,
  label: `${i.kind === 'invoice' ? 'Factuur' : 'Creditnota'} ${i.number}`,
});

/**
 * The board's finance pages (Dutch, without JavaScript): contribution schedules and each member's
 * contribution, the collective fund's budgets and account, invoice runs (start one, follow it), the
 * invoices of a year, one invoice with the vote behind each figure, and crediting with a confirmation.
 */
@ApiExcludeController()
@Controller('bestuur/financien')
export class FinancePages {
  constructor(
    private readonly contribution: ContributionService,
    private readonly fund: FundService,
    private readonly billing: BillingService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async overview(@CurrentStaff() staff: SignedInStaff) {
    const schedules = await this.contribution.list();
    const budgets = await this.fund.list();
    const runs = await this.billing.listRuns();
    return this.renderer.render('finance', {
      title: 'Financiën',
      signedIn: true,
      staff,
      schedules: schedules.map((s) => ({ ...s, vote: vote(s.decidedBy), current: s.status === 'provisional' || s.status === 'adopted' })),
      budgets: budgets.map((b) => ({
        ...b,
        years: b.firstYear === b.lastYear ? String(b.firstYear) : `${b.firstYear}-${b.lastYear}`,
        vote: vote(b.decidedBy),
      })),
      invoiceYears: [...new Set(runs.map((r) => r.year))].sort((a, b) => b - a),
      runCount: runs.length,
    });
  }

  @Get('contributie/:year')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async contributionOf(@Param('year', new YearPipe()) year: number, @Query('pagina') pagina?: string) {
    const y = await this.contribution.forYear(year);
    const pager = paging(pagina, y.members.length, (p) => `/bestuur/financien/contributie/${year}?pagina=${p}`);
    return this.renderer.render('finance-contribution', {
      title: `Contributie ${year}`,
      signedIn: true,
      crumbs: trail({ label: `Contributie ${year}` }),
      year: y.year,
      schedule: { ...y.schedule, vote: vote(y.schedule.decidedBy) },
      carriedOver: y.carriedOver,
      total: y.total,
      count: y.members.length,
      paging: pager,
      members: y.members.slice(pager.offset, pager.offset + pager.size).map((m) => ({
        ...m,
        inhabitantsNl: formatIntegerNl(m.inhabitants),
        lines: m.lines.map((l) => ({ ...l, inhabitantsNl: formatIntegerNl(l.inhabitants) })),
      })),
    });
  }

  @Get('fonds/:id')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async budget(@Param('id', id()) budgetId: string) {
    const b = await this.fund.get(budgetId);
    return this.renderer.render('finance-budget', {
      title: b.title,
      signedIn: true,
      crumbs: trail({ label: b.title }),
      budget: b,
      vote: vote(b.decidedBy),
      entries: b.entries.map((e) => ({ ...e, kindNl: BUDGET_ENTRY_KIND_NL[e.kind as 'authorised' | 'spent'] })),
    });
  }

  @Get('facturatie')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async runs(@CurrentStaff() staff: SignedInStaff) {
    return this.renderRuns(staff, {}, []);
  }

  /** Starts a run and answers 303 to its page, where the board follows it; a refusal brings the form back with the reason at its field. */
  @Post('facturatie')
  @Can('finance.invoice')
  async startRun(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed = {
      year: textField(body, 'year'),
      source: textField(body, 'source'),
      instalments: textField(body, 'instalments'),
      firstDueOn: textField(body, 'firstDueOn'),
    };
    const dto = plainToInstance(StartRunDto, {
      year: wholeNumber(typed.year),
      source: typed.source,
      instalments: typed.instalments === '' ? undefined : wholeNumber(typed.instalments),
      firstDueOn: typed.firstDueOn || undefined,
    });
    const errors = formErrors(dto, RUN_FIELDS);
    if (!errors.length) {
      try {
        const run = await this.billing.startRun(dto, staffActor(staff));
        response.redirect(303, `/bestuur/financien/facturatie/${run.id}`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || !['INVALID_INPUT', 'DUPLICATE', 'NOT_EDITABLE'].includes(error.code)) throw error;
        response
          .status(httpStatusOf(error.code))
          .type('html')
          .send(await this.renderRuns(staff, typed, refusalErrors(error, 'year')));
        return;
      }
    }
    response
      .status(400)
      .type('html')
      .send(await this.renderRuns(staff, typed, errors));
  }

  @Get('facturatie/:id')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async run(@Param('id', id()) runId: string) {
    const run = await this.billing.run(runId);
    // The first page of the run's invoices; all of them are on the invoices page of the year.
    const invoices = run.status === 'done' ? await this.billing.invoices({ runId }, { page: 1, size: PAGE_SIZE, offset: 0 }) : null;
    return this.renderer.render('finance-run', {
      title: `Factuurrun ${run.sourceLabel} ${run.year}`,
      signedIn: true,
      crumbs: trail({ href: '/bestuur/financien/facturatie', label: 'Factuurruns' }, { label: `Factuurrun ${run.sourceLabel} ${run.year}` }),
      run,
      queued: run.status === 'queued',
      // While the worker runs it, the page asks the browser to load it again (no JavaScript needed).
      refreshSeconds: run.status === 'queued' ? 5 : null,
      invoices: invoices?.items.map(invoiceRow) ?? [],
      more: invoices ? invoices.total > invoices.items.length : false,
    });
  }

  @Get('facturen')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async invoices(@Query() query: Record<string, unknown>) {
    const years = [...new Set((await this.billing.listRuns()).map((r) => r.year))].sort((a, b) => b - a);
    const asked = typeof query.jaar === 'string' && query.jaar !== '' ? new YearPipe('jaar').transform(query.jaar) : years[0];
    const href = (p: number) => `/bestuur/financien/facturen?jaar=${asked}&pagina=${p}`;
    let pager = paging(query.pagina, Number.MAX_SAFE_INTEGER, href);
    let list = asked ? await this.billing.invoices({ year: asked }, { page: pager.page, size: pager.size, offset: pager.offset }) : null;
    if (list) {
      const asks = pager.page;
      pager = paging(query.pagina, list.total, href);
      // A page past the end shows the last one.
      if (pager.page !== asks) list = await this.billing.invoices({ year: asked }, { page: pager.page, size: pager.size, offset: pager.offset });
    }
    return this.renderer.render('finance-invoices', {
      title: asked ? `Facturen ${asked}` : 'Facturen',
      signedIn: true,
      crumbs: trail({ label: asked ? `Facturen ${asked}` : 'Facturen' }),
      year: asked ?? null,
      years: years.map((y) => ({ year: y, current: y === asked })),
      invoices: list?.items.map(invoiceRow) ?? [],
      total: list?.total ?? 0,
      paging: pager,
    });
  }

  @Get('facturen/:id')
  @Can('finance.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async invoice(@Param('id', id()) invoiceId: string, @CurrentStaff() staff: SignedInStaff) {
    const invoice = await this.billing.invoice(invoiceId);
    const run = await this.billing.run(invoice.runId);
    return this.renderer.render('finance-invoice', {
      title: `${invoice.kind === 'invoice' ? 'Factuur' : 'Creditnota'} ${invoice.number}`,
      signedIn: true,
      crumbs: trail(invoicesOf(invoice.year), { label: `${invoice.kind === 'invoice' ? 'Factuur' : 'Creditnota'} ${invoice.number}` }),
      invoice,
      run,
      isInvoice: invoice.kind === 'invoice',
      canCredit: invoice.kind === 'invoice' && !invoice.creditedById && allows(staff.role, 'finance.invoice'),
    });
  }

  @Get('facturen/:id/crediteren')
  @Can('finance.invoice')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async creditForm(@Param('id', id()) invoiceId: string) {
    return this.renderCredit(await this.billing.invoice(invoiceId), '', [], false);
  }

  /**
   * Crediting takes two steps: the reason, then a page that says what will happen (the credit note's
   * amount, that it cannot be undone) with a button to confirm. Only the confirmed post credits.
   */
  @Post('facturen/:id/crediteren')
  @Can('finance.invoice')
  async credit(@Param('id', id()) invoiceId: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const invoice = await this.billing.invoice(invoiceId);
    const reason = textField(body, 'reason');
    const errors = formErrors(plainToInstance(CreditDto, { reason }), CREDIT_FIELDS);
    if (errors.length) {
      response
        .status(400)
        .type('html')
        .send(this.renderCredit(invoice, reason, errors, false));
      return;
    }
    if (textField(body, 'confirmed') !== 'ja') {
      response
        .status(200)
        .type('html')
        .send(this.renderCredit(invoice, reason, [], true));
      return;
    }
    try {
      const note = await this.billing.credit(invoiceId, reason, staffActor(staff));
      response.redirect(303, `/bestuur/financien/facturen/${note.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || !['INVALID_INPUT', 'DUPLICATE'].includes(error.code)) throw error;
      response
        .status(httpStatusOf(error.code))
        .type('html')
        .send(
          this.renderCredit(
            invoice,
            reason,
            refusalErrors(error, 'reason').map((e) => ({ ...e, field: 'reason' })),
            false,
          ),
        );
    }
  }

  private async renderRuns(staff: SignedInStaff, typed: Record<string, string>, errors: FieldMessage[]): Promise<string> {
    const runs = await this.billing.listRuns();
    return this.renderer.render('finance-runs', {
      title: errors.length ? 'Fout: Factuurruns' : 'Factuurruns',
      signedIn: true,
      crumbs: trail({ label: 'Factuurruns' }),
      errors,
      canInvoice: allows(staff.role, 'finance.invoice'),
      runs,
      form: formView(['year', 'source', 'instalments', 'firstDueOn'], typed, errors),
      sources: this.billing.listSources().map((s) => ({ ...s, selected: s.key === typed.source })),
    });
  }

  private renderCredit(invoice: InvoiceResponse, reason: string, errors: FieldMessage[], confirming: boolean): string {
    const credited = invoice.creditedById !== null || invoice.kind !== 'invoice';
    return this.renderer.render('finance-credit', {
      title: `${errors.length ? 'Fout: ' : ''}Factuur ${invoice.number} crediteren`,
      signedIn: true,
      crumbs: trail(invoicesOf(invoice.year), invoiceCrumb(invoice), { label: 'Crediteren' }),
      invoice,
      reason,
      errors,
      confirming,
      credited,
      creditTotal: formatEuroCents(-BigInt(invoice.totalCents)),
      form: formView(['reason'], { reason }, errors),
    });
  }
}

/** One row of an invoice list, in Dutch. */
export function invoiceRow(i: InvoiceResponse) {
  return {
    id: i.id,
    number: i.number,
    kindNl: i.kindNl,
    memberName: i.memberName,
    memberCode: i.memberCode,
    issuedOn: i.issuedOn,
    total: i.total,
    creditedByNumber: i.creditedByNumber,
    creditsNumber: i.creditsNumber,
  };
}
