import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateSchemeDto } from './dto/create-scheme.dto';
import { WeightingSchemesService } from './weighting-schemes.service';

/** Schemes are public: members may see how their weight is set. */
@ApiTags('weighting schemes')
@Controller('api/weighting-schemes')
export class WeightingSchemesController {
  constructor(private readonly schemes: WeightingSchemesService) {}

  @Get()
  list() {
    return this.schemes.list();
  }

  @Get(':id')
  get(@Param('id', new UuidPipe('id')) id: string) {
    return this.schemes.get(id);
  }

  @Post()
  @Can('schemes.write')
  create(@Body() body: CreateSchemeDto, @CurrentStaff() staff: SignedInStaff) {
    return this.schemes.create(body, staffActor(staff));
  }
}
