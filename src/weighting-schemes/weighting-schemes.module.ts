import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { WeightingSchemesController } from './weighting-schemes.controller';
import { WeightingSchemesService } from './weighting-schemes.service';

@Module({
  imports: [AccountsModule],
  controllers: [WeightingSchemesController],
  providers: [WeightingSchemesService],
  exports: [WeightingSchemesService],
})
export class WeightingSchemesModule {}
