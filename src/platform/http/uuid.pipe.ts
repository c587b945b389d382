import { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from './domain-error';

/** A UUID path parameter whose error names the parameter. */
export class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw DomainError.invalid(this.field, 'must be a UUID');
    return value;
  }
}
