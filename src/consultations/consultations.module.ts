import { Module } from '@nestjs/common';
import { AmendmentsModule } from '../amendments/amendments.module';
import { BallotsModule } from '../ballots/ballots.module';
import { FinanceModule } from '../finance/finance.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { MembersModule } from '../members/members.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TalliesModule } from '../tallies/tallies.module';
import { WeightingSchemesModule } from '../weighting-schemes/weighting-schemes.module';
import { ConsultationsController, PublicConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

@Module({
  imports: [AmendmentsModule, DecisionsModule, ProposalsModule, BallotsModule, TalliesModule, MembersModule, WeightingSchemesModule, FinanceModule],
  controllers: [ConsultationsController, PublicConsultationsController],
  providers: [ConsultationsService, ConsultationsRepository],
  exports: [ConsultationsService],
})
export class ConsultationsModule {}
