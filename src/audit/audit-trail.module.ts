import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BallotsModule } from '../ballots/ballots.module';
import { AuditController } from './audit.controller';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailService } from './audit-trail.service';

/** Reading and verifying the audit trail (administrators, the board and auditors). */
@Module({
  imports: [AccountsModule, BallotsModule],
  controllers: [AuditController],
  providers: [AuditTrailService, AuditTrailRepository],
  exports: [AuditTrailService],
})
export class AuditTrailModule {}
