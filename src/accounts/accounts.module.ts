import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { StaffGuard, ViewerGuard } from './staff.guard';

@Module({
  controllers: [AccountsController],
  providers: [AccountsService, AccountsRepository, StaffGuard, ViewerGuard],
  exports: [AccountsService, StaffGuard, ViewerGuard],
})
export class AccountsModule {}
