import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
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
  @ApiProperty({ type: 'integer' }) termYears: number;
  @ApiProperty({ type: 'integer' }) noticeMonths: number;
  @ApiProperty({ type: 'integer' }) exitCostCents: number;
  @ApiProperty({ type: TariffDto }) tariff: TariffDto;
  @ApiProperty({ type: 'integer' }) termsVersion: number;
  @ApiProperty({ type: 'integer' }) yearlyCostsCents: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class FacilityInCatalogueResponse extends FacilityResponse {
  @ApiProperty({ type: 'integer', description: 'members joined today' }) members: number;
  @ApiProperty({ example: 'eenmalig € 1.500,00; per jaar € 500,00 (0 tot en met 249 gebruikers) …' }) tariffNl: string;
}

class SignedTermsResponse {
  @ApiProperty({ type: 'integer' }) termsVersion: number;
  @ApiProperty({ type: 'integer' }) termYears: number;
  @ApiProperty({ type: 'integer' }) noticeMonths: number;
  @ApiProperty({ type: 'integer' }) exitCostCents: number;
  @ApiProperty() conditions: string;
  @ApiProperty({ type: TariffDto }) tariff: TariffDto;
}

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) joinedOn: string;
  @ApiProperty({ format: 'uuid' }) signedBy: string;
  @ApiProperty() signedByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) signedAt: Date;
  @ApiProperty({ type: SignedTermsResponse, description: 'the terms as they stood at the signature; they bind' }) terms: SignedTermsResponse;
  @ApiProperty({ type: String, format: 'date', nullable: true }) noticeGivenOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the last day of membership, once notice is given' }) lastDay: string | null;
}

export class MembershipViewResponse extends MembershipResponse {
  @ApiProperty() facilityCode: string;
  @ApiProperty() facilityName: string;
  @ApiProperty() memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'the earliest last day if notice were given today' }) earliestLastDay: string;
}

export class FacilityChargeLineResponse {
  @ApiProperty() facilityCode: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: ['one_off', 'yearly', 'exit'] }) kind: string;
  @ApiProperty({ type: 'integer', example: 100000 }) cents: number;
  @ApiProperty({ example: 'Govroam: jaarbedrag 2027 (300 gebruikers: band 250 tot en met 999)' }) description: string;
}

export class FacilityChargeResponse {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberCode: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'integer', example: 250000 }) cents: number;
  @ApiProperty({ example: 'Collectieve voorzieningen 2027: Govroam' }) description: string;
  @ApiProperty({ type: [FacilityChargeLineResponse] }) lines: FacilityChargeLineResponse[];
}

export class FacilityAdoptionResponse {
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['initiative', 'development', 'scaling', 'management'] }) phase: string;
  @ApiProperty({ type: 'integer', description: 'members joined for some day of the year' }) members: number;
  @ApiProperty({ example: '20,00%' }) membersShare: string;
  @ApiProperty({ type: 'integer', description: 'their inhabitants at 1 January' }) inhabitants: number;
  @ApiProperty({ example: '12,34%' }) inhabitantsShare: string;
  @ApiProperty({ type: 'integer', description: 'the charges of the year, in cents' }) revenueCents: number;
  @ApiProperty({ type: 'integer' }) costsCents: number;
  @ApiProperty({ type: 'integer', description: 'revenue minus costs' }) balanceCents: number;
}

export class AdoptionReportResponse {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'inhabitants and members at this date' }) referenceDate: string;
  @ApiProperty({ type: 'integer' }) totalMembers: number;
  @ApiProperty({ type: 'integer' }) totalInhabitants: number;
  @ApiProperty({ type: [FacilityAdoptionResponse] }) facilities: FacilityAdoptionResponse[];
}

export const FacilityCataloguePage = PageOf(FacilityInCatalogueResponse, 'FacilityCataloguePage');
export const MembershipViewPage = PageOf(MembershipViewResponse, 'MembershipViewPage');
export const FacilityChargePage = PageOf(FacilityChargeResponse, 'FacilityChargePage');
