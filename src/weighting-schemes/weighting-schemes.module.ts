import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { WeightingSchemesController } from './weighting-schemes.controller';
import { WeightingSchemesRepository } from './weighting-schemes.repository';
import { WeightingSchemesService } from './weighting-schemes.service';

@Module({
  imports: [AccountsModule],
  controllers: [WeightingSchemesController],
  providers: [WeightingSchemesService, WeightingSchemesRepository],
  exports: [WeightingSchemesService],
})
export class WeightingSchemesModule {}
