/**
 * Weighting schemes: how many votes (stemgewicht) a member has, as a pure function of its
 * inhabitants at the reference date. Weights are whole numbers. The named rules:
 *
 * - one_member_one_vote: every member has weight 1.
 * - linear: inhabitants / inhabitantsPerVote, rounded by `rounding`:
 *     'up'      = one vote per started block   (ceil),
 *     'down'    = one vote per full block      (floor),
 *     'half_up' = nearest whole number, exactly half a block goes up;
 *   then at least minimumWeight. Integer arithmetic only (BigInt), never floating point.
 * - square_root (Penrose): the square root of inhabitants, exact for every safe integer:
 *     'down'    = floor(sqrt(n)),
 *     'nearest' = the whole number nearest the real root. With r = floor(sqrt(n)), round up exactly
 *                 when n − r² > r, because (r + ½)² = r² + r + ¼ is never a whole number (no ties);
 *   then at least minimumWeight.
 * - brackets: a table; a member gets the weight of the last bracket whose fromInhabitants is at most
 *   its inhabitants. The first bracket starts at 0, fromInhabitants strictly ascend, weights are
 *   positive and never decrease.
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
  /** Path of the offending field, e.g. 'brackets[2].fromInhabitants'. */
  field: string;
  /** The rule it breaks, as an English sentence. */
  rule: string;
}

/**
 * EXAMPLE bracket table for the demo: NOT the association's statutory table, which is not in our
 * sources. An administrator enters the real table as a scheme of its own (with source and date).
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

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
/** Frozen weights are stored as PostgreSQL integer; a scheme may not promise more. */
export const MAX_WEIGHT = 2_147_483_647;

