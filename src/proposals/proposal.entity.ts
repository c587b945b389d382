import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ChoiceKind } from '../weighting';

export type QuestionType = 'for_against' | 'alternatives';
export type ValueKind = 'percentage' | 'amount_cents' | 'integer';
/** A resolution (resolutie) is followed up as a decision with asks once adopted; see src/decisions. */
export type ProposalKind = 'proposal' | 'resolution';

/** A proposal (voorstel) put to the members, with the rule that decides it. */
@Entity('proposal')
export class Proposal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'consultation_id', type: 'uuid' }) consultationId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'text', default: 'proposal' }) kind: ProposalKind;
  @Column() title: string;
  @Column() summary: string;
  @Column({ name: 'question_type', type: 'text' }) questionType: QuestionType;
  @Column({ name: 'threshold_numerator', type: 'integer' }) thresholdNumerator: number;
  @Column({ name: 'threshold_denominator', type: 'integer' }) thresholdDenominator: number;
  @Column({ name: 'threshold_comparison', type: 'text' }) thresholdComparison: 'more_than' | 'at_least';
  @Column({ name: 'quorum_numerator', type: 'integer', nullable: true }) quorumNumerator: number | null;
  @Column({ name: 'quorum_denominator', type: 'integer', nullable: true }) quorumDenominator: number | null;
  @Column({ name: 'double_majority' }) doubleMajority: boolean;
  /** The figure the proposal is about, where it has one (e.g. "contributieverhoging", percentage, 3.9). */
  @Column({ name: 'value_label', type: 'text', nullable: true }) valueLabel: string | null;
  @Column({ name: 'value_kind', type: 'text', nullable: true }) valueKind: ValueKind | null;
  @Column({ type: 'numeric', nullable: true }) value: string | null;
  /** Set on the ballot question of a motion (motie). */
  @Column({ name: 'origin_motion_id', type: 'uuid', nullable: true }) originMotionId: string | null;
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
  /** The figure this choice would set, where the proposal has one (3.9 board proposal, 2.9 amended); null for against and abstain. */
  @Column({ type: 'numeric', nullable: true }) value: string | null;
}

/** Every version of a proposal: the original and one per adopted amendment. */
@Entity('proposal_version')
export class ProposalVersion {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column() title: string;
  @Column() summary: string;
  @Column({ type: 'numeric', nullable: true }) value: string | null;
  @Column() reason: string;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false }) createdAt: Date;
}
