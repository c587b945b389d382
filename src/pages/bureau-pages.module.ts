import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditTrailModule } from '../audit/audit-trail.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { MembersModule } from '../members/members.module';
import { AccountsPages, MyAccountPages } from './accounts.pages';
import { AuditPages } from './audit.pages';
import { RegisterImportForm, RegisterPages, RegisterUploadRefused } from './register.pages';

/** The bureau's pages: the member register and its import, accounts, one's own account, the audit trail. */
@Module({
  imports: [AccountsModule, MembersModule, ConsultationsModule, AuditTrailModule],
  controllers: [RegisterPages, AccountsPages, MyAccountPages, AuditPages],
  providers: [RegisterImportForm, RegisterUploadRefused],
})
export class BureauPagesModule {}
