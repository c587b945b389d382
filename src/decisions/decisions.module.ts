import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AmendmentsModule } from '../amendments/amendments.module';
import { MembersModule } from '../members/members.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { DecisionLettersService } from './decision-letters.service';
import { DecisionsController, PublicDecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

/** Decisions followed up: adopted motions and resolutions, their asks and progress, and the member letter. */
@Module({
  imports: [AccountsModule, NotificationsModule, AmendmentsModule, ProposalsModule, MembersModule],
  controllers: [DecisionsController, PublicDecisionsController],
  providers: [DecisionsService, DecisionLettersService, DecisionsRepository],
  exports: [DecisionsService, DecisionLettersService],
})
export class DecisionsModule {}
