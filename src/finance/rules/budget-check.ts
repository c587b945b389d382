/**
 * Checking an imported budget: the line items must add up to every subtotal and total the document
 * states. Named rule:
 *
 * B1 A stated sum covers the items of one kind (structural / incidental), of one compartment, or all
 *    items (a total), for one year. Each is compared with the sum of the items it covers; every
 *    difference is reported with the stated figure, the computed one and stated − computed.
 */
export type ActivityKind = 'structural' | 'incidental';
export type Compartment = 'management' | 'structural_activities' | 'innovation';
export const ACTIVITY_KINDS: readonly ActivityKind[] = ['structural', 'incidental'];
export const COMPARTMENTS: readonly Compartment[] = ['management', 'structural_activities', 'innovation'];

export const COMPARTMENT_NL: Record<Compartment, string> = { management: 'Beheer', structural_activities: 'Structurele activiteiten', innovation: 'Innovatie' };
export const KIND_NL: Record<ActivityKind, string> = { structural: 'structureel', incidental: 'incidenteel' };

export interface BudgetItem {
  line: number;
  name: string;
  compartment: Compartment;
  kind: ActivityKind;
  year: number;
  amountCents: bigint;
}

export interface StatedSum {
  line: number;
  label: string;
  /** What it covers: a kind, a compartment, or everything. */
  scope: { kind: ActivityKind } | { compartment: Compartment } | 'total';
  year: number;
  amountCents: bigint;
}

export interface SumMismatch {
  line: number;
  label: string;
  year: number;
  statedCents: bigint;
  computedCents: bigint;
  /** stated − computed */
  differenceCents: bigint;
}

export function covers(sum: StatedSum, item: BudgetItem): boolean {
  if (item.year !== sum.year) return false;
  if (sum.scope === 'total') return true;
  return 'kind' in sum.scope ? item.kind === sum.scope.kind : item.compartment === sum.scope.compartment;
}

/** B1: every stated sum that the items do not add up to. */
export function budgetMismatches(items: BudgetItem[], stated: StatedSum[]): SumMismatch[] {
  return stated.flatMap((sum) => {
    const computed = items.filter((item) => covers(sum, item)).reduce((total, item) => total + item.amountCents, 0n);
    return computed === sum.amountCents
      ? []
      : [
          {
            line: sum.line,
            label: sum.label,
            year: sum.year,
            statedCents: sum.amountCents,
            computedCents: computed,
            differenceCents: sum.amountCents - computed,
          },
        ];
  });
}
