/**
 * A collective facility's tariff (tarief) and what a member owes under it in a year. Pure functions,
 * no I/O; money in integer euro cents, every rounding named.
 *
 * - one-off (eenmalig): due in the year the member joins;
 * - yearly: fixed, per inhabitant (a rate in cents with at most two decimals), or by a band of users
 *   (Govroam: € 500 to € 2.500 a year by number of users). A year begun is due whole
 *   (YEAR_BEGUN_IS_DUE_WHOLE): joining on 1 December or leaving on 31 January costs the full yearly amount.
 * - Per inhabitant: inhabitants × rate, rounded half up to a whole cent (HALF_UP_TO_CENT), per member.
 */
import type { FieldError } from '../platform/http/domain-error';

export interface UserBand {
  fromUsers: number;
  /** inclusive; null for the last, open-ended band */
  toUsers: number | null;
  cents: number;
}

export type YearlyTariff =
  { kind: 'none' } | { kind: 'fixed'; cents: number } | { kind: 'per_inhabitant'; centsPerInhabitant: string } | { kind: 'user_bands'; bands: UserBand[] };

/** The yearly part as it stands from a year on (tarief per jaar), e.g. higher bands from 2019. */
export interface YearlyStep {
  fromYear: number;
  yearly: YearlyTariff;
}

export interface Tariff {
  oneOffCents: number;
  /** The yearly part from the first year on, until a step replaces it. */
  yearly: YearlyTariff;
  /** Later yearly parts, each from its year on; ascending, one per year. */
  yearlyFrom?: YearlyStep[];
}

/** The tariff that applies in `year`: the step with the latest fromYear not after it, else the first yearly part. */
export function tariffIn(tariff: Tariff, year: number): Tariff {
  const step = (tariff.yearlyFrom ?? []).filter((s) => s.fromYear <= year).at(-1);
  return step ? { ...tariff, yearly: step.yearly } : tariff;
}

/** Whether some year of the tariff goes by the number of users (then users are declared). */
export function goesByUsers(tariff: Tariff): boolean {
  return [tariff.yearly, ...(tariff.yearlyFrom ?? []).map((s) => s.yearly)].some((y) => y.kind === 'user_bands');
}

/** The most a single amount may be: € 10 million, in cents (and within PostgreSQL's bigint by far). */
export const MAX_CENTS = 1_000_000_000;
const RATE = /^\d{1,6}(\.\d{1,2})?$/;

const isCents = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_CENTS;

/** Every rule a tariff breaks, by field: amounts whole cents from 0, bands from 0 users without gaps or overlaps. */
export function tariffErrors(tariff: Tariff, field = 'tariff'): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCents(tariff.oneOffCents)) errors.push({ field: `${field}.oneOffCents`, rule: `must be whole cents from 0 to ${MAX_CENTS}` });
  errors.push(...yearlyErrors(tariff.yearly, `${field}.yearly`));
  (tariff.yearlyFrom ?? []).forEach((step, i) => {
    const at = `${field}.yearlyFrom[${i}]`;
    const before = i === 0 ? null : tariff.yearlyFrom![i - 1].fromYear;
    if (!Number.isInteger(step.fromYear) || step.fromYear < 2000 || step.fromYear > 2200)
      errors.push({ field: `${at}.fromYear`, rule: 'must be a year from 2000 to 2200' });
    else if (before !== null && step.fromYear <= before)
      errors.push({ field: `${at}.fromYear`, rule: `must be after ${before}: the steps go up by year, one per year` });
    errors.push(...yearlyErrors(step.yearly, `${at}.yearly`));
  });
  return errors;
}

function yearlyErrors(y: YearlyTariff, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (y.kind === 'fixed' && !isCents(y.cents)) errors.push({ field: `${field}.cents`, rule: `must be whole cents from 0 to ${MAX_CENTS}` });
  if (y.kind === 'per_inhabitant' && !RATE.test(y.centsPerInhabitant)) {
    errors.push({ field: `${field}.centsPerInhabitant`, rule: 'must be cents per inhabitant with at most two decimals, like "0.75" or "44"' });
  }
  if (y.kind === 'user_bands') {
    if (y.bands.length === 0) errors.push({ field: `${field}.bands`, rule: 'needs at least one band' });
    y.bands.forEach((band, i) => {
      const at = `${field}.bands[${i}]`;
      const expectedFrom = i === 0 ? 0 : (y.bands[i - 1].toUsers ?? NaN) + 1;
      if (i === 0 && band.fromUsers !== 0) errors.push({ field: `${at}.fromUsers`, rule: 'the first band must start at 0 users' });
      else if (i > 0 && band.fromUsers !== expectedFrom) {
        errors.push({
          field: `${at}.fromUsers`,
          rule: Number.isNaN(expectedFrom)
            ? 'no band may follow an open-ended band'
            : `must be ${expectedFrom}, one more than where the band before ends: bands may leave no gap and may not overlap`,
        });
      }
      if (band.toUsers === null && i !== y.bands.length - 1) errors.push({ field: `${at}.toUsers`, rule: 'only the last band is open-ended' });
      if (band.toUsers !== null && band.toUsers < band.fromUsers) errors.push({ field: `${at}.toUsers`, rule: 'must not be below fromUsers' });
      if (i === y.bands.length - 1 && band.toUsers !== null)
        errors.push({ field: `${at}.toUsers`, rule: 'the last band must be open-ended (null), so that every number of users has a tariff' });
      if (!isCents(band.cents)) errors.push({ field: `${at}.cents`, rule: `must be whole cents from 0 to ${MAX_CENTS}` });
    });
  }
  return errors;
}

/** The band a number of users falls in. */
export function bandFor(bands: UserBand[], users: number): UserBand {
  const band = bands.find((b) => users >= b.fromUsers && (b.toUsers === null || users <= b.toUsers));
  if (!band) throw new Error(`no band for ${users} users`); // tariffErrors makes this impossible
  return band;
}

/** inhabitants × rate (cents with at most two decimals), rounded half up to a whole cent: HALF_UP_TO_CENT. */
export function perInhabitantCents(inhabitants: number, centsPerInhabitant: string): number {
  const [whole, fraction = ''] = centsPerInhabitant.split('.');
  const hundredthsOfCent = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  const total = BigInt(inhabitants) * hundredthsOfCent; // in hundredths of a cent
  return Number((total + 50n) / 100n);
}

/** What a member needs to know for the yearly amount: its inhabitants and its users that year. */
export interface YearFacts {
  inhabitants: number | null;
  users: number | null;
}

/** The yearly amount and its explanation, or null when the tariff has none. */
export function yearlyAmount(tariff: Tariff, facts: YearFacts): { cents: number; basis: string } | null {
  const y = tariff.yearly;
  switch (y.kind) {
    case 'none':
      return null;
    case 'fixed':
      return { cents: y.cents, basis: 'vast jaarbedrag' };
    case 'per_inhabitant':
      if (facts.inhabitants === null) throw new Error('inhabitants needed for a per-inhabitant tariff');
      return {
        cents: perInhabitantCents(facts.inhabitants, y.centsPerInhabitant),
        basis: `${facts.inhabitants} inwoners × ${y.centsPerInhabitant.replace('.', ',')} ct, afgerond op hele centen`,
      };
    case 'user_bands': {
      if (facts.users === null) throw new Error('users needed for a tariff by band of users');
      const band = bandFor(y.bands, facts.users);
      return {
        cents: band.cents,
        basis: `${facts.users} gebruikers: band ${band.fromUsers}${band.toUsers === null ? ' of meer' : ` tot en met ${band.toUsers}`}`,
      };
    }
  }
}
