import { DateTime } from 'luxon';
import { TIME_ZONE } from './dutch-format';

// Hours 00-23 only: ISO's 24:00 would silently mean the next day.
const CLOCK = String.raw`([01]\d|2[0-3]):[0-5]\d`;
const LOCAL = new RegExp(String.raw`^\d{4}-\d{2}-\d{2}T${CLOCK}(:[0-5]\d)?$`);
const WITH_OFFSET = new RegExp(String.raw`^\d{4}-\d{2}-\d{2}T${CLOCK}(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$`);
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Converts a wall-clock time in Europe/Amsterdam ("2020-06-26T12:00") to the UTC instant, whatever
 * the summer or winter offset on that day. Impossible dates (30 February, month 13) are refused,
 * never shifted into the next month.
 */
export function amsterdamToInstant(local: string): Date {
  if (!LOCAL.test(local)) throw new RangeError(`"${local}" is not a local date-time like 2020-06-26T12:00`);
  const parsed = DateTime.fromISO(local, { zone: TIME_ZONE });
  if (!parsed.isValid) throw new RangeError(`"${local}" is not a date-time that exists (${parsed.invalidExplanation ?? parsed.invalidReason})`);
  return parsed.toJSDate();
}

/** A deadline as clients send it: Amsterdam wall-clock time, or an ISO instant with Z or an offset; null when impossible. */
export function parseAmsterdamDateTime(value: string): Date | null {
  if (WITH_OFFSET.test(value)) {
    const parsed = DateTime.fromISO(value, { setZone: true });
    return parsed.isValid ? parsed.toJSDate() : null;
  }
  if (!LOCAL.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: TIME_ZONE });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** "2020-06-30" that names a real day of the calendar. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && CALENDAR_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The Amsterdam wall-clock of an instant, as "2020-06-26T12:00" (for form fields). */
export function instantToAmsterdam(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The calendar day in Amsterdam of an instant, as "2020-06-30" (a day starts at midnight Dutch time, not UTC). */
export function amsterdamDate(instant: Date): string {
  return instantToAmsterdam(instant).slice(0, 10);
}
