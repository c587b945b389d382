import { TIME_ZONE } from './dutch-format';

/**
 * Converts a wall-clock time in Europe/Amsterdam ("2020-06-26T12:00") to the UTC instant,
 * whatever the summer or winter offset on that day.
 */
export function amsterdamToInstant(local: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`"${local}" is not a local date-time like 2020-06-26T12:00`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at the guessed instant, corrected once (offsets only change at 02:00/03:00 local).
  let instant = asUtc - offsetMs(new Date(asUtc));
  instant = asUtc - offsetMs(new Date(instant));
  return new Date(instant);
}

function offsetMs(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The Amsterdam wall-clock of an instant, as "2020-06-26T12:00" (for form fields). */
export function instantToAmsterdam(instant: Date): string {
  const local = new Date(instant.getTime() + offsetMs(instant));
  return local.toISOString().slice(0, 16);
}
