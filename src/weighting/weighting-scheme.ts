/**
 * Weighting schemes: how many votes (stemgewicht) a member has, as a pure function of its
 * inhabitants at the reference date. Integer arithmetic only; each rounding rule is named.
 */
export type Rounding = 'up' | 'down' | 'half_up';

export interface Bracket {
  /** A member with at least this many inhabitants (and fewer than the next bracket's) gets `weight`. */
  fromInhabitants: number;
  weight: number;
}

export type WeightingScheme =
  | { kind: 'one_member_one_vote' }
  | { kind: 'linear'; inhabitantsPerVote: number; rounding: Rounding; minimumWeight: number }
  | { kind: 'square_root'; rounding: 'down' | 'nearest'; minimumWeight: number }
  | { kind: 'brackets'; brackets: Bracket[] };

export interface SchemeError {
  field: string;
  rule: string;
}

/**
 * EXAMPLE table for the demo. The association's statutory table is not in our sources; an
 * administrator enters the real one as a scheme of its own.
 */
export const EXAMPLE_BRACKET_TABLE: Bracket[] = [
  { fromInhabitants: 0, weight: 1 },
  { fromInhabitants: 5_000, weight: 2 },
  { fromInhabitants: 10_000, weight: 3 },
  { fromInhabitants: 20_000, weight: 4 },
  { fromInhabitants: 30_000, weight: 5 },
  { fromInhabitants: 50_000, weight: 6 },
  { fromInhabitants: 100_000, weight: 8 },
  { fromInhabitants: 200_000, weight: 10 },
  { fromInhabitants: 400_000, weight: 12 },
];

/** floor(sqrt(n)), exact for every safe integer (Newton's method on BigInt). */
export function integerSquareRoot(n: number): number {
  if (n < 2) return n;
  const big = BigInt(n);
  let x = BigInt(Math.floor(Math.sqrt(n))) + 1n;
  for (;;) {
    const y = (x + big / x) / 2n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > big) x -= 1n;
  while ((x + 1n) * (x + 1n) <= big) x += 1n;
  return Number(x);
}

function divide(n: number, d: number, rounding: Rounding): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (r === 0) return q;
  if (rounding === 'up') return q + 1;
  if (rounding === 'down') return q;
  return 2 * r >= d ? q + 1 : q; // half_up: .5 goes up
}

export function weightOf(scheme: WeightingScheme, inhabitants: number): number {
  if (!Number.isSafeInteger(inhabitants) || inhabitants < 0) {
    throw new RangeError(`inhabitants must be a non-negative whole number, got ${inhabitants}`);
  }
  switch (scheme.kind) {
    case 'one_member_one_vote':
      return 1;
    case 'linear':
      return Math.max(scheme.minimumWeight, divide(inhabitants, scheme.inhabitantsPerVote, scheme.rounding));
    case 'square_root': {
      const r = integerSquareRoot(inhabitants);
      // nearest: (r + ½)² = r² + r + ¼, so the root is nearer r + 1 exactly when n − r² > r
      const root = scheme.rounding === 'nearest' && inhabitants - r * r > r ? r + 1 : r;
      return Math.max(scheme.minimumWeight, root);
    }
    case 'brackets': {
      let weight = scheme.brackets[0].weight;
      for (const bracket of scheme.brackets) if (inhabitants >= bracket.fromInhabitants) weight = bracket.weight;
      return weight;
    }
    default: {
      const unknown: never = scheme;
      throw new Error(`unknown scheme ${JSON.stringify(unknown)}`);
    }
  }
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Everything wrong with a scheme definition, each naming its field; [] when it is valid. */
export function schemeErrors(input: unknown): SchemeError[] {
  if (typeof input !== 'object' || input === null) return [{ field: 'kind', rule: 'a scheme must be an object with a kind' }];
  const s = input as Record<string, unknown>;
  const errors: SchemeError[] = [];
  const minimum = () => {
    if (!isWhole(s.minimumWeight) || s.minimumWeight < 0) errors.push({ field: 'minimumWeight', rule: 'must be a whole number of at least 0' });
  };
  switch (s.kind) {
    case 'one_member_one_vote':
      break;
    case 'linear':
      if (!isWhole(s.inhabitantsPerVote) || s.inhabitantsPerVote < 1) errors.push({ field: 'inhabitantsPerVote', rule: 'must be a whole number of at least 1' });
      if (!['up', 'down', 'half_up'].includes(s.rounding as string)) errors.push({ field: 'rounding', rule: 'must be up, down or half_up' });
      minimum();
      break;
    case 'square_root':
      if (!['down', 'nearest'].includes(s.rounding as string)) errors.push({ field: 'rounding', rule: 'must be down or nearest' });
      minimum();
      break;
    case 'brackets': {
      const brackets = s.brackets;
      if (!Array.isArray(brackets) || brackets.length === 0) return [{ field: 'brackets', rule: 'must be a non-empty list' }];
      brackets.forEach((b: unknown, i: number) => {
        const bracket = (b ?? {}) as Record<string, unknown>;
        const previous = (i > 0 ? brackets[i - 1] : null) as Record<string, unknown> | null;
        if (!isWhole(bracket.fromInhabitants) || bracket.fromInhabitants < 0) {
          errors.push({ field: `brackets[${i}].fromInhabitants`, rule: 'must be a whole number of at least 0' });
        } else if (i === 0 && bracket.fromInhabitants !== 0) {
          errors.push({ field: 'brackets[0].fromInhabitants', rule: 'the first bracket must start at 0' });
        } else if (previous && isWhole(previous.fromInhabitants) && bracket.fromInhabitants <= previous.fromInhabitants) {
          errors.push({ field: `brackets[${i}].fromInhabitants`, rule: 'must be larger than the bracket before' });
        }
        if (!isWhole(bracket.weight) || bracket.weight < 1) {
          errors.push({ field: `brackets[${i}].weight`, rule: 'must be a whole number of at least 1' });
        } else if (previous && isWhole(previous.weight) && bracket.weight < previous.weight) {
          errors.push({ field: `brackets[${i}].weight`, rule: 'must not be smaller than the bracket before' });
        }
      });
      break;
    }
    default:
      errors.push({ field: 'kind', rule: 'must be one_member_one_vote, linear, square_root or brackets' });
  }
  return errors;
}
