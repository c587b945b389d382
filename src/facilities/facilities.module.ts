import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BillingModule } from '../billing/billing.module';
import { MembersModule } from '../members/members.module';
import { FacilitiesChargeSource } from './facilities-charge-source';
import { FacilitiesController } from './facilities.controller';
import { FacilitiesRepository } from './facilities.repository';
import { FacilitiesService } from './facilities.service';

/** Collective facilities (samen organiseren); FacilitiesService.facilityCharges(year) is what billing invoices. */
@Module({
  imports: [AccountsModule, MembersModule, BillingModule],
  controllers: [FacilitiesController],
  providers: [FacilitiesService, FacilitiesRepository, FacilitiesChargeSource],
  exports: [FacilitiesService],
})
export class FacilitiesModule {}
