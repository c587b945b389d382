import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BillingModule } from '../billing/billing.module';
import { MembersModule } from '../members/members.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ContributionChargeSource, FundChargeSource } from './charge-sources';
import { ContributionRepository } from './contribution/contribution.repository';
import { ContributionService } from './contribution/contribution.service';
import { DecisionEffectsRepository } from './decision-effects/decision-effects.repository';
import { DecisionEffectsService } from './decision-effects/decision-effects.service';
import { DecisionEffectsController, FinanceController } from './finance.controller';
import { FinancialImpactService } from './financial-impact.service';
import { FundRepository } from './fund/fund.repository';
import { FundService } from './fund/fund.service';
import { VoteReferences } from './vote-references';

/** The financial arrangements the votes set: contribution, collective fund, and the effects that link them to votes. */
@Module({
  imports: [AccountsModule, MembersModule, ProposalsModule, BillingModule],
  controllers: [DecisionEffectsController, FinanceController],
  providers: [
    ContributionRepository,
    ContributionService,
    DecisionEffectsRepository,
    DecisionEffectsService,
    FundRepository,
    FundService,
    FinancialImpactService,
    VoteReferences,
    ContributionChargeSource,
    FundChargeSource,
  ],
  exports: [DecisionEffectsService, ContributionService, FundService, FinancialImpactService],
})
export class FinanceModule {}
