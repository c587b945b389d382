import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';

/** What the subscription endpoints answer (for the OpenAPI document; the services return these shapes). */

export class ArrangementResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ type: String, format: 'uuid' }) decidedByConsultationId: string;
  @ApiProperty({ type: String, format: 'uuid' }) decidedByProposalId: string;
  @ApiProperty({ type: String, format: 'date', example: '2017-01-01' }) referenceDate: string;
  @ApiProperty({ type: 'integer', example: 2018 }) firstYear: number;
  @ApiProperty({ type: 'integer', example: 2021 }) lastYear: number;
  @ApiProperty({ type: String, format: 'date-time' }) signingDeadline: Date;
  @ApiProperty({ type: String, format: 'date', example: '2017-12-01' }) firstInvoiceDate: string;
  @ApiProperty() officeName: string;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dissolvedOn: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dissolvedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) dissolutionReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dissolvedByProposalId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the arrangement whose term this one continues (a renewal)' }) renewsArrangementId:
    string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class RenewalResponse extends ArrangementResponse {
  @ApiProperty({ type: 'integer', description: 'new contracts, one per member on the reference date, all to be signed again' }) contracts: number;
}

export class ProviderYearResponse {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer', description: 'euro cents' }) budgetCents: number;
  @ApiProperty({ type: 'integer', description: 'per inhabitant, hundredths of a cent (44 ct = 4400)' }) tariffHundredthsOfCent: number;
  @ApiProperty({ example: '€ 0,44' }) tariff: string;
}

export class ProviderResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ example: 'akj' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() service: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() takenByExempt: boolean;
  @ApiProperty({ type: [ProviderYearResponse] }) years: ProviderYearResponse[];
}

export class IndexationResponse {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer', example: 225 }) basisPoints: number;
  @ApiProperty({ example: '2,25%' }) percentage: string;
  @ApiProperty() negativeConfirmed: boolean;
  @ApiProperty() decidedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: Date;
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
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer' }) costCents: number;
}

export class ArrangementDetailResponse extends ArrangementResponse {
  @ApiProperty({ type: [ProviderResponse] }) providers: ProviderResponse[];
  @ApiProperty({ type: [OfficeYearResponse] }) officeYears: OfficeYearResponse[];
  @ApiProperty({ type: [IndexationResponse] }) indexations: IndexationResponse[];
  @ApiProperty({ type: [MemberRefResponse] }) exemptMembers: MemberRefResponse[];
  @ApiProperty({ type: VariantsResponse }) variants: VariantsResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the arrangement of the next term, once a later vote renewed this one' })
  renewedByArrangementId: string | null;
}

export class ProgressGroupResponse {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ type: 'integer', description: 'what these members pay for the year, in cents' }) amountCents: number;
}

export class CoveredShareResponse {
  @ApiProperty({ example: '71,40%' }) inhabitants: string;
  @ApiProperty({ example: '70,12%' }) money: string;
}

export class ProgressContractResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ enum: ['pending', 'signed', 'refused', 'dissolved', 'lapsed'] }) status: string;
  @ApiProperty() statusNl: string;
  @ApiProperty({ type: 'integer' }) amountCents: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) signatoryName: string | null;
  @ApiProperty({ nullable: true, type: String }) signatoryRole: string | null;
  @ApiProperty({ nullable: true, type: String }) accountEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) refusalReason: string | null;
}

export const ProgressContractPage = PageOf(ProgressContractResponse, 'SubscriptionProgressContractPage');

export class ProgressResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) signingDeadline: Date;
  @ApiProperty({ type: ProgressGroupResponse, description: 'signed (also when dissolved later)' }) signed: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse, description: 'not yet answered (or lapsed at a dissolution)' }) pending: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse }) refused: ProgressGroupResponse;
  @ApiProperty({ type: ProgressGroupResponse }) all: ProgressGroupResponse;
  @ApiProperty({ type: CoveredShareResponse }) coveredShare: CoveredShareResponse;
  @ApiProperty({ type: ProgressContractPage, description: 'one page of the contracts, by municipality name (page and size of the query)' })
  contracts: InstanceType<typeof ProgressContractPage>;
}

