import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { AmendmentsController } from './amendments.controller';
import { AmendmentsRepository } from './amendments.repository';
import { AmendmentsService } from './amendments.service';

@Module({
  imports: [ProposalsModule],
  controllers: [AmendmentsController],
  providers: [AmendmentsService, AmendmentsRepository],
  exports: [AmendmentsService],
})
export class AmendmentsModule {}
