import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the subscription endpoints answer (for the OpenAPI document; the services return these shapes). */

export class ArrangementResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() decidedByConsultationId: string;
  @ApiProperty() decidedByProposalId: string;
  @ApiProperty({ example: '2017-01-01' }) referenceDate: string;
  @ApiProperty({ example: 2018 }) firstYear: number;
  @ApiProperty({ example: 2021 }) lastYear: number;
  @ApiProperty() signingDeadline: Date;
  @ApiProperty({ example: '2017-12-01' }) firstInvoiceDate: string;
  @ApiProperty() officeName: string;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) dissolvedOn: string | null;
  @ApiProperty({ nullable: true, type: Date }) dissolvedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) dissolutionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) dissolvedByProposalId: string | null;
  @ApiProperty() createdAt: Date;
}

export class ProviderYearResponse {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'euro cents' }) budgetCents: number;
  @ApiProperty({ description: 'per inhabitant, hundredths of a cent (44 ct = 4400)' }) tariffHundredthsOfCent: number;
  @ApiProperty({ example: '€ 0,44' }) tariff: string;
}

export class ProviderResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'akj' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() service: string;
  @ApiProperty() position: number;
  @ApiProperty() takenByExempt: boolean;
  @ApiProperty({ type: [ProviderYearResponse] }) years: ProviderYearResponse[];
}

export class IndexationResponse {
  @ApiProperty() year: number;
  @ApiProperty({ example: 225 }) basisPoints: number;
  @ApiProperty({ example: '2,25%' }) percentage: string;
  @ApiProperty() negativeConfirmed: boolean;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedAt: Date;
}

export class MemberRefResponse {
  @ApiProperty() cbsCode: string;
  @ApiProperty() name: string;
}

export class VariantResponse {
  @ApiProperty() label: string;
  @ApiProperty({ type: [String] }) providers: string[];
}

export class VariantsResponse {
  @ApiProperty({ type: VariantResponse }) full: VariantResponse;
  @ApiProperty({ type: VariantResponse }) reduced: VariantResponse;
}

export class OfficeYearResponse {
  @ApiProperty() year: number;
  @ApiProperty() costCents: number;
}

export class ArrangementDetailResponse extends ArrangementResponse {
  @ApiProperty({ type: [ProviderResponse] }) providers: ProviderResponse[];
  @ApiProperty({ type: [OfficeYearResponse] }) officeYears: OfficeYearResponse[];
  @ApiProperty({ type: [IndexationResponse] }) indexations: IndexationResponse[];
  @ApiProperty({ type: [MemberRefResponse] }) exemptMembers: MemberRefResponse[];
  @ApiProperty({ type: VariantsResponse }) variants: VariantsResponse;
}

export class ProgressGroupResponse {
  @ApiProperty() members: number;
  @ApiProperty() inhabitants: number;
  @ApiProperty({ description: 'what these members pay for the year, in cents' }) amountCents: number;
}

export class CoveredShareResponse {
  @ApiProperty({ example: '71,40%' }) inhabitants: string;
  @ApiProperty({ example: '70,12%' }) money: string;
}

export class ProgressContractResponse {
  @ApiProperty() id: string;
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ enum: ['pending', 'signed', 'refused', 'dissolved', 'lapsed'] }) status: string;
  @ApiProperty() statusNl: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ nullable: true, type: Date }) answeredAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) signatoryName: string | null;
  @ApiProperty({ nullable: true, type: String }) signatoryRole: string | null;
  @ApiProperty({ nullable: true, type: String }) accountEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) refusalReason: string | null;
}

export class ProgressResponse {
  @ApiProperty() arrangementId: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty() signingDeadline: Date;
  @ApiProperty({ type: ProgressGroupResponse, description: 'signed (also when dissolved later)' }) signed: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse, description: 'not yet answered (or lapsed at a dissolution)' }) pending: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse }) refused: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse }) all: ProgressGroupResponse;
  @ApiProperty({ type: CoveredShareResponse }) coveredShare: CoveredShareResponse;
  @ApiProperty({ type: [ProgressContractResponse] }) contracts: ProgressContractResponse[];
}

export class BreakEvenScenarioResponse {
  @ApiProperty() inhabitants: number;
  @ApiProperty({ nullable: true, type: Number, description: 'budget / inhabitants, rounded up to 0.01 ct' }) breakEvenTariffHundredthsOfCent: number | null;
  @ApiProperty({ nullable: true, type: String, example: '€ 0,4310' }) breakEvenTariff: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'break-even minus stated tariff: what non-participation costs the others per inhabitant' }) aboveStatedHundredthsOfCent: number | null;
  @ApiProperty({ description: 'budget not covered when these members pay the stated tariff' }) shortfallAtStatedTariffCents: number;
}

export class BreakEvenProviderResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() service: string;
  @ApiProperty() budgetCents: number;
  @ApiProperty() statedTariffHundredthsOfCent: number;
  @ApiProperty() statedTariff: string;
  @ApiProperty({ type: BreakEvenScenarioResponse, description: 'every member of the arrangement' }) everyone: BreakEvenScenarioResponse;
  @ApiProperty({ type: BreakEvenScenarioResponse }) signedSoFar: BreakEvenScenarioResponse;
  @ApiProperty({ type: BreakEvenScenarioResponse, description: 'everyone who has not refused signs' }) allButRefused: BreakEvenScenarioResponse;
}

