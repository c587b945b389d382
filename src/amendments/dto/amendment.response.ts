import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import { ProposalVersionResponse } from '../../proposals/dto/proposal.response';
import type { AmendmentKind, AmendmentResponse as ResponseKind } from '../amendment.entity';
import { ImpactResponse } from '../../finance/dto/finance.response';

export const RESPONSE_KINDS: ResponseKind[] = ['adopt', 'not_adopt', 'inadmissible', 'advise_adopt', 'advise_reject', 'advise_hold_over'];

/** An amendment (amendement) to a proposal, or a motion (motie). */
export class AmendmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a motion' }) proposalId: string | null;
  @ApiProperty({ enum: ['amendment', 'motion'] }) kind: AmendmentKind;
  @ApiProperty({ example: 'AM-2020-002-01' }) reference: string;
  @ApiProperty({ format: 'uuid', description: 'the submitting municipality' }) memberId: string;
  @ApiProperty({ format: 'uuid', description: 'the account of the member official who submitted it' }) submittedBy: string;
  @ApiProperty() text: string;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: String, nullable: true, example: '2.9', description: 'the changed figure, an exact decimal string' }) changedValue: string | null;
  @ApiProperty({ enum: ['submitted', 'withdrawn'] }) status: 'submitted' | 'withdrawn';
  @ApiProperty({ type: String, enum: RESPONSE_KINDS, nullable: true, description: "the board's response (amendment) or advice (motion)" })
  response: ResponseKind | null;
  @ApiProperty({ type: String, nullable: true }) responseReasoning: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'amendments not adopted with the same purport become one ballot choice' }) purport: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: Date | null;
}

export class CoSponsorDto {
  @ApiProperty({ example: 'GM0498' }) memberCode: string;
  @ApiProperty({ example: 'Drechterland' }) memberName: string;
  @ApiProperty({ description: 'an official of that municipality confirmed' }) confirmed: boolean;
}

export class AmendmentListItem extends AmendmentResponse {
  @ApiProperty({ example: 'Barendrecht' }) memberName: string;
  @ApiProperty({ example: 'GM0489' }) memberCode: string;
  @ApiProperty({ type: 'integer', nullable: true }) proposalNumber: number | null;
  @ApiProperty({ type: [CoSponsorDto] }) coSponsors: CoSponsorDto[];
}

export const AmendmentPage = PageOf(AmendmentListItem, 'AmendmentPage');

export class LetterAmendmentDto {
  @ApiProperty({ example: 'AM-2020-002-01' }) reference: string;
  @ApiProperty({ example: 'Drechterland c.s.' }) submitters: string;
  @ApiProperty() text: string;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: String, nullable: true }) changedValue: string | null;
  @ApiProperty({ description: "the board's response, in Dutch" }) response: string;
  @ApiProperty() reasoning: string;
}

export class LetterProposalDto {
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ type: 'integer', description: 'the proposal version the letter shows' }) version: number;
  @ApiProperty({ type: [LetterAmendmentDto] }) amendments: LetterAmendmentDto[];
  @ApiProperty({ type: [String], description: 'the ballot choices, in order' }) choices: string[];
}

export class LetterMotionDto {
  @ApiProperty({ example: 'MO-2020-001' }) reference: string;
  @ApiProperty() submitters: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: "the board's advice, in Dutch" }) advice: string;
  @ApiProperty() reasoning: string;
  @ApiProperty({ description: 'the ballot question it became' }) question: string;
}

/** The member letter "Definitieve voorstellen", frozen when the final proposals were published. */
export class DefinitiveLetterResponse {
  @ApiProperty({ example: 'Lbr. 20/030' }) reference: string;
  @ApiProperty({ example: '2020-06-10' }) date: string;
  @ApiProperty() consultationTitle: string;
  @ApiProperty() votingDeadline: string;
  @ApiProperty({ type: [LetterProposalDto] }) proposals: LetterProposalDto[];
  @ApiProperty({ type: [LetterMotionDto] }) motions: LetterMotionDto[];
  @ApiPropertyOptional({
    type: [ImpactResponse],
    description: 'what each member would pay under each choice, per proposal with a financial effect (letters frozen before this existed lack it)',
  })
  financialImpact?: ImpactResponse[];
}

export const ProposalVersionPage = PageOf(ProposalVersionResponse, 'ProposalVersionPage');
