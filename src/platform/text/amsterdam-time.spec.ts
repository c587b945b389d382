import { amsterdamToInstant, instantToAmsterdam } from './amsterdam-time';

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
