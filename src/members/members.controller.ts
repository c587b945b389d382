import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { IsoDatePipe } from '../platform/http/iso-date.pipe';
import { CreateMemberDto, DepartureDto, ImportMembersDto, InhabitantsDto, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

const today = () => new Date().toISOString().slice(0, 10);

@ApiTags('members')
@Controller('api/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Can('members.read')
  @ApiQuery({ name: 'on', required: false, description: 'members on this date, with their inhabitants then (default today)' })
  list(@Query('on', new IsoDatePipe('on', true)) on?: string) {
    return this.members.listOn(on ?? today());
  }

  @Get('export')
  @Can('members.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiQuery({ name: 'on', required: false })
  export(@Query('on', new IsoDatePipe('on', true)) on?: string) {
    return this.members.exportCsv(on ?? today());
  }

  @Post('import')
  @HttpCode(200)
  @Can('members.write')
  import(@Body() body: ImportMembersDto, @CurrentStaff() staff: SignedInStaff) {
    return this.members.import(body, staffActor(staff));
  }

  @Get(':id')
  @Can('members.read')
  get(@Param('id', new UuidPipe('id')) id: string) {
    return this.members.get(id);
  }

  @Post()
  @Can('members.write')
  create(@Body() body: CreateMemberDto, @CurrentStaff() staff: SignedInStaff) {
    return this.members.create(body, staffActor(staff));
  }

  @Patch(':id')
  @Can('members.write')
  update(@Param('id', new UuidPipe('id')) id: string, @Body() body: UpdateMemberDto, @CurrentStaff() staff: SignedInStaff) {
    return this.members.update(id, body, staffActor(staff));
  }

  @Put(':id/inhabitants')
  @HttpCode(204)
  @Can('members.write')
  recordInhabitants(@Param('id', new UuidPipe('id')) id: string, @Body() body: InhabitantsDto, @CurrentStaff() staff: SignedInStaff) {
    return this.members.recordInhabitants(id, body, staffActor(staff));
  }

  @Post(':id/departure')
  @HttpCode(200)
  @Can('members.write')
  depart(@Param('id', new UuidPipe('id')) id: string, @Body() body: DepartureDto, @CurrentStaff() staff: SignedInStaff) {
    return this.members.depart(id, body, staffActor(staff));
  }
}
