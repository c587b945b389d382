import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import { CHOICE_KINDS } from '../../proposals/dto/proposal.response';
import type { Outcome } from '../../weighting';

export const OUTCOMES: Outcome[] = ['adopted', 'rejected', 'no_quorum', 'tie_between_variants'];

export class ChoiceLineResponse {
  @ApiProperty({ format: 'uuid' }) choiceId: string;
  @ApiProperty({ example: 'Voor' }) label: string;
  @ApiProperty({ enum: CHOICE_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) weight: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'share of the weighted votes cast in basis points; null for abstain' }) shareBasisPoints:
    number | null;
  @ApiProperty({ type: String, nullable: true, example: '45,45%', description: 'the same share in Dutch notation, half up to 0,01' }) share: string | null;
}

export class DecisionResponse {
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) adoptedChoiceId: string | null;
  @ApiProperty({ type: 'integer', description: 'for, all variants together' }) forWeight: number;
  @ApiProperty({ type: 'integer' }) againstWeight: number;
  @ApiProperty({ type: 'integer' }) abstainWeight: number;
  @ApiProperty({ type: 'integer', description: 'for + against; abstentions are outside the base' }) castWeight: number;
  @ApiProperty({ type: 'integer' }) forMembers: number;
  @ApiProperty({ type: 'integer' }) againstMembers: number;
  @ApiProperty({ type: 'integer' }) abstainMembers: number;
  @ApiProperty({ type: 'integer' }) castMembers: number;
  @ApiProperty({ type: 'integer', description: 'abstentions included' }) participatingMembers: number;
  @ApiProperty({ type: 'integer' }) participatingWeight: number;
  @ApiProperty({ type: 'integer' }) turnoutMembersBasisPoints: number;
  @ApiProperty({ type: 'integer' }) turnoutWeightBasisPoints: number;
  @ApiProperty({ type: [String], description: 'short English explanations of the outcome' }) reasons: string[];
}

export class ProposalResultResponse {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) adoptedChoiceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'label of the adopted choice' }) adoptedChoice: string | null;
  @ApiProperty({ example: 'gewone meerderheid van de uitgebrachte gewogen stemmen', description: 'the decision rule in Dutch words' }) rule: string;
  @ApiProperty({ type: [ChoiceLineResponse] }) choices: ChoiceLineResponse[];
  @ApiProperty({ type: DecisionResponse }) decision: DecisionResponse;
}

export class EligibleDto {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) weight: number;
}

export class ResultTurnoutDto {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) weight: number;
  @ApiProperty({ example: '100,00%' }) membersShare: string;
  @ApiProperty({ example: '100,00%' }) weightShare: string;
}

/** The weighted tally, as the board sees it once voting has closed (frozen once published). */
export class TallyResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the result was published and frozen; null: computed now' })
  publishedAt: Date | null;
  @ApiProperty({ type: EligibleDto }) eligible: EligibleDto;
  @ApiProperty({ type: ResultTurnoutDto }) turnout: ResultTurnoutDto;
  @ApiProperty({ type: [ProposalResultResponse] }) proposals: ProposalResultResponse[];
}

export class NamedAnswerDto {
  @ApiProperty({ type: 'integer' }) proposalNumber: number;
  @ApiProperty({ example: 'Voor' }) choiceLabel: string;
}

export class NamedVoteResponse {
  @ApiProperty({ example: 'GM0489' }) memberCode: string;
  @ApiProperty({ example: 'Barendrecht' }) memberName: string;
  @ApiProperty({ type: 'integer' }) weight: number;
  @ApiProperty() voterName: string;
  @ApiProperty({ example: 'secretary' }) voterRole: string;
  @ApiProperty({ enum: ['online', 'paper'], description: "paper: a paper ballot the bureau recorded on the member's behalf" }) channel: 'online' | 'paper';
  @ApiProperty({ type: [NamedAnswerDto] }) answers: NamedAnswerDto[];
}

export const NamedVotePage = PageOf(NamedVoteResponse, 'NamedVotePage');

/** A published result: the frozen tally and, when votes are open, one page of how each member voted. */
export class PublishedResultResponse extends TallyResponse {
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['results_published', 'ratified', 'not_ratified'] }) status: string;
  @ApiProperty({ enum: ['open', 'confidential'], description: 'confidential: only totals, votes is empty' }) secrecy: 'open' | 'confidential';
  @ApiProperty({ type: NamedVotePage, description: 'one page of the named votes, by municipality name (page and size of the query)' }) votes: InstanceType<
    typeof NamedVotePage
  >;
}