function requireCount(name: string, value: number): void {
  if (!isWhole(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/**
 * floor(sqrt(n)), exact for every non-negative safe integer: a floating-point estimate, corrected
 * with exact BigInt comparisons (the estimate is off by at most one near 2^53).
 */
export function integerSquareRoot(n: number): number {
  requireCount('n', n);
  const big = BigInt(n);
  let r = BigInt(Math.floor(Math.sqrt(n)));
  while (r * r > big) r -= 1n;
  while ((r + 1n) * (r + 1n) <= big) r += 1n;
  return Number(r);
}

/** n / d rounded by the named rule; exact (BigInt) for all safe integers. */
function divide(n: number, d: number, rounding: Rounding): number {
  const bn = BigInt(n);
  const bd = BigInt(d);
  const q = bn / bd; // truncates; n >= 0 and d > 0, so this is floor
  const r = bn - q * bd;
  if (r === 0n || rounding === 'down') return Number(q);
  if (rounding === 'up') return Number(q + 1n);
  return Number(2n * r >= bd ? q + 1n : q); // half_up: exactly half a block goes up
}

/**
 * The weight of a member with `inhabitants` under `scheme`.
 * Throws a RangeError when inhabitants is not a non-negative safe integer or the scheme is invalid.
 */
export function weightOf(scheme: WeightingScheme, inhabitants: number): number {
  requireCount('inhabitants', inhabitants);
  const errors = schemeErrors(scheme);
  if (errors.length > 0) {
    throw new RangeError(`invalid weighting scheme: ${errors.map((e) => `${e.field}: ${e.rule}`).join('; ')}`);
  }
  switch (scheme.kind) {
    case 'one_member_one_vote':
      return 1;
    case 'linear':
      return Math.max(scheme.minimumWeight, divide(inhabitants, scheme.inhabitantsPerVote, scheme.rounding));
    case 'square_root': {
      const r = integerSquareRoot(inhabitants);
      // nearest: (r + ½)² = r² + r + ¼, so the root is nearer r + 1 exactly when n − r² > r.
      // r² <= n <= 2^53, so both sides are exact in floating point.
      const root = scheme.rounding === 'nearest' && inhabitants - r * r > r ? r + 1 : r;
      return Math.max(scheme.minimumWeight, root);
    }
    case 'brackets': {
      let weight = scheme.brackets[0].weight;
      for (const bracket of scheme.brackets) {
        if (bracket.fromInhabitants > inhabitants) break;
        weight = bracket.weight;
      }
      return weight;
    }
    default: {
      const unknown: never = scheme;
      throw new RangeError(`unknown weighting scheme ${JSON.stringify(unknown)}`);
    }
  }
}

const LINEAR_ROUNDINGS: readonly string[] = ['up', 'down', 'half_up'];
const ROOT_ROUNDINGS: readonly string[] = ['down', 'nearest'];

function bracketErrors(brackets: unknown): SchemeError[] {
  if (!Array.isArray(brackets) || brackets.length === 0) {
    return [{ field: 'brackets', rule: 'the bracket table must be a non-empty list' }];
  }
  const errors: SchemeError[] = [];
  brackets.forEach((entry: unknown, i: number) => {
    if (typeof entry !== 'object' || entry === null) {
      errors.push({ field: `brackets[${i}]`, rule: 'each bracket must be an object with fromInhabitants and weight' });
      return;
    }
    const bracket = entry as Record<string, unknown>;
    const prev = i > 0 && typeof brackets[i - 1] === 'object' && brackets[i - 1] !== null ? (brackets[i - 1] as Record<string, unknown>) : null;
    const from = bracket.fromInhabitants;
    if (!isWhole(from) || from < 0) {
      errors.push({ field: `brackets[${i}].fromInhabitants`, rule: 'fromInhabitants must be a whole number of at least 0' });
    } else if (i === 0 && from !== 0) {
      errors.push({ field: 'brackets[0].fromInhabitants', rule: 'the first bracket must start at 0 inhabitants' });
    } else if (prev && isWhole(prev.fromInhabitants) && from <= prev.fromInhabitants) {
      errors.push({ field: `brackets[${i}].fromInhabitants`, rule: 'fromInhabitants must be larger than that of the bracket before' });
    }
    const weight = bracket.weight;
    if (!isWhole(weight) || weight < 1) {
      errors.push({ field: `brackets[${i}].weight`, rule: 'weight must be a whole number of at least 1' });
    } else if (weight > MAX_WEIGHT) {
      errors.push({ field: `brackets[${i}].weight`, rule: `weight must not be greater than ${MAX_WEIGHT}` });
    } else if (prev && isWhole(prev.weight) && weight < prev.weight) {
      errors.push({ field: `brackets[${i}].weight`, rule: 'weight must not be smaller than that of the bracket before' });
    }
  });
  return errors;
}

/** Everything wrong with a scheme definition (e.g. from a JSON body), each naming its field; [] when valid. */
export function schemeErrors(scheme: unknown): SchemeError[] {
  if (typeof scheme !== 'object' || scheme === null || Array.isArray(scheme)) {
    return [{ field: 'kind', rule: 'a scheme must be an object with a kind' }];
  }
  const s = scheme as Record<string, unknown>;
  const errors: SchemeError[] = [];
  const minimumWeight = (): void => {
    if (!isWhole(s.minimumWeight) || s.minimumWeight < 0) {
      errors.push({ field: 'minimumWeight', rule: 'minimumWeight must be a whole number of at least 0' });
    } else if (s.minimumWeight > MAX_WEIGHT) {
      errors.push({ field: 'minimumWeight', rule: `minimumWeight must not be greater than ${MAX_WEIGHT}` });
    }
  };
  switch (s.kind) {
    case 'one_member_one_vote':
      break;
    case 'linear':
      if (!isWhole(s.inhabitantsPerVote) || s.inhabitantsPerVote < 1) {
        errors.push({ field: 'inhabitantsPerVote', rule: 'inhabitantsPerVote must be a whole number of at least 1' });
      }
      if (typeof s.rounding !== 'string' || !LINEAR_ROUNDINGS.includes(s.rounding)) {
        errors.push({ field: 'rounding', rule: 'rounding must be up, down or half_up' });
      }
      minimumWeight();
      break;
    case 'square_root':
      if (typeof s.rounding !== 'string' || !ROOT_ROUNDINGS.includes(s.rounding)) {
        errors.push({ field: 'rounding', rule: 'rounding must be down or nearest' });
      }
      minimumWeight();
      break;
    case 'brackets':
      errors.push(...bracketErrors(s.brackets));
      break;
    default:
      errors.push({ field: 'kind', rule: 'kind must be one_member_one_vote, linear, square_root or brackets' });
  }
  return errors;
}
