import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { ReceivedAt } from '../platform/http/received-at';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { BallotAccess, BALLOT_TOKEN_HEADER as TOKEN_HEADER } from './ballot-access.decorator';
import { BallotsService } from './ballots.service';
import { BallotResponse, DelegationResponse, ReceiptResponse } from './dto/ballot.response';
import { DelegateBallotDto, SubmitBallotDto } from './dto/submit-ballot.dto';

/** The ballot of one member, reached with the secret token of its link (never in the URL here, so it stays out of logs). */
@ApiTags('ballots')
@BallotAccess()
@Controller('api/consultations/:consultationId/ballot')
export class BallotsController {
  constructor(private readonly ballots: BallotsService) {}

  @Get()
  @ApiDoc({ summary: 'Read the ballot: the member, its weight, the questions and the vote that counts now', response: BallotResponse })
  view(@Param('consultationId', new UuidPipe('consultationId')) consultationId: string, @Headers(TOKEN_HEADER) token: string): Promise<BallotResponse> {
    return this.ballots.view(token, consultationId);
  }

  @Post('submissions')
  @HttpCode(201)
  @ApiDoc({
    summary: 'Cast the vote: one answer for every question; a later submission replaces it',
    status: 201,
    response: ReceiptResponse,
    responseDescription: 'the receipt (also mailed)',
    errors: [409],
  })
  submit(
    @Param('consultationId', new UuidPipe('consultationId')) consultationId: string,
    @Headers(TOKEN_HEADER) token: string,
    @Body() body: SubmitBallotDto,
    @ReceivedAt() receivedAt: Date,
  ): Promise<ReceiptResponse> {
    return this.ballots.submit(token, body, receivedAt, consultationId);
  }

  @Post('delegations')
  @ApiDoc({
    summary: 'Pass the ballot to another official of the same municipality (secretary only)',
    status: 201,
    response: DelegationResponse,
    errors: [409],
  })
  delegate(
    @Param('consultationId', new UuidPipe('consultationId')) consultationId: string,
    @Headers(TOKEN_HEADER) token: string,
    @Body() body: DelegateBallotDto,
  ): Promise<DelegationResponse> {
    return this.ballots.delegate(token, body, consultationId);
  }
}