export class BreakEvenScenarioResponse {
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'budget / inhabitants, rounded up to 0.01 ct' }) breakEvenTariffHundredthsOfCent: number | null;
  @ApiProperty({ nullable: true, type: String, example: '€ 0,4310' }) breakEvenTariff: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'break-even minus stated tariff: what non-participation costs the others per inhabitant' })
  aboveStatedHundredthsOfCent: number | null;
  @ApiProperty({ type: 'integer', description: 'budget not covered when these members pay the stated tariff' }) shortfallAtStatedTariffCents: number;
}

export class BreakEvenProviderResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() service: string;
  @ApiProperty({ type: 'integer' }) budgetCents: number;
  @ApiProperty({ type: 'integer' }) statedTariffHundredthsOfCent: number;
  @ApiProperty() statedTariff: string;
  @ApiProperty({ type: BreakEvenScenarioResponse, description: 'every member of the arrangement' }) everyone: BreakEvenScenarioResponse;
  @ApiProperty({ type: BreakEvenScenarioResponse }) signedSoFar: BreakEvenScenarioResponse;
  @ApiProperty({ type: BreakEvenScenarioResponse, description: 'everyone who has not refused signs' }) allButRefused: BreakEvenScenarioResponse;
}

export class BreakEvenResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: [BreakEvenProviderResponse] }) providers: BreakEvenProviderResponse[];
}

export class IndexedProviderYearResponse {
  @ApiProperty({ type: String, format: 'uuid' }) providerId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer' }) budgetCents: number;
  @ApiProperty({ type: 'integer' }) tariffHundredthsOfCent: number;
}

export class IndexationResultResponse {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ example: '2,25%' }) percentage: string;
  @ApiProperty({ type: 'integer' }) basisPoints: number;
  @ApiProperty({ type: [IndexedProviderYearResponse] }) providers: IndexedProviderYearResponse[];
}

export class RemindersResponse {
  @ApiProperty({ type: 'integer', description: 'members that have not answered (each reminded at most once a day)' }) members: number;
  @ApiProperty({ type: String, format: 'date', example: '2017-05-15' }) day: string;
}

export class PollAnswerResponse {
  @ApiProperty({ type: String, format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true, type: String }) cbsCode: string | null;
  @ApiProperty({ nullable: true, type: String }) memberName: string | null;
  @ApiProperty() prefersCollectiveFunding: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedSigningDate: string | null;
  @ApiProperty({ nullable: true, type: String }) remark: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
}

export const PollAnswerPage = PageOf(PollAnswerResponse, 'SubscriptionPollAnswerPage');

export class PollResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: 'integer' }) answered: number;
  @ApiProperty({ type: 'integer' }) prefersCollectiveFunding: number;
  @ApiProperty({ example: '77,78%' }) prefersCollectiveFundingShare: string;
  @ApiProperty({ type: PollAnswerPage, description: 'one page of the answers, in the order they were recorded' }) answers: InstanceType<typeof PollAnswerPage>;
}

export class SubscriptionChargeLineResponse {
  @ApiProperty() providerCode: string;
  @ApiProperty({ example: 'Stichting AKJ (Vertrouwenswerk Jeugd) 2018: 50.000 inwoners × € 0,44' }) description: string;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ type: 'integer' }) tariffHundredthsOfCent: number;
  @ApiProperty({ type: 'integer' }) amountCents: number;
}

export class MemberChargeResponse {
  @ApiProperty({ type: String, format: 'uuid' }) memberId: string;
  @ApiProperty() cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ type: [SubscriptionChargeLineResponse] }) lines: SubscriptionChargeLineResponse[];
  @ApiProperty({ type: 'integer' }) totalCents: number;
  @ApiProperty({ type: 'integer', isArray: true, description: 'two instalments that add up to the total exactly' }) instalmentsCents: number[];
}

