import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { errorResponses } from '../platform/http/openapi/api-doc.decorator';

export const BALLOT_TOKEN_HEADER = 'x-ballot-token';
/** The security scheme of the document that declares the header, once. */
export const BALLOT_TOKEN_SCHEME = 'ballotToken';

/** Reached with the secret of a ballot link in the X-Ballot-Token header: 401 unknown link, 403 revoked or another consultation's. */
export function BallotAccess() {
  return applyDecorators(ApiSecurity(BALLOT_TOKEN_SCHEME), errorResponses([401, 403]));
}
