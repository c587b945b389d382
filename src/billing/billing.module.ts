import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { ChargeSources } from './charge-source';

/**
 * Billing, one module for every arrangement. A module with something to invoice imports this one and
 * registers its ChargeSource with ChargeSources (see charge-source.ts).
 */
@Module({
  imports: [AccountsModule, MembersModule, NotificationsModule],
  controllers: [BillingController],
  providers: [ChargeSources, BillingRepository, BillingService],
  exports: [ChargeSources, BillingService],
})
export class BillingModule {}
