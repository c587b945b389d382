import { PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/** A YYYY-MM-DD query or path parameter that names itself in its error. */
export class IsoDatePipe implements PipeTransform<unknown, string | undefined> {
  constructor(private readonly field: string, private readonly optional = false) {}

  transform(value: unknown): string | undefined {
    if ((value === undefined || value === '') && this.optional) return undefined;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))
      || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw DomainError.invalid(this.field, 'must be a date YYYY-MM-DD');
    }
    return value;
  }
}
