import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, StaffRole } from '../staff-account.entity';
import { IsCbsCode } from '../../platform/http/input-rules';

export class CreateAccountDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: StaffRole;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({ example: 'GM0489', description: 'member official only: the municipality it acts for' })
  @IsOptional()
  @IsCbsCode()
  memberCode?: string;

  @ApiPropertyOptional({ example: 'Stichting De Kindertelefoon', description: 'provider only' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  provider?: string;
}
