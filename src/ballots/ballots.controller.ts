import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { DomainError } from '../platform/http/domain-error';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { BallotsService } from './ballots.service';
import { DelegateBallotDto, SubmitBallotDto } from './dto/submit-ballot.dto';

const TOKEN_HEADER = 'x-ballot-token';

/** The ballot of one member, reached with the secret token of its link (never in the URL here, so it stays out of logs). */
@ApiTags('ballots')
@ApiHeader({ name: TOKEN_HEADER, required: true, description: 'the secret of the ballot link (the part after /stemmen/)' })
@Controller('api/consultations/:consultationId/ballot')
export class BallotsController {
  constructor(private readonly ballots: BallotsService) {}

  @Get()
  view(@Param('consultationId', new UuidPipe('consultationId')) consultationId: string, @Headers(TOKEN_HEADER) token: string) {
    return this.ballots.view(token, consultationId);
  }

  @Post('submissions')
  @HttpCode(201)
  submit(
    @Param('consultationId', new UuidPipe('consultationId')) consultationId: string,
    @Headers(TOKEN_HEADER) token: string,
    @Body() body: SubmitBallotDto,
  ) {
    const receivedAt = new Date();
    return this.ballots.submit(token, body, receivedAt, consultationId);
  }

  @Post('delegations')
  delegate(
    @Param('consultationId', new UuidPipe('consultationId')) consultationId: string,
    @Headers(TOKEN_HEADER) token: string,
    @Body() body: DelegateBallotDto,
  ) {
    return this.ballots.delegate(token, body, consultationId);
  }
}

class ReceiptCodePipe {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{2}$/.test(value)) {
      throw DomainError.invalid('code', 'must be a receipt code like 7KQ2-M9XD-4T');
    }
    return value;
  }
}

/** Checking a receipt code (ontvangstcode): did my vote arrive, and is it the one that counts? */
@ApiTags('ballots')
@Controller('api/receipts')
export class ReceiptsController {
  constructor(private readonly ballots: BallotsService) {}

  @Get(':code')
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  check(@Param('code', new ReceiptCodePipe()) code: string) {
    return this.ballots.checkReceipt(code);
  }
}
