import { Module } from '@nestjs/common';
import { WeightingSchemesController } from './weighting-schemes.controller';
import { WeightingSchemesService } from './weighting-schemes.service';

@Module({
  controllers: [WeightingSchemesController],
  providers: [WeightingSchemesService],
  exports: [WeightingSchemesService],
})
export class WeightingSchemesModule {}
