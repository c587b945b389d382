/**
 * Exact decimals for money rules: euro amounts and percentages arrive as decimal text ("1.92",
 * "3.9") and become integers (hundredth cents, basis points), so no floating point ever touches
 * an amount. Pure: no I/O.
 */

/** A refusal of one input value, naming the field and the rule (mapped to a 400 by the caller). */
export class RuleError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** 1 euro = 100 cents = 10,000 hundredth cents: rates per inhabitant may carry four decimals of a euro. */
export const HUNDREDTH_CENTS_PER_CENT = 100n;

function parseDecimal(field: string, value: string | number, maxDecimals: number, what: string): { units: bigint } {
  const text = typeof value === 'number' ? String(value) : value;
  const match = /^(-)?(\d{1,9})(?:\.(\d+))?$/.exec(typeof text === 'string' ? text.trim() : '');
  if (!match) throw new RuleError(field, `must be ${what} written as digits with a decimal point, e.g. "1.92"`);
  const [, minus, whole, fraction = ''] = match;
  if (fraction.length > maxDecimals) throw new RuleError(field, `has at most ${maxDecimals} decimals`);
  const units = BigInt(whole + fraction.padEnd(maxDecimals, '0'));
  return { units: minus ? -units : units };
}

/** "1.92" euro -> 19200 hundredth cents. */
export function parseEuroRate(field: string, value: string | number): bigint {
  return parseDecimal(field, value, 4, 'an amount in euros').units;
}

/** "3.9" percent -> 390 basis points (hundredths of a percent). */
export function parsePercentage(field: string, value: string | number): bigint {
  return parseDecimal(field, value, 2, 'a percentage').units;
}

/** 390 basis points -> "3,9%"; 250 -> "2,5%"; 1000 -> "10%". */
export function formatPercentageNl(basisPoints: bigint): string {
  const negative = basisPoints < 0n;
  const abs = negative ? -basisPoints : basisPoints;
  const fraction = String(abs % 100n)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / 100n}${fraction ? `,${fraction}` : ''}%`;
}

/** 19949 hundredth cents -> "€ 1,9949"; 19900 -> "€ 1,99" (at least two decimals). */
export function formatRateNl(hundredthCents: bigint): string {
  const euros = String(hundredthCents / 10000n).replace(/\B(?=(\d{3})+$)/g, '.');
  const digits = String(hundredthCents % 10000n).padStart(4, '0');
  // Cents always; the third and fourth decimal only when a rule left them there.
  const fraction = digits.slice(0, 2) + digits.slice(2).replace(/0+$/, '');
  return `€ ${euros},${fraction}`;
}

export type Rounding = 'half_up' | 'down';

/** numerator / denominator for non-negative numbers, rounded by the named rule. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideRounded needs a non-negative numerator and a positive denominator');
  return rounding === 'down' ? numerator / denominator : (2n * numerator + denominator) / (2n * denominator);
}
