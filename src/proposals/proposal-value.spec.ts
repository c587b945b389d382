import { DomainError } from '../platform/http/domain-error';
import { checkValue, formatValue } from './proposal-value';

describe("a proposal's figure", () => {
  it('is written Dutch style', () => {
    expect(formatValue('percentage', '3.9')).toBe('3,9%');
    expect(formatValue('percentage', '2.90')).toBe('2,9%');
    expect(formatValue('percentage', '4')).toBe('4%');
    expect(formatValue('percentage', '10.00')).toBe('10%');
    expect(formatValue('amount_cents', '19670000')).toBe('€ 196.700,00');
    expect(formatValue('integer', '17427806')).toBe('17.427.806');
  });

  it('refuses a changed value of the wrong type', () => {
    expect(checkValue('changedValue', 'percentage', 2.9)).toBe('2.9');
    expect(() => checkValue('changedValue', 'percentage', '2,9%')).toThrow(DomainError);
    expect(() => checkValue('changedValue', 'amount_cents', 12.5)).toThrow('must be a whole number');
    expect(() => checkValue('changedValue', null, 2.9)).toThrow('this proposal has no figure to change');
    expect(checkValue('changedValue', null, undefined)).toBeNull();
  });
});
