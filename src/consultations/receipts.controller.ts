import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { BallotsService } from '../ballots/ballots.service';
import { ReceiptCheckResponse } from '../ballots/dto/ballot.response';
import { DomainError } from '../platform/http/domain-error';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { hasPublishedResult } from './consultation-phase';
import { ConsultationsService } from './consultations.service';

class ReceiptCodePipe {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{2}$/.test(value)) {
      throw DomainError.invalid('code', 'must be a receipt code like 7KQ2-M9XD-4T');
    }
    return value;
  }
}

/**
 * Checking a receipt code (ontvangstcode): did my vote arrive, and is it the one that counts? Anyone
 * with the code may ask, so the answer names the municipality only where the result has made that
 * public anyway (open votes, published), as the page /ontvangstcode does.
 */
@ApiTags('ballots')
@Controller('api/receipts')
export class ReceiptsController {
  constructor(
    private readonly ballots: BallotsService,
    private readonly consultations: ConsultationsService,
  ) {}

  @Get(':code')
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiDoc({ summary: 'Check a receipt code: did the vote arrive, and is it the one that counts?', response: ReceiptCheckResponse, errors: [404] })
  async check(@Param('code', new ReceiptCodePipe()) code: string): Promise<ReceiptCheckResponse> {
    const { member, consultationId, receivedAt, counts } = await this.ballots.checkReceipt(code);
    const c = await this.consultations.require(consultationId);
    const memberPublic = c.secrecy === 'open' && hasPublishedResult(c.status);
    return { consultationId, member: memberPublic ? member : null, receivedAt, counts };
  }
}
