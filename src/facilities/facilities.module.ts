import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MembersModule } from '../members/members.module';
import { FacilitiesController } from './facilities.controller';
import { FacilitiesRepository } from './facilities.repository';
import { FacilitiesService } from './facilities.service';

/** Collective facilities (samen organiseren); FacilitiesService.facilityCharges(year) is what billing invoices. */
@Module({
  imports: [AccountsModule, MembersModule],
  controllers: [FacilitiesController],
  providers: [FacilitiesService, FacilitiesRepository],
  exports: [FacilitiesService],
})
export class FacilitiesModule {}
