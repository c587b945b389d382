import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorCode } from '../domain-error';

/**
 * Every `error` an answer of the API can carry: the domain's codes (DomainError) and the few the
 * exception filter adds itself (framework refusals, database refusals, outages, defects).
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DUPLICATE',
  'ILLEGAL_TRANSITION',
  'VOTING_CLOSED',
  'VOTING_NOT_OPEN',
  'LINK_REVOKED',
  'ALREADY_PUBLISHED',
  'NOT_EDITABLE',
  'TOO_MANY_ATTEMPTS',
  'DEADLINE_PASSED',
  'IMPORT_REFUSED',
  'CONFLICT',
  'HTTP_ERROR',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

// A new domain error code that is not listed above fails the type check here.
type Unlisted = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const everyCodeListed: Unlisted extends never ? true : Unlisted = true;
void everyCodeListed;

export class FieldErrorDto {
  @ApiProperty({ description: 'the refused field, as a path into the input', example: 'answers[0].choiceId' })
  field: string;

  @ApiProperty({ description: 'the rule it breaks, in English', example: 'must be a UUID' })
  rule: string;
}

/** The one error shape of the API: every 4xx and 5xx under /api (and /health, /metrics) answers with it. */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', description: 'the HTTP status, repeated', example: 409 })
  statusCode: number;

  @ApiProperty({ enum: ERROR_CODES, description: 'a stable code to act on; the message may change', example: 'VOTING_CLOSED' })
  error: string;

  @ApiProperty({ description: 'what went wrong, in English, for people', example: 'voting closed on 26 June 2020 at 12:00' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'with INVALID_INPUT (and IMPORT_REFUSED): every refused field and its rule' })
  errors?: FieldErrorDto[];
}
