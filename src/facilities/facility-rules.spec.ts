import { activeIn, earliestLastDay, isTermEnd, noticeDeadline, termEnds } from './facility-terms';
import { goesByUsers, perInhabitantCents, Tariff, tariffErrors, tariffIn, yearlyAmount } from './facility-tariff';
import { tariffNl } from './facility-text';

const GOVROAM: Tariff = {
  oneOffCents: 150_000,
  yearly: {
    kind: 'user_bands',
    bands: [
      { fromUsers: 0, toUsers: 249, cents: 50_000 },
      { fromUsers: 250, toUsers: 999, cents: 100_000 },
      { fromUsers: 1000, toUsers: null, cents: 250_000 },
    ],
  },
};

describe('facility tariffs', () => {
  it('a band of users sets the yearly amount: 300 users fall in 250–999, € 1.000', () => {
    expect(yearlyAmount(GOVROAM, { inhabitants: null, users: 300 })).toEqual({ cents: 100_000, basis: '300 gebruikers: band 250 tot en met 999' });
    expect(yearlyAmount(GOVROAM, { inhabitants: null, users: 249 })!.cents).toBe(50_000);
    expect(yearlyAmount(GOVROAM, { inhabitants: null, users: 1000 })!.cents).toBe(250_000);
  });

  it('per inhabitant: 48,654 × 0,75 ct = 36.490,5 ct, half up to 36.491 ct; 44 ct × 199,000 = € 87.560', () => {
    expect(perInhabitantCents(48_654, '0.75')).toBe(36_491);
    expect(perInhabitantCents(48_653, '0.75')).toBe(36_490); // 36.489,75 -> 36.490
    expect(perInhabitantCents(199_000, '44')).toBe(8_756_000);
    expect(perInhabitantCents(3, '0.5')).toBe(2); // 1,5 -> 2
  });

  it('bands that leave a gap, overlap, or stop short are refused naming the band', () => {
    const gap: Tariff = {
      oneOffCents: 0,
      yearly: {
        kind: 'user_bands',
        bands: [
          { fromUsers: 0, toUsers: 249, cents: 1 },
          { fromUsers: 300, toUsers: null, cents: 2 },
        ],
      },
    };
    expect(tariffErrors(gap)).toEqual([
      { field: 'tariff.yearly.bands[1].fromUsers', rule: 'must be 250, one more than where the band before ends: bands may leave no gap and may not overlap' },
    ]);
    const overlap: Tariff = {
      oneOffCents: 0,
      yearly: {
        kind: 'user_bands',
        bands: [
          { fromUsers: 0, toUsers: 249, cents: 1 },
          { fromUsers: 200, toUsers: null, cents: 2 },
        ],
      },
    };
    expect(tariffErrors(overlap).map((e) => e.field)).toEqual(['tariff.yearly.bands[1].fromUsers']);
    const short: Tariff = { oneOffCents: 0, yearly: { kind: 'user_bands', bands: [{ fromUsers: 0, toUsers: 249, cents: 1 }] } };
    expect(tariffErrors(short).map((e) => e.field)).toEqual(['tariff.yearly.bands[0].toUsers']);
    const late: Tariff = { oneOffCents: 0, yearly: { kind: 'user_bands', bands: [{ fromUsers: 1, toUsers: null, cents: 1 }] } };
    expect(tariffErrors(late).map((e) => e.field)).toEqual(['tariff.yearly.bands[0].fromUsers']);
    expect(tariffErrors({ oneOffCents: -1, yearly: { kind: 'per_inhabitant', centsPerInhabitant: '0.755' } }).map((e) => e.field)).toEqual([
      'tariff.oneOffCents',
      'tariff.yearly.centsPerInhabitant',
    ]);
    expect(tariffErrors(GOVROAM)).toEqual([]);
  });
});

