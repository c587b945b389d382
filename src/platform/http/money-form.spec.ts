import { DomainError } from './domain-error';
import { actionableRefusal, formView, hasErrorsAt, refusalMessages } from './money-form';

describe('the forms of the money pages', () => {
  it('a form view gives each field its id (with the form prefix), what was typed and its own message', () => {
    const errors = [{ field: 'verzoek-2-reason', message: 'Geef de reden.' }];
    expect(formView(['text', 'reason'], { text: 'De regio haakt af.' }, errors, 'verzoek-2-')).toEqual({
      text: { id: 'verzoek-2-text', value: 'De regio haakt af.', error: null },
      reason: { id: 'verzoek-2-reason', value: '', error: 'Geef de reden.' },
    });
    // Another ask's form on the same page does not get the message.
    expect(formView(['reason'], {}, errors, 'verzoek-3-').reason.error).toBeNull();
    expect(hasErrorsAt(errors, 'verzoek-2-')).toBe(true);
    expect(hasErrorsAt(errors, 'verzoek-3-')).toBe(false);
  });

  const placement = {
    fields: { reason: 'ontbinding-reason', effectiveOn: 'ontbinding-effectiveOn', decidedByConsultationId: 'ontbinding-reason' },
    fallback: 'ontbinding-reason',
    messageOf: (field: string) => (field === 'effectiveOn' ? 'Vul de datum in.' : field === 'reason' ? 'Vul de reden in.' : null),
    general: () => 'Dat kan niet.',
  };

  it("a refusal's fields each get their Dutch message at the page's field, one message per field", () => {
    const error = new DomainError('INVALID_INPUT', 'x', [
      { field: 'reason', rule: 'should not be empty' },
      { field: 'reason', rule: 'must be a string' },
      { field: 'effectiveOn', rule: 'must be a date' },
    ]);
    expect(refusalMessages(error, placement)).toEqual([
      { field: 'ontbinding-reason', message: 'Vul de reden in.' },
      { field: 'ontbinding-effectiveOn', message: 'Vul de datum in.' },
    ]);
  });

  it('a refusal without fields, or of a field the form does not show, goes to the fallback field with the general message', () => {
    expect(refusalMessages(new DomainError('NOT_EDITABLE', 'dissolved'), placement)).toEqual([{ field: 'ontbinding-reason', message: 'Dat kan niet.' }]);
    expect(refusalMessages(DomainError.invalid('somethingElse', 'is wrong'), placement)).toEqual([{ field: 'ontbinding-reason', message: 'Dat kan niet.' }]);
  });

  it('only a refusal a person can act on comes back on the form', () => {
    const invalid = DomainError.invalid('reason', 'should not be empty');
    expect(actionableRefusal(invalid)).toBe(invalid);
    expect(() => actionableRefusal(DomainError.notFound('contract', 'x'))).toThrow(DomainError);
    expect(() => actionableRefusal(new DomainError('FORBIDDEN', 'not yours'))).toThrow(DomainError);
    expect(() => actionableRefusal(new Error('bug'))).toThrow('bug');
  });
});
