/**
 * The money rules of the social-domain subscriptions (abonnementen Kindertelefoon, Luisterend Oor,
 * Vertrouwenswerk Jeugd): pure functions on integers, no I/O. Amounts are whole euro cents; tariffs per
 * inhabitant are kept in hundredths of a cent (44 ct = 4400), so a yearly indexation of a few tenths of
 * a percent is not lost on a tariff of 23 ct. Every rounding below has a name and a test.
 */

/** Hundredths of a cent per cent. */
export const TARIFF_SCALE = 100;

/** Percentages (indexation) in basis points: 2,25% = 225. */
export const BASIS_POINTS = 10_000;

/** a / b rounded half up (away from zero for halves), exact on safe integers. */
export function divideHalfUp(a: number, b: number): number {
  assertSafe(a);
  assertSafe(b);
  if (b <= 0) throw new RangeError('divisor must be positive');
  const sign = a < 0 ? -1 : 1;
  const abs = Math.abs(a);
  const quotient = Math.floor(abs / b);
  const rest = abs - quotient * b;
  return sign * (rest * 2 >= b ? quotient + 1 : quotient);
}

/** a / b rounded up, exact on safe integers (a ≥ 0). */
export function divideUp(a: number, b: number): number {
  assertSafe(a);
  assertSafe(b);
  if (a < 0 || b <= 0) throw new RangeError('divideUp takes a ≥ 0 and b > 0');
  const quotient = Math.floor(a / b);
  return a - quotient * b === 0 ? quotient : quotient + 1;
}

