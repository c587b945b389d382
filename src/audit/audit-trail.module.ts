import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AmendmentsModule } from '../amendments/amendments.module';
import { BallotsModule } from '../ballots/ballots.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { AuditController } from './audit.controller';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailService } from './audit-trail.service';

/** Reading and verifying the audit trail (administrators, the board and auditors). */
@Module({
  imports: [AccountsModule, BallotsModule, AmendmentsModule, DecisionsModule],
  controllers: [AuditController],
  providers: [AuditTrailService, AuditTrailRepository],
  exports: [AuditTrailService],
})
export class AuditTrailModule {}
