import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BallotsModule } from '../ballots/ballots.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { BillingModule } from '../billing/billing.module';
import { FinanceModule } from '../finance/finance.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FacilitiesModule } from '../facilities/facilities.module';
import { MembersModule } from '../members/members.module';
import { BallotPages } from './ballot.pages';
import { BoardPages } from './board.pages';
import { DecisionsPages } from './decisions.pages';
import { FacilitiesPages } from './facilities.pages';
import { FinancePages } from './finance.pages';
import { InvoiceLetterPages, MemberPages } from './member.pages';
import { PublicPages } from './public.pages';
import { ResultsPages } from './results.pages';

@Module({
  imports: [AccountsModule, ConsultationsModule, BallotsModule, DecisionsModule, FacilitiesModule, MembersModule, FinanceModule, BillingModule],
  controllers: [PublicPages, ResultsPages, BallotPages, BoardPages, DecisionsPages, FacilitiesPages, FinancePages, MemberPages, InvoiceLetterPages],
})
export class PagesModule {}
