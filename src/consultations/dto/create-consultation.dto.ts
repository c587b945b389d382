import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const LOCAL_OR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const DEADLINE_RULE = 'must be a date-time like 2020-06-26T12:00 (Europe/Amsterdam) or an ISO instant with offset';

export class CreateConsultationDto {
  @ApiProperty({ enum: ['alv', 'balv', 'ledenraadpleging'] })
  @IsIn(['alv', 'balv', 'ledenraadpleging'])
  kind: 'alv' | 'balv' | 'ledenraadpleging';

  @ApiProperty({ example: 'Ledenraadpleging juni 2020' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 'Lbr. 20/030', description: 'kenmerk' })
  @IsOptional() @IsString() @MaxLength(60)
  reference?: string;

  @ApiProperty({ example: '2020-06-30', description: 'peildatum: the member list and inhabitants that count' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'referenceDate must be a date YYYY-MM-DD' })
  referenceDate: string;

  @ApiProperty() @IsUUID()
  weightingSchemeId: string;

  @ApiPropertyOptional({ example: '2020-06-05T17:00', description: 'amendments due (Europe/Amsterdam unless an offset is given)' })
  @IsOptional() @Matches(LOCAL_OR_INSTANT, { message: `amendmentDeadline ${DEADLINE_RULE}` })
  amendmentDeadline?: string;

  @ApiProperty({ example: '2020-06-26T23:59', description: 'voting closes (Europe/Amsterdam unless an offset is given)' })
  @Matches(LOCAL_OR_INSTANT, { message: `votingDeadline ${DEADLINE_RULE}` })
  votingDeadline: string;

  @ApiPropertyOptional({ example: [72, 24], description: 'reminders to members that have not voted, hours before the deadline (default 72 and 24)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsInt({ each: true }) @Min(1, { each: true }) @Max(2160, { each: true })
  reminderHoursBefore?: number[];

  @ApiPropertyOptional({ enum: ['open', 'confidential'], default: 'open', description: 'open: how each member voted is published; confidential: only totals' })
  @IsOptional() @IsIn(['open', 'confidential'])
  secrecy?: 'open' | 'confidential';
}

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2020-06-29T12:00' })
  @Matches(LOCAL_OR_INSTANT, { message: `votingDeadline ${DEADLINE_RULE}` })
  votingDeadline: string;
}
