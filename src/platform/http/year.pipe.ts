import { PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/** A year path parameter (2000-2100) whose error names the parameter. */
export class YearPipe implements PipeTransform<unknown, number> {
  constructor(private readonly field = 'year') {}

  transform(value: unknown): number {
    // The global ValidationPipe may have turned the text into a number already.
    const text = typeof value === 'number' ? String(value) : value;
    const year = typeof text === 'string' && /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw DomainError.invalid(this.field, 'must be a year from 2000 to 2100');
    return year;
  }
}
