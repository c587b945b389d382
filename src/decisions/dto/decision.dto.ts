import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, OptionalNotNull, Trim } from '../../platform/http/input-rules';

const STATUSES = ['open', 'in_progress', 'done', 'not_achievable'] as const;

export class RegisterDecisionDto {
  @ApiProperty({ enum: ['motion', 'resolution'] })
  @IsIn(['motion', 'resolution'])
  kind: 'motion' | 'resolution';

  @ApiProperty({ example: 'BALV-2018-M2', description: 'unique among the decisions recorded by hand' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference: string;

  @ApiProperty({ example: 'Motie "stevige structurele afspraken in het sociaal domein II"' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'the text as adopted; every bullet line ("-", "•", "1.") becomes an ask' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;

  @ApiPropertyOptional({ example: 'Utrecht c.s.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  submitters?: string;

  @ApiProperty({ format: 'date', example: '2018-11-30' })
  @IsCalendarDate()
  adoptedOn: string;

  @ApiProperty({ example: 'Buitengewone ALV van 30 november 2018' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  adoptedAt: string;

  @ApiPropertyOptional({ example: '96,00%' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  adoptedShare?: string;
}

export class UpdateAskDto {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2019-06-05', nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, example: 'ALV van 5 juni 2019', nullable: true, description: 'the assembly or moment it is due for; null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dueFor?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Commissie Zorg, Jeugd en Onderwijs', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string | null;
}

export class RecordProgressDto {
  @ApiProperty({ format: 'date', example: '2019-02-14', description: 'when it happened (not in the future, not before the decision)' })
  @IsCalendarDate()
  happenedOn: string;

  @ApiProperty({ example: 'De commissie ZJO heeft geconcludeerd de focus te verleggen naar het bredere sturingsvraagstuk.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;

  @ApiPropertyOptional({ enum: STATUSES, description: "the ask's new status; left out, it stays as it is" })
  @OptionalNotNull()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'why: required when the status becomes not_achievable' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class DraftLetterDto {
  @ApiProperty({ example: 'ALV van 5 juni 2019', description: 'the assembly the letter prepares' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assembly: string;

  @ApiProperty({
    format: 'date',
    example: '2019-06-05',
    description: 'one letter per assembly; drafting again for the same date redrafts an unpublished letter',
  })
  @IsCalendarDate()
  assemblyDate: string;

  @ApiPropertyOptional({ example: 'Lbr. 19/041', description: 'kenmerk; defaults to "SvZ <year>-<n>"' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference?: string;
}

export class AskReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  askId: string;

  @ApiProperty({ description: 'what became of the ask, as the letter says it' })
  @IsString()
  @MaxLength(20000)
  report: string;
}

export class EditLetterDto {
  @ApiPropertyOptional({ example: 'Lbr. 19/041' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  intro?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(20000)
  closing?: string;

  @ApiPropertyOptional({ type: [AskReportDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AskReportDto)
  reports?: AskReportDto[];
}
