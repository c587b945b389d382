import { validateSync } from 'class-validator';
import { financeRuleNl } from '../finance/finance-labels';
import { DomainError, FieldError } from '../platform/http/domain-error';
import { ruleNl } from '../platform/http/page-messages';
import { FormBody } from '../platform/http/form-fields';

/** An error on a page form: the field it belongs to and a Dutch message, shown in a summary at the top and at the field. */
export interface FieldMessage {
  field: string;
  message: string;
}

/** A posted field as text: a repeated field, an object or a missing one gives '' (never an array passed on). */
export function textField(body: FormBody, name: string): string {
  const value: unknown = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Whole numbers only: "2021" is 2021, "2021.5", "1e3", "" or a list is NaN, which validation refuses. */
export function wholeNumber(text: string): number {
  return /^\d{1,9}$/.test(text) ? Number(text) : NaN;
}

/** The form's own checks (class-validator), one Dutch message per field from `messages`. */
export function formErrors(dto: object, messages: Record<string, string>): FieldMessage[] {
  return validateSync(dto).map((e) => ({ field: e.property, message: messages[e.property] ?? ruleNl(Object.values(e.constraints ?? {})[0] ?? '') }));
}

/** A service's refusal of a form, at the fields it names (or at `fallback`), in Dutch. */
export function refusalErrors(error: DomainError, fallback: string): FieldMessage[] {
  const dutch = (rule: string) => financeRuleNl(rule) ?? ruleNl(rule);
  if (error.fieldErrors.length) return error.fieldErrors.map((e: FieldError) => ({ field: e.field, message: dutch(e.rule) }));
  return [{ field: fallback, message: financeRuleNl(error.message) ?? 'Dit kan niet.' }];
}

/** `{ yearError: '…' }` for a template: the message at each field. */
export function messagesAt(errors: FieldMessage[], fields: string[]): Record<string, string | null> {
  return Object.fromEntries(fields.map((f) => [`${f}Error`, errors.find((e) => e.field === f)?.message ?? null]));
}
