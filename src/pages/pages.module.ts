import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BallotsModule } from '../ballots/ballots.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { BallotPages } from './ballot.pages';
import { BoardPages } from './board.pages';
import { PublicPages } from './public.pages';

@Module({ imports: [AccountsModule, ConsultationsModule, BallotsModule], controllers: [PublicPages, BallotPages, BoardPages] })
export class PagesModule {}
