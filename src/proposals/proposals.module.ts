import { Module } from '@nestjs/common';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';

@Module({ providers: [ProposalsService, ProposalsRepository], exports: [ProposalsService] })
export class ProposalsModule {}
