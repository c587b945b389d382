import { formatDateNl, formatDateTimeNl, formatEuroCents, formatIntegerNl } from './dutch-format';

describe('Dutch formatting', () => {
  it('writes money Dutch style from integer cents', () => {
    expect(formatEuroCents(123456)).toBe('€ 1.234,56');
    expect(formatEuroCents(19670000)).toBe('€ 196.700,00'); // Tilburg's yearly share at 92 ct
    expect(formatEuroCents(5)).toBe('€ 0,05');
    expect(formatEuroCents(-250)).toBe('- € 2,50');
  });

  it('writes dates in Amsterdam time, so 23:30 UTC on 25 June is 26 June', () => {
    expect(formatDateNl(new Date('2020-06-25T23:30:00Z'))).toBe('26 juni 2020');
    expect(formatDateTimeNl(new Date('2020-06-26T10:00:00Z'))).toBe('26 juni 2020 om 12:00');
    expect(formatDateTimeNl(new Date('2020-01-15T11:00:00Z'))).toBe('15 januari 2020 om 12:00');
  });

  it('groups thousands with dots', () => {
    expect(formatIntegerNl(17427806)).toBe('17.427.806');
  });
});
