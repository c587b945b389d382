import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AmendmentsModule } from '../amendments/amendments.module';
import { BallotsModule } from '../ballots/ballots.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FinanceModule } from '../finance/finance.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MembersModule } from '../members/members.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { TalliesModule } from '../tallies/tallies.module';
import { WeightingSchemesModule } from '../weighting-schemes/weighting-schemes.module';
import { ReceiptsController } from './receipts.controller';
import { ConsultationsController, PublicConsultationsController } from './consultations.controller';
import { ConsultationMailService } from './consultation-mail.service';
import { ConsultationPublicationService } from './consultation-publication.service';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

@Module({
  imports: [
    AccountsModule,
    NotificationsModule,
    AmendmentsModule,
    DecisionsModule,
    ProposalsModule,
    BallotsModule,
    TalliesModule,
    MembersModule,
    WeightingSchemesModule,
    FinanceModule,
  ],
  controllers: [ConsultationsController, PublicConsultationsController, ReceiptsController],
  providers: [ConsultationsService, ConsultationPublicationService, ConsultationMailService, ConsultationsRepository],
  exports: [ConsultationsService, ConsultationPublicationService, ConsultationMailService],
})
export class ConsultationsModule {}
