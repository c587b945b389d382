import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, OptionalNotNull, Trim } from '../../platform/http/input-rules';
import { PageQueryDto } from '../../platform/http/openapi/paging';
import { MAX_CENTS } from '../facility-tariff';

const PHASES = ['initiative', 'development', 'scaling', 'management'] as const;

export class UserBandDto {
  @ApiProperty({ type: 'integer', example: 250 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  fromUsers: number;

  @ApiProperty({ example: 999, nullable: true, type: 'integer', description: 'inclusive; null for the last, open-ended band' })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  toUsers: number | null;

  @ApiProperty({ type: 'integer', example: 100000, description: 'yearly amount in cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  cents: number;
}

export class YearlyTariffDto {
  @ApiProperty({ enum: ['none', 'fixed', 'per_inhabitant', 'user_bands'] })
  @IsIn(['none', 'fixed', 'per_inhabitant', 'user_bands'])
  kind: 'none' | 'fixed' | 'per_inhabitant' | 'user_bands';

  @ApiPropertyOptional({ type: 'integer', example: 50000, description: 'fixed: the yearly amount in cents' })
  @ValidateIf((o: YearlyTariffDto) => o.kind === 'fixed')
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  cents?: number;

  @ApiPropertyOptional({ example: '0.75', description: 'per_inhabitant: cents per inhabitant, at most two decimals (rounded half up to a cent per member)' })
  @ValidateIf((o: YearlyTariffDto) => o.kind === 'per_inhabitant')
  @Matches(/^\d{1,6}(\.\d{1,2})?$/, { message: 'centsPerInhabitant must be cents with at most two decimals, like "0.75"' })
  centsPerInhabitant?: string;

  @ApiPropertyOptional({ type: [UserBandDto], description: 'user_bands: from 0 users, no gaps, no overlaps, the last open-ended' })
  @ValidateIf((o: YearlyTariffDto) => o.kind === 'user_bands')
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UserBandDto)
  bands?: UserBandDto[];
}

export class YearlyStepDto {
  @ApiProperty({ type: 'integer', example: 2019, description: 'the first year this yearly part applies' })
  @IsInt()
  @Min(2000)
  @Max(2200)
  fromYear: number;

  @ApiProperty({ type: YearlyTariffDto })
  @ValidateNested()
  @Type(() => YearlyTariffDto)
  yearly: YearlyTariffDto;
}

export class TariffDto {
  @ApiProperty({ type: 'integer', example: 150000, description: 'one-off amount in cents, due in the year of joining' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  oneOffCents: number;

  @ApiProperty({ type: YearlyTariffDto, description: 'the yearly part from the first year on' })
  @ValidateNested()
  @Type(() => YearlyTariffDto)
  yearly: YearlyTariffDto;

  @ApiPropertyOptional({ type: [YearlyStepDto], description: 'later yearly parts, each valid from its year on (ascending, one per year)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => YearlyStepDto)
  yearlyFrom?: YearlyStepDto[];
}

export class CreateFacilityDto {
  @ApiProperty({ example: 'govroam', description: 'lower case letters, digits and hyphens: the address of its page' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'code must be lower case letters and digits, joined by single hyphens' })
  @MaxLength(60)
  code: string;

  @ApiProperty({ example: 'Govroam' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: PHASES, description: 'initiatief, ontwikkeling, opschaling, beheer' })
  @IsIn(PHASES)
  phase: (typeof PHASES)[number];

  @ApiProperty({ description: 'what joining means for IT' })
  @IsString()
  @MaxLength(5000)
  joiningIt: string;

  @ApiProperty({ description: 'what joining means for the work process' })
  @IsString()
  @MaxLength(5000)
  joiningProcess: string;

  @ApiProperty({ description: 'what joining means for staff' })
  @IsString()
  @MaxLength(5000)
  joiningStaff: string;

  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  conditions: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'term in whole calendar years; renewed by the same term' })
  @IsInt()
  @Min(1)
  @Max(10)
  termYears: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'notice before the end of a term, in months' })
  @IsInt()
  @Min(0)
  @Max(24)
  noticeMonths: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'what leaving costs, in cents, due in the last year' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  exitCostCents: number;

  @ApiProperty({ type: TariffDto })
  @ValidateNested()
  @Type(() => TariffDto)
  tariff: TariffDto;

  @ApiPropertyOptional({ type: 'integer', example: 0, description: 'what running it costs the association a year, in cents' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  yearlyCostsCents?: number;
}

export class UpdateFacilityDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: PHASES })
  @OptionalNotNull()
  @IsIn(PHASES)
  phase?: (typeof PHASES)[number];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  joiningIt?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  joiningProcess?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  joiningStaff?: string;

  @ApiPropertyOptional({ description: 'a change raises the terms version: members joined before keep the terms they signed' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  conditions?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10)
  termYears?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(24)
  noticeMonths?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  exitCostCents?: number;

  @ApiPropertyOptional({ type: TariffDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => TariffDto)
  tariff?: TariffDto;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  yearlyCostsCents?: number;
}

export class JoinFacilityDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'the terms version the official read and accepts; refused when the terms changed since' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  termsVersion: number;

  @ApiPropertyOptional({ type: 'integer', example: 300, description: 'number of users; required when the tariff goes by band of users' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  users?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'defaults to today; not in the past' })
  @IsOptional()
  @IsCalendarDate()
  joinedOn?: string;

  @ApiPropertyOptional({ example: 'GM0489', description: "the municipality joined for: only the official's own" })
  @IsOptional()
  @Matches(/^GM[0-9]{4}$/, { message: 'memberCode must be a CBS municipality code: GM followed by 4 digits' })
  memberCode?: string;
}

export class GiveNoticeDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2027-12-31',
    description: 'the last day of membership: the end of a term the notice reaches; defaults to the earliest',
  })
  @IsOptional()
  @IsCalendarDate()
  lastDay?: string;
}

export class DeclareUsersDto {
  @ApiProperty({ type: 'integer', example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year: number;

  @ApiProperty({ type: 'integer', example: 300 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  users: number;
}

export class FacilityYearQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2027, description: 'defaults to the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;
}

export class PagedYearQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2027, description: 'defaults to the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;
}