export const MemberChargePage = PageOf(MemberChargeResponse, 'SubscriptionMemberChargePage');

export class ChargesResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: String, format: 'date', example: '2017-12-01' }) invoiceDate: string;
  @ApiProperty({ type: String, format: 'date', isArray: true, example: ['2018-01-01', '2018-07-01'] }) instalmentDueDates: string[];
  @ApiProperty({ type: MemberChargePage, description: "one page of the signed members' charges, by municipality name" }) members: InstanceType<
    typeof MemberChargePage
  >;
  @ApiProperty({ type: 'integer', description: 'all signed members together, in cents' }) totalCents: number;
}

export class DistributionLineResponse {
  @ApiProperty() providerCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) collectedCents: number;
  @ApiProperty({ type: 'integer', description: "the provider's part of the office cost" }) officeShareCents: number;
  @ApiProperty({ type: 'integer' }) payableCents: number;
}

export class DistributionResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() officeName: string;
  @ApiProperty({ type: 'integer' }) officeCostCents: number;
  @ApiProperty({ type: [DistributionLineResponse] }) providers: DistributionLineResponse[];
  @ApiProperty({ type: 'integer' }) totalCents: number;
}

export class DissolutionCreditResponse {
  @ApiProperty({ example: 'GM0363' }) memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ example: '2018-00002', description: 'the invoice credited' }) invoiceNumber: string;
  @ApiProperty({ example: '2018-00007', description: "the credit note, through billing's credit-note path" }) creditNoteNumber: string;
  @ApiProperty({ type: String, format: 'uuid' }) creditNoteId: string;
  @ApiProperty({ type: 'integer', example: -4_600_000, description: 'euro cents, negative' }) amountCents: number;
}

export class DissolutionResponse extends ArrangementResponse {
  @ApiProperty({ type: 'integer' }) contractsDissolved: number;
  @ApiProperty({ type: 'integer' }) contractsLapsed: number;
  @ApiProperty({ type: 'integer', description: 'letters queued, one per member' }) letters: number;
  @ApiProperty({
    type: [DissolutionCreditResponse],
    description: "every invoice of the arrangement credited in the dissolution's transaction, with the dissolution's reason",
  })
  credited: DissolutionCreditResponse[];
}

export class ArrangementRefResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ type: 'integer', example: 2018 }) firstYear: number;
  @ApiProperty({ type: 'integer', example: 2021 }) lastYear: number;
  @ApiProperty({ type: String, format: 'date-time' }) signingDeadline: Date;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) dissolvedOn?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dissolutionReason?: string | null;
}

export class ContractRecordResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty({ type: String, format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'GM0363' }) cbsCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: 'integer', description: "on the arrangement's reference date" }) inhabitants: number;
  @ApiProperty({ enum: ['full', 'reduced'] }) variant: string;
  @ApiProperty({ enum: ['pending', 'signed', 'refused', 'dissolved', 'lapsed'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: Date | null;
}

export class ContractSummaryResponse extends ContractRecordResponse {
  @ApiProperty({ example: 'nog niet getekend' }) statusNl: string;
  @ApiProperty({ type: ArrangementRefResponse }) arrangement: ArrangementRefResponse;
}

export class SubscriptionAnswerResponse {
  @ApiProperty({ type: String, format: 'uuid' }) contractId: string;
  @ApiProperty({ enum: ['signed', 'refused'] }) answer: string;
  @ApiProperty({ type: String, format: 'uuid' }) accountId: string;
  @ApiProperty() accountEmail: string;
  @ApiProperty() signatoryName: string;
  @ApiProperty() signatoryRole: string;
  @ApiProperty({ type: String, nullable: true, enum: ['full', 'reduced'] }) variant: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the contract text exactly as signed' }) contractText: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of contractText, hex' }) contractTextSha256: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) answeredAt: Date;
}

