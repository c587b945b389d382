import { DomainError } from '../platform/http/domain-error';
import { formatEuroCents, formatIntegerNl } from '../platform/text/dutch-format';
import type { ValueKind } from './proposal.entity';

/** A proposal's figure as users read it: 3.9 -> "3,9%", 125000 cents -> "€ 1.250,00". */
export function formatValue(kind: ValueKind, value: string | number): string {
  const text = String(value);
  switch (kind) {
    case 'percentage':
      return `${(text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text).replace('.', ',')}%`;
    case 'amount_cents':
      return formatEuroCents(BigInt(text));
    case 'integer':
      return formatIntegerNl(text);
  }
}

/** Checks that a changed value fits the proposal's kind of figure; names the field. */
export function checkValue(field: string, kind: ValueKind | null, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!kind) throw DomainError.invalid(field, 'this proposal has no figure to change');
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DomainError.invalid(field, 'must be a number');
  if (kind !== 'percentage' && !Number.isInteger(value))
    throw DomainError.invalid(field, `must be a whole number for ${kind === 'amount_cents' ? 'an amount in cents' : 'a count'}`);
  if (kind === 'percentage' && Math.round(value * 100) !== value * 100) throw DomainError.invalid(field, 'a percentage has at most two decimals');
  return String(value);
}
