import { amsterdamDate, amsterdamToInstant, instantToAmsterdam, isCalendarDate, parseAmsterdamDateTime } from './amsterdam-time';

describe('Amsterdam wall-clock time', () => {
  it('26 June 2020 12:00 in summer time is 10:00 UTC', () => {
    expect(amsterdamToInstant('2020-06-26T12:00').toISOString()).toBe('2020-06-26T10:00:00.000Z');
  });

  it('1 December 2017 12:00 in winter time is 11:00 UTC', () => {
    expect(amsterdamToInstant('2017-12-01T12:00').toISOString()).toBe('2017-12-01T11:00:00.000Z');
  });

  it('the statutory amendment deadline of 13 June 2024 12:00 round-trips', () => {
    const instant = amsterdamToInstant('2024-06-13T12:00');
    expect(instant.toISOString()).toBe('2024-06-13T10:00:00.000Z');
    expect(instantToAmsterdam(instant)).toBe('2024-06-13T12:00');
  });

  it('refuses text that is not a local date-time', () => {
    expect(() => amsterdamToInstant('26-06-2020')).toThrow(RangeError);
  });
});

describe('impossible dates are refused, never shifted', () => {
  it('30 February does not become 2 March', () => {
    expect(() => amsterdamToInstant('2026-02-30T12:00')).toThrow(RangeError);
    expect(parseAmsterdamDateTime('2026-02-30T12:00')).toBeNull();
  });

  it('month 13 does not become January of the next year', () => {
    expect(parseAmsterdamDateTime('2026-13-01T12:00')).toBeNull();
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });

  it('29 February exists in a leap year only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });

  it('an hour 24 or a minute 60 is refused, with or without an offset', () => {
    expect(parseAmsterdamDateTime('2026-06-01T24:00')).toBeNull();
    expect(parseAmsterdamDateTime('2026-06-01T12:60Z')).toBeNull();
    expect(parseAmsterdamDateTime('2026-02-30T12:00:00+02:00')).toBeNull();
  });

  it('an instant with an offset keeps its own offset', () => {
    expect(parseAmsterdamDateTime('2026-06-01T12:00:00+02:00')!.toISOString()).toBe('2026-06-01T10:00:00.000Z');
    expect(parseAmsterdamDateTime('2026-06-01T12:00:00.000Z')!.toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('a local time in winter gets the winter offset', () => {
    expect(parseAmsterdamDateTime('2026-01-15T09:30')!.toISOString()).toBe('2026-01-15T08:30:00.000Z');
  });

  it('the day of an instant is the Amsterdam day: 30 June 22:30 UTC is already 1 July in summer, 31 December 23:30 UTC already the new year', () => {
    expect(amsterdamDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(amsterdamDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(amsterdamDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(amsterdamDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
  });
});
