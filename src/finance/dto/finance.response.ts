/** The answers of the finance endpoints, as the OpenAPI document promises them (every field named). */
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import { ACTIVITY_KINDS, COMPARTMENTS } from '../rules/budget-check';

const EFFECT_STATUSES = ['pending', 'provisional', 'definitive', 'not_applied', 'withdrawn'];
const int = { type: 'integer' } as const;
const intOrNull = { type: 'integer', nullable: true } as const;
const cents = (description?: string) => ({ type: 'integer', description: description ?? 'euro cents' }) as const;
const day = { type: String, format: 'date' } as const;
const instant = { type: String, format: 'date-time' } as const;
const textOrNull = { type: String, nullable: true } as const;

/** The vote behind a figure: every schedule, budget and invoice line links back to one. */
export class VoteReferenceResponse {
  @ApiProperty({ format: 'uuid' }) effectId: string;
  @ApiProperty({ enum: EFFECT_STATUSES }) effectStatus: 'pending' | 'provisional' | 'definitive' | 'not_applied' | 'withdrawn';
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty() consultationTitle: string;
  @ApiProperty({ ...textOrNull, example: 'Lbr. 20/030' }) consultationReference: string | null;
  @ApiProperty({ example: 'results_published' }) consultationStatus: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty(int) proposalNumber: number;
  @ApiProperty() proposalTitle: string;
  @ApiProperty({ ...textOrNull, example: 'adopted' }) outcome: string | null;
  @ApiProperty({ ...textOrNull, example: 'Geamendeerd voorstel (2,9%)' }) choice: string | null;
  @ApiProperty({ ...textOrNull, example: '2.9' }) value: string | null;
  @ApiProperty({ example: '/raadplegingen/…/uitslag', description: 'the public result page of the vote' }) resultPath: string;
}

export class EffectResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ enum: ['contribution_raise', 'fund_budget'] }) kind: 'contribution_raise' | 'fund_budget';
  @ApiProperty(intOrNull) year: number | null;
  @ApiProperty({ ...day, nullable: true }) referenceDate: string | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) fundBudgetId: string | null;
  @ApiProperty({ enum: EFFECT_STATUSES }) status: 'pending' | 'provisional' | 'definitive' | 'not_applied' | 'withdrawn';
  @ApiProperty({ example: 'voorlopig toegepast' }) statusNl: string;
  @ApiProperty({ ...textOrNull, example: 'adopted' }) outcome: string | null;
  @ApiProperty({ ...textOrNull, example: 'aangenomen' }) outcomeNl: string | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) appliedChoiceId: string | null;
  @ApiProperty(textOrNull) appliedChoiceLabel: string | null;
  @ApiProperty({ ...textOrNull, example: '2.9' }) appliedValue: string | null;
  @ApiProperty({ ...instant, nullable: true }) appliedAt: Date | null;
  @ApiProperty({ ...instant, nullable: true }) settledAt: Date | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) settledByProposalId: string | null;
}

export class BandResponse {
  @ApiProperty(int) fromInhabitants: number;
  @ApiProperty(intOrNull) toInhabitants: number | null;
  @ApiProperty({ example: '5.000 tot 25.000' }) band: string;
  @ApiProperty({ example: '1.76', description: 'euro per inhabitant, up to four decimals' }) ratePerInhabitant: string;
  @ApiProperty({ example: '€ 1,76' }) rate: string;
}

