import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';

/** Every class-validator error as field and rule (nested fields as a.b[0].c); also used by page forms. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((rule) => ({ field, rule }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

const BUILT_IN_TYPES: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * The one validation pipe: unknown fields are refused, and every error names its field and rule.
 * A body that a DTO describes must be a JSON object: no body, `null`, an array or a bare value is
 * refused here, before class-transformer makes something odd of it.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const describedByDto = metadata.type === 'body' && typeof metadata.metatype === 'function' && !BUILT_IN_TYPES.includes(metadata.metatype);
    if (describedByDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw DomainError.invalid('request body', 'must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new DomainError('INVALID_INPUT', fieldErrors.map((e) => `${e.field}: ${e.rule}`).join('; '), fieldErrors);
    },
  });
}
