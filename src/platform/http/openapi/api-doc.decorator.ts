import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response.dto';

/** What each documented error status means in this API; the one ErrorResponse shape carries the code. */
export const ERROR_MEANINGS = {
  400: 'Bad input: the body, a parameter or the query names the refused field and its rule (INVALID_INPUT)',
  401: 'Not signed in, or the ballot link is not valid (UNAUTHENTICATED)',
  403: 'Signed in, but this role or link may not do this (FORBIDDEN, LINK_REVOKED)',
  404: 'It does not exist, or is not public yet (NOT_FOUND)',
  409: 'Not in this state: the phase, a deadline or a duplicate forbids it (see the error code)',
  422: 'Refused as a whole: every refused line and field is named (IMPORT_REFUSED)',
  429: 'Too many requests or failed attempts from this address or account: wait (TOO_MANY_ATTEMPTS)',
  503: 'The database is briefly unavailable: try again after Retry-After seconds (SERVICE_UNAVAILABLE)',
} as const;

export type DocumentedError = keyof typeof ERROR_MEANINGS;

/** Every operation can answer these: any request may carry bad input, hit a limit or meet an outage. */
export const EVERY_OPERATION_ERRORS: DocumentedError[] = [400, 429, 503];

export interface ApiDocOptions {
  /** One line, imperative or noun phrase, as a client generator shows it. */
  summary: string;
  description?: string;
  /** The success status; 200 unless given. */
  status?: HttpStatus | number;
  /** The body of the success answer: a response DTO class, [DtoClass] for an array; omit for no body (204, 202). */
  response?: Type<unknown> | [Type<unknown>];
  /** What the success answer says, e.g. 'the receipt'; defaults to the summary. */
  responseDescription?: string;
  /** Another media type than JSON for the success answer (e.g. 'text/csv'), with a string schema. */
  produces?: string;
  /**
   * The 4xx this operation can answer besides 400/429/503 (every operation) and 401/403 (added by
   * Can/SignedIn/BallotAccess): e.g. [404, 409].
   */
  errors?: DocumentedError[];
}

export function errorResponses(statuses: DocumentedError[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANINGS[status], type: ErrorResponse })),
  );
}

/**
 * Documents one operation as the contract says: a summary, its success answer with a schema, and each
 * error status it can answer with the one ErrorResponse shape.
 */
export function ApiDoc(options: ApiDocOptions): MethodDecorator {
  const status = options.status ?? 200;
  const description = options.responseDescription ?? options.summary;
  const success = options.produces
    ? // Not ApiProduces: that would give the error answers this media type too; they stay JSON.
      [ApiResponse({ status, description, content: { [options.produces]: { schema: { type: 'string' } } } })]
    : options.response
      ? [
          ApiResponse({
            status,
            description,
            type: Array.isArray(options.response) ? options.response[0] : options.response,
            isArray: Array.isArray(options.response),
          }),
        ]
      : [ApiResponse({ status, description })];
  return applyDecorators(
    ApiOperation({ summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ...success,
    errorResponses([...new Set([...EVERY_OPERATION_ERRORS, ...(options.errors ?? [])])].sort()),
  );
}
