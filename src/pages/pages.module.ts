import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AmendmentsModule } from '../amendments/amendments.module';
import { BallotsModule } from '../ballots/ballots.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { BillingModule } from '../billing/billing.module';
import { FinanceModule } from '../finance/finance.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FacilitiesModule } from '../facilities/facilities.module';
import { MembersModule } from '../members/members.module';
import { AmendmentPages } from './amendments.pages';
import { WeightingSchemesModule } from '../weighting-schemes/weighting-schemes.module';
import { BallotPages } from './ballot.pages';
import { BoardPages } from './board.pages';
import { ConsultationAmendmentsPages } from './consultation-amendments.pages';
import { ConsultationSetupPages } from './consultation-setup.pages';
import { ConsultationVotingPages } from './consultation-voting.pages';
import { DecisionsPages } from './decisions.pages';
import { FacilitiesPages } from './facilities.pages';
import { FinancePages } from './finance.pages';
import { MemberHome } from './member-home';
import { InvoiceLetterPages, MemberPages } from './member.pages';
import { PaperBallotPages } from './paper-ballot.pages';
import { PublicPages } from './public.pages';
import { ResultsPages } from './results.pages';
import { SignInPages } from './sign-in.pages';

@Module({
  imports: [
    AccountsModule,
    ConsultationsModule,
    BallotsModule,
    DecisionsModule,
    FacilitiesModule,
    MembersModule,
    FinanceModule,
    BillingModule,
    AmendmentsModule,
    WeightingSchemesModule,
  ],
  controllers: [
    PublicPages,
    ResultsPages,
    BallotPages,
    BoardPages,
    DecisionsPages,
    FacilitiesPages,
    FinancePages,
    MemberPages,
    InvoiceLetterPages,
    SignInPages,
    AmendmentPages,
    PaperBallotPages,
    ConsultationSetupPages,
    ConsultationAmendmentsPages,
    ConsultationVotingPages,
  ],
  providers: [MemberHome],
})
export class PagesModule {}
