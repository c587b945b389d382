import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCbsCode } from '../../platform/http/input-rules';

export class SubmitAmendmentDto {
  @ApiProperty()
  @IsUUID()
  proposalId: string;

  @ApiProperty({ example: 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;

  @ApiProperty({ example: 'Gemeenten verkeren door eerdere bezuinigingen en de coronamaatregelen in een slechte financiële situatie.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({ example: 2.9, description: 'the changed figure, where the proposal has one (same kind: percentage, cents or integer)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'changedValue must be a number' })
  changedValue?: number;

  @ApiPropertyOptional({ example: ['GM0388', 'GM0532'], description: 'co-sponsoring members (c.s.) by CBS code' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsCbsCode({ each: true })
  coSponsorCodes?: string[];
}

export class SubmitMotionDto {
  @ApiProperty({ example: 'De ALV verzoekt het bestuur …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  rationale: string;

  @ApiPropertyOptional({ example: ['GM0388'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsCbsCode({ each: true })
  coSponsorCodes?: string[];
}

export class EditAmendmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  rationale?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'changedValue must be a number' })
  changedValue?: number;
}

export class RespondDto {
  @ApiProperty({
    enum: ['adopt', 'not_adopt', 'inadmissible', 'advise_adopt', 'advise_reject', 'advise_hold_over'],
    description:
      "amendments: adopt (overnemen), not_adopt (niet overnemen: becomes an alternative on the ballot), inadmissible; motions: the board's advice (preadvies)",
  })
  @IsIn(['adopt', 'not_adopt', 'inadmissible', 'advise_adopt', 'advise_reject', 'advise_hold_over'])
  response: 'adopt' | 'not_adopt' | 'inadmissible' | 'advise_adopt' | 'advise_reject' | 'advise_hold_over';

  @ApiProperty({ description: "the board's reasoned answer" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  reasoning: string;

  @ApiPropertyOptional({ example: 'beperking contributiestijging tot 2,9%', description: 'amendments with the same purport become one ballot choice' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  purport?: string;
}
