import { DomainError } from '../platform/http/domain-error';
import { RuleError } from './rules/exact-decimal';

/** RuleErrors of the pure money rules become the platform's 400 naming the field. */
export function asDomainError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RuleError) throw DomainError.invalid(error.field, error.rule);
    throw error;
  }
}
