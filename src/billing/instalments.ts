/**
 * Instalments (termijnen) of an invoice. Named rule:
 *
 * I1 An amount in n instalments: each gets floor(amount / n) cents and the remaining cents go one each
 *    to the earliest instalments, so they add up exactly and never differ by more than a cent.
 */
export function splitInstalments(amountCents: bigint, count: number): bigint[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > 12) throw new RangeError('an invoice has 1 to 12 instalments');
  const negative = amountCents < 0n;
  const abs = negative ? -amountCents : amountCents;
  const n = BigInt(count);
  const parts = Array.from({ length: count }, (_, i) => abs / n + (BigInt(i) < abs % n ? 1n : 0n));
  return negative ? parts.map((p) => -p) : parts;
}
