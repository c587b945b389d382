import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from '../../platform/http/input-rules';
import { AnswerDto, VOTER_ROLES, VoterRole } from './submit-ballot.dto';

/** A ballot reference as printed on the paper ballot: the member's CBS code and the ballot's four characters. */
export const PAPER_REFERENCE = /^[A-Za-z]{2}\d{4}-[0-9A-Za-z]{4}$/;

/** What a returned paper ballot says: who signed it and the answers. */
export interface PaperBallotInput {
  voterName: string;
  voterRole: VoterRole;
  answers: { proposalId: string; choiceId: string }[];
}

/** A returned paper ballot (papieren stembiljet), recorded by the bureau on the member's behalf. */
export class RecordPaperBallotDto implements PaperBallotInput {
  @ApiPropertyOptional({
    example: 'GM0489-7KQ2',
    description: 'the ballot reference printed on the paper ballot; when given, it must be the reference of this member in this consultation',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PAPER_REFERENCE, { message: 'reference must look like GM0489-7KQ2' })
  reference?: string;

  @ApiProperty({ example: 'J. de Vries', description: 'who signed the paper ballot for the municipality' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'voterName must not be empty' })
  @MaxLength(120)
  voterName: string;

  @ApiProperty({ enum: VOTER_ROLES, description: 'the office of who signed it' })
  @IsIn(VOTER_ROLES)
  voterRole: VoterRole;

  @ApiProperty({ type: [AnswerDto], description: 'one answer for every proposal of the consultation, as marked on the paper' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}
