import { ApiProperty } from '@nestjs/swagger';
import { ProposalResponse } from '../../proposals/dto/proposal.response';
import { VOTER_ROLES, VoterRole } from './submit-ballot.dto';

export class BallotMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GM0489' }) cbsCode: string;
  @ApiProperty({ example: 'Barendrecht' }) name: string;
  @ApiProperty({ type: 'integer', example: 48654, description: 'at the reference date' }) inhabitants: number;
  @ApiProperty({ type: 'integer', example: 5, description: 'frozen when voting opened' }) weight: number;
}

export class BallotConsultationDto {
  @ApiProperty({ example: 'Ledenraadpleging juni 2020' }) title: string;
  @ApiProperty({ enum: ['alv', 'balv', 'ledenraadpleging'] }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lbr. 20/030', description: 'kenmerk of the member letter' }) reference: string | null;
}

export class BallotHolderDto {
  @ApiProperty({ example: 'J. de Vries' }) name: string;
  @ApiProperty({ enum: VOTER_ROLES }) role: string;
}

export class AnswerResponse {
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ format: 'uuid' }) choiceId: string;
}

export class SubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '7KQ2-M9XD-4T' }) receiptCode: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ example: 'J. de Vries' }) voterName: string;
  @ApiProperty({ enum: VOTER_ROLES }) voterRole: VoterRole;
  @ApiProperty({ enum: ['online', 'paper'], description: 'online through a ballot link, or a paper ballot the bureau recorded' }) channel: 'online' | 'paper';
  @ApiProperty({ type: [AnswerResponse] }) answers: AnswerResponse[];
}

/** What the holder of a ballot link sees: the member, the questions and the vote that counts now. */
export class BallotResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: BallotConsultationDto }) consultation: BallotConsultationDto;
  @ApiProperty({ type: BallotMemberDto }) member: BallotMemberDto;
  @ApiProperty({ type: BallotHolderDto, description: 'who holds this link: the secretary or the official it was passed to' }) holder: BallotHolderDto;
  @ApiProperty() votingOpen: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) votingDeadline: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when voting closed (early, or at the deadline); null while open' })
  votingClosedAt: Date | null;
  @ApiProperty({ type: [ProposalResponse] }) proposals: ProposalResponse[];
  @ApiProperty({ type: SubmissionResponse, nullable: true, description: 'the submission that counts; null before the first vote' })
  current: SubmissionResponse | null;
  @ApiProperty({ type: 'integer', description: 'submissions so far; the last one counts' }) submissionCount: number;
}

export class ReceiptResponse {
  @ApiProperty({ example: '7KQ2-M9XD-4T', description: 'the receipt code (ontvangstcode)' }) receiptCode: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'when the server received the vote' }) receivedAt: Date;
  @ApiProperty({ example: 'Barendrecht' }) member: string;
  @ApiProperty({ description: 'true when an earlier submission of this ballot was replaced' }) replacedEarlierSubmission: boolean;
}

export class DelegationResponse {
  @ApiProperty({ description: 'the new ballot link for the official (also mailed)' }) url: string;
  @ApiProperty({ example: 'A. Jansen' }) holder: string;
  @ApiProperty({ example: 'a.jansen@gemeente.example', description: 'where the new link was mailed' }) email: string;
}

/** The receipt of a paper ballot the bureau recorded on the member's behalf. */
export class PaperBallotReceiptResponse extends ReceiptResponse {
  @ApiProperty({ enum: ['paper'] }) channel: 'paper';
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'staff:bureau@vng.example', description: 'the staff member who recorded it' }) recordedBy: string;
}

export class ReceiptCheckResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Barendrecht',
    description: 'the municipality that voted, only once the result is published with open votes (null before, and always in a confidential consultation)',
  })
  member: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ description: 'true when this is the submission that counts (no later one replaced it)' }) counts: boolean;
}
