import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, PageQueryDto, pageOf, pageRequest } from '../platform/http/openapi/paging';
import { csvFile } from '../platform/http/csv-file';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateScheduleDto } from './contribution/contribution.dto';
import { ContributionService } from './contribution/contribution.service';
import { AttachEffectDto } from './decision-effects/decision-effect.dto';
import { DecisionEffectsService } from './decision-effects/decision-effects.service';
import {
  BudgetDetailResponse,
  BudgetPage,
  BudgetResponse,
  ConsultationImpactResponse,
  EffectResponse,
  SchedulePage,
  ScheduleResponse,
  SharesResponse,
  YearContributionResponse,
} from './dto/finance.response';
import { FundEntryDto, ImportBudgetDto, SharesQueryDto } from './fund/fund.dto';
import { FinancialImpactService } from './financial-impact.service';
import { FundService } from './fund/fund.service';
import { YearPipe } from '../platform/http/year.pipe';

const id = () => new UuidPipe('id');

/** Decision effects: what a proposal's adopted outcome sets. */
@ApiTags('finance')
@Controller('api/proposals/:id/effect')
export class DecisionEffectsController {
  constructor(private readonly effects: DecisionEffectsService) {}

  @Post()
  @Can('finance.prepare')
  @ApiDoc({
    summary: "Set what the proposal's adopted outcome sets (a contribution raise, a fund budget); before voting opens",
    status: 201,
    response: EffectResponse,
    errors: [404, 409],
  })
  attach(@Param('id', id()) proposalId: string, @Body() body: AttachEffectDto, @CurrentStaff() staff: SignedInStaff): Promise<EffectResponse> {
    return this.effects.attach(proposalId, body, staffActor(staff));
  }

  @Get()
  @ApiDoc({ summary: "Read the proposal's effect and whether it was applied (public, like the proposal)", response: EffectResponse, errors: [404] })
  get(@Param('id', id()) proposalId: string): Promise<EffectResponse> {
    return this.effects.forProposal(proposalId);
  }
}

/** The contribution (contributie) and the collective fund (GGU): schedules, budgets, shares, the impact before a vote. */
@ApiTags('finance')
@Controller('api/finance')
export class FinanceController {
  constructor(
    private readonly contribution: ContributionService,
    private readonly fund: FundService,
    private readonly impact: FinancialImpactService,
  ) {}

  @Get('consultations/:id/impact')
  @Can('finance.read')
  @ApiDoc({
    summary: 'Show before the vote what each member would pay under each choice, and the totals per choice',
    response: ConsultationImpactResponse,
    errors: [404],
  })
  impactOf(@Param('id', id()) consultationId: string): Promise<ConsultationImpactResponse> {
    return this.impact.report(consultationId);
  }

  @Get('contribution-schedules')
  @Can('finance.read')
  @ApiDoc({ summary: 'List every contribution schedule, in force or not, with the vote that set it', response: SchedulePage })
  async schedules(@Query() query: PageQueryDto): Promise<Page<ScheduleResponse>> {
    return pageOf(await this.contribution.list(), pageRequest(query));
  }

  @Post('contribution-schedules')
  @Can('finance.prepare')
  @ApiDoc({ summary: 'Enter a schedule decided outside the platform (its basis names that decision)', status: 201, response: ScheduleResponse, errors: [409] })
  createSchedule(@Body() body: CreateScheduleDto, @CurrentStaff() staff: SignedInStaff): Promise<ScheduleResponse> {
    return this.contribution.create(body, staffActor(staff));
  }

  @Get('contribution-schedules/:id')
  @Can('finance.read')
  @ApiDoc({ summary: 'Read one contribution schedule', response: ScheduleResponse, errors: [404] })
  schedule(@Param('id', id()) scheduleId: string): Promise<ScheduleResponse> {
    return this.contribution.get(scheduleId);
  }

  @Get('contribution/:year')
  @Can('finance.read')
  @ApiDoc({ summary: "Show every member's contribution for a year, line by line, under the rates in force", response: YearContributionResponse, errors: [404] })
  contributionFor(@Param('year', new YearPipe()) year: number): Promise<YearContributionResponse> {
    return this.contribution.forYear(year);
  }

  @Get('contribution/:year/export')
  @Can('finance.read')
  @ApiDoc({
    summary: "Export the year's contributions as CSV for the bookkeeping",
    produces: 'text/csv',
    responseDescription: 'CSV with a header line, ";" separated',
    errors: [404],
  })
  async contributionCsv(@Param('year', new YearPipe()) year: number): Promise<StreamableFile> {
    return csvFile(await this.contribution.csv(year), `contributie-${year}.csv`);
  }

  @Post('fund-budgets/import')
  @Can('finance.prepare')
  @ApiDoc({
    summary: 'Import a collective fund budget (CSV or JSON); refused with a report when stated sums differ, unless acceptComputedSums',
    status: 201,
    response: BudgetDetailResponse,
    errors: [422],
  })
  importBudget(@Body() body: ImportBudgetDto, @CurrentStaff() staff: SignedInStaff): Promise<BudgetDetailResponse> {
    return this.fund.import(body, staffActor(staff));
  }

  @Get('fund-budgets')
  @Can('finance.read')
  @ApiDoc({ summary: 'List every collective fund budget with its check and the vote that adopted it', response: BudgetPage })
  async budgets(@Query() query: PageQueryDto): Promise<Page<BudgetResponse>> {
    return pageOf(await this.fund.list(), pageRequest(query));
  }

  @Get('fund-budgets/:id')
  @Can('finance.read')
  @ApiDoc({ summary: 'Read a budget with its activities and its account: budget, authorised, spent', response: BudgetDetailResponse, errors: [404] })
  budget(@Param('id', id()) budgetId: string): Promise<BudgetDetailResponse> {
    return this.fund.get(budgetId);
  }

  @Get('fund-budgets/:id/shares')
  @Can('finance.read')
  @ApiDoc({ summary: "Show each member's share of one year of the budget, by inhabitants (largest remainder)", response: SharesResponse, errors: [404] })
  shares(@Param('id', id()) budgetId: string, @Query() query: SharesQueryDto): Promise<SharesResponse> {
    return this.fund.shares(budgetId, query.year, query.referenceDate);
  }

  @Post('fund-budgets/:id/entries')
  @HttpCode(201)
  @Can('finance.authorise')
  @ApiDoc({ summary: 'Authorise spending for a compartment and year, or record spending', status: 201, response: BudgetDetailResponse, errors: [404, 409] })
  addEntry(@Param('id', id()) budgetId: string, @Body() body: FundEntryDto, @CurrentStaff() staff: SignedInStaff): Promise<BudgetDetailResponse> {
    return this.fund.addEntry(budgetId, body, staffActor(staff));
  }
}
