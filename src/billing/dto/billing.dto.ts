import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, Trim } from '../../platform/http/input-rules';
import { PageQueryDto } from '../../platform/http/openapi/paging';

export class StartRunDto {
  @ApiProperty({ type: 'integer', example: 2021 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 'contribution', description: "the charge source's key (GET /api/billing/sources)" })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,40}$/)
  source: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 12, default: 1, description: 'instalments per invoice (rule I1: they add up exactly)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  instalments?: number;

  @ApiPropertyOptional({
    format: 'date',
    example: '2021-03-01',
    description: 'due date of the first instalment; default 30 days after the invoice date; the others follow every 12/n months',
  })
  @IsOptional()
  @IsCalendarDate()
  firstDueOn?: string;
}

export class CreditDto {
  @ApiProperty({ example: 'Contributie 2021 opnieuw vastgesteld na bekrachtiging' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class InvoiceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 2021 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 'contribution' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,40}$/)
  source?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}
