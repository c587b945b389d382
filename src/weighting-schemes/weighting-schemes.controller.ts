import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateSchemeDto } from './dto/create-scheme.dto';
import { WeightingSchemePage, WeightingSchemeResponse } from './dto/scheme.response';
import { WeightingSchemesService } from './weighting-schemes.service';

/** Schemes are public: members may see how their weight is set. */
@ApiTags('weighting-schemes')
@Controller('api/weighting-schemes')
export class WeightingSchemesController {
  constructor(private readonly schemes: WeightingSchemesService) {}

  @Get()
  @ApiDoc({ summary: 'List the weighting schemes, newest first', response: WeightingSchemePage })
  async list(@Query() query: PageQueryDto): Promise<Page<WeightingSchemeResponse>> {
    return pageOf(await this.schemes.list(), pageRequest(query));
  }

  @Get(':id')
  @ApiDoc({ summary: 'Read a weighting scheme', response: WeightingSchemeResponse, errors: [404] })
  get(@Param('id', new UuidPipe('id')) id: string): Promise<WeightingSchemeResponse> {
    return this.schemes.get(id);
  }

  @Post()
  @Can('schemes.write')
  @ApiDoc({ summary: 'Enter a weighting scheme', status: 201, response: WeightingSchemeResponse, errors: [409] })
  create(@Body() body: CreateSchemeDto, @CurrentStaff() staff: SignedInStaff): Promise<WeightingSchemeResponse> {
    return this.schemes.create(body, staffActor(staff));
  }
}
