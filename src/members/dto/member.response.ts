import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/input-rules';
import { PageOf, PageQueryDto } from '../../platform/http/openapi/paging';

export class MemberListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2020-06-30', description: 'members on this date, with their inhabitants then (default today)' })
  @IsOptional()
  @IsCalendarDate({ message: 'must be a date YYYY-MM-DD that exists in the calendar' })
  on?: string;
}

export class MemberExportQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2020-06-30', description: 'members on this date (default today)' })
  @IsOptional()
  @IsCalendarDate({ message: 'must be a date YYYY-MM-DD that exists in the calendar' })
  on?: string;
}

/** A member on a date, with its most recent inhabitant count at or before that date. */
export class MemberOnDateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GM0489' }) cbsCode: string;
  @ApiProperty({ example: 'Barendrecht' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Zuid-Holland' }) province: string | null;
  @ApiProperty() secretaryName: string;
  @ApiProperty({ format: 'email' }) secretaryEmail: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 48654, description: 'null when no count is recorded on or before the date' }) inhabitants:
    number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'the reference date of that count' }) inhabitantsReferenceDate: string | null;
}

export const MemberPage = PageOf(MemberOnDateResponse, 'MemberPage');

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GM0489' }) cbsCode: string;
  @ApiProperty({ example: 'Barendrecht' }) name: string;
  @ApiProperty({ type: String, nullable: true }) province: string | null;
  @ApiProperty() secretaryName: string;
  @ApiProperty({ format: 'email' }) secretaryEmail: string;
  @ApiProperty({ format: 'date', example: '1851-01-01' }) joinedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leftOn: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the member it merged into' }) mergedIntoId: string | null;
}

export class InhabitantCountResponse {
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ example: 'CBS 37230ned' }) source: string;
}

export class MemberDetailResponse extends MemberResponse {
  @ApiProperty({ type: [InhabitantCountResponse], description: 'every recorded count, by reference date' }) inhabitants: InhabitantCountResponse[];
}

export class ImportedLine {
  @ApiProperty({ type: 'integer', description: 'line of the CSV (the header is line 1)' }) line: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) inhabitants: number;
  @ApiProperty({ description: 'a member new to the register' }) newMember: boolean;
}

export class ChangedLine {
  @ApiProperty({ type: 'integer' }) line: number;
  @ApiProperty() code: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description: 'per changed field its old and new value',
    example: { secretaryEmail: { from: 'a@gemeente.example', to: 'b@gemeente.example' } },
  })
  changes: Record<string, { from: unknown; to: unknown }>;
}

export class RefusedLine {
  @ApiProperty({ type: 'integer' }) line: number;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'the column at fault', example: 'inhabitants' }) field: string;
  @ApiProperty({ example: 'must be a whole number' }) reason: string;
}

export class ImportReportResponse {
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [ImportedLine] }) added: ImportedLine[];
  @ApiProperty({ type: [ChangedLine] }) changed: ChangedLine[];
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({ type: [RefusedLine], description: 'only in a dry run; otherwise a refused line refuses the whole import (422)' }) refused: RefusedLine[];
}
