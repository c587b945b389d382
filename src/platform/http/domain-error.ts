/** Every refusal the platform knows, by code. The exception filter maps each to one HTTP status. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'ILLEGAL_TRANSITION'
  | 'VOTING_CLOSED'
  | 'VOTING_NOT_OPEN'
  | 'LINK_REVOKED'
  | 'ALREADY_PUBLISHED'
  | 'NOT_EDITABLE'
  | 'TOO_MANY_ATTEMPTS'
  | 'DEADLINE_PASSED'
  | 'IMPORT_REFUSED';

export interface FieldError {
  field: string;
  rule: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }

  static invalid(field: string, rule: string): DomainError {
    return new DomainError('INVALID_INPUT', `${field}: ${rule}`, [{ field, rule }]);
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
  }
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'LINK_REVOKED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'DUPLICATE':
    case 'ILLEGAL_TRANSITION':
    case 'VOTING_CLOSED':
    case 'VOTING_NOT_OPEN':
    case 'ALREADY_PUBLISHED':
    case 'NOT_EDITABLE':
    case 'DEADLINE_PASSED':
      return 409;
    case 'IMPORT_REFUSED':
      return 422;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    default: {
      const unknown: never = code;
      throw new Error(`unmapped error code ${String(unknown)}`);
    }
  }
}