export class BreakEvenResponse {
  @ApiProperty() arrangementId: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [BreakEvenProviderResponse] }) providers: BreakEvenProviderResponse[];
}

export class IndexedProviderYearResponse {
  @ApiProperty() providerId: string;
  @ApiProperty() year: number;
  @ApiProperty() budgetCents: number;
  @ApiProperty() tariffHundredthsOfCent: number;
}

export class IndexationResultResponse {
  @ApiProperty() year: number;
  @ApiProperty({ example: '2,25%' }) percentage: string;
  @ApiProperty() basisPoints: number;
  @ApiProperty({ type: [IndexedProviderYearResponse] }) providers: IndexedProviderYearResponse[];
}

export class RemindersResponse {
  @ApiProperty({ description: 'members that have not answered (each reminded at most once a day)' }) members: number;
  @ApiProperty({ example: '2017-05-15' }) day: string;
}

export class PollAnswerResponse {
  @ApiProperty() memberId: string;
  @ApiProperty({ nullable: true, type: String }) cbsCode: string | null;
  @ApiProperty({ nullable: true, type: String }) memberName: string | null;
  @ApiProperty() prefersCollectiveFunding: boolean;
  @ApiProperty({ nullable: true, type: String }) expectedSigningDate: string | null;
  @ApiProperty({ nullable: true, type: String }) remark: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: Date;
}

export class PollResponse {
  @ApiProperty() arrangementId: string;
  @ApiProperty() answered: number;
  @ApiProperty() prefersCollectiveFunding: number;
  @ApiProperty({ example: '77,78%' }) prefersCollectiveFundingShare: string;
  @ApiProperty({ type: [PollAnswerResponse] }) answers: PollAnswerResponse[];
}

export class ChargeLineResponse {
  @ApiProperty() providerCode: string;
  @ApiProperty({ example: 'Stichting AKJ (Vertrouwenswerk Jeugd) 2018: 50.000 inwoners × € 0,44' }) description: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty() tariffHundredthsOfCent: number;
  @ApiProperty() amountCents: number;
}

export class MemberChargeResponse {
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ type: [ChargeLineResponse] }) lines: ChargeLineResponse[];
  @ApiProperty() totalCents: number;
  @ApiProperty({ type: [Number], description: 'two instalments that add up to the total exactly' }) instalmentsCents: number[];
}

export class ChargesResponse {
  @ApiProperty() arrangementId: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: '2017-12-01' }) invoiceDate: string;
  @ApiProperty({ type: [String], example: ['2018-01-01', '2018-07-01'] }) instalmentDueDates: string[];
  @ApiProperty({ type: [MemberChargeResponse] }) members: MemberChargeResponse[];
  @ApiProperty() totalCents: number;
}

export class DistributionLineResponse {
  @ApiProperty() providerCode: string;
  @ApiProperty() name: string;
  @ApiProperty() collectedCents: number;
  @ApiProperty({ description: 'the provider\'s part of the office cost' }) officeShareCents: number;
  @ApiProperty() payableCents: number;
}

export class DistributionResponse {
  @ApiProperty() arrangementId: string;
  @ApiProperty() year: number;
  @ApiProperty() officeName: string;
  @ApiProperty() officeCostCents: number;
  @ApiProperty({ type: [DistributionLineResponse] }) providers: DistributionLineResponse[];
  @ApiProperty() totalCents: number;
}

export class DissolutionResponse extends ArrangementResponse {
  @ApiProperty() contractsDissolved: number;
  @ApiProperty() contractsLapsed: number;
  @ApiProperty({ description: 'letters queued, one per member' }) letters: number;
}

export class ArrangementRefResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() signingDeadline: Date;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dissolvedOn?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dissolutionReason?: string | null;
}

export class ContractSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() arrangementId: string;
  @ApiProperty() memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty() inhabitants: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ enum: ['pending', 'signed', 'refused', 'dissolved', 'lapsed'] }) status: string;
  @ApiProperty() statusNl: string;
  @ApiProperty({ nullable: true, type: Date }) answeredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
  @ApiProperty({ type: ArrangementRefResponse }) arrangement: ArrangementRefResponse;
}

export class AnswerResponse {
  @ApiProperty() contractId: string;
  @ApiProperty({ enum: ['signed', 'refused'] }) answer: string;
  @ApiProperty() accountId: string;
  @ApiProperty() accountEmail: string;
  @ApiProperty() signatoryName: string;
  @ApiProperty() signatoryRole: string;
  @ApiProperty({ nullable: true, enum: ['full', 'reduced'] }) variant: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the contract text exactly as signed' }) contractText: string | null;
  @ApiProperty({ nullable: true, type: String }) contractTextSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) refusalReason: string | null;
  @ApiProperty() answeredAt: Date;
}

export class ContractResponse extends ContractSummaryResponse {
  @ApiProperty() variantLabel: string;
  @ApiProperty({ description: 'the contract text: as it stands, or as it was signed' }) text: string;
  @ApiProperty({ description: 'SHA-256 of text; send it back when signing' }) textSha256: string;
  @ApiProperty({ nullable: true, type: AnswerResponse }) answer: AnswerResponse | null;
}

export class ContractAnsweredResponse {
  @ApiProperty() id: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ enum: ['signed', 'refused'] }) status: string;
  @ApiProperty() answeredAt: Date;
  @ApiProperty({ type: AnswerResponse }) answer: AnswerResponse;
}
