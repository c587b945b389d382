import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChoiceKind } from '../weighting';

export type QuestionType = 'for_against' | 'alternatives';

/** A proposal (voorstel) put to the members, with the rule that decides it. */
@Entity('proposal')
export class Proposal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'consultation_id', type: 'uuid' }) consultationId: string;
  @Column({ type: 'integer' }) number: number;
  @Column() title: string;
  @Column() summary: string;
  @Column({ name: 'question_type', type: 'text' }) questionType: QuestionType;
  @Column({ name: 'threshold_numerator', type: 'integer' }) thresholdNumerator: number;
  @Column({ name: 'threshold_denominator', type: 'integer' }) thresholdDenominator: number;
  @Column({ name: 'threshold_comparison', type: 'text' }) thresholdComparison: 'more_than' | 'at_least';
  @Column({ name: 'quorum_numerator', type: 'integer', nullable: true }) quorumNumerator: number | null;
  @Column({ name: 'quorum_denominator', type: 'integer', nullable: true }) quorumDenominator: number | null;
  @Column({ name: 'double_majority' }) doubleMajority: boolean;
  /** Set on a ratification proposal (bekrachtiging): the consultation whose results it ratifies. */
  @Column({ name: 'ratifies_consultation_id', type: 'uuid', nullable: true }) ratifiesConsultationId: string | null;
}

/** One answer on the ballot for a proposal. */
@Entity('choice')
export class Choice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Column({ type: 'integer' }) position: number;
  @Column() label: string;
  @Column({ type: 'text' }) kind: ChoiceKind;
}
