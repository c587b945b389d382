import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MaxPgInteger } from '../../platform/http/input-rules';

export class FractionDto {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @MaxPgInteger()
  numerator: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @MaxPgInteger()
  denominator: number;
}

export class ThresholdDto extends FractionDto {
  @ApiProperty({ enum: ['more_than', 'at_least'], description: 'more_than 1/2 = simple majority; at_least 2/3 = two thirds' })
  @IsIn(['more_than', 'at_least'])
  comparison: 'more_than' | 'at_least';
}

export class DecisionRuleDto {
  @ApiProperty({ type: ThresholdDto })
  @ValidateNested()
  @Type(() => ThresholdDto)
  threshold: ThresholdDto;

  @ApiPropertyOptional({ type: FractionDto, description: 'share of the eligible weight that must take part (abstentions count)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FractionDto)
  quorum?: FractionDto;

  @ApiPropertyOptional({ default: false, description: 'the number of members must pass the threshold too' })
  @IsOptional()
  @IsBoolean()
  doubleMajority?: boolean;
}

export class VariantDto {
  @ApiProperty({ example: 'Voorstel bestuur: contributie +3,9%' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  label: string;

  @ApiPropertyOptional({ example: 3.9, description: "the figure this variant would set (same kind as the proposal's value)" })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value?: number;
}

export class ProposalValueDto {
  @ApiProperty({ example: 'contributieverhoging' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  label: string;

  @ApiProperty({ enum: ['percentage', 'amount_cents', 'integer'] })
  @IsIn(['percentage', 'amount_cents', 'integer'])
  kind: 'percentage' | 'amount_cents' | 'integer';

  @ApiProperty({ example: 3.9, description: 'percentage with at most 2 decimals; cents and integers whole' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value: number;
}

export class CreateProposalDto {
  @ApiPropertyOptional({ description: 'defaults to the next number in the consultation' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  number?: number;

  @ApiPropertyOptional({
    enum: ['proposal', 'resolution'],
    default: 'proposal',
    description: 'a resolution (resolutie) is followed up as a decision with its asks once adopted: one ask per bullet line of the summary',
  })
  @IsOptional()
  @IsIn(['proposal', 'resolution'])
  kind?: 'proposal' | 'resolution';

  @ApiProperty({ example: 'Contributievoorstel 2021' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  summary?: string;

  @ApiProperty({ enum: ['for_against', 'alternatives'] })
  @IsIn(['for_against', 'alternatives'])
  questionType: 'for_against' | 'alternatives';

  @ApiPropertyOptional({ type: [VariantDto], description: 'alternatives only: the board proposal and amended variants, at least two' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VariantDto)
  variants?: VariantDto[];

  @ApiPropertyOptional({ type: DecisionRuleDto, description: 'defaults to a simple majority of the weighted votes cast' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionRuleDto)
  rule?: DecisionRuleDto;

  @ApiPropertyOptional({ type: ProposalValueDto, description: 'the figure the proposal is about, which amendments may change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposalValueDto)
  value?: ProposalValueDto;

  /** Set internally when a motion becomes a ballot question; not part of the API. */
  originMotionId?: string;

  @ApiPropertyOptional({ description: "makes this the ratification (bekrachtiging) of that consultation's published results" })
  @IsOptional()
  @IsUUID()
  ratifiesConsultationId?: string;
}
