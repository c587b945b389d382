import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BillingModule } from '../billing/billing.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SubscriptionArrangementsController, SubscriptionContractsController, SubscriptionProviderViewController } from './subscriptions.controller';
import { SubscriptionBoardPages, SubscriptionMemberPages, SubscriptionProviderPages } from './subscriptions.pages';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsChargeSource } from './subscriptions-charge-source';
import { SubscriptionsService } from './subscriptions.service';

/** The social-domain subscriptions (issue 11): arrangement, contracts, signatures, follow-up and money. */
@Module({
  imports: [AccountsModule, NotificationsModule, ConsultationsModule, MembersModule, BillingModule],
  controllers: [
    SubscriptionArrangementsController,
    SubscriptionContractsController,
    SubscriptionProviderViewController,
    SubscriptionBoardPages,
    SubscriptionMemberPages,
    SubscriptionProviderPages,
  ],
  providers: [SubscriptionsService, SubscriptionsRepository, SubscriptionsChargeSource],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
