import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateArrangementDto, DissolveDto, IndexationDto, PollAnswerDto, RefuseContractDto, SignContractDto, YearQueryDto } from './dto/subscription-input.dto';
import {
  ArrangementDetailResponse, ArrangementResponse, BreakEvenResponse, ChargesResponse, ContractAnsweredResponse, ContractResponse, ContractSummaryResponse, DissolutionResponse,
  DistributionResponse, IndexationResultResponse, PollAnswerResponse, PollResponse, ProgressResponse, RemindersResponse,
} from './dto/subscription-responses.dto';
import { SubscriptionsService } from './subscriptions.service';

const id = () => new UuidPipe('id');

/** The board: the subscription arrangement, its progress, reminders, poll, indexation, money and dissolution. */
@ApiTags('subscriptions (board)')
@Controller('api/subscription-arrangements')
export class SubscriptionArrangementsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @Can('subscriptions.decide')
  @ApiOperation({ summary: 'Create the arrangement from an adopted, published proposal; one contract per member, its variant by the exempt list' })
  @ApiCreatedResponse({ type: ArrangementResponse })
  create(@Body() body: CreateArrangementDto, @CurrentStaff() staff: SignedInStaff) {
    return this.subscriptions.create(body, staffActor(staff));
  }

  @Get()
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'Every subscription arrangement' })
  @ApiOkResponse({ type: [ArrangementResponse] })
  list() {
    return this.subscriptions.list();
  }

  @Get(':id')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'One arrangement: providers with budgets and tariffs per year, indexations, exempt members, variants' })
  @ApiOkResponse({ type: ArrangementDetailResponse })
  get(@Param('id', id()) arrangementId: string) {
    return this.subscriptions.get(arrangementId);
  }

  @Get(':id/progress')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'Signing progress: signed, not yet, refused; inhabitants and money covered' })
  @ApiOkResponse({ type: ProgressResponse })
  progress(@Param('id', id()) arrangementId: string, @Query() query: YearQueryDto) {
    return this.subscriptions.progress(arrangementId, query.year);
  }

  @Get(':id/break-even')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'What-if: break-even tariff per provider for everyone, the signatures so far and all but the refusals' })
  @ApiOkResponse({ type: BreakEvenResponse })
  breakEven(@Param('id', id()) arrangementId: string, @Query() query: YearQueryDto) {
    return this.subscriptions.breakEven(arrangementId, query.year);
  }

  @Post(':id/indexations')
  @Can('subscriptions.decide')
  @ApiOperation({ summary: 'Index next year\'s tariffs, budgets and office cost by a percentage (a negative one needs confirmNegative)' })
  @ApiCreatedResponse({ type: IndexationResultResponse })
  index(@Param('id', id()) arrangementId: string, @Body() body: IndexationDto, @CurrentStaff() staff: SignedInStaff) {
    return this.subscriptions.index(arrangementId, body, staffActor(staff));
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @Can('subscriptions.manage')
  @ApiOperation({ summary: 'Remind the members that have not signed (mail queue; at most once a day per member)' })
  @ApiOkResponse({ type: RemindersResponse })
  remind(@Param('id', id()) arrangementId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.subscriptions.remind(arrangementId, staffActor(staff));
  }

  @Get(':id/poll')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'The answers of the poll of late members' })
  @ApiOkResponse({ type: PollResponse })
  poll(@Param('id', id()) arrangementId: string) {
    return this.subscriptions.poll(arrangementId);
  }

  @Post(':id/poll')
  @HttpCode(200)
  @Can('subscriptions.manage')
  @ApiOperation({ summary: 'Record (or correct) a late member\'s answer to the poll' })
  @ApiOkResponse({ type: PollAnswerResponse })
  recordPollAnswer(@Param('id', id()) arrangementId: string, @Body() body: PollAnswerDto, @CurrentStaff() staff: SignedInStaff) {
    return this.subscriptions.recordPollAnswer(arrangementId, body, staffActor(staff));
  }

  @Get(':id/charges')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'What each signed member is invoiced for a year: a line per provider and two instalments (refused once dissolved)' })
  @ApiOkResponse({ type: ChargesResponse })
  charges(@Param('id', id()) arrangementId: string, @Query() query: YearQueryDto) {
    return this.subscriptions.subscriptionCharges(arrangementId, query.year);
  }

  @Get(':id/distribution')
  @Can('subscriptions.read')
  @ApiOperation({ summary: 'The administration office\'s distribution of a year\'s money per provider' })
  @ApiOkResponse({ type: DistributionResponse })
  distribution(@Param('id', id()) arrangementId: string, @Query() query: YearQueryDto) {
    return this.subscriptions.distributionReport(arrangementId, query.year);
  }

  @Post(':id/dissolution')
  @HttpCode(200)
  @Can('subscriptions.decide')
  @ApiOperation({ summary: 'End the arrangement early: contracts dissolved, a letter to every member, no invoice afterwards' })
  @ApiOkResponse({ type: DissolutionResponse })
  dissolve(@Param('id', id()) arrangementId: string, @Body() body: DissolveDto, @CurrentStaff() staff: SignedInStaff) {
    return this.subscriptions.dissolve(arrangementId, body, staffActor(staff));
  }
}

/** Member officials: their own municipality's contracts, signed or refused. */
@ApiTags('subscriptions (member officials)')
@Controller('api/subscription-contracts')
export class SubscriptionContractsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get('mine')
  @Can('subscriptions.sign')
  @ApiOperation({ summary: 'The contracts of the official\'s own municipality' })
  @ApiOkResponse({ type: [ContractSummaryResponse] })
  mine(@CurrentStaff() account: SignedInStaff) {
    return this.subscriptions.myContracts(account);
  }

  @Get(':id')
  @Can('subscriptions.sign')
  @ApiOperation({ summary: 'One contract of the own municipality: its text (as signed, once signed) and that text\'s SHA-256' })
  @ApiOkResponse({ type: ContractResponse })
  get(@Param('id', id()) contractId: string, @CurrentStaff() account: SignedInStaff) {
    return this.subscriptions.contractFor(contractId, account);
  }

  @Post(':id/signature')
  @Can('subscriptions.sign')
  @ApiOperation({ summary: 'Sign the own municipality\'s contract before the deadline (the text as signed is kept, unchangeable)' })
  @ApiCreatedResponse({ type: ContractAnsweredResponse })
  sign(@Param('id', id()) contractId: string, @Body() body: SignContractDto, @CurrentStaff() account: SignedInStaff) {
    return this.subscriptions.sign(contractId, body, account);
  }

  @Post(':id/refusal')
  @Can('subscriptions.sign')
  @ApiOperation({ summary: 'Refuse the own municipality\'s contract, with a reason' })
  @ApiCreatedResponse({ type: ContractAnsweredResponse })
  refuse(@Param('id', id()) contractId: string, @Body() body: RefuseContractDto, @CurrentStaff() account: SignedInStaff) {
    return this.subscriptions.refuse(contractId, body, account);
  }
}