describe('a tariff valid from a year on', () => {
  // Govroam's bands as signed, and (illustrative) higher bands from 2019 and a fixed amount from 2021.
  const STEPPED: Tariff = {
    ...GOVROAM,
    yearlyFrom: [
      {
        fromYear: 2019,
        yearly: {
          kind: 'user_bands',
          bands: [
            { fromUsers: 0, toUsers: 249, cents: 60_000 },
            { fromUsers: 250, toUsers: 999, cents: 120_000 },
            { fromUsers: 1000, toUsers: null, cents: 300_000 },
          ],
        },
      },
      { fromYear: 2021, yearly: { kind: 'fixed', cents: 90_000 } },
    ],
  };
  const at300 = (year: number) => yearlyAmount(tariffIn(STEPPED, year), { inhabitants: null, users: 300 })!.cents;

  it('300 users pay € 1.000 in 2018, € 1.200 in 2019 and 2020 (the 2019 step), € 900 fixed from 2021', () => {
    expect([2018, 2019, 2020, 2021, 2030].map(at300)).toEqual([100_000, 120_000, 120_000, 90_000, 90_000]);
    expect(tariffIn(STEPPED, 2018)).toBe(STEPPED); // before the first step: the first yearly part
    expect(goesByUsers(STEPPED)).toBe(true);
    expect(goesByUsers({ oneOffCents: 0, yearly: { kind: 'none' }, yearlyFrom: [{ fromYear: 2020, yearly: { kind: 'fixed', cents: 1 } }] })).toBe(false);
  });

  it('steps out of order, twice for a year, or with a gap in their bands are refused naming the step', () => {
    expect(tariffErrors(STEPPED)).toEqual([]);
    const twice: Tariff = {
      ...GOVROAM,
      yearlyFrom: [
        { fromYear: 2019, yearly: { kind: 'none' } },
        { fromYear: 2019, yearly: { kind: 'none' } },
      ],
    };
    expect(tariffErrors(twice)).toEqual([{ field: 'tariff.yearlyFrom[1].fromYear', rule: 'must be after 2019: the steps go up by year, one per year' }]);
    const gap: Tariff = {
      ...GOVROAM,
      yearlyFrom: [
        {
          fromYear: 2019,
          yearly: {
            kind: 'user_bands',
            bands: [
              { fromUsers: 0, toUsers: 249, cents: 1 },
              { fromUsers: 300, toUsers: null, cents: 2 },
            ],
          },
        },
      ],
    };
    expect(tariffErrors(gap).map((e) => e.field)).toEqual(['tariff.yearlyFrom[0].yearly.bands[1].fromUsers']);
  });

  it('reads in Dutch with each step from its year', () => {
    expect(
      tariffNl({ oneOffCents: 0, yearly: { kind: 'fixed', cents: 50_000 }, yearlyFrom: [{ fromYear: 2019, yearly: { kind: 'fixed', cents: 60_000 } }] }),
    ).toBe('per jaar € 500,00; vanaf 2019: per jaar € 600,00');
  });
});

describe('facility terms', () => {
  it('terms are whole calendar years from the year of joining', () => {
    expect(termEnds('2020-07-01', 2, 2025)).toEqual(['2021-12-31', '2023-12-31', '2025-12-31']);
    expect(isTermEnd('2020-07-01', 2, '2022-12-31')).toBe(false);
  });

  it('notice three months before the end of the term: by 30 September', () => {
    expect(noticeDeadline('2021-12-31', 3)).toBe('2021-09-30');
    expect(noticeDeadline('2021-12-31', 0)).toBe('2021-12-31');
    expect(noticeDeadline('2021-12-31', 14)).toBe('2020-10-31');
  });

  it('the earliest end: notice on 30 September still ends the first term, on 1 October the next', () => {
    expect(earliestLastDay('2020-07-01', 2, 3, '2021-09-30')).toBe('2021-12-31');
    expect(earliestLastDay('2020-07-01', 2, 3, '2021-10-01')).toBe('2023-12-31');
    expect(earliestLastDay('2020-07-01', 1, 0, '2020-12-31')).toBe('2020-12-31');
  });

  it('a membership is active in a year it covers a day of', () => {
    expect(activeIn(2020, '2020-12-01', null)).toBe(true);
    expect(activeIn(2019, '2020-12-01', null)).toBe(false);
    expect(activeIn(2022, '2020-12-01', '2021-12-31')).toBe(false);
    expect(activeIn(2021, '2020-12-01', '2021-12-31')).toBe(true);
  });
});
