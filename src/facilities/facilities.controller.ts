import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { Clock } from '../platform/clock';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import {
  AdoptionReportResponse,
  FacilityCataloguePage,
  FacilityChargePage,
  FacilityChargeResponse,
  FacilityInCatalogueResponse,
  FacilityResponse,
  MembershipResponse,
  MembershipViewPage,
  MembershipViewResponse,
} from './dto/facility-responses.dto';
import {
  CreateFacilityDto,
  DeclareUsersDto,
  GiveNoticeDto,
  JoinFacilityDto,
  PagedYearQueryDto,
  UpdateFacilityDto,
  FacilityYearQueryDto,
} from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';

const id = () => new UuidPipe('id');

/** Collective facilities: the catalogue (public), joining and leaving (member officials), costs and adoption (board). */
@ApiTags('facilities')
@Controller('api')
export class FacilitiesController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly clock: Clock,
  ) {}

  /** The current calendar year in Amsterdam, the default year of a report. */
  private thisYear(): number {
    return Number(instantToAmsterdam(this.clock.now()).slice(0, 4));
  }

  @Get('facilities')
  @ApiDoc({ summary: 'List the catalogue of collective facilities, with their terms, tariff and members joined today', response: FacilityCataloguePage })
  async catalogue(@Query() query: PageQueryDto): Promise<Page<FacilityInCatalogueResponse>> {
    return pageOf(await this.facilities.catalogue(), pageRequest(query));
  }

  @Get('facilities/:id')
  @ApiDoc({ summary: 'Get one facility with its current terms and tariff', response: FacilityResponse, errors: [404] })
  get(@Param('id', id()) facilityId: string): Promise<FacilityResponse> {
    return this.facilities.get(facilityId);
  }

  @Post('facilities')
  @Can('facilities.manage')
  @ApiDoc({ summary: 'Add a facility to the catalogue', status: 201, response: FacilityResponse, errors: [409] })
  create(@Body() body: CreateFacilityDto, @CurrentStaff() staff: SignedInStaff): Promise<FacilityResponse> {
    return this.facilities.create(body, staffActor(staff));
  }

  @Patch('facilities/:id')
  @Can('facilities.manage')
  @ApiDoc({
    summary: 'Change a facility; changed terms or tariff raise its terms version (members keep what they signed)',
    response: FacilityResponse,
    errors: [404],
  })
  update(@Param('id', id()) facilityId: string, @Body() body: UpdateFacilityDto, @CurrentStaff() staff: SignedInStaff): Promise<FacilityResponse> {
    return this.facilities.update(facilityId, body, staffActor(staff));
  }

  @Get('facilities/:id/memberships')
  @Can('facilities.read')
  @ApiDoc({ summary: 'List the members joined this year, with the terms they signed', response: MembershipViewPage, errors: [404] })
  async memberships(@Param('id', id()) facilityId: string, @Query() query: PageQueryDto): Promise<Page<MembershipViewResponse>> {
    return pageOf(await this.facilities.memberships({ facilityId }), pageRequest(query));
  }

  @Post('facilities/:id/memberships')
  @Can('facilities.join')
  @ApiDoc({
    summary: 'Join on behalf of your own municipality, accepting the current terms version',
    status: 201,
    response: MembershipResponse,
    errors: [404, 409],
  })
  join(@Param('id', id()) facilityId: string, @Body() body: JoinFacilityDto, @CurrentStaff() account: SignedInStaff): Promise<MembershipResponse> {
    return this.facilities.join(facilityId, body, account);
  }

  @Get('facility-memberships/own')
  @Can('facilities.join')
  @ApiDoc({ summary: 'List the memberships of your own municipality', response: MembershipViewPage })
  async own(@CurrentStaff() account: SignedInStaff, @Query() query: PageQueryDto): Promise<Page<MembershipViewResponse>> {
    return pageOf(await this.facilities.memberships({ account }), pageRequest(query));
  }

  @Post('facility-memberships/:id/notice')
  @HttpCode(200)
  @Can('facilities.join')
  @ApiDoc({
    summary: 'Give notice to leave at the end of a term (the earliest the notice period allows, or a later term end)',
    response: MembershipResponse,
    errors: [404, 409],
  })
  giveNotice(@Param('id', id()) membershipId: string, @Body() body: GiveNoticeDto, @CurrentStaff() account: SignedInStaff): Promise<MembershipResponse> {
    return this.facilities.giveNotice(membershipId, body, account);
  }

  @Put('facility-memberships/:id/users')
  @HttpCode(204)
  @Can('facilities.join')
  @ApiDoc({ summary: 'Declare the number of users for a year (tariffs by band of users)', status: 204, responseDescription: 'declared', errors: [404] })
  declareUsers(@Param('id', id()) membershipId: string, @Body() body: DeclareUsersDto, @CurrentStaff() account: SignedInStaff): Promise<void> {
    return this.facilities.declareUsers(membershipId, body, account);
  }

  @Get('facility-charges')
  @Can('facilities.read')
  @ApiDoc({ summary: 'List what each member owes for its facilities in a year, line by line (what billing invoices)', response: FacilityChargePage })
  async charges(@Query() query: PagedYearQueryDto): Promise<Page<FacilityChargeResponse>> {
    return pageOf(await this.facilities.facilityCharges(query.year ?? this.thisYear()), pageRequest(query));
  }

  @Get('facility-adoption')
  @Can('facilities.read')
  @ApiDoc({
    summary: 'Get adoption per facility (members, share of inhabitants) and its revenue against its costs in a year',
    response: AdoptionReportResponse,
  })
  adoption(@Query() query: FacilityYearQueryDto): Promise<AdoptionReportResponse> {
    return this.facilities.adoption(query.year ?? this.thisYear());
  }
}
