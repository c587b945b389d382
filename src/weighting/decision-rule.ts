/**
 * Deciding one proposal from its weighted totals (gewogen stemming). The named rules, in the order
 * they apply:
 *
 * R1 Votes cast: the weight of every 'for' and 'variant' choice plus 'against'. Abstentions
 *    (onthoudingen) are not votes cast: they are outside the base of every share and threshold
 *    (2020: 62 + 34 + 4 = 100, abstentions not in it).
 * R2 Quorum first (optional): the weight of members taking part, abstentions included, must be at
 *    least quorum × the eligible (frozen) weight: participating × d ≥ n × eligible, else 'no_quorum'.
 * R3 Threshold: the weight for (all variants together) against the votes cast.
 *    'more_than n/d' passes when for × d > n × cast; 'at_least n/d' when for × d ≥ n × cast.
 *    A simple majority is more_than 1/2, so a tie (for = against) is rejected; no votes cast is
 *    rejected. Exact rationals in BigInt, never floating point: at least 2/3 of 9 is 6, not 7.
 * R4 Double majority (optional): the number of members for must also pass the same threshold against
 *    the number of members that cast a vote, else rejected.
 * R5 Alternatives: when all variants together pass, the variant with the most weight is adopted. If
 *    two or more share the top weight the outcome is 'tie_between_variants': nothing is adopted and
 *    the board has to hold a new vote. A plain for/against question adopts its 'for' choice.
 * R6 Shares in basis points (1/100 of a percent) of the weighted votes cast, rounded half up to
 *    0.01 percentage point; null for abstentions. Shown shares need not add up to exactly 100,00%.
 *    Turnout in basis points of the eligible members and of the eligible weight, half up.
 * R7 Input: counts are non-negative safe integers, choice ids unique, a question has either one
 *    'for' choice or variants (not both); anything else throws a RangeError.
 */
import { SchemeError } from './weighting-scheme';

/** 'for' on a for/against question; 'variant' = one of several alternatives (board proposal, amended proposal). */
export type ChoiceKind = 'for' | 'variant' | 'against' | 'abstain';

export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface DecisionRule {
  /** Simple majority = more_than 1/2; two thirds = at_least 2/3. */
  threshold: Fraction & { comparison: 'more_than' | 'at_least' };
  /** Share of the eligible (frozen) weight that must have taken part (abstentions count); null = none. */
  quorum: Fraction | null;
  /** The member count must also pass the same threshold. */
  doubleMajority: boolean;
}

export const SIMPLE_MAJORITY: DecisionRule = {
  threshold: { numerator: 1, denominator: 2, comparison: 'more_than' },
  quorum: null,
  doubleMajority: false,
};

export interface ChoiceTotal {
  choiceId: string;
  /** How reasons name the choice ("Geamendeerd voorstel (2,9%)"); the id when absent. */
  label?: string;
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
  /** Share of the weighted votes cast in basis points; null for abstain (and when nothing was cast). */
  shareBasisPoints: number | null;
}

export interface Decision {
  outcome: Outcome;
  adoptedChoiceId: string | null;
  forWeight: number;
  againstWeight: number;
  abstainWeight: number;
  /** for (incl. variants) + against; abstentions are outside the base. */
  castWeight: number;
  forMembers: number;
  againstMembers: number;
  abstainMembers: number;
  castMembers: number;
  /** Including abstentions. */
  participatingMembers: number;
  participatingWeight: number;
  /** Of the eligible members / weight, half up; 0 when nothing is eligible. */
  turnoutMembersBasisPoints: number;
  turnoutWeightBasisPoints: number;
  /** Ordered by position. */
  choices: ChoiceResult[];
  /** Short English explanations of the outcome. */
  reasons: string[];
}