export class ContractResponse extends ContractSummaryResponse {
  @ApiProperty() variantLabel: string;
  @ApiProperty({ description: 'the contract text: as it stands, or as it was signed' }) text: string;
  @ApiProperty({ description: 'SHA-256 of text; send it back when signing' }) textSha256: string;
  @ApiProperty({ type: SubscriptionAnswerResponse, nullable: true }) answer: SubscriptionAnswerResponse | null;
}

export class ContractAnsweredResponse extends ContractRecordResponse {
  @ApiProperty({ type: SubscriptionAnswerResponse }) answer: SubscriptionAnswerResponse;
}

export const ArrangementPage = PageOf(ArrangementResponse, 'SubscriptionArrangementPage');
export const ContractSummaryPage = PageOf(ContractSummaryResponse, 'SubscriptionContractPage');

export class ProviderRefResponse {
  @ApiProperty({ example: 'kindertelefoon' }) code: string;
  @ApiProperty({ example: 'Stichting De Kindertelefoon' }) name: string;
  @ApiProperty({ example: 'Kindertelefoon' }) service: string;
}

export class ProviderArrangementResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: 'integer' }) firstYear: number;
  @ApiProperty({ type: 'integer' }) lastYear: number;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dissolvedOn: string | null;
  @ApiProperty({ type: ProviderRefResponse, description: 'the provider the account acts for, as this arrangement names it' }) provider: ProviderRefResponse;
}

export const ProviderArrangementPage = PageOf(ProviderArrangementResponse, 'SubscriptionProviderArrangementPage');

export class InhabitantGroupResponse {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
}

export class CoveredMunicipalityResponse {
  @ApiProperty({ example: 'GM0363' }) cbsCode: string;
  @ApiProperty({ example: 'Amsterdam' }) memberName: string;
  @ApiProperty({ type: 'integer', description: "on the arrangement's reference date" }) inhabitants: number;
  @ApiProperty({ type: 'integer', description: 'what this municipality pays for the provider in the year, in cents' }) amountCents: number;
}

export const CoveredMunicipalityPage = PageOf(CoveredMunicipalityResponse, 'SubscriptionCoveredMunicipalityPage');

/** A provider's read-only view: its own money and the inhabitants it is paid for; no personal data. */
export class ProviderViewResponse {
  @ApiProperty({ type: String, format: 'uuid' }) arrangementId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['open', 'dissolved'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) signingDeadline: Date;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dissolvedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) dissolutionReason: string | null;
  @ApiProperty({ type: ProviderRefResponse }) provider: ProviderRefResponse;
  @ApiProperty({ type: 'integer', description: "the provider's budget for the year, in cents" }) budgetCents: number;
  @ApiProperty({ type: 'integer', description: 'per inhabitant, hundredths of a cent' }) tariffHundredthsOfCent: number;
  @ApiProperty({ example: '€ 0,23' }) tariff: string;
  @ApiProperty({ type: InhabitantGroupResponse, description: 'members that signed a contract with this provider' }) covered: InhabitantGroupResponse;
  @ApiProperty({ type: InhabitantGroupResponse, description: 'members whose contract would include this provider that have not answered' })
  notYetSigned: InhabitantGroupResponse;
  @ApiProperty({ type: InhabitantGroupResponse }) refused: InhabitantGroupResponse;
  @ApiProperty({ type: InhabitantGroupResponse, description: 'contracts dissolved or lapsed at a dissolution' }) ended: InhabitantGroupResponse;
  @ApiProperty({ type: 'integer', description: 'charged to the signed members for this provider, in cents (0 once dissolved)' }) chargedCents: number;
  @ApiProperty({ type: 'integer', description: "the provider's part of the office's cost" }) officeShareCents: number;
  @ApiProperty({ type: 'integer', description: 'what the office pays the provider: charged minus its office share' }) payableCents: number;
  @ApiProperty({ type: 'integer', description: 'budget not covered by what is charged' }) shortfallCents: number;
  @ApiProperty({ type: CoveredMunicipalityPage, description: 'one page of the paying municipalities, by name' }) municipalities: InstanceType<
    typeof CoveredMunicipalityPage
  >;
}
