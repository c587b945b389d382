import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsCbsCode, MaxPgInteger, OptionalNotNull, Trim } from '../../platform/http/input-rules';

export class InhabitantsDto {
  @ApiProperty({ example: '2020-01-01', description: 'reference date (peildatum)' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiProperty({ example: 11523 })
  @IsInt({ message: 'inhabitants must be a whole number' })
  @Min(0, { message: 'inhabitants must not be negative' })
  @MaxPgInteger()
  inhabitants: number;

  @ApiProperty({ example: 'CBS 37230ned' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;
}

export class CreateMemberDto {
  @ApiProperty({ example: 'GM0003' })
  @IsCbsCode()
  cbsCode: string;

  @ApiProperty({ example: 'Appingedam' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: 'Groningen' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  province?: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  secretaryName: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  secretaryEmail: string;

  @ApiProperty({ example: '1851-01-01' })
  @IsCalendarDate()
  joinedOn: string;

  @ApiProperty({ type: InhabitantsDto })
  @ValidateNested()
  @Type(() => InhabitantsDto)
  inhabitants: InhabitantsDto;
}

/** Changes at least one field; a field sent as null is refused (only province may be cleared with null). */
export class UpdateMemberDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  province?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  secretaryName?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsEmail()
  @MaxLength(254)
  secretaryEmail?: string;
}

/** A member leaves, usually because it merges into another (herindeling) on 1 January. */
export class DepartureDto {
  @ApiProperty({ example: '2021-01-01' })
  @IsCalendarDate()
  leftOn: string;

  @ApiPropertyOptional({ example: 'GM1979', description: 'the member it merged into' })
  @IsOptional()
  @IsCbsCode()
  mergedIntoCode?: string;
}

export class ImportMembersDto {
  @ApiProperty({ example: '2020-06-30' })
  @IsCalendarDate()
  referenceDate: string;

  @ApiProperty({ example: 'CBS 37230ned, end of June 2020' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;

  @ApiProperty({ description: 'CSV with header code;name;inhabitants and optionally province;secretary_name;secretary_email (";" or ",")' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  csv: string;

  @ApiPropertyOptional({ default: true, description: 'report only, write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
