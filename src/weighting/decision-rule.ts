/**
 * Deciding one proposal from its weighted totals. The rules, in the order they apply:
 *
 * 1. Votes cast = the weight of every 'for' and 'variant' choice plus 'against'. Abstentions are
 *    not votes cast: they are outside the base of every share and threshold.
 * 2. Quorum (optional): the weight of members taking part (abstentions included) must be at least
 *    quorum × the eligible (frozen) weight, else the outcome is 'no_quorum'.
 * 3. Threshold: for (all variants together) against votes cast. 'more_than n/d' passes when
 *    for × d > n × cast; 'at_least n/d' when for × d ≥ n × cast. A simple majority is more_than 1/2,
 *    so a tie (for = against) is rejected; no votes cast is rejected. Exact integer arithmetic
 *    (BigInt): two thirds of 9 is 6, not 5.99.
 * 4. Double majority (optional): the number of members for must pass the same threshold against
 *    the number of members that cast a vote.
 * 5. Alternatives: when the variants together pass, the variant with the most weight is adopted; if
 *    two or more share the top weight the outcome is 'tie_between_variants' and nothing is adopted.
 *
 * Shares are in basis points (1/100 of a percent), rounded half up ("half up to 0.01 percentage
 * point"), so displayed shares need not add up to exactly 100,00%.
 */
import { SchemeError } from './weighting-scheme';

export type ChoiceKind = 'for' | 'variant' | 'against' | 'abstain';

export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface DecisionRule {
  threshold: Fraction & { comparison: 'more_than' | 'at_least' };
  quorum: Fraction | null;
  doubleMajority: boolean;
}

export const SIMPLE_MAJORITY: DecisionRule = {
  threshold: { numerator: 1, denominator: 2, comparison: 'more_than' },
  quorum: null,
  doubleMajority: false,
};

export interface ChoiceTotal {
  choiceId: string;
  kind: ChoiceKind;
  position: number;
  members: number;
  weight: number;
}

export interface DecisionInput {
  choices: ChoiceTotal[];
  eligibleWeight: number;
  eligibleMembers: number;
}

export type Outcome = 'adopted' | 'rejected' | 'no_quorum' | 'tie_between_variants';

export interface ChoiceResult extends ChoiceTotal {
  shareBasisPoints: number | null;
}

export interface Decision {
  outcome: Outcome;
  adoptedChoiceId: string | null;
  forWeight: number;
  againstWeight: number;
  abstainWeight: number;
  castWeight: number;
  forMembers: number;
  againstMembers: number;
  abstainMembers: number;
  castMembers: number;
  participatingMembers: number;
  participatingWeight: number;
  turnoutMembersBasisPoints: number;
  turnoutWeightBasisPoints: number;
  choices: ChoiceResult[];
  reasons: string[];
}

/** part / whole in basis points, rounded half up; null when whole is 0. */
export function shareBasisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const p = BigInt(part) * 10000n;
  const w = BigInt(whole);
  return Number((2n * p + w) / (2n * w));
}

/** 6200 -> "62,00%" */
export function formatPercentNl(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = String(basisPoints % 100).padStart(2, '0');
  return `${whole},${rest}%`;
}

