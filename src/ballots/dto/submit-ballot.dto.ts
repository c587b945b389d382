import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from '../../platform/http/input-rules';

export const VOTER_ROLES = ['secretary', 'executive', 'council_member', 'clerk'] as const;
export type VoterRole = (typeof VOTER_ROLES)[number];
export const VOTER_ROLES_NL: Record<VoterRole, string> = {
  secretary: 'Gemeentesecretaris',
  executive: 'Lid van het college',
  council_member: 'Raadslid',
  clerk: 'Griffier',
};

export class AnswerDto {
  @ApiProperty()
  @IsUUID()
  proposalId: string;

  @ApiProperty()
  @IsUUID()
  choiceId: string;
}

export class SubmitBallotDto {
  @ApiProperty({ example: 'J. de Vries', description: 'who casts the vote for the municipality' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'voterName must not be empty' })
  @MaxLength(120)
  voterName: string;

  @ApiProperty({ enum: VOTER_ROLES })
  @IsIn(VOTER_ROLES)
  voterRole: VoterRole;

  @ApiProperty({ type: [AnswerDto], description: 'one answer for every proposal of the consultation' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

/** The secretary passes the ballot to another eligible official of the same municipality. */
export class DelegateBallotDto {
  @ApiProperty({ example: 'A. Jansen' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['executive', 'council_member', 'clerk'] })
  @IsIn(['executive', 'council_member', 'clerk'])
  role: Exclude<VoterRole, 'secretary'>;
}
