import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FinanceModule } from '../finance/finance.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsRepository } from './amendments.repository';
import { AmendmentsService } from './amendments.service';

@Module({
  imports: [AccountsModule, NotificationsModule, ProposalsModule, MembersModule, FinanceModule],
  controllers: [AmendmentsController],
  providers: [AmendmentsService, AmendmentsRepository],
  exports: [AmendmentsService],
})
export class AmendmentsModule {}