export class ScheduleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(int) year: number;
  @ApiProperty(day) referenceDate: string;
  @ApiProperty(day) membersOn: string;
  @ApiProperty({ enum: ['provisional', 'adopted', 'superseded', 'withdrawn'] }) status: 'provisional' | 'adopted' | 'superseded' | 'withdrawn';
  @ApiProperty() statusNl: string;
  @ApiProperty({ enum: ['whole_population', 'per_band'] }) bandMode: string;
  @ApiProperty() bandModeNl: string;
  @ApiProperty() rateRounding: string;
  @ApiProperty() rateRoundingNl: string;
  @ApiProperty() amountRounding: string;
  @ApiProperty() amountRoundingNl: string;
  @ApiProperty() basis: string;
  @ApiProperty({ ...textOrNull, example: '3,9%' }) raise: string | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) derivedFromId: string | null;
  @ApiProperty({ ...textOrNull, format: 'uuid' }) replacedId: string | null;
  @ApiProperty({ type: [BandResponse] }) bands: BandResponse[];
  @ApiProperty({
    type: VoteReferenceResponse,
    nullable: true,
    description: 'the vote that set these rates; null when entered as decided elsewhere (see basis)',
  })
  decidedBy: VoteReferenceResponse | null;
}

export const SchedulePage = PageOf(ScheduleResponse, 'SchedulePage');

export class ContributionLineResponse {
  @ApiProperty(int) fromInhabitants: number;
  @ApiProperty(intOrNull) toInhabitants: number | null;
  @ApiProperty(int) inhabitants: number;
  @ApiProperty({ example: '5.000 tot 25.000' }) band: string;
  @ApiProperty({ example: '€ 1,76' }) rate: string;
  @ApiProperty(cents()) amountCents: number;
  @ApiProperty({ example: '€ 8.800,00' }) amount: string;
}

export class MemberContributionResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
  @ApiProperty(int) inhabitants: number;
  @ApiProperty({ ...textOrNull, description: 'the merged municipalities whose inhabitants are counted' }) inhabitantsFrom: string | null;
  @ApiProperty({ type: [ContributionLineResponse] }) lines: ContributionLineResponse[];
  @ApiProperty(cents()) totalCents: number;
  @ApiProperty() total: string;
}

export class YearContributionResponse {
  @ApiProperty(int) year: number;
  @ApiProperty({ type: ScheduleResponse }) schedule: ScheduleResponse;
  @ApiProperty({ description: 'true when no schedule was set for the year and the previous rates stay in force' }) carriedOver: boolean;
  @ApiProperty({ type: [MemberContributionResponse] }) members: MemberContributionResponse[];
  @ApiProperty(cents()) totalCents: number;
  @ApiProperty() total: string;
}

export class SumMismatchResponse {
  @ApiProperty(int) line: number;
  @ApiProperty() label: string;
  @ApiProperty(int) year: number;
  @ApiProperty(cents()) statedCents: number;
  @ApiProperty(cents()) computedCents: number;
  @ApiProperty(cents('stated - computed')) differenceCents: number;
  @ApiProperty({ example: '€ 25.452.000,00' }) stated: string;
  @ApiProperty() computed: string;
  @ApiProperty() difference: string;
}

export class BudgetCheckResponse {
  @ApiProperty({ type: 'integer', description: 'how many subtotals and totals the budget stated' }) statedSums: number;
  @ApiProperty({ type: [SumMismatchResponse] }) correctionsAccepted: SumMismatchResponse[];
}

export class BudgetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty(int) firstYear: number;
  @ApiProperty(int) lastYear: number;
  @ApiProperty(day) referenceDate: string;
  @ApiProperty(day) membersOn: string;
  @ApiProperty({ enum: ['draft', 'provisional', 'adopted'] }) status: 'draft' | 'provisional' | 'adopted';
  @ApiProperty() statusNl: string;
  @ApiProperty() source: string;
  @ApiProperty(instant) createdAt: Date;
  @ApiProperty({ type: BudgetCheckResponse }) check: BudgetCheckResponse;
  @ApiProperty({ type: VoteReferenceResponse, nullable: true }) decidedBy: VoteReferenceResponse | null;
}

export const BudgetPage = PageOf(BudgetResponse, 'BudgetPage');

export class BudgetActivityResponse {
  @ApiProperty(int) line: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: [...COMPARTMENTS] }) compartment: string;
  @ApiProperty({ enum: [...ACTIVITY_KINDS] }) kind: string;
  @ApiProperty(int) year: number;
  @ApiProperty(cents()) amountCents: number;
  @ApiProperty() amount: string;
  @ApiProperty() compartmentNl: string;
  @ApiProperty() kindNl: string;
}