function passes(part: number, whole: number, threshold: DecisionRule['threshold']): boolean {
  if (whole === 0) return false;
  const left = BigInt(part) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(whole);
  return threshold.comparison === 'more_than' ? left > right : left >= right;
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative whole number, got ${value}`);
}

export function ruleErrors(input: unknown): SchemeError[] {
  const rule = (input ?? {}) as Partial<DecisionRule>;
  const errors: SchemeError[] = [];
  const fraction = (field: string, f: Partial<Fraction> | null | undefined, allowWhole: boolean) => {
    if (!f || !Number.isSafeInteger(f.numerator) || !Number.isSafeInteger(f.denominator) || f.numerator! < 1 || f.denominator! < 1) {
      errors.push({ field, rule: 'numerator and denominator must be whole numbers of at least 1' });
    } else if (allowWhole ? f.numerator! > f.denominator! : f.numerator! >= f.denominator!) {
      errors.push({ field, rule: allowWhole ? 'must not exceed 1' : 'must be less than 1' });
    }
  };
  fraction('threshold', rule.threshold, false);
  if (rule.threshold && !['more_than', 'at_least'].includes(rule.threshold.comparison as string)) {
    errors.push({ field: 'threshold.comparison', rule: 'must be more_than or at_least' });
  }
  if (rule.quorum !== null && rule.quorum !== undefined) fraction('quorum', rule.quorum, true);
  if (typeof rule.doubleMajority !== 'boolean') errors.push({ field: 'doubleMajority', rule: 'must be true or false' });
  return errors;
}

export function decide(input: DecisionInput, rule: DecisionRule): Decision {
  checkCount('eligibleWeight', input.eligibleWeight);
  checkCount('eligibleMembers', input.eligibleMembers);
  input.choices.forEach((c) => {
    checkCount(`choice ${c.choiceId} weight`, c.weight);
    checkCount(`choice ${c.choiceId} members`, c.members);
  });
  const sum = (kinds: ChoiceKind[], key: 'weight' | 'members') =>
    input.choices.filter((c) => kinds.includes(c.kind)).reduce((total, c) => total + c[key], 0);

  const forWeight = sum(['for', 'variant'], 'weight');
  const againstWeight = sum(['against'], 'weight');
  const abstainWeight = sum(['abstain'], 'weight');
  const forMembers = sum(['for', 'variant'], 'members');
  const againstMembers = sum(['against'], 'members');
  const abstainMembers = sum(['abstain'], 'members');
  const castWeight = forWeight + againstWeight;
  const castMembers = forMembers + againstMembers;
  const participatingWeight = castWeight + abstainWeight;
  const participatingMembers = castMembers + abstainMembers;

  const reasons: string[] = [];
  let outcome: Outcome;
  let adoptedChoiceId: string | null = null;
  const { quorum, threshold } = rule;
  if (quorum && BigInt(participatingWeight) * BigInt(quorum.denominator) < BigInt(quorum.numerator) * BigInt(input.eligibleWeight)) {
    outcome = 'no_quorum';
    reasons.push(`quorum of ${quorum.numerator}/${quorum.denominator} of the eligible weight not reached`);
  } else if (castWeight === 0) {
    outcome = 'rejected';
    reasons.push('no votes cast, rejected');
  } else if (!passes(forWeight, castWeight, threshold)) {
    outcome = 'rejected';
    reasons.push(forWeight === againstWeight ? 'tie: for equals against, rejected' : `for did not reach ${threshold.comparison.replace('_', ' ')} ${threshold.numerator}/${threshold.denominator} of the weighted votes cast`);
  } else if (rule.doubleMajority && !passes(forMembers, castMembers, threshold)) {
    outcome = 'rejected';
    reasons.push('the weighted votes passed, but the number of members did not (double majority)');
  } else {
    const variants = input.choices.filter((c) => c.kind === 'variant' || c.kind === 'for');
    const top = Math.max(...variants.map((v) => v.weight));
    const leaders = variants.filter((v) => v.weight === top);
    if (leaders.length > 1) {
      outcome = 'tie_between_variants';
      reasons.push('the variants with the most weight tie; nothing is adopted');
    } else {
      outcome = 'adopted';
      adoptedChoiceId = leaders[0].choiceId;
      reasons.push('adopted');
    }
  }

  return {
    outcome, adoptedChoiceId,
    forWeight, againstWeight, abstainWeight, castWeight,
    forMembers, againstMembers, abstainMembers, castMembers,
    participatingMembers, participatingWeight,
    turnoutMembersBasisPoints: shareBasisPoints(participatingMembers, input.eligibleMembers) ?? 0,
    turnoutWeightBasisPoints: shareBasisPoints(participatingWeight, input.eligibleWeight) ?? 0,
    choices: [...input.choices].sort((a, b) => a.position - b.position).map((c) => ({
      ...c, shareBasisPoints: c.kind === 'abstain' ? null : shareBasisPoints(c.weight, castWeight),
    })),
    reasons,
  };
}
