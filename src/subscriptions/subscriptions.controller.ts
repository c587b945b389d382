import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import {
  CreateArrangementDto,
  DissolveDto,
  IndexationDto,
  PollAnswerDto,
  RefuseContractDto,
  RenewArrangementDto,
  SignContractDto,
  YearPageQueryDto,
  SubscriptionYearQueryDto,
} from './dto/subscription-input.dto';
import {
  ArrangementDetailResponse,
  ArrangementPage,
  ArrangementResponse,
  BreakEvenResponse,
  ChargesResponse,
  ContractAnsweredResponse,
  ContractResponse,
  ContractSummaryPage,
  ContractSummaryResponse,
  DissolutionResponse,
  DistributionResponse,
  IndexationResultResponse,
  PollAnswerResponse,
  PollResponse,
  ProgressResponse,
  RemindersResponse,
  ProviderArrangementPage,
  ProviderArrangementResponse,
  ProviderViewResponse,
  RenewalResponse,
} from './dto/subscription.response';
import { SubscriptionsService } from './subscriptions.service';

const id = () => new UuidPipe('id');

/** The board: the subscription arrangement, its progress, reminders, poll, indexation, money and dissolution. */
@ApiTags('subscriptions')
@Controller('api/subscription-arrangements')
export class SubscriptionArrangementsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @Can('subscriptions.decide')
  @ApiDoc({
    summary: 'Create the arrangement from an adopted, published proposal; one contract per member, its variant by the exempt list',
    status: 201,
    response: ArrangementResponse,
    errors: [409],
  })
  create(@Body() body: CreateArrangementDto, @CurrentStaff() staff: SignedInStaff): Promise<ArrangementResponse> {
    return this.subscriptions.create(body, staffActor(staff));
  }

  @Get()
  @Can('subscriptions.read')
  @ApiDoc({ summary: 'List the subscription arrangements, newest first', response: ArrangementPage })
  async list(@Query() query: PageQueryDto): Promise<Page<ArrangementResponse>> {
    return pageOf(await this.subscriptions.list(), pageRequest(query));
  }

  @Get(':id')
  @Can('subscriptions.read')
  @ApiDoc({
    summary: 'Read an arrangement: providers with budgets and tariffs per year, indexations, exempt members, variants',
    response: ArrangementDetailResponse,
    errors: [404],
  })
  get(@Param('id', id()) arrangementId: string): Promise<ArrangementDetailResponse> {
    return this.subscriptions.get(arrangementId);
  }

  @Get(':id/progress')
  @Can('subscriptions.read')
  @ApiDoc({ summary: 'Read the signing progress: signed, not yet, refused; inhabitants and money covered', response: ProgressResponse, errors: [404] })
  async progress(@Param('id', id()) arrangementId: string, @Query() query: YearPageQueryDto): Promise<ProgressResponse> {
    const progress = await this.subscriptions.progress(arrangementId, query.year);
    return { ...progress, contracts: pageOf(progress.contracts, pageRequest(query)) };
  }

  @Get(':id/break-even')
  @Can('subscriptions.read')
  @ApiDoc({
    summary: 'What-if: the break-even tariff per provider for everyone, the signatures so far and all but the refusals',
    response: BreakEvenResponse,
    errors: [404],
  })
  breakEven(@Param('id', id()) arrangementId: string, @Query() query: SubscriptionYearQueryDto): Promise<BreakEvenResponse> {
    return this.subscriptions.breakEven(arrangementId, query.year);
  }

  @Post(':id/indexations')
  @Can('subscriptions.decide')
  @ApiDoc({
    summary: "Index next year's tariffs, budgets and office cost by a percentage (a negative one needs confirmNegative)",
    status: 201,
    response: IndexationResultResponse,
    errors: [404, 409],
  })
  index(@Param('id', id()) arrangementId: string, @Body() body: IndexationDto, @CurrentStaff() staff: SignedInStaff): Promise<IndexationResultResponse> {
    return this.subscriptions.index(arrangementId, body, staffActor(staff));
  }

  @Post(':id/renewal')
  @Can('subscriptions.decide')
  @ApiDoc({
    summary: 'Renew the arrangement by a later adopted proposal: a new term, the same providers at indexed tariffs, new contracts to sign',
    status: 201,
    response: RenewalResponse,
    errors: [404, 409],
  })
  renew(@Param('id', id()) arrangementId: string, @Body() body: RenewArrangementDto, @CurrentStaff() staff: SignedInStaff): Promise<RenewalResponse> {
    return this.subscriptions.renew(arrangementId, body, staffActor(staff));
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @Can('subscriptions.manage')
  @ApiDoc({ summary: 'Remind the members that have not signed (mail queue; at most once a day per member)', response: RemindersResponse, errors: [404, 409] })
  remind(@Param('id', id()) arrangementId: string, @CurrentStaff() staff: SignedInStaff): Promise<RemindersResponse> {
    return this.subscriptions.remind(arrangementId, staffActor(staff));
  }

  @Get(':id/poll')
  @Can('subscriptions.read')
  @ApiDoc({ summary: 'Read the answers of the poll of late members', response: PollResponse, errors: [404] })
  async poll(@Param('id', id()) arrangementId: string, @Query() query: PageQueryDto): Promise<PollResponse> {
    const poll = await this.subscriptions.poll(arrangementId);
    return { ...poll, answers: pageOf(poll.answers, pageRequest(query)) };
  }

  @Post(':id/poll')
  @HttpCode(200)
  @Can('subscriptions.manage')
  @ApiDoc({ summary: "Record (or correct) a late member's answer to the poll", response: PollAnswerResponse, errors: [404, 409] })
  recordPollAnswer(@Param('id', id()) arrangementId: string, @Body() body: PollAnswerDto, @CurrentStaff() staff: SignedInStaff): Promise<PollAnswerResponse> {
    return this.subscriptions.recordPollAnswer(arrangementId, body, staffActor(staff));
  }

  @Get(':id/charges')
  @Can('subscriptions.read')
  @ApiDoc({
    summary: 'Read what each signed member is invoiced for a year: a line per provider and two instalments (refused once dissolved)',
    response: ChargesResponse,
    errors: [404, 409],
  })
  async charges(@Param('id', id()) arrangementId: string, @Query() query: YearPageQueryDto): Promise<ChargesResponse> {
    const charges = await this.subscriptions.subscriptionCharges(arrangementId, query.year);
    return { ...charges, members: pageOf(charges.members, pageRequest(query)) };
  }

  @Get(':id/distribution')
  @Can('subscriptions.read')
  @ApiDoc({ summary: "Read the administration office's distribution of a year's money per provider", response: DistributionResponse, errors: [404, 409] })
  distribution(@Param('id', id()) arrangementId: string, @Query() query: SubscriptionYearQueryDto): Promise<DistributionResponse> {
    return this.subscriptions.distributionReport(arrangementId, query.year);
  }

  @Post(':id/dissolution')
  @HttpCode(200)
  @Can('subscriptions.decide')
  @ApiDoc({
    summary: 'End the arrangement early: contracts dissolved, a letter to every member, no invoice afterwards',
    response: DissolutionResponse,
    errors: [404, 409],
  })
  dissolve(@Param('id', id()) arrangementId: string, @Body() body: DissolveDto, @CurrentStaff() staff: SignedInStaff): Promise<DissolutionResponse> {
    return this.subscriptions.dissolve(arrangementId, body, staffActor(staff));
  }
}