export class BudgetAccountResponse {
  @ApiProperty(int) year: number;
  @ApiProperty({ enum: [...COMPARTMENTS] }) compartment: string;
  @ApiProperty() compartmentNl: string;
  @ApiProperty(cents()) budgetedCents: number;
  @ApiProperty(cents()) authorisedCents: number;
  @ApiProperty(cents()) spentCents: number;
  @ApiProperty() budgeted: string;
  @ApiProperty() authorised: string;
  @ApiProperty() spent: string;
  @ApiProperty() notAuthorised: string;
  @ApiProperty() authorisedNotSpent: string;
}

export class BudgetEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(int) year: number;
  @ApiProperty({ enum: [...COMPARTMENTS] }) compartment: string;
  @ApiProperty({ enum: ['authorised', 'spent'] }) kind: string;
  @ApiProperty(cents()) amountCents: number;
  @ApiProperty() amount: string;
  @ApiProperty() description: string;
  @ApiProperty() createdBy: string;
  @ApiProperty(instant) createdAt: Date;
  @ApiProperty() compartmentNl: string;
  @ApiProperty() kindNl: string;
}

export class BudgetDetailResponse extends BudgetResponse {
  @ApiProperty({ type: [BudgetActivityResponse] }) activities: BudgetActivityResponse[];
  @ApiProperty({ type: [BudgetAccountResponse], description: 'per year and compartment: budgeted, authorised, spent' }) account: BudgetAccountResponse[];
  @ApiProperty({ type: [BudgetEntryResponse] }) entries: BudgetEntryResponse[];
}

export class MemberShareResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
  @ApiProperty(int) inhabitants: number;
  @ApiProperty(textOrNull) inhabitantsFrom: string | null;
  @ApiProperty(cents('the share rounded down to the cent')) floorCents: number;
  @ApiProperty({ type: 'integer', enum: [0, 1], description: '1 when the member received one of the remaining cents' }) extraCent: number;
  @ApiProperty(cents()) shareCents: number;
  @ApiProperty() share: string;
}

export class SharesResponse {
  @ApiProperty({ format: 'uuid' }) budgetId: string;
  @ApiProperty(int) year: number;
  @ApiProperty(day) referenceDate: string;
  @ApiProperty(day) membersOn: string;
  @ApiProperty(cents()) totalCents: number;
  @ApiProperty() total: string;
  @ApiProperty({ type: 'integer', description: 'cents placed by the largest remainder' }) remainingCents: number;
  @ApiProperty({ description: 'the rounding rule, in Dutch' }) rule: string;
  @ApiProperty({ type: [MemberShareResponse] }) members: MemberShareResponse[];
}

export class ImpactChoiceResponse {
  @ApiProperty({ example: 'Voorstel bestuur (3,9%)' }) label: string;
  @ApiProperty({ example: 'tarieven 2020 + 3,9%' }) meaning: string;
  @ApiProperty(cents()) totalCents: number;
  @ApiProperty() total: string;
}

export class ImpactAmountResponse {
  @ApiProperty() label: string;
  @ApiProperty(cents()) amountCents: number;
  @ApiProperty() amount: string;
}

export class ImpactMemberResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ImpactAmountResponse] }) amounts: ImpactAmountResponse[];
}

export class ImpactResponse {
  @ApiProperty(int) proposalNumber: number;
  @ApiProperty() proposalTitle: string;
  @ApiProperty({ example: 'Contributie 2021' }) what: string;
  @ApiProperty({ type: [ImpactChoiceResponse] }) choices: ImpactChoiceResponse[];
  @ApiProperty({ type: [ImpactMemberResponse] }) members: ImpactMemberResponse[];
}

export class ConsultationImpactResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: [ImpactResponse], description: 'one per proposal with a financial effect' }) proposals: ImpactResponse[];
}
