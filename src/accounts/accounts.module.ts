import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { StaffGuard } from './staff.guard';

@Module({
  controllers: [AccountsController],
  providers: [AccountsService, AccountsRepository, StaffGuard],
  exports: [AccountsService, StaffGuard],
})
export class AccountsModule {}
