import { DomainError } from './domain-error';

export type FormBody = Record<string, string | undefined>;

/** The page forms post url-encoded fields; anything else (text/plain, JSON) has no fields to read: a 400. */
export function formFields(body: unknown): FormBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid('request body', 'must be a form (application/x-www-form-urlencoded)');
  }
  return body as FormBody;
}
