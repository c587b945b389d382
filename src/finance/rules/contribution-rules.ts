/**
 * The contribution (contributie): a rate per inhabitant in size bands. Pure functions with named rules:
 *
 * C1 Bands: the first band starts at 0 inhabitants, each next band at a higher number; a band covers
 *    from its own start (inclusive) up to the next band's start (exclusive). "5,000-25,000 € 1.76"
 *    is the band starting at 5,000: a municipality of exactly 5,000 inhabitants is in it.
 * C2 Band mode, a setting of the schedule:
 *    - whole_population: the rate of the band the municipality falls in applies to all its inhabitants;
 *    - per_band: like tax brackets, each band's rate applies to the inhabitants within that band.
 * C3 Rates are kept in hundredth cents (four decimals of a euro). Next year's rates are this year's
 *    raised by the adopted percentage and then rounded by the schedule's rate rounding rule:
 *    cent_half_up (to a whole cent, half a cent up: € 1.92 × 1.039 = € 1.99488 -> € 1.99),
 *    cent_down (to a whole cent, down), or hundredth_cent_half_up (keep four decimals).
 * C4 Amounts: each line (a band's inhabitants × its rate) is rounded to the cent by the schedule's
 *    amount rounding rule (cent_half_up or cent_down); the member's contribution is the sum of its
 *    lines, so what an invoice shows adds up line by line.
 * C5 Allowed ranges: a rate is more than € 0 and at most € 100 per inhabitant; a raise is between
 *    -50% and +50% (the association's rates move by a few percent a year; anything else is a typo).
 */
import { divideRounded, HUNDREDTH_CENTS_PER_CENT, RuleError } from './exact-decimal';

export type BandMode = 'whole_population' | 'per_band';
export type RateRounding = 'cent_half_up' | 'cent_down' | 'hundredth_cent_half_up';
export type AmountRounding = 'cent_half_up' | 'cent_down';

export const BAND_MODES: readonly BandMode[] = ['whole_population', 'per_band'];
export const RATE_ROUNDINGS: readonly RateRounding[] = ['cent_half_up', 'cent_down', 'hundredth_cent_half_up'];
export const AMOUNT_ROUNDINGS: readonly AmountRounding[] = ['cent_half_up', 'cent_down'];

export const MAX_RATE_HUNDREDTH_CENTS = 1_000_000n; // € 100 per inhabitant
export const MAX_RAISE_BASIS_POINTS = 5_000n; // 50%

export interface Band {
  fromInhabitants: number;
  /** Hundredth cents per inhabitant: € 1.92 = 19200. */
  rate: bigint;
}

export interface ContributionLine {
  fromInhabitants: number;
  /** Exclusive upper bound of the band; null for the last band. */
  toInhabitants: number | null;
  /** Inhabitants charged at this line's rate. */
  inhabitants: number;
  rate: bigint;
  amountCents: bigint;
}

export interface Contribution {
  bandMode: BandMode;
  lines: ContributionLine[];
  totalCents: bigint;
}

/** C1 and C5: what is wrong with a band table, each naming its field; throws the first. */
export function checkBands(field: string, bands: Band[]): void {
  if (bands.length === 0) throw new RuleError(field, 'needs at least one band');
  bands.forEach((band, i) => {
    if (!Number.isSafeInteger(band.fromInhabitants) || band.fromInhabitants < 0)
      throw new RuleError(`${field}[${i}].fromInhabitants`, 'must be a whole number of at least 0');
    if (i === 0 && band.fromInhabitants !== 0) throw new RuleError(`${field}[0].fromInhabitants`, 'the first band starts at 0 inhabitants');
    if (i > 0 && band.fromInhabitants <= bands[i - 1].fromInhabitants)
      throw new RuleError(`${field}[${i}].fromInhabitants`, 'bands must start at increasing numbers of inhabitants');
    if (band.rate <= 0n || band.rate > MAX_RATE_HUNDREDTH_CENTS)
      throw new RuleError(`${field}[${i}].ratePerInhabitant`, 'must be more than € 0 and at most € 100 per inhabitant');
  });
}

/** C5: the raise an adopted percentage may make. */
export function checkRaise(field: string, basisPoints: bigint): void {
  if (basisPoints < -MAX_RAISE_BASIS_POINTS || basisPoints > MAX_RAISE_BASIS_POINTS) throw new RuleError(field, 'a raise must be between -50% and +50%');
}

/** C3: one rate raised by a percentage (basis points) and rounded by the named rule. */
export function raiseRate(rate: bigint, basisPoints: bigint, rounding: RateRounding): bigint {
  const exact = rate * (10_000n + basisPoints); // in hundredth cents × 10,000
  if (exact < 0n) throw new RangeError('a rate cannot become negative');
  if (rounding === 'hundredth_cent_half_up') return divideRounded(exact, 10_000n, 'half_up');
  const cents = divideRounded(exact, 10_000n * HUNDREDTH_CENTS_PER_CENT, rounding === 'cent_down' ? 'down' : 'half_up');
  return cents * HUNDREDTH_CENTS_PER_CENT;
}

/** C3 for a whole table. */
export function raiseBands(bands: Band[], basisPoints: bigint, rounding: RateRounding): Band[] {
  checkRaise('raise', basisPoints);
  return bands.map((b) => ({ fromInhabitants: b.fromInhabitants, rate: raiseRate(b.rate, basisPoints, rounding) }));
}

function lineAmount(inhabitants: number, rate: bigint, rounding: AmountRounding): bigint {
  return divideRounded(BigInt(inhabitants) * rate, HUNDREDTH_CENTS_PER_CENT, rounding === 'cent_down' ? 'down' : 'half_up');
}

/** C2 and C4: one municipality's contribution, line by line. */
export function contributionOf(bands: Band[], mode: BandMode, inhabitants: number, rounding: AmountRounding): Contribution {
  if (!Number.isSafeInteger(inhabitants) || inhabitants < 0) throw new RangeError(`inhabitants must be a whole number >= 0, got ${inhabitants}`);
  const upper = (i: number) => (i + 1 < bands.length ? bands[i + 1].fromInhabitants : null);
  let lines: ContributionLine[];
  if (mode === 'whole_population') {
    let index = 0;
    bands.forEach((b, i) => {
      if (b.fromInhabitants <= inhabitants) index = i;
    });
    const band = bands[index];
    lines = [
      {
        fromInhabitants: band.fromInhabitants,
        toInhabitants: upper(index),
        inhabitants,
        rate: band.rate,
        amountCents: lineAmount(inhabitants, band.rate, rounding),
      },
    ];
  } else {
    lines = bands.flatMap((band, i) => {
      const to = upper(i);
      const within = Math.max(0, Math.min(inhabitants, to ?? inhabitants) - band.fromInhabitants);
      return within > 0
        ? [
            {
              fromInhabitants: band.fromInhabitants,
              toInhabitants: to,
              inhabitants: within,
              rate: band.rate,
              amountCents: lineAmount(within, band.rate, rounding),
            },
          ]
        : [];
    });
  }
  return { bandMode: mode, lines, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0n) };
}
