import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { Clock } from '../platform/clock';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { BallotsService } from './ballots.service';
import { PaperBallotReceiptResponse } from './dto/ballot.response';
import { RecordPaperBallotDto } from './dto/paper-ballot.dto';

/**
 * A returned paper ballot (papieren stembiljet), recorded by the bureau on the member's behalf.
 * consultations.prepare: recording what a member signed and sent in is the bureau's administrative
 * work (as resending or reissuing a ballot is), not a decision of the board; the audit entry names who
 * recorded it and the member's secretary gets the receipt mail, so a paper vote cannot go unnoticed.
 */
@ApiTags('ballots')
@Controller('api/consultations/:id/members/:memberId/paper-ballot')
export class PaperBallotsController {
  constructor(
    private readonly ballots: BallotsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Can('consultations.prepare')
  @ApiDoc({
    summary: "Record a member's returned paper ballot: the same rules as an online vote; a later submission, online or paper, replaces it",
    status: 201,
    response: PaperBallotReceiptResponse,
    responseDescription: 'the receipt (also mailed to the secretary, without the choices)',
    errors: [404, 409],
  })
  record(
    @Param('id', new UuidPipe('id')) consultationId: string,
    @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @Body() body: RecordPaperBallotDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<PaperBallotReceiptResponse> {
    const receivedAt = this.clock.now();
    return this.ballots.recordPaper(consultationId, { memberId, reference: body.reference }, body, staffActor(staff), receivedAt);
  }
}
