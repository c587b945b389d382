import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import {
  AdoptionReportResponse, FacilityChargeResponse, FacilityInCatalogueResponse, FacilityResponse, MembershipResponse, MembershipViewResponse,
} from './dto/facility-responses.dto';
import { CreateFacilityDto, DeclareUsersDto, GiveNoticeDto, JoinFacilityDto, UpdateFacilityDto, YearQueryDto } from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';

const id = () => new UuidPipe('id');
const thisYear = () => Number(instantToAmsterdam(new Date()).slice(0, 4));

/** Collective facilities: the catalogue (public), joining and leaving (member officials), costs and adoption (board). */
@ApiTags('facilities')
@Controller('api')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get('facilities')
  @ApiOperation({ summary: 'The catalogue of collective facilities, with their terms, tariff and members joined today' })
  @ApiOkResponse({ type: [FacilityInCatalogueResponse] })
  catalogue() {
    return this.facilities.catalogue();
  }

  @Get('facilities/:id')
  @ApiOperation({ summary: 'One facility with its current terms and tariff' })
  @ApiOkResponse({ type: FacilityResponse })
  get(@Param('id', id()) facilityId: string) {
    return this.facilities.get(facilityId);
  }

  @Post('facilities')
  @Can('facilities.manage')
  @ApiOperation({ summary: 'Add a facility to the catalogue' })
  @ApiCreatedResponse({ type: FacilityResponse })
  create(@Body() body: CreateFacilityDto, @CurrentStaff() staff: SignedInStaff) {
    return this.facilities.create(body, staffActor(staff));
  }

  @Patch('facilities/:id')
  @Can('facilities.manage')
  @ApiOperation({ summary: 'Change a facility; changed terms or tariff raise its terms version (members keep what they signed)' })
  @ApiOkResponse({ type: FacilityResponse })
  update(@Param('id', id()) facilityId: string, @Body() body: UpdateFacilityDto, @CurrentStaff() staff: SignedInStaff) {
    return this.facilities.update(facilityId, body, staffActor(staff));
  }

  @Get('facilities/:id/memberships')
  @Can('facilities.read')
  @ApiOperation({ summary: 'The members joined this year, with the terms they signed' })
  @ApiOkResponse({ type: [MembershipViewResponse] })
  memberships(@Param('id', id()) facilityId: string) {
    return this.facilities.memberships({ facilityId });
  }

  @Post('facilities/:id/memberships')
  @Can('facilities.join')
  @ApiOperation({ summary: 'Join on behalf of your own municipality, accepting the current terms version' })
  @ApiCreatedResponse({ type: MembershipResponse })
  join(@Param('id', id()) facilityId: string, @Body() body: JoinFacilityDto, @CurrentStaff() account: SignedInStaff) {
    return this.facilities.join(facilityId, body, account);
  }

  @Get('facility-memberships/own')
  @Can('facilities.join')
  @ApiOperation({ summary: 'The memberships of your own municipality' })
  @ApiOkResponse({ type: [MembershipViewResponse] })
  own(@CurrentStaff() account: SignedInStaff) {
    return this.facilities.memberships({ account });
  }

  @Post('facility-memberships/:id/notice')
  @HttpCode(200)
  @Can('facilities.join')
  @ApiOperation({ summary: 'Give notice to leave at the end of a term (the earliest the notice period allows, or a later term end)' })
  @ApiOkResponse({ type: MembershipResponse })
  giveNotice(@Param('id', id()) membershipId: string, @Body() body: GiveNoticeDto, @CurrentStaff() account: SignedInStaff) {
    return this.facilities.giveNotice(membershipId, body, account);
  }

  @Put('facility-memberships/:id/users')
  @HttpCode(204)
  @Can('facilities.join')
  @ApiOperation({ summary: 'Declare the number of users for a year (tariffs by band of users)' })
  @ApiNoContentResponse()
  declareUsers(@Param('id', id()) membershipId: string, @Body() body: DeclareUsersDto, @CurrentStaff() account: SignedInStaff) {
    return this.facilities.declareUsers(membershipId, body, account);
  }

  @Get('facility-charges')
  @Can('facilities.read')
  @ApiOperation({ summary: 'What each member owes for its facilities in a year, line by line (what billing invoices)' })
  @ApiOkResponse({ type: [FacilityChargeResponse] })
  charges(@Query() query: YearQueryDto) {
    return this.facilities.facilityCharges(query.year ?? thisYear());
  }

  @Get('facility-adoption')
  @Can('facilities.read')
  @ApiOperation({ summary: 'Adoption per facility (members, share of inhabitants) and its revenue against its costs in a year' })
  @ApiOkResponse({ type: AdoptionReportResponse })
  adoption(@Query() query: YearQueryDto) {
    return this.facilities.adoption(query.year ?? thisYear());
  }
}
