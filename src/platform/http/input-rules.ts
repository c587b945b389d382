import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDefined, Matches, Max, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isCalendarDate, parseAmsterdamDateTime } from '../text/amsterdam-time';

/** PostgreSQL `integer`: every whole number the platform stores fits in it. */
export const PG_INTEGER_MAX = 2_147_483_647;

/** At most PostgreSQL's integer (3000000000 and 1e308 are whole numbers too). */
export function MaxPgInteger(options?: ValidationOptions): PropertyDecorator {
  return Max(PG_INTEGER_MAX, { message: ({ property }) => `${property} must not be greater than ${PG_INTEGER_MAX}`, ...options });
}

/** A CBS municipality code (gemeentecode), as the register, accounts and amendments name members. */
export const CBS_CODE = /^GM[0-9]{4}$/;
export const CBS_CODE_RULE = 'must be a CBS municipality code: GM followed by 4 digits';

/** The field holds a CBS municipality code (`each: true` for a list of them). */
export function IsCbsCode(options?: ValidationOptions): PropertyDecorator {
  const message = options?.each
    ? ({ property }: { property: string }) => `each ${property} entry ${CBS_CODE_RULE}`
    : ({ property }: { property: string }) => `${property} ${CBS_CODE_RULE}`;
  return Matches(CBS_CODE, { message, ...options });
}

/** Surrounding spaces are not part of a name: trimmed first, so a name of only spaces is empty. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/** A day that exists in the calendar, written YYYY-MM-DD (2026-02-30 and 2026-13-01 are refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD that exists in the calendar`,
      },
    },
    options,
  );
}

/**
 * A date-time in Europe/Amsterdam wall-clock time ("2020-06-26T12:00") or an ISO instant with Z or an
 * offset, that exists in the calendar: 2026-02-30T12:00 is refused, not moved to 2 March.
 */
export function IsAmsterdamDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAmsterdamDateTime',
      validator: {
        validate: (value) => typeof value === 'string' && parseAmsterdamDateTime(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date-time that exists, like 2020-06-26T12:00 (Europe/Amsterdam) or an ISO instant with offset`,
      },
    },
    options,
  );
}

/** May be left out, but not sent as null (a PATCH that sends null would clear a required column). */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: ({ property }) => `${property} must not be null; leave it out to keep the current value` }),
  );
}
