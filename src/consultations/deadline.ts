import { DomainError } from '../platform/http/domain-error';
import { amsterdamToInstant } from '../platform/text/amsterdam-time';

/** A deadline as given in a request: Amsterdam wall-clock time unless it carries an offset or Z. */
export function parseDeadline(field: string, value: string): Date {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  let instant: Date;
  try {
    instant = hasOffset ? new Date(value) : amsterdamToInstant(value.slice(0, 16));
  } catch {
    throw DomainError.invalid(field, 'is not a valid date-time');
  }
  if (Number.isNaN(instant.getTime())) throw DomainError.invalid(field, 'is not a valid date-time');
  return instant;
}

export function assertFuture(field: string, instant: Date, now: Date): void {
  if (instant.getTime() <= now.getTime()) throw DomainError.invalid(field, 'must be in the future');
}