/** Member officials: their own municipality's contracts, signed or refused. */
@ApiTags('subscriptions')
@Controller('api/subscription-contracts')
export class SubscriptionContractsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get('mine')
  @Can('subscriptions.sign')
  @ApiDoc({ summary: "List the subscription contracts of the official's own municipality", response: ContractSummaryPage })
  async mine(@CurrentStaff() account: SignedInStaff, @Query() query: PageQueryDto): Promise<Page<ContractSummaryResponse>> {
    return pageOf(await this.subscriptions.myContracts(account), pageRequest(query));
  }

  @Get(':id')
  @Can('subscriptions.sign')
  @ApiDoc({
    summary: "Read a contract of the own municipality: its text (as signed, once signed) and that text's SHA-256",
    response: ContractResponse,
    errors: [404],
  })
  get(@Param('id', id()) contractId: string, @CurrentStaff() account: SignedInStaff): Promise<ContractResponse> {
    return this.subscriptions.contractFor(contractId, account);
  }

  @Post(':id/signature')
  @Can('subscriptions.sign')
  @ApiDoc({
    summary: "Sign the own municipality's contract before the deadline (the text as signed is kept, unchangeable)",
    status: 201,
    response: ContractAnsweredResponse,
    errors: [404, 409],
  })
  sign(@Param('id', id()) contractId: string, @Body() body: SignContractDto, @CurrentStaff() account: SignedInStaff): Promise<ContractAnsweredResponse> {
    return this.subscriptions.sign(contractId, body, account);
  }

  @Post(':id/refusal')
  @Can('subscriptions.sign')
  @ApiDoc({ summary: "Refuse the own municipality's contract, with a reason", status: 201, response: ContractAnsweredResponse, errors: [404, 409] })
  refuse(@Param('id', id()) contractId: string, @Body() body: RefuseContractDto, @CurrentStaff() account: SignedInStaff): Promise<ContractAnsweredResponse> {
    return this.subscriptions.refuse(contractId, body, account);
  }
}

/** Providers: a read-only view of the arrangements their organisation takes part in. */
@ApiTags('subscriptions')
@Controller('api/subscription-provider-view')
export class SubscriptionProviderViewController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Can('subscriptions.provider_view')
  @ApiDoc({ summary: "List the arrangements the provider account's organisation takes part in", response: ProviderArrangementPage })
  async list(@CurrentStaff() account: SignedInStaff, @Query() query: PageQueryDto): Promise<Page<ProviderArrangementResponse>> {
    return pageOf(await this.subscriptions.providerArrangements(account), pageRequest(query));
  }

  @Get(':id')
  @Can('subscriptions.provider_view')
  @ApiDoc({
    summary: "Read the own provider's part of an arrangement for a year: inhabitants covered, money charged, office share and payable; no personal data",
    response: ProviderViewResponse,
    errors: [404],
  })
  async get(@Param('id', id()) arrangementId: string, @CurrentStaff() account: SignedInStaff, @Query() query: YearPageQueryDto): Promise<ProviderViewResponse> {
    const view = await this.subscriptions.providerView(arrangementId, account, query.year);
    return { ...view, municipalities: pageOf(view.municipalities, pageRequest(query)) };
  }
}
