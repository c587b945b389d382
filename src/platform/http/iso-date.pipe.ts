import { PipeTransform } from '@nestjs/common';
import { isCalendarDate } from '../text/amsterdam-time';
import { DomainError } from './domain-error';

/** A YYYY-MM-DD query or path parameter that names itself in its error. */
export class IsoDatePipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly field: string,
    private readonly optional = false,
  ) {}

  transform(value: unknown): string | undefined {
    if ((value === undefined || value === '') && this.optional) return undefined;
    if (!isCalendarDate(value)) throw DomainError.invalid(this.field, 'must be a date YYYY-MM-DD that exists in the calendar');
    return value;
  }
}
