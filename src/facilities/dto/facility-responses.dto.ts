import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TariffDto } from './facility.dto';

export class FacilityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'govroam' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['initiative', 'development', 'scaling', 'management'] }) phase: string;
  @ApiProperty() joiningIt: string;
  @ApiProperty() joiningProcess: string;
  @ApiProperty() joiningStaff: string;
  @ApiProperty() conditions: string;
  @ApiProperty() termYears: number;
  @ApiProperty() noticeMonths: number;
  @ApiProperty() exitCostCents: number;
  @ApiProperty({ type: TariffDto }) tariff: TariffDto;
  @ApiProperty() termsVersion: number;
  @ApiProperty() yearlyCostsCents: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class FacilityInCatalogueResponse extends FacilityResponse {
  @ApiProperty({ description: 'members joined today' }) members: number;
  @ApiProperty({ example: 'eenmalig € 1.500,00; per jaar € 500,00 (0 tot en met 249 gebruikers) …' }) tariffNl: string;
}

class SignedTermsResponse {
  @ApiProperty() termsVersion: number;
  @ApiProperty() termYears: number;
  @ApiProperty() noticeMonths: number;
  @ApiProperty() exitCostCents: number;
  @ApiProperty() conditions: string;
  @ApiProperty({ type: TariffDto }) tariff: TariffDto;
}

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: '2026-12-01' }) joinedOn: string;
  @ApiProperty({ format: 'uuid' }) signedBy: string;
  @ApiProperty() signedByName: string;
  @ApiProperty() signedAt: Date;
  @ApiProperty({ type: SignedTermsResponse, description: 'the terms as they stood at the signature; they bind' }) terms: SignedTermsResponse;
  @ApiPropertyOptional({ type: String, nullable: true }) noticeGivenOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the last day of membership, once notice is given' }) lastDay: string | null;
}

export class MembershipViewResponse extends MembershipResponse {
  @ApiProperty() facilityCode: string;
  @ApiProperty() facilityName: string;
  @ApiProperty() memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ example: '2027-12-31', description: 'the earliest last day if notice were given today' }) earliestLastDay: string;
}

export class ChargeLineResponse {
  @ApiProperty() facilityCode: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: ['one_off', 'yearly', 'exit'] }) kind: string;
  @ApiProperty({ example: 100000 }) cents: number;
  @ApiProperty({ example: 'Govroam: jaarbedrag 2027 (300 gebruikers: band 250 tot en met 999)' }) description: string;
}

export class FacilityChargeResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: 250000 }) cents: number;
  @ApiProperty({ example: 'Collectieve voorzieningen 2027: Govroam' }) description: string;
  @ApiProperty({ type: [ChargeLineResponse] }) lines: ChargeLineResponse[];
}

export class FacilityAdoptionResponse {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() phase: string;
  @ApiProperty({ description: 'members joined for some day of the year' }) members: number;
  @ApiProperty() membersShare: string;
  @ApiProperty({ description: 'their inhabitants at 1 January' }) inhabitants: number;
  @ApiProperty({ example: '12,34%' }) inhabitantsShare: string;
  @ApiProperty({ description: 'the charges of the year, in cents' }) revenueCents: number;
  @ApiProperty() costsCents: number;
  @ApiProperty({ description: 'revenue minus costs' }) balanceCents: number;
}

export class AdoptionReportResponse {
  @ApiProperty() year: number;
  @ApiProperty({ example: '2027-01-01', description: 'inhabitants and members at this date' }) referenceDate: string;
  @ApiProperty() totalMembers: number;
  @ApiProperty() totalInhabitants: number;
  @ApiProperty({ type: [FacilityAdoptionResponse] }) facilities: FacilityAdoptionResponse[];
}
