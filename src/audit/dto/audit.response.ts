import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../../platform/http/openapi/paging';

/** Either a page of the newest entries, or every entry about one subject (subjectType and subjectId together). */
export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'consultation' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  subjectType?: string;

  @ApiPropertyOptional({ example: '5b0e6c1e-3f5a-4d8e-9a57-2c1f0e6b9d11' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  subjectId?: string;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'a 64-bit number as a string', example: '42' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: Date;
  @ApiProperty({ example: 'staff:bestuur@vng.example', description: 'staff:<email>, ballot:<code>:<role>:<email> or system:<part>' }) actor: string;
  @ApiProperty({ example: 'consultation.voting_closed' }) action: string;
  @ApiProperty({ example: 'consultation' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what changed, per action' }) details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'place in the hash chain; null until sealed (normally within a second)' }) chainSeq: string | null;
  @ApiProperty({ type: String, nullable: true }) prevHash: string | null;
  @ApiProperty({ type: String, nullable: true, description: "SHA-256 of the previous hash and the entry's canonical text" }) hash: string | null;
}

export const AuditEventPage = PageOf(AuditEventResponse, 'AuditEventPage');

export class BrokenEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() chainSeq: string;
  @ApiProperty({ example: 'its content does not match its hash' }) reason: string;
}

export class ChainReportResponse {
  @ApiProperty({ type: 'integer', description: 'sealed entries that verified' }) entries: number;
  @ApiProperty({ type: BrokenEntryDto, nullable: true, description: 'the first entry that does not fit; null when the chain is whole' })
  firstBroken: BrokenEntryDto | null;
  @ApiProperty({ type: 'integer', description: 'entries not sealed yet' }) unsealed: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) oldestUnsealedAt: string | null;
}