const KINDS: readonly string[] = ['for', 'variant', 'against', 'abstain'];
const COMPARISONS: readonly string[] = ['more_than', 'at_least'];
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function requireCount(name: string, value: unknown): asserts value is number {
  if (!isWhole(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
}

/** part / whole in basis points (1/100 of a percent), half up to 0.01 percentage point; null when whole is 0. */
export function shareBasisPoints(part: number, whole: number): number | null {
  requireCount('part', part);
  requireCount('whole', whole);
  if (whole === 0) return null;
  const w = BigInt(whole);
  // floor(part × 10000 / whole + ½) = floor((2 × part × 10000 + whole) / (2 × whole))
  return Number((2n * BigInt(part) * 10000n + w) / (2n * w));
}

/** Basis points written Dutch style: 6200 -> '62,00%', 9031 -> '90,31%', 10000 -> '100,00%'. */
export function formatPercentNl(basisPoints: number): string {
  requireCount('basisPoints', basisPoints);
  const whole = String(Math.floor(basisPoints / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
  return `${whole},${String(basisPoints % 100).padStart(2, '0')}%`;
}

const fractionText = (f: Fraction): string => `${f.numerator}/${f.denominator}`;
const comparisonText = (t: DecisionRule['threshold']): string => `${t.comparison === 'more_than' ? 'more than' : 'at least'} ${fractionText(t)}`;

/** R3 with exact rationals: part compared with threshold × whole. Nothing cast never passes. */
function passes(part: number, whole: number, threshold: DecisionRule['threshold']): boolean {
  if (whole === 0) return false;
  const left = BigInt(part) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(whole);
  return threshold.comparison === 'more_than' ? left > right : left >= right;
}

function fractionErrors(field: string, value: unknown): SchemeError[] {
  if (typeof value !== 'object' || value === null) {
    return [{ field, rule: `${field} must be a fraction with a numerator and a denominator` }];
  }
  const f = value as Record<string, unknown>;
  const errors: SchemeError[] = [];
  if (!isWhole(f.numerator) || f.numerator < 1) errors.push({ field: `${field}.numerator`, rule: 'numerator must be a whole number of at least 1' });
  if (!isWhole(f.denominator) || f.denominator < 1) errors.push({ field: `${field}.denominator`, rule: 'denominator must be a whole number of at least 1' });
  if (errors.length === 0 && (f.numerator as number) > (f.denominator as number)) {
    errors.push({ field, rule: `${field} must not be more than 1` });
  }
  return errors;
}

/**
 * Everything wrong with a decision rule (e.g. from a JSON body), each naming its field; [] when valid.
 * Besides the shape it checks the policy: the threshold is at least one half, and exactly one half
 * only with more_than (at least 1/2 would adopt on a tie), and more_than 1/1 could never pass.
 * A missing (undefined) quorum means none, like null.
 */
export function ruleErrors(rule: unknown): SchemeError[] {
  const r = (typeof rule === 'object' && rule !== null ? rule : {}) as Record<string, unknown>;
  const errors: SchemeError[] = [];
  const thresholdErrors = fractionErrors('threshold', r.threshold);
  errors.push(...thresholdErrors);
  if (typeof r.threshold === 'object' && r.threshold !== null) {
    const t = r.threshold as Record<string, unknown>;
    const comparisonOk = typeof t.comparison === 'string' && COMPARISONS.includes(t.comparison);
    if (!comparisonOk) errors.push({ field: 'threshold.comparison', rule: 'comparison must be more_than or at_least' });
    if (thresholdErrors.length === 0 && comparisonOk) {
      const n = t.numerator as number;
      const d = t.denominator as number;
      if (2 * n < d) {
        errors.push({ field: 'threshold', rule: 'threshold must be at least one half of the votes cast' });
      } else if (2 * n === d && t.comparison === 'at_least') {
        errors.push({ field: 'threshold.comparison', rule: 'a threshold of one half must be more_than, or a tie would be adopted' });
      } else if (n === d && t.comparison === 'more_than') {
        errors.push({ field: 'threshold.comparison', rule: 'more than all votes cast can never pass; use at_least 1/1 for unanimity' });
      }
    }
  }
  if (r.quorum !== null && r.quorum !== undefined) errors.push(...fractionErrors('quorum', r.quorum));
  if (typeof r.doubleMajority !== 'boolean') errors.push({ field: 'doubleMajority', rule: 'doubleMajority must be true or false' });
  return errors;
}

/** The arithmetic needs of decide (not the policy of ruleErrors): whole numbers, denominators >= 1. */
function checkRule(rule: DecisionRule): void {
  const fraction = (name: string, f: Fraction): void => {
    requireCount(`${name}.numerator`, f.numerator);
    requireCount(`${name}.denominator`, f.denominator);
    if (f.denominator < 1) throw new RangeError(`${name}.denominator must be at least 1`);
  };
  fraction('threshold', rule.threshold);
  if (!COMPARISONS.includes(rule.threshold.comparison)) {
    throw new RangeError(`threshold.comparison must be more_than or at_least, got ${String(rule.threshold.comparison)}`);
  }
  if (rule.quorum) fraction('quorum', rule.quorum);
}

function checkChoices(choices: ChoiceTotal[]): void {
  const ids = new Set<string>();
  for (const c of choices) {
    if (typeof c.choiceId !== 'string' || ids.has(c.choiceId)) throw new RangeError(`choice ids must be unique strings, got ${String(c.choiceId)} twice`);
    ids.add(c.choiceId);
    if (!KINDS.includes(c.kind)) throw new RangeError(`choice ${c.choiceId}: unknown kind ${String(c.kind)}`);
    if (typeof c.position !== 'number' || !Number.isFinite(c.position)) throw new RangeError(`choice ${c.choiceId}: position must be a number`);
    requireCount(`choice ${c.choiceId} members`, c.members);
    requireCount(`choice ${c.choiceId} weight`, c.weight);
  }
  const fors = choices.filter((c) => c.kind === 'for').length;
  const variants = choices.filter((c) => c.kind === 'variant').length;
  if (fors > 1 || (fors > 0 && variants > 0)) {
    throw new RangeError("a question has either one 'for' choice or variants, not both and not several 'for' choices");
  }
}

/** Sum that stays exact: throws when the total leaves the safe integer range. */
function total(name: string, values: number[]): number {
  const sum = values.reduce((acc, v) => acc + BigInt(v), 0n);
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${name} exceeds the safe integer range`);
  return Number(sum);
}

/** Reasons name a choice by its label, quoted, and by its id only when it has none. */
const nameOf = (c: ChoiceTotal): string => (c.label ? `"${c.label}"` : c.choiceId);

/** Decides one proposal by the rules R1-R7 above. */
export function decide(input: DecisionInput, rule: DecisionRule): Decision {
  requireCount('eligibleWeight', input.eligibleWeight);
  requireCount('eligibleMembers', input.eligibleMembers);
  checkRule(rule);
  checkChoices(input.choices);

  const of = (kinds: ChoiceKind[], key: 'weight' | 'members'): number =>
    total(
      `${kinds.join('+')} ${key}`,
      input.choices.filter((c) => kinds.includes(c.kind)).map((c) => c[key]),
    );
  const forWeight = of(['for', 'variant'], 'weight');
  const againstWeight = of(['against'], 'weight');
  const abstainWeight = of(['abstain'], 'weight');
  const forMembers = of(['for', 'variant'], 'members');
  const againstMembers = of(['against'], 'members');
  const abstainMembers = of(['abstain'], 'members');
  const castWeight = total('cast weight', [forWeight, againstWeight]);
  const castMembers = total('cast members', [forMembers, againstMembers]);
  const participatingWeight = total('participating weight', [castWeight, abstainWeight]);
  const participatingMembers = total('participating members', [castMembers, abstainMembers]);
  if (participatingWeight > input.eligibleWeight) {
    throw new RangeError(`participating weight ${participatingWeight} exceeds the eligible weight ${input.eligibleWeight}`);
  }
  if (participatingMembers > input.eligibleMembers) {
    throw new RangeError(`participating members ${participatingMembers} exceed the eligible members ${input.eligibleMembers}`);
  }

  const { threshold, quorum } = rule;
  const reasons: string[] = [];
  let outcome: Outcome;
  let adoptedChoiceId: string | null = null;

  if (quorum && BigInt(participatingWeight) * BigInt(quorum.denominator) < BigInt(quorum.numerator) * BigInt(input.eligibleWeight)) {
    outcome = 'no_quorum';
    reasons.push(`quorum not reached: ${participatingWeight} of ${input.eligibleWeight} eligible weight took part, at least ${fractionText(quorum)} needed`);
  } else if (castWeight === 0) {
    outcome = 'rejected';
    reasons.push('no votes cast, rejected');
  } else if (!passes(forWeight, castWeight, threshold)) {
    outcome = 'rejected';
    reasons.push(
      forWeight === againstWeight
        ? 'tie: for equals against, rejected'
        : `for ${forWeight} of ${castWeight} weighted votes cast is not ${comparisonText(threshold)}, rejected`,
    );
  } else if (rule.doubleMajority && !passes(forMembers, castMembers, threshold)) {
    outcome = 'rejected';
    reasons.push(`double majority not reached: ${forMembers} of ${castMembers} members for is not ${comparisonText(threshold)}, rejected`);
  } else {
    const candidates = input.choices.filter((c) => c.kind === 'for' || c.kind === 'variant');
    const top = Math.max(...candidates.map((c) => c.weight));
    const leaders = candidates.filter((c) => c.weight === top);
    const passed = `for ${forWeight} of ${castWeight} weighted votes cast is ${comparisonText(threshold)}`;
    if (leaders.length > 1) {
      outcome = 'tie_between_variants';
      reasons.push(`${passed}, but variants ${leaders.map(nameOf).join(', ')} tie at ${top}: nothing adopted, a new vote is needed`);
    } else {
      outcome = 'adopted';
      adoptedChoiceId = leaders[0].choiceId;
      reasons.push(leaders[0].kind === 'variant' ? `${passed}; variant ${nameOf(leaders[0])} has the most weight (${top}), adopted` : `${passed}, adopted`);
    }
  }

  return {
    outcome,
    adoptedChoiceId,
    forWeight,
    againstWeight,
    abstainWeight,
    castWeight,
    forMembers,
    againstMembers,
    abstainMembers,
    castMembers,
    participatingMembers,
    participatingWeight,
    turnoutMembersBasisPoints: shareBasisPoints(participatingMembers, input.eligibleMembers) ?? 0,
    turnoutWeightBasisPoints: shareBasisPoints(participatingWeight, input.eligibleWeight) ?? 0,
    choices: [...input.choices]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ ...c, shareBasisPoints: c.kind === 'abstain' ? null : shareBasisPoints(c.weight, castWeight) })),
    reasons,
  };
}
