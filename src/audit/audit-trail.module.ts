import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditController } from './audit.controller';

/** Reading and verifying the audit trail (administrators, the board and auditors). */
@Module({ imports: [AccountsModule], controllers: [AuditController] })
export class AuditTrailModule {}
