/** Response shapes for the OpenAPI document (the finance endpoints answer these). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VoteReferenceResponse {
  @ApiProperty() effectId: string;
  @ApiProperty() consultationId: string;
  @ApiProperty() consultationTitle: string;
  @ApiProperty() proposalId: string;
  @ApiProperty() proposalNumber: number;
  @ApiProperty() proposalTitle: string;
  @ApiPropertyOptional({ nullable: true, example: 'Voorstel bestuur (3,9%)' }) choice: string | null;
  @ApiPropertyOptional({ nullable: true, example: '3.9' }) value: string | null;
  @ApiProperty({ enum: ['pending', 'provisional', 'definitive', 'not_applied', 'withdrawn'] }) effectStatus: string;
  @ApiProperty({ example: '/raadplegingen/…/uitslag' }) resultPath: string;
}

export class EffectResponse {
  @ApiProperty() id: string;
  @ApiProperty() proposalId: string;
  @ApiProperty({ enum: ['contribution_raise', 'fund_budget'] }) kind: string;
  @ApiPropertyOptional({ nullable: true }) year: number | null;
  @ApiPropertyOptional({ nullable: true }) referenceDate: string | null;
  @ApiPropertyOptional({ nullable: true }) fundBudgetId: string | null;
  @ApiProperty({ enum: ['pending', 'provisional', 'definitive', 'not_applied', 'withdrawn'] }) status: string;
  @ApiProperty() statusNl: string;
  @ApiPropertyOptional({ nullable: true }) appliedChoiceLabel: string | null;
  @ApiPropertyOptional({ nullable: true }) appliedValue: string | null;
}

export class BandResponse {
  @ApiProperty() fromInhabitants: number;
  @ApiPropertyOptional({ nullable: true }) toInhabitants: number | null;
  @ApiProperty({ example: '1.76' }) ratePerInhabitant: string;
  @ApiProperty({ example: '€ 1,76' }) rate: string;
}

export class ScheduleResponse {
  @ApiProperty() id: string;
  @ApiProperty() year: number;
  @ApiProperty() referenceDate: string;
  @ApiProperty() membersOn: string;
  @ApiProperty({ enum: ['provisional', 'adopted', 'superseded', 'withdrawn'] }) status: string;
  @ApiProperty({ enum: ['whole_population', 'per_band'] }) bandMode: string;
  @ApiProperty() rateRounding: string;
  @ApiProperty() amountRounding: string;
  @ApiProperty() basis: string;
  @ApiPropertyOptional({ nullable: true, example: '3,9%' }) raise: string | null;
  @ApiProperty({ type: [BandResponse] }) bands: BandResponse[];
  @ApiPropertyOptional({ type: VoteReferenceResponse, nullable: true }) decidedBy: VoteReferenceResponse | null;
}

export class ContributionLineResponse {
  @ApiProperty() band: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty() rate: string;
  @ApiProperty() amountCents: number;
}

export class MemberContributionResponse {
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
  @ApiProperty() inhabitants: number;
  @ApiPropertyOptional({ nullable: true, description: 'the merged municipalities whose inhabitants are counted' }) inhabitantsFrom: string | null;
  @ApiProperty({ type: [ContributionLineResponse] }) lines: ContributionLineResponse[];
  @ApiProperty() totalCents: number;
}

export class YearContributionResponse {
  @ApiProperty() year: number;
  @ApiProperty({ type: ScheduleResponse }) schedule: ScheduleResponse;
  @ApiProperty({ description: 'true when no schedule was set for the year and the previous rates stay in force' }) carriedOver: boolean;
  @ApiProperty({ type: [MemberContributionResponse] }) members: MemberContributionResponse[];
  @ApiProperty() totalCents: number;
}

export class SumMismatchResponse {
  @ApiProperty() line: number;
  @ApiProperty() label: string;
  @ApiProperty() year: number;
  @ApiProperty() statedCents: number;
  @ApiProperty() computedCents: number;
  @ApiProperty({ description: 'stated - computed' }) differenceCents: number;
}

export class BudgetCheckResponse {
  @ApiProperty() statedSums: number;
  @ApiProperty({ type: [SumMismatchResponse] }) correctionsAccepted: SumMismatchResponse[];
}

export class BudgetResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() firstYear: number;
  @ApiProperty() lastYear: number;
  @ApiProperty() referenceDate: string;
  @ApiProperty({ enum: ['draft', 'provisional', 'adopted'] }) status: string;
  @ApiProperty({ type: BudgetCheckResponse }) check: BudgetCheckResponse;
  @ApiPropertyOptional({ type: VoteReferenceResponse, nullable: true }) decidedBy: VoteReferenceResponse | null;
}

export class MemberShareResponse {
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty() floorCents: number;
  @ApiProperty({ description: '1 when the member received one of the remaining cents' }) extraCent: number;
  @ApiProperty() shareCents: number;
}

export class SharesResponse {
  @ApiProperty() budgetId: string;
  @ApiProperty() year: number;
  @ApiProperty() referenceDate: string;
  @ApiProperty() totalCents: number;
  @ApiProperty() remainingCents: number;
  @ApiProperty({ type: [MemberShareResponse] }) members: MemberShareResponse[];
}

export class ImpactChoiceResponse {
  @ApiProperty({ example: 'Voorstel bestuur (3,9%)' }) label: string;
  @ApiProperty({ example: 'tarieven 2020 + 3,9%' }) meaning: string;
  @ApiProperty() totalCents: number;
}

export class ImpactAmountResponse {
  @ApiProperty() label: string;
  @ApiProperty() amountCents: number;
}

export class ImpactMemberResponse {
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ImpactAmountResponse] }) amounts: ImpactAmountResponse[];
}

export class ImpactResponse {
  @ApiProperty() proposalNumber: number;
  @ApiProperty() proposalTitle: string;
  @ApiProperty({ example: 'Contributie 2021' }) what: string;
  @ApiProperty({ type: [ImpactChoiceResponse] }) choices: ImpactChoiceResponse[];
  @ApiProperty({ type: [ImpactMemberResponse] }) members: ImpactMemberResponse[];
}
