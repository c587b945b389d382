import { ApiProperty } from '@nestjs/swagger';
import type { ChoiceKind } from '../../weighting';

export const CHOICE_KINDS: ChoiceKind[] = ['for', 'variant', 'against', 'abstain'];

export class ChoiceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ type: 'integer', description: 'the order on the ballot, from 1' }) position: number;
  @ApiProperty({ example: 'Geamendeerd voorstel: +2,9%' }) label: string;
  @ApiProperty({ enum: CHOICE_KINDS }) kind: ChoiceKind;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2.9',
    description: 'the figure this choice would set (board proposal 3.9, amended 2.9); null for against, abstain and proposals without a figure',
  })
  value: string | null;
}

export class ThresholdResponse {
  @ApiProperty({ type: 'integer', example: 1 }) numerator: number;
  @ApiProperty({ type: 'integer', example: 2 }) denominator: number;
  @ApiProperty({ enum: ['more_than', 'at_least'], description: 'more_than 1/2 is a simple majority (a tie is rejected)' }) comparison: 'more_than' | 'at_least';
}

export class FractionResponse {
  @ApiProperty({ type: 'integer' }) numerator: number;
  @ApiProperty({ type: 'integer' }) denominator: number;
}

export class DecisionRuleResponse {
  @ApiProperty({ type: ThresholdResponse }) threshold: ThresholdResponse;
  @ApiProperty({ type: FractionResponse, nullable: true, description: 'share of the eligible weight that must take part; null: none' })
  quorum: FractionResponse | null;
  @ApiProperty({ description: 'the number of members must pass the threshold too' }) doubleMajority: boolean;
}

/** A proposal (voorstel) with its ballot choices and the rule that decides it. */
export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: 'integer', example: 2 }) number: number;
  @ApiProperty({ example: 'Contributievoorstel 2021' }) title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['for_against', 'alternatives'] }) questionType: 'for_against' | 'alternatives';
  @ApiProperty({ type: 'integer' }) thresholdNumerator: number;
  @ApiProperty({ type: 'integer' }) thresholdDenominator: number;
  @ApiProperty({ enum: ['more_than', 'at_least'] }) thresholdComparison: 'more_than' | 'at_least';
  @ApiProperty({ type: 'integer', nullable: true }) quorumNumerator: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) quorumDenominator: number | null;
  @ApiProperty() doubleMajority: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'contributieverhoging' }) valueLabel: string | null;
  @ApiProperty({ type: String, enum: ['percentage', 'amount_cents', 'integer'], nullable: true }) valueKind: 'percentage' | 'amount_cents' | 'integer' | null;
  @ApiProperty({ type: String, nullable: true, description: 'the figure as an exact decimal string (cents for amount_cents)', example: '3.9' }) value:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set on the ballot question of a motion' }) originMotionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set on a ratification proposal: the consultation it ratifies' })
  ratifiesConsultationId: string | null;
  @ApiProperty({ enum: ['proposal', 'resolution'], description: 'a resolution, once adopted, is followed up as a decision' }) kind: 'proposal' | 'resolution';
  @ApiProperty({ type: [ChoiceResponse] }) choices: ChoiceResponse[];
  @ApiProperty({ type: DecisionRuleResponse }) rule: DecisionRuleResponse;
}

export class ProposalVersionResponse {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ type: 'integer', description: '1 is the original' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ example: 'original' }) reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}
