import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsAmsterdamDateTime, IsCalendarDate, MaxPgInteger, Trim } from '../../platform/http/input-rules';
import { PageQueryDto } from '../../platform/http/openapi/paging';

const CBS_CODE = /^GM[0-9]{4}$/;
const CBS_RULE = 'must be a CBS municipality code: GM followed by 4 digits';
const YEAR = { min: 2000, max: 2100 };

export class ProviderInputDto {
  @ApiProperty({ example: 'akj', description: 'short code, lower case: a-z, 0-9 and -' })
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'code must be lower case letters, digits and -, starting with a letter (at most 40)' })
  code: string;

  @ApiProperty({ example: 'Stichting AKJ' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'Vertrouwenswerk Jeugd', description: 'the statutory task the provider carries out' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  service: string;

  @ApiProperty({ example: 750_000_000, description: 'yearly budget of the first year, in euro cents (€ 7.5 m)' })
  @IsInt({ message: 'budgetCents must be a whole number of cents' })
  @Min(0, { message: 'budgetCents must not be negative' })
  @MaxPgInteger()
  budgetCents: number;

  @ApiProperty({ example: 44, description: 'tariff per inhabitant per year in the first year, in cents, at most two decimals (44 or 44.25)' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'tariffCents must be a number of cents with at most two decimals' })
  @Min(0, { message: 'tariffCents must not be negative' })
  @Max(100_000, { message: 'tariffCents must not be greater than 100000' })
  tariffCents: number;

  @ApiProperty({
    example: true,
    description: 'whether the members on the exempt list take this provider too (false for Sensoor: they organise Luisterend Oor themselves)',
  })
  @IsBoolean()
  takenByExempt: boolean;
}

export class CreateArrangementDto {
  @ApiProperty({ example: 'Abonnementen Kindertelefoon, Luisterend Oor en Vertrouwenswerk Jeugd 2018-2021' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'U201700258', description: 'kenmerk of the member letter with the contracts' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference?: string;

  @ApiProperty({ description: 'the consultation whose published, adopted proposal creates the arrangement (the BALV of November 2016)' })
  @IsUUID('all', { message: 'decidedByConsultationId must be a UUID' })
  decidedByConsultationId: string;

  @ApiProperty({ example: 1, description: 'the number of that proposal (voorstel D)' })
  @IsInt({ message: 'decidedByProposalNumber must be a whole number' })
  @Min(1, { message: 'decidedByProposalNumber must be 1 or more' })
  @MaxPgInteger()
  decidedByProposalNumber: number;

  @ApiProperty({ example: '2017-01-01', description: 'peildatum: the member list and inhabitants the contracts are made for' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiProperty({ example: 2018 })
  @IsInt({ message: 'firstYear must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  firstYear: number;

  @ApiProperty({ example: 2021, description: 'the term runs up to and including this year' })
  @IsInt({ message: 'lastYear must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  lastYear: number;

  @ApiProperty({ example: '2017-06-01T00:00', description: 'contracts are signed before this moment (Europe/Amsterdam)' })
  @IsAmsterdamDateTime()
  signingDeadline: string;

  @ApiProperty({ example: '2017-12-01', description: 'date of the invoice for the first year; later years on the same day a year later' })
  @IsCalendarDate()
  firstInvoiceDate: string;

  @ApiProperty({ example: 'Administratiekantoor (beheer en betaling)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  officeName: string;

  @ApiProperty({ example: 5_000_000, description: "the administration office's yearly cost in cents (€ 0.05 m), part of the tariffs" })
  @IsInt({ message: 'officeCostCents must be a whole number of cents' })
  @Min(0, { message: 'officeCostCents must not be negative' })
  @MaxPgInteger()
  officeCostCents: number;

  @ApiProperty({ type: [ProviderInputDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'providers must name at least one provider' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ProviderInputDto)
  providers: ProviderInputDto[];

  @ApiProperty({
    example: ['GM0363', 'GM0599', 'GM0518', 'GM0344'],
    description: "members that organise the optional provider's service themselves: they get the reduced contract",
  })
  @IsArray()
  @ArrayMaxSize(400)
  @Matches(CBS_CODE, { each: true, message: `each exemptMemberCodes entry ${CBS_RULE}` })
  exemptMemberCodes: string[];
}

export class IndexationDto {
  @ApiProperty({ example: 2019, description: "the year whose tariffs and budgets are the previous year's, indexed" })
  @IsInt({ message: 'year must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  year: number;

  @ApiProperty({ example: 2.25, description: 'percentage with at most two decimals; negative only with confirmNegative' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'percentage must be a number with at most two decimals' })
  @Min(-99.99, { message: 'percentage must not be below -99.99' })
  @Max(100, { message: 'percentage must not be above 100' })
  percentage: number;

  @ApiPropertyOptional({ description: 'true to confirm that tariffs and budgets go down' })
  @IsOptional()
  @IsBoolean()
  confirmNegative?: boolean;
}

export class SignContractDto {
  @ApiProperty({ enum: ['full', 'reduced'], description: 'full: all providers; reduced: without the provider the exempt members organise themselves' })
  @IsIn(['full', 'reduced'])
  variant: 'full' | 'reduced';

  @ApiProperty({ example: 'drs. A. de Wethouder', description: 'who signs on behalf of the municipality' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  signatoryName: string;

  @ApiProperty({ example: 'wethouder' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  signatoryRole: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the contract text as shown (GET …/contract): what is signed is what was read' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'textSha256 must be 64 lower-case hexadecimal characters' })
  textSha256: string;
}

export class RefuseContractDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  signatoryName: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  signatoryRole: string;

  @ApiProperty({ example: 'De raad heeft de middelen niet beschikbaar gesteld.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;
}

export class PollAnswerDto {
  @ApiProperty({ example: 'GM0855' })
  @Matches(CBS_CODE, { message: `memberCode ${CBS_RULE}` })
  memberCode: string;

  @ApiProperty({ description: 'prefers collective funding of the three services (the question of the poll of 2 June 2017)' })
  @IsBoolean()
  prefersCollectiveFunding: boolean;

  @ApiPropertyOptional({ example: '2017-07-15', description: 'when the member expects to sign' })
  @IsOptional()
  @IsCalendarDate()
  expectedSigningDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  remark?: string;
}

export class DissolveDto {
  @ApiProperty({ example: 'Het Rijk neemt de financiering met ingang van 2018 over (brief van 2 juni 2017).' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;

  @ApiProperty({ example: '2017-06-02', description: 'the date the contracts are dissolved (ontbonden)' })
  @IsCalendarDate()
  effectiveOn: string;

  @ApiPropertyOptional({ description: 'the consultation of a later vote that ends the arrangement, if any (with decidedByProposalNumber)' })
  @IsOptional()
  @IsUUID('all', { message: 'decidedByConsultationId must be a UUID' })
  decidedByConsultationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'decidedByProposalNumber must be a whole number' })
  @Min(1)
  @MaxPgInteger()
  decidedByProposalNumber?: number;
}

/**
 * A later vote renews the arrangement for a new term: the same providers, their tariffs, budgets and
 * office cost of the last year indexed by `percentage`, new contracts the members sign again.
 */
export class RenewArrangementDto {
  @ApiPropertyOptional({
    example: 'Abonnementen Kindertelefoon, Luisterend Oor en Vertrouwenswerk Jeugd 2022-2025',
    description: 'defaults to the title of the renewed arrangement',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'U202100301', description: 'kenmerk of the member letter with the new contracts' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference?: string;

  @ApiProperty({ description: 'the consultation of the later vote whose published, adopted proposal renews the arrangement' })
  @IsUUID('all', { message: 'decidedByConsultationId must be a UUID' })
  decidedByConsultationId: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'the number of that proposal' })
  @IsInt({ message: 'decidedByProposalNumber must be a whole number' })
  @Min(1, { message: 'decidedByProposalNumber must be 1 or more' })
  @MaxPgInteger()
  decidedByProposalNumber: number;

  @ApiProperty({ format: 'date', example: '2021-01-01', description: 'peildatum of the new contracts: the member list and inhabitants they are made for' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiProperty({ type: 'integer', example: 2025, description: 'the new term runs from the year after the renewed one ends up to and including this year' })
  @IsInt({ message: 'lastYear must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  lastYear: number;

  @ApiProperty({ example: '2021-06-01T00:00', description: 'the new contracts are signed before this moment (Europe/Amsterdam)' })
  @IsAmsterdamDateTime()
  signingDeadline: string;

  @ApiProperty({ format: 'date', example: '2021-12-01', description: "date of the invoice for the new term's first year" })
  @IsCalendarDate()
  firstInvoiceDate: string;

  @ApiProperty({
    example: 1.5,
    description: "indexation of the last year's tariffs, budgets and office cost, a percentage with at most two decimals; negative only with confirmNegative",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'percentage must be a number with at most two decimals' })
  @Min(-99.99, { message: 'percentage must not be below -99.99' })
  @Max(100, { message: 'percentage must not be above 100' })
  percentage: number;

  @ApiPropertyOptional({ description: 'true to confirm that tariffs and budgets go down' })
  @IsOptional()
  @IsBoolean()
  confirmNegative?: boolean;

  @ApiPropertyOptional({
    example: ['GM0363'],
    description: 'the exempt list of the new term; defaults to that of the renewed arrangement (members still on the register)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @Matches(CBS_CODE, { each: true, message: `each exemptMemberCodes entry ${CBS_RULE}` })
  exemptMemberCodes?: string[];
}

export class SubscriptionYearQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2018, description: 'defaults to the first year of the term' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  year?: number;
}

/** A year and a page of the list inside the answer (progress: its contracts; charges: its members). */
export class YearPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2018, description: 'defaults to the first year of the term' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(YEAR.min)
  @Max(YEAR.max)
  year?: number;
}
