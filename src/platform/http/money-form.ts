import { DomainError } from './domain-error';

/**
 * The forms of the money pages (finance, decisions, facilities, subscriptions): one field as its
 * template shows it, and a service's refusal put at the fields it names. The error summary at the top
 * (views/partials/form-errors.hbs) links each message to `#veld-<field>`; the field itself carries the
 * same message right above the control (views/partials/money-field.hbs).
 */

/** A message at a field of a page form (the same shape as src/pages/page-form.ts' FieldMessage). */
export interface FormMessage {
  field: string;
  message: string;
}

/** One field of a form: `id` is the part after `veld-`/`fout-`, unique on the page. */
export interface FieldView {
  id: string;
  value: string;
  error: string | null;
}

/**
 * The fields of one form. `prefix` keeps the ids unique where a page has several forms
 * (`verzoek-3-happenedOn`, `ontbinding-reason`); an error belongs to a field when its `field` is the id.
 */
export function formView<N extends string>(
  names: readonly N[],
  typed: Partial<Record<string, string>>,
  errors: readonly FormMessage[],
  prefix = '',
): Record<N, FieldView> {
  const entries = names.map((name) => {
    const id = `${prefix}${name}`;
    return [name, { id, value: typed[name] ?? '', error: errors.find((e) => e.field === id)?.message ?? null }];
  });
  return Object.fromEntries(entries) as Record<N, FieldView>;
}

/** Whether any of `errors` belongs to the form whose field ids start with `prefix`. */
export function hasErrorsAt(errors: readonly FormMessage[], prefix: string): boolean {
  return errors.some((e) => e.field.startsWith(prefix));
}

export interface RefusalPlacement {
  /** The form's fields by the name the service uses (`happenedOn`), each at the page's own id (`verzoek-1-happenedOn`). */
  fields: Record<string, string>;
  /** The field a refusal goes to when it names no field of this form. */
  fallback: string;
  /** The Dutch message for a field's rule; null when the rule is not known. */
  messageOf: (field: string, rule: string) => string | null;
  /** The Dutch message for a refusal that names no field, or a rule `messageOf` does not know. */
  general: (error: DomainError) => string;
}

/** A service's refusal of a form, as messages at the form's fields (one per field), in Dutch. */
export function refusalMessages(error: DomainError, placement: RefusalPlacement): FormMessage[] {
  const messages: FormMessage[] = [];
  for (const e of error.fieldErrors) {
    const field = placement.fields[e.field] ?? placement.fallback;
    if (messages.some((m) => m.field === field)) continue;
    messages.push({ field, message: placement.messageOf(e.field, e.rule) ?? placement.general(error) });
  }
  return messages.length ? messages : [{ field: placement.fallback, message: placement.general(error) }];
}

/** A refusal a person can act on comes back on the form; anything else (a bug, a missing page, no access) goes to the error page. */
export function actionableRefusal(error: unknown): DomainError {
  if (!(error instanceof DomainError) || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') throw error;
  return error;
}
