import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsAmsterdamDateTime, IsCalendarDate } from '../../platform/http/input-rules';

export class CreateConsultationDto {
  @ApiProperty({ enum: ['alv', 'balv', 'ledenraadpleging'] })
  @IsIn(['alv', 'balv', 'ledenraadpleging'])
  kind: 'alv' | 'balv' | 'ledenraadpleging';

  @ApiProperty({ example: 'Ledenraadpleging juni 2020' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Lbr. 20/030', description: 'kenmerk' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reference?: string;

  @ApiProperty({ example: '2020-06-30', description: 'peildatum: the member list and inhabitants that count' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiProperty()
  @IsUUID()
  weightingSchemeId: string;

  @ApiPropertyOptional({ example: '2020-06-05T17:00', description: 'amendments due (Europe/Amsterdam unless an offset is given)' })
  @IsOptional()
  @IsAmsterdamDateTime()
  amendmentDeadline?: string;

  @ApiProperty({ example: '2020-06-26T23:59', description: 'voting closes (Europe/Amsterdam unless an offset is given)' })
  @IsAmsterdamDateTime()
  votingDeadline: string;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    example: [72, 24],
    description: 'reminders to members that have not voted, hours before the deadline (default 72 and 24)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2160, { each: true })
  reminderHoursBefore?: number[];

  @ApiPropertyOptional({ enum: ['open', 'confidential'], default: 'open', description: 'open: how each member voted is published; confidential: only totals' })
  @IsOptional()
  @IsIn(['open', 'confidential'])
  secrecy?: 'open' | 'confidential';
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2020-06-29T12:00' })
  @IsAmsterdamDateTime()
  votingDeadline: string;
}
