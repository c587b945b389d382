import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { FinanceModule } from '../finance/finance.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { BallotLinks } from '../platform/ballot-links';
import { BallotsController } from './ballots.controller';
import { BallotsRepository } from './ballots.repository';
import { BallotsService } from './ballots.service';
import { PaperBallotsController } from './paper-ballots.controller';

@Module({
  imports: [AccountsModule, NotificationsModule, ProposalsModule, FinanceModule],
  controllers: [BallotsController, PaperBallotsController],
  providers: [BallotsService, BallotsRepository, BallotLinks],
  exports: [BallotsService, BallotLinks],
})
export class BallotsModule {}
