import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../platform/http/input-rules';

/** A new secretary (or a corrected address): the ballot is reissued to them and the old link stops working. */
export class ReissueBallotDto {
  @ApiProperty({ example: 'mr. A. de Boer' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  secretaryName: string;

  @ApiProperty({ example: 'secretaris@gemeente.example' })
  @IsEmail()
  @MaxLength(254)
  secretaryEmail: string;
}
