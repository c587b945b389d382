import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, MaxPgInteger, Trim } from '../../platform/http/input-rules';
import { AMOUNT_ROUNDINGS, BAND_MODES, RATE_ROUNDINGS } from '../rules/contribution-rules';
import type { AmountRounding, BandMode, RateRounding } from '../rules/contribution-rules';

export class BandDto {
  @ApiProperty({ example: 5000, description: "the band covers from this number of inhabitants (inclusive) up to the next band's start" })
  @IsInt()
  @Min(0)
  @MaxPgInteger()
  fromInhabitants: number;

  @ApiProperty({ example: '1.76', description: 'euros per inhabitant as decimal text, at most 4 decimals; more than 0, at most 100' })
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: 'ratePerInhabitant must be euros as decimal text with at most 4 decimals, e.g. "1.76"' })
  ratePerInhabitant: string;
}

export class CreateScheduleDto {
  @ApiProperty({ example: 2020 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '2020-01-01', description: 'peildatum: inhabitants are those of the latest count on or before this date' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiPropertyOptional({ example: '2020-01-01', description: 'members charged: those in the register on this date (default 1 January of the year)' })
  @IsOptional()
  @IsCalendarDate()
  membersOn?: string;

  @ApiProperty({ enum: BAND_MODES, description: "whole_population: the band's rate on all inhabitants; per_band: like tax brackets" })
  @IsIn(BAND_MODES)
  bandMode: BandMode;

  @ApiPropertyOptional({ enum: RATE_ROUNDINGS, default: 'cent_half_up', description: 'how raised rates are rounded' })
  @IsOptional()
  @IsIn(RATE_ROUNDINGS)
  rateRounding?: RateRounding;

  @ApiPropertyOptional({ enum: AMOUNT_ROUNDINGS, default: 'cent_half_up', description: 'how each line (inhabitants x rate) is rounded' })
  @IsOptional()
  @IsIn(AMOUNT_ROUNDINGS)
  amountRounding?: AmountRounding;

  @ApiProperty({ type: [BandDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BandDto)
  bands: BandDto[];

  @ApiProperty({ example: 'Contributie 2020: meerjarenafspraak ALV juni 2018 (95,96%)', description: 'the decision that set these rates' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  basis: string;
}
