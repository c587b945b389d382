import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { Clock } from '../platform/clock';
import { amsterdamDate } from '../platform/text/amsterdam-time';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { csvFile } from '../platform/http/csv-file';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, pageRequest } from '../platform/http/openapi/paging';
import { CreateMemberDto, DepartureDto, ImportMembersDto, InhabitantsDto, UpdateMemberDto } from './dto/member.dto';
import {
  ImportReportResponse,
  MemberDetailResponse,
  MemberExportQueryDto,
  MemberListQueryDto,
  MemberOnDateResponse,
  MemberPage,
  MemberResponse,
} from './dto/member.response';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('api/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly clock: Clock,
  ) {}

  /** Today's calendar date in Amsterdam, the default reference date of the register. */
  private today(): string {
    return amsterdamDate(this.clock.now());
  }

  @Get()
  @Can('members.read')
  @ApiDoc({ summary: 'List the members on a date, with their inhabitants then', response: MemberPage })
  async list(@Query() query: MemberListQueryDto): Promise<Page<MemberOnDateResponse>> {
    return pageOf(await this.members.listOn(query.on ?? this.today()), pageRequest(query));
  }

  @Get('export')
  @Can('members.read')
  @ApiDoc({ summary: 'Export the members on a date as CSV (streamed)', produces: 'text/csv', responseDescription: 'CSV with a header line, ";" separated' })
  async export(@Query() query: MemberExportQueryDto): Promise<StreamableFile> {
    const on = query.on ?? this.today();
    return csvFile(await this.members.exportCsv(on), `leden-${on}.csv`);
  }

  @Post('import')
  @HttpCode(200)
  @Can('members.write')
  @ApiDoc({
    summary: 'Import the register from CSV (whole or not at all; dryRun reports only)',
    response: ImportReportResponse,
    responseDescription: 'what was (or, in a dry run, would be) added and changed',
    errors: [422],
  })
  import(@Body() body: ImportMembersDto, @CurrentStaff() staff: SignedInStaff): Promise<ImportReportResponse> {
    return this.members.import(body, staffActor(staff));
  }

  @Get(':id')
  @Can('members.read')
  @ApiDoc({ summary: 'Read a member with every recorded inhabitant count', response: MemberDetailResponse, errors: [404] })
  get(@Param('id', new UuidPipe('id')) id: string): Promise<MemberDetailResponse> {
    return this.members.get(id);
  }

  @Post()
  @Can('members.write')
  @ApiDoc({ summary: 'Add a member to the register', status: 201, response: MemberResponse, errors: [409] })
  create(@Body() body: CreateMemberDto, @CurrentStaff() staff: SignedInStaff): Promise<MemberResponse> {
    return this.members.create(body, staffActor(staff));
  }

  @Patch(':id')
  @Can('members.write')
  @ApiDoc({ summary: "Change a member's name, province or secretary", response: MemberResponse, errors: [404, 409] })
  update(@Param('id', new UuidPipe('id')) id: string, @Body() body: UpdateMemberDto, @CurrentStaff() staff: SignedInStaff): Promise<MemberResponse> {
    return this.members.update(id, body, staffActor(staff));
  }

  @Put(':id/inhabitants')
  @HttpCode(204)
  @Can('members.write')
  @ApiDoc({ summary: "Record a member's inhabitants at a reference date", status: 204, responseDescription: 'recorded', errors: [404] })
  recordInhabitants(@Param('id', new UuidPipe('id')) id: string, @Body() body: InhabitantsDto, @CurrentStaff() staff: SignedInStaff): Promise<void> {
    return this.members.recordInhabitants(id, body, staffActor(staff));
  }

  @Post(':id/departure')
  @HttpCode(200)
  @Can('members.write')
  @ApiDoc({ summary: 'Record that a member leaves (e.g. merges into another)', response: MemberResponse, errors: [404, 409] })
  depart(@Param('id', new UuidPipe('id')) id: string, @Body() body: DepartureDto, @CurrentStaff() staff: SignedInStaff): Promise<MemberResponse> {
    return this.members.depart(id, body, staffActor(staff));
  }
}
