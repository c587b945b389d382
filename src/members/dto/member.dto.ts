import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const CBS_CODE = /^GM[0-9]{4}$/;
export const CBS_CODE_RULE = 'must be a CBS municipality code: GM followed by 4 digits';

export class InhabitantsDto {
  @ApiProperty({ example: '2020-01-01', description: 'reference date (peildatum)' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'referenceDate must be a date YYYY-MM-DD' })
  referenceDate: string;

  @ApiProperty({ example: 11523 })
  @IsInt({ message: 'inhabitants must be a whole number' }) @Min(0, { message: 'inhabitants must not be negative' })
  inhabitants: number;

  @ApiProperty({ example: 'CBS 37230ned' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  source: string;
}

export class CreateMemberDto {
  @ApiProperty({ example: 'GM0003' })
  @Matches(CBS_CODE, { message: `cbsCode ${CBS_CODE_RULE}` })
  cbsCode: string;

  @ApiProperty({ example: 'Appingedam' })
  @IsString() @IsNotEmpty() @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: 'Groningen' })
  @IsOptional() @IsString() @MaxLength(60)
  province?: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(120)
  secretaryName: string;

  @ApiProperty() @IsEmail() @MaxLength(254)
  secretaryEmail: string;

  @ApiProperty({ example: '1851-01-01' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'joinedOn must be a date YYYY-MM-DD' })
  joinedOn: string;

  @ApiProperty({ type: InhabitantsDto })
  @ValidateNested() @Type(() => InhabitantsDto)
  inhabitants: InhabitantsDto;
}

export class UpdateMemberDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60)
  province?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(120)
  secretaryName?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254)
  secretaryEmail?: string;
}

/** A member leaves, usually because it merges into another (herindeling) on 1 January. */
export class DepartureDto {
  @ApiProperty({ example: '2021-01-01' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'leftOn must be a date YYYY-MM-DD' })
  leftOn: string;

  @ApiPropertyOptional({ example: 'GM1979', description: 'the member it merged into' })
  @IsOptional() @Matches(CBS_CODE, { message: `mergedIntoCode ${CBS_CODE_RULE}` })
  mergedIntoCode?: string;
}

export class ImportMembersDto {
  @ApiProperty({ example: '2020-06-30' })
  @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'referenceDate must be a date YYYY-MM-DD' })
  referenceDate: string;

  @ApiProperty({ example: 'CBS 37230ned, end of June 2020' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  source: string;

  @ApiProperty({ description: 'CSV with header code;name;inhabitants and optionally province;secretary_name;secretary_email (";" or ",")' })
  @IsString() @IsNotEmpty() @MaxLength(2_000_000)
  csv: string;

  @ApiPropertyOptional({ default: true, description: 'report only, write nothing' })
  @IsOptional() @IsBoolean()
  dryRun?: boolean;
}
