import { DomainError } from '../platform/http/domain-error';
import { parseAmsterdamDateTime } from '../platform/text/amsterdam-time';

/** A deadline as given in a request: Amsterdam wall-clock time unless it carries an offset or Z. */
export function parseDeadline(field: string, value: string): Date {
  const instant = parseAmsterdamDateTime(value);
  if (!instant) throw DomainError.invalid(field, 'is not a date-time that exists');
  return instant;
}

export function assertFuture(field: string, instant: Date, now: Date): void {
  if (instant.getTime() <= now.getTime()) throw DomainError.invalid(field, 'must be in the future');
}
