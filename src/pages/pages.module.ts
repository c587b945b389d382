import { Module } from '@nestjs/common';
import { BallotsModule } from '../ballots/ballots.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { BallotPages } from './ballot.pages';
import { BoardPages } from './board.pages';
import { DecisionsPages } from './decisions.pages';
import { PublicPages } from './public.pages';

@Module({ imports: [ConsultationsModule, BallotsModule, DecisionsModule], controllers: [PublicPages, BallotPages, BoardPages, DecisionsPages] })
export class PagesModule {}