function assertSafe(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a safe integer`);
}

/**
 * LINE_ROUNDING: one invoice line is inhabitants × tariff, rounded half up to a whole cent per line
 * (the tariffs of 2018 are whole cents, so these lines are exact: 50.000 × 44 ct = € 22.000,00).
 */
export function lineAmountCents(inhabitants: number, tariffHundredthsOfCent: number): number {
  return divideHalfUp(inhabitants * tariffHundredthsOfCent, TARIFF_SCALE);
}

/**
 * INSTALMENT_SPLIT: an invoice is paid in `count` instalments (two for these subscriptions): each is
 * the total divided by the count rounded down to a whole cent, and the last one takes what is left, so
 * the instalments always add up to the total exactly (€ 33.500,67 = € 16.750,33 + € 16.750,34).
 */
export function splitInstalments(totalCents: number, count = 2): number[] {
  assertSafe(totalCents);
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a whole number ≥ 1');
  const sign = totalCents < 0 ? -1 : 1;
  const part = Math.floor(Math.abs(totalCents) / count);
  const parts = Array.from({ length: count }, () => sign * part);
  parts[count - 1] = totalCents - sign * part * (count - 1);
  return parts;
}

/**
 * INDEXATION_ROUNDING: a tariff (hundredths of a cent) or a budget (cents) indexed by a percentage in
 * basis points, rounded half up to the same unit: 44 ct + 2,25% = 44,99 ct (4400 × 1,0225 = 4499).
 */
export function indexAmount(amount: number, basisPoints: number): number {
  if (basisPoints <= -BASIS_POINTS) throw new RangeError('an indexation cannot take away 100% or more');
  return divideHalfUp(amount * (BASIS_POINTS + basisPoints), BASIS_POINTS);
}

/**
 * BREAK_EVEN_ROUNDING: the tariff at which a provider's budget is just covered by the inhabitants of
 * the members that take it, rounded UP to a hundredth of a cent (rounding down would leave the budget
 * short). Null when nobody takes the provider.
 */
export function breakEvenTariff(budgetCents: number, inhabitants: number): number | null {
  if (inhabitants <= 0) return null;
  return divideUp(budgetCents * TARIFF_SCALE, inhabitants);
}

export interface TariffLine {
  providerCode: string;
  providerName: string;
  service: string;
  tariffHundredthsOfCent: number;
}

export interface ChargeLine {
  providerCode: string;
  description: string;
  inhabitants: number;
  tariffHundredthsOfCent: number;
  amountCents: number;
}

export interface MemberCharge {
  memberId: string;
  cbsCode: string;
  memberName: string;
  year: number;
  variant: 'full' | 'reduced';
  lines: ChargeLine[];
  totalCents: number;
  /** INSTALMENT_SPLIT of the total, in order. */
  instalmentsCents: number[];
}

/** "€ 0,44" or "€ 0,4499" for a tariff in hundredths of a cent. */
export function formatTariff(tariffHundredthsOfCent: number): string {
  const euros = Math.floor(tariffHundredthsOfCent / 10_000);
  const rest = String(tariffHundredthsOfCent % 10_000)
    .padStart(4, '0')
    .replace(/(\d\d)(\d\d)$/, (_, cents: string, hundredths: string) => (hundredths === '00' ? cents : cents + hundredths));
  return `€ ${euros},${rest}`;
}

/** One member's charge for one year: a line per provider it takes, the total and its two instalments. */
export function memberCharge(
  member: { memberId: string; cbsCode: string; memberName: string; inhabitants: number; variant: 'full' | 'reduced' },
  year: number,
  tariffs: TariffLine[],
  instalments = 2,
): MemberCharge {
  const lines = tariffs.map((t) => ({
    providerCode: t.providerCode,
    description: `${t.providerName} (${t.service}) ${year}: ${member.inhabitants.toLocaleString('nl-NL')} inwoners × ${formatTariff(t.tariffHundredthsOfCent)}`,
    inhabitants: member.inhabitants,
    tariffHundredthsOfCent: t.tariffHundredthsOfCent,
    amountCents: lineAmountCents(member.inhabitants, t.tariffHundredthsOfCent),
  }));
  const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  return {
    memberId: member.memberId,
    cbsCode: member.cbsCode,
    memberName: member.memberName,
    year,
    variant: member.variant,
    lines,
    totalCents,
    instalmentsCents: splitInstalments(totalCents, instalments),
  };
}

export interface ProviderDistribution {
  providerCode: string;
  collectedCents: number;
  officeShareCents: number;
  payableCents: number;
}

/**
 * The administration office's distribution report (verdeling): per provider the money invoiced for it,
 * the part of the office's cost it bears and what it receives. The office's cost is part of the
 * tariffs (the 2016 proposal: "verdisconteerd in de prijs"), so it is taken from the providers in
 * proportion to what was collected for each. OFFICE_SHARE_ROUNDING: each share is rounded down to a
 * whole cent and the cents left over go, one each, to the largest remainders (ties: the provider
 * listed first), so the shares add up to the office's cost exactly. The office never takes more than
 * was collected.
 */
export function distribute(collected: { providerCode: string; collectedCents: number }[], officeCostCents: number): ProviderDistribution[] {
  const total = collected.reduce((sum, c) => sum + c.collectedCents, 0);
  const office = Math.min(officeCostCents, total);
  if (total === 0) return collected.map((c) => ({ ...c, officeShareCents: 0, payableCents: c.collectedCents }));
  const exact = collected.map((c, index) => {
    const product = BigInt(office) * BigInt(c.collectedCents);
    return { index, floor: Number(product / BigInt(total)), remainder: product % BigInt(total) };
  });
  let left = office - exact.reduce((sum, e) => sum + e.floor, 0);
  const order = [...exact].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const shares = exact.map((e) => e.floor);
  for (const e of order) {
    if (left === 0) break;
    shares[e.index] += 1;
    left -= 1;
  }
  return collected.map((c, i) => ({ ...c, officeShareCents: shares[i], payableCents: c.collectedCents - shares[i] }));
}

export interface InvoicedCharge {
  invoiceId: string;
  memberId: string;
  lines: { providerCode: string; description: string; amountCents: number }[];
  instalmentsCents: number[];
}

export interface CreditNote {
  creditsInvoiceId: string;
  memberId: string;
  lines: { providerCode: string; description: string; amountCents: number }[];
  totalCents: number;
  instalmentsCents: number[];
}

/**
 * On dissolution (ontbinding) every invoice already sent is credited in full: each line and each
 * instalment negated, so invoice plus credit note is exactly zero, line by line.
 */
export function creditNotesOnDissolution(invoices: InvoicedCharge[], dissolvedOn: string): CreditNote[] {
  return invoices.map((invoice) => {
    const lines = invoice.lines.map((l) => ({
      providerCode: l.providerCode,
      description: `Creditering wegens ontbinding per ${dissolvedOn}: ${l.description}`,
      amountCents: -l.amountCents,
    }));
    return {
      creditsInvoiceId: invoice.invoiceId,
      memberId: invoice.memberId,
      lines,
      totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
      instalmentsCents: invoice.instalmentsCents.map((c) => -c),
    };
  });
}

/** A percentage with at most two decimals (2.25, -0.5) in basis points, exactly (no floating point). */
export function percentageToBasisPoints(percentage: number): number {
  const text = String(percentage);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`${text} is not a percentage with at most two decimals`);
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

/** 225 -> "2,25%", -50 -> "-0,50%" */
export function formatBasisPoints(basisPoints: number): string {
  const abs = Math.abs(basisPoints);
  return `${basisPoints < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}%`;
}
