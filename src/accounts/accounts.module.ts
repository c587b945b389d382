import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { StaffGuard } from './staff.guard';

@Module({
  controllers: [AccountsController],
  providers: [AccountsService, StaffGuard],
  exports: [AccountsService, StaffGuard],
})
export class AccountsModule {}
