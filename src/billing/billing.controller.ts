import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { csvFile } from '../platform/http/csv-file';
import { YearPipe } from '../platform/http/year.pipe';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, PageQueryDto, pageOf, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { BillingService } from './billing.service';
import { CreditDto, InvoiceListQueryDto, StartRunDto } from './dto/billing.dto';
import { BookkeepingExportResponse, InvoicePage, InvoiceResponse, RunPage, RunResponse, SourcePage, SourceResponse } from './dto/billing.response';

const id = () => new UuidPipe('id');

/** Billing (facturatie): invoice runs per charge source, invoices, credit notes, the bookkeeping export. */
@ApiTags('billing')
@Controller('api/billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('sources')
  @Can('finance.read')
  @ApiDoc({ summary: 'List the charge sources billing can invoice (contribution, collective fund, …)', response: SourcePage })
  sources(@Query() query: PageQueryDto): Page<SourceResponse> {
    return pageOf(this.billing.listSources(), pageRequest(query));
  }

  @Post('runs')
  @HttpCode(202)
  @Can('finance.invoice')
  @ApiDoc({
    summary: 'Start the invoice run of a year and charge source; it runs in the queue',
    description: 'Refused for a year without adopted figures (400 naming year) and for a year and source that had a run (409).',
    status: 202,
    response: RunResponse,
    errors: [409],
  })
  startRun(@Body() body: StartRunDto, @CurrentStaff() staff: SignedInStaff): Promise<RunResponse> {
    return this.billing.startRun(body, staffActor(staff));
  }

  @Get('runs')
  @Can('finance.read')
  @ApiDoc({ summary: 'List the invoice runs and their status', response: RunPage })
  async runs(@Query() query: PageQueryDto): Promise<Page<RunResponse>> {
    return pageOf(await this.billing.listRuns(), pageRequest(query));
  }

  @Get('runs/:id')
  @Can('finance.read')
  @ApiDoc({ summary: 'Read one invoice run', response: RunResponse, errors: [404] })
  run(@Param('id', id()) runId: string): Promise<RunResponse> {
    return this.billing.run(runId);
  }

  @Get('invoices')
  @Can('finance.read')
  @ApiDoc({ summary: 'List invoices and credit notes, by year, source or run', response: InvoicePage })
  invoices(@Query() query: InvoiceListQueryDto): Promise<Page<InvoiceResponse>> {
    return this.billing.invoices({ year: query.year, sourceKey: query.source, runId: query.runId }, pageRequest(query));
  }

  @Get('invoices/:id')
  @Can('finance.read')
  @ApiDoc({ summary: 'Read an invoice with its lines and instalments', response: InvoiceResponse, errors: [404] })
  invoice(@Param('id', id()) invoiceId: string): Promise<InvoiceResponse> {
    return this.billing.invoice(invoiceId);
  }

  @Post('invoices/:id/credit')
  @Can('finance.invoice')
  @ApiDoc({ summary: 'Credit an invoice fully, with a reason (a credit note, never an edit)', status: 201, response: InvoiceResponse, errors: [404, 409] })
  credit(@Param('id', id()) invoiceId: string, @Body() body: CreditDto, @CurrentStaff() staff: SignedInStaff): Promise<InvoiceResponse> {
    return this.billing.credit(invoiceId, body.reason, staffActor(staff));
  }

  @Get('years/:year/bookkeeping')
  @Can('finance.read')
  @ApiDoc({ summary: 'Export every invoice and credit note of a year for the bookkeeping (JSON)', response: BookkeepingExportResponse })
  bookkeeping(@Param('year', new YearPipe()) year: number): Promise<BookkeepingExportResponse> {
    return this.billing.bookkeeping(year);
  }

  @Get('years/:year/bookkeeping.csv')
  @Can('finance.read')
  @ApiDoc({
    summary: 'Export every invoice line of a year for the bookkeeping (CSV)',
    produces: 'text/csv',
    responseDescription: 'CSV with a header line, ";" separated, one row per invoice line',
  })
  async bookkeepingCsv(@Param('year', new YearPipe()) year: number): Promise<StreamableFile> {
    return csvFile(await this.billing.bookkeepingCsv(year), `facturen-${year}.csv`);
  }

  @Get('own/invoices')
  @Can('finance.own')
  @ApiDoc({ summary: "List the invoices and credit notes of the signed-in official's municipality", response: InvoicePage })
  own(@Query() query: PageQueryDto, @CurrentStaff() staff: SignedInStaff): Promise<Page<InvoiceResponse>> {
    return this.billing.invoices({ memberId: staff.memberId ?? '00000000-0000-0000-0000-000000000000' }, pageRequest(query));
  }
}
