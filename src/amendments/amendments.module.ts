import { Module } from '@nestjs/common';
import { FinanceModule } from '../finance/finance.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsRepository } from './amendments.repository';
import { AmendmentsService } from './amendments.service';

@Module({
  imports: [ProposalsModule, FinanceModule],
  controllers: [AmendmentsController],
  providers: [AmendmentsService, AmendmentsRepository],
  exports: [AmendmentsService],
})
export class AmendmentsModule {}
