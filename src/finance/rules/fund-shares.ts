/**
 * The collective fund (GGU): each member pays a share of the year's budget proportional to its
 * inhabitants at the reference date. Named rule:
 *
 * F1 Largest remainder: every member first gets floor(budget × inhabitants / all inhabitants) cents;
 *    the cents still missing go one each to the members with the largest remainders of that division;
 *    equal remainders go to the lower CBS code first. The shares add up exactly to the budget.
 */
import { RuleError } from './exact-decimal';

export interface Inhabited {
  cbsCode: string;
  inhabitants: number;
}

export interface Share<T extends Inhabited> {
  member: T;
  /** floor(total × inhabitants / all inhabitants), in cents. */
  floorCents: bigint;
  /** What that division left over, in 1/denominator cents. */
  remainder: bigint;
  /** 1 when this member received one of the remaining cents. */
  extraCent: bigint;
  shareCents: bigint;
}

export function allocateByInhabitants<T extends Inhabited>(
  totalCents: bigint,
  members: T[],
): { shares: Share<T>[]; denominator: bigint; remainingCents: bigint } {
  if (totalCents < 0n) throw new RuleError('amount', 'must not be negative');
  const denominator = members.reduce((sum, m) => sum + BigInt(m.inhabitants), 0n);
  if (denominator === 0n) throw new RuleError('inhabitants', 'the members together have no inhabitants at the reference date');
  const shares = members.map((member) => {
    const exact = totalCents * BigInt(member.inhabitants);
    return { member, floorCents: exact / denominator, remainder: exact % denominator, extraCent: 0n, shareCents: 0n };
  });
  const remainingCents = totalCents - shares.reduce((sum, s) => sum + s.floorCents, 0n);
  const order = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.member.cbsCode.localeCompare(b.member.cbsCode) : a.remainder > b.remainder ? -1 : 1,
  );
  for (let i = 0n; i < remainingCents; i++) order[Number(i)].extraCent = 1n;
  for (const s of shares) s.shareCents = s.floorCents + s.extraCent;
  return { shares, denominator, remainingCents };
}
