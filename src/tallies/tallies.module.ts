import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { TalliesRepository } from './tallies.repository';
import { TalliesService } from './tallies.service';

@Module({ imports: [ProposalsModule], providers: [TalliesService, TalliesRepository], exports: [TalliesService] })
export class TalliesModule {}
