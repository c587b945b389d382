import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, Trim } from '../../platform/http/input-rules';
import { ACTIVITY_KINDS, COMPARTMENTS } from '../rules/budget-check';
import type { ActivityKind, Compartment } from '../rules/budget-check';

const MAX_CENTS = 100_000_000_000_000; // € 1,000 billion: far beyond any budget, inside a safe integer

export class YearAmountDto {
  @ApiProperty({ example: 2018 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 100000000, description: 'euro cents, not negative' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents: number;
}

export class ActivityDto {
  @ApiProperty({ example: 'Taxatiewijzers WOZ' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: COMPARTMENTS })
  @IsIn(COMPARTMENTS)
  compartment: Compartment;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ type: [YearAmountDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => YearAmountDto)
  amounts: YearAmountDto[];
}

export class StatedSumDto {
  @ApiProperty({ example: 'Totaal structureel' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  label: string;

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, description: 'a subtotal of one kind; leave kind and compartment out for a total' })
  @IsOptional()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ enum: COMPARTMENTS, description: 'a subtotal of one compartment' })
  @IsOptional()
  @IsIn(COMPARTMENTS)
  compartment?: Compartment;

  @ApiProperty({ example: 2018 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 2545200000, description: 'euro cents as stated in the document' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents: number;
}

export class ImportBudgetDto {
  @ApiProperty({ example: 'Begroting collectieve activiteiten 2018' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 2018 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  firstYear: number;

  @ApiProperty({ example: 2021, description: 'at most four years: lastYear - firstYear < 4' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  lastYear: number;

  @ApiProperty({ example: '2020-06-30', description: 'peildatum of the inhabitants the shares follow' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiPropertyOptional({
    description: 'members charged: those in the register on this date or on 1 January of the year, whichever is later (default 1 January of the first year)',
  })
  @IsOptional()
  @IsCalendarDate()
  membersOn?: string;

  @ApiProperty({ example: 'Ledenbrief BALV 2016, bijlage B: activiteitenlijst 2017' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source: string;

  @ApiPropertyOptional({ description: 'the budget as CSV (type;compartment;kind;name;<year>…); give either csv or activities' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  csv?: string;

  @ApiPropertyOptional({ type: [ActivityDto] })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities?: ActivityDto[];

  @ApiPropertyOptional({ type: [StatedSumDto] })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StatedSumDto)
  statedSums?: StatedSumDto[];

  @ApiPropertyOptional({
    default: false,
    description: 'accept the sums of the line items where a stated subtotal or total differs; the corrections are kept with the budget',
  })
  @IsOptional()
  @IsBoolean()
  acceptComputedSums?: boolean;
}

export class FundEntryDto {
  @ApiProperty({ example: 2018 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: COMPARTMENTS })
  @IsIn(COMPARTMENTS)
  compartment: Compartment;

  @ApiProperty({ enum: ['authorised', 'spent'], description: "authorised: the board releases spending (on the college's advice); spent: money actually spent" })
  @IsIn(['authorised', 'spent'])
  kind: 'authorised' | 'spent';

  @ApiProperty({ example: 1000000000, description: 'euro cents, more than 0' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ example: 'Besluit bestuur 12 maart 2018 op advies van het College voor Dienstverleningszaken' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;
}

export class SharesQueryDto {
  @ApiProperty({ type: 'integer', example: 2018, description: 'a year of the budget' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ format: 'date', example: '2017-01-01', description: "the inhabitants' reference date; default: the budget's" })
  @IsOptional()
  @IsCalendarDate()
  referenceDate?: string;
}
