import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { IsoDatePipe } from '../platform/http/iso-date.pipe';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateScheduleDto } from './contribution/contribution.dto';
import { ContributionService } from './contribution/contribution.service';
import { AttachEffectDto } from './decision-effects/decision-effect.dto';
import { DecisionEffectsService } from './decision-effects/decision-effects.service';
import { BudgetResponse, EffectResponse, ImpactResponse, ScheduleResponse, SharesResponse, YearContributionResponse } from './finance.responses';
import { FundEntryDto, ImportBudgetDto } from './fund/fund.dto';
import { FinancialImpactService } from './financial-impact.service';
import { FundService } from './fund/fund.service';
import { YearPipe } from './year.pipe';

const id = () => new UuidPipe('id');

/** Decision effects: what a proposal's adopted outcome sets. */
@ApiTags('finance')
@Controller('api/proposals/:id/effect')
export class DecisionEffectsController {
  constructor(private readonly effects: DecisionEffectsService) {}

  @Post()
  @Can('finance.prepare')
  @ApiOperation({ summary: 'Set what the proposal\'s adopted outcome sets (a contribution raise, a fund budget); before voting opens' })
  @ApiOkResponse({ type: EffectResponse })
  attach(@Param('id', id()) proposalId: string, @Body() body: AttachEffectDto, @CurrentStaff() staff: SignedInStaff) {
    return this.effects.attach(proposalId, body, staffActor(staff));
  }

  @Get()
  @ApiOperation({ summary: 'The proposal\'s effect and whether it was applied (public, like the proposal)' })
  @ApiOkResponse({ type: EffectResponse })
  get(@Param('id', id()) proposalId: string) {
    return this.effects.forProposal(proposalId);
  }
}

/** The contribution (contributie): schedules per year and each member's contribution. */
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
  @ApiOperation({ summary: 'Before the vote: what each member would pay under each choice, and the totals per choice' })
  @ApiOkResponse({ type: [ImpactResponse] })
  impactOf(@Param('id', id()) consultationId: string) {
    return this.impact.forConsultation(consultationId);
  }

  @Get('contribution-schedules')
  @Can('finance.read')
  @ApiOperation({ summary: 'Every contribution schedule, in force or not, with the vote that set it' })
  @ApiOkResponse({ type: [ScheduleResponse] })
  schedules() {
    return this.contribution.list();
  }

  @Post('contribution-schedules')
  @Can('finance.prepare')
  @ApiOperation({ summary: 'Enter a schedule decided outside the platform (its basis names that decision)' })
  @ApiOkResponse({ type: ScheduleResponse })
  createSchedule(@Body() body: CreateScheduleDto, @CurrentStaff() staff: SignedInStaff) {
    return this.contribution.create(body, staffActor(staff));
  }

  @Get('contribution-schedules/:id')
  @Can('finance.read')
  @ApiOperation({ summary: 'One contribution schedule' })
  @ApiOkResponse({ type: ScheduleResponse })
  schedule(@Param('id', id()) scheduleId: string) {
    return this.contribution.get(scheduleId);
  }

  @Get('contribution/:year')
  @Can('finance.read')
  @ApiOperation({ summary: 'Every member\'s contribution for a year, line by line, under the rates in force' })
  @ApiOkResponse({ type: YearContributionResponse })
  contributionFor(@Param('year', new YearPipe()) year: number) {
    return this.contribution.forYear(year);
  }

  @Get('contribution/:year/export')
  @Can('finance.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The year\'s contributions as CSV (semicolon-separated) for the bookkeeping' })
  @ApiOkResponse({ type: String })
  contributionCsv(@Param('year', new YearPipe()) year: number) {
    return this.contribution.csv(year);
  }

  @Post('fund-budgets/import')
  @Can('finance.prepare')
  @ApiOperation({ summary: 'Import a collective fund budget (CSV or JSON); refused with a report when stated sums differ, unless acceptComputedSums' })
  @ApiOkResponse({ type: BudgetResponse })
  importBudget(@Body() body: ImportBudgetDto, @CurrentStaff() staff: SignedInStaff) {
    return this.fund.import(body, staffActor(staff));
  }

  @Get('fund-budgets')
  @Can('finance.read')
  @ApiOperation({ summary: 'Every collective fund budget with its check and the vote that adopted it' })
  @ApiOkResponse({ type: [BudgetResponse] })
  budgets() {
    return this.fund.list();
  }

  @Get('fund-budgets/:id')
  @Can('finance.read')
  @ApiOperation({ summary: 'A budget with its activities and its account: budget, authorised, spent' })
  @ApiOkResponse({ type: BudgetResponse })
  budget(@Param('id', id()) budgetId: string) {
    return this.fund.get(budgetId);
  }

  @Get('fund-budgets/:id/shares')
  @Can('finance.read')
  @ApiOperation({ summary: 'Each member\'s share of one year of the budget, by inhabitants (largest remainder)' })
  @ApiQuery({ name: 'year', required: true })
  @ApiQuery({ name: 'referenceDate', required: false, description: 'default: the budget\'s reference date' })
  @ApiOkResponse({ type: SharesResponse })
  shares(@Param('id', id()) budgetId: string, @Query('year', new YearPipe()) year: number, @Query('referenceDate', new IsoDatePipe('referenceDate', true)) referenceDate?: string) {
    return this.fund.shares(budgetId, year, referenceDate);
  }

  @Post('fund-budgets/:id/entries')
  @HttpCode(201)
  @Can('finance.authorise')
  @ApiOperation({ summary: 'Authorise spending for a compartment and year, or record spending' })
  @ApiOkResponse({ type: BudgetResponse })
  addEntry(@Param('id', id()) budgetId: string, @Body() body: FundEntryDto, @CurrentStaff() staff: SignedInStaff) {
    return this.fund.addEntry(budgetId, body, staffActor(staff));
  }
}
