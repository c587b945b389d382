import { Module } from '@nestjs/common';
import { BallotsModule } from '../ballots/ballots.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { FinanceModule } from '../finance/finance.module';
import { BallotPages } from './ballot.pages';
import { BoardPages } from './board.pages';
import { PublicPages } from './public.pages';

@Module({ imports: [ConsultationsModule, BallotsModule, FinanceModule], controllers: [PublicPages, BallotPages, BoardPages] })
export class PagesModule {}
