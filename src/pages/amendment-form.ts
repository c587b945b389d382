import type { AmendmentKind } from '../amendments/amendment.entity';
import { DomainError, httpStatusOf } from '../platform/http/domain-error';
import { formatEuroCents, formatIntegerNl } from '../platform/text/dutch-format';
import type { ValueKind } from '../proposals/proposal.entity';
import { FieldMessage } from './page-form';

/**
 * What the member official's amendment forms need beyond the general page helpers: the changed figure
 * typed the Dutch way, co-sponsors typed by name or CBS code, and the amendment service's refusals in
 * Dutch at the field they concern.
 */

export const KIND_WORD: Record<AmendmentKind, string> = { amendment: 'amendement', motion: 'motie' };

/** The summary entry for a refusal that belongs to no field: it links to the paragraph with the deadline. */
export const DEADLINE_ANCHOR = 'termijn';

/** An entry of the error summary: at a field (`#veld-<field>`), or at another element (`fieldId`). */
export type SummaryEntry = FieldMessage & { fieldId?: string };

export const FIGURE_MESSAGE: Record<ValueKind, string> = {
  percentage: 'Vul het gewijzigde percentage in als getal met hoogstens twee decimalen, bijvoorbeeld 2,9.',
  amount_cents: "Vul het gewijzigde bedrag in euro's in, bijvoorbeeld 1.250,00.",
  integer: 'Vul het gewijzigde aantal in als heel getal, bijvoorbeeld 1.000.',
};

/**
 * A changed figure as a person types it: "2,9" or "2,9%" for a percentage, "€ 1.250,00" for an amount
 * (given to the service in cents), "1.000" for a count. NaN when it cannot be read.
 */
export function parseFigure(kind: ValueKind, typed: string): number {
  const text = typed.replace(/[\s\u00a0€%]/g, '');
  if (kind === 'percentage') {
    return /^-?\d{1,7}(?:[.,]\d{1,2})?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
  }
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d{1,12})(?:,(\d{1,2}))?$/.exec(text);
  if (!match) return NaN;
  const [, minus, whole, fraction] = match;
  const units = Number(whole.replace(/\./g, ''));
  if (kind === 'integer') return fraction === undefined ? Number(`${minus}${units}`) : NaN;
  const cents = units * 100 + Number((fraction ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? (minus ? -cents : cents) : NaN;
}

/** A stored figure as the form shows it to be changed: "2,9", "1.250,00", "1.000". */
export function figureForInput(kind: ValueKind, value: string): string {
  switch (kind) {
    case 'percentage':
      return value.replace('.', ',');
    case 'amount_cents':
      return formatEuroCents(BigInt(value)).replace('€ ', '');
    case 'integer':
      return formatIntegerNl(value);
  }
}

/** A short hint of how a figure is typed, for the field's description. */
export const FIGURE_EXAMPLE: Record<ValueKind, string> = {
  percentage: 'een percentage, bijvoorbeeld 2,9',
  amount_cents: 'een bedrag in euro, bijvoorbeeld 1.250,00',
  integer: 'een heel getal, bijvoorbeeld 1.000',
};

export interface RegisterEntry {
  id: string;
  cbsCode: string;
  name: string;
}

/**
 * Co-sponsors typed one per line (or separated by commas or semicolons), each a municipality's name or
 * CBS code, resolved against the member register: the codes, or the Dutch message at the field.
 */
export function resolveCoSponsors(typed: string, members: RegisterEntry[], ownMemberId: string): { codes: string[]; error: string | null } {
  const entries = typed
    .split(/[\n\r,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length > 50) return { codes: [], error: 'Noem hoogstens 50 mede-indieners.' };
  const byKey = new Map<string, RegisterEntry>();
  for (const m of members) {
    byKey.set(m.cbsCode.toLowerCase(), m);
    byKey.set(m.name.toLowerCase(), m);
  }
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry
      .toLowerCase()
      .replace(/^gemeente\s+/, '')
      .replace(/\s+/g, ' ');
    const member = byKey.get(key);
    if (!member) {
      return {
        codes: [],
        error: `‘${entry}’ is geen gemeente die lid is van de vereniging. Controleer de naam, of gebruik de CBS-code (GM en vier cijfers).`,
      };
    }
    if (member.id === ownMemberId) return { codes: [], error: 'Uw eigen gemeente kan geen mede-indiener zijn: zij dient het al in.' };
    if (seen.has(member.cbsCode)) return { codes: [], error: `U noemt ${member.name} twee keer.` };
    seen.add(member.cbsCode);
    codes.push(member.cbsCode);
  }
  return { codes, error: null };
}

/** Known rules of the amendment service (and of its DTOs) in Dutch, by field. */
function ruleNl(field: string, rule: string, kind: AmendmentKind): string {
  if (field === 'proposalId') return 'Kies een voorstel van deze raadpleging.';
  if (field === 'changedValue') {
    if (/no figure to change/.test(rule)) return 'Dit voorstel heeft geen getal dat een amendement kan wijzigen. Laat het veld leeg.';
    if (/at most two decimals/.test(rule)) return FIGURE_MESSAGE.percentage;
    if (/amount in cents/.test(rule)) return FIGURE_MESSAGE.amount_cents;
    if (/count/.test(rule)) return FIGURE_MESSAGE.integer;
    return 'Vul het gewijzigde getal in als getal.';
  }
  if (field.startsWith('coSponsorCodes')) {
    if (/twice/.test(rule)) return 'U noemt een gemeente twee keer.';
    if (/cannot co-sponsor itself/.test(rule)) return 'Uw eigen gemeente kan geen mede-indiener zijn: zij dient het al in.';
    const code = /^(GM\d{4}) is not a member/.exec(rule);
    if (code) return `${code[1]} is geen gemeente die lid is van de vereniging.`;
    return 'Noem de mede-indieners met hun naam of CBS-code, één per regel.';
  }
  if (field === 'text') return `Vul de tekst van ${kind === 'motion' ? 'de motie' : 'het amendement'} in (hoogstens 20.000 tekens).`;
  if (field === 'rationale') return 'Vul de toelichting in (hoogstens 20.000 tekens).';
  return 'Dit is niet geldig.';
}

/** The page field a service field belongs to (co-sponsors are one field on the page). */
function pageField(field: string): string {
  return field.startsWith('coSponsorCodes') ? 'coSponsors' : field;
}

/** The Dutch text of a refusal of the window, a withdrawn or answered amendment, someone else's, or a second confirmation. */
function refusalNl(error: DomainError, kind: AmendmentKind, memberName: string): string {
  const word = KIND_WORD[kind];
  const the = kind === 'motion' ? 'de motie' : 'het amendement';
  switch (error.code) {
    case 'DEADLINE_PASSED': {
      const due = /were due by (.+?) \(Europe\/Amsterdam\)/.exec(error.message);
      return due
        ? `Amendementen en moties konden worden ingediend en gewijzigd tot ${due[1]}. Dat is voorbij: wat u hebt verstuurd, is niet verwerkt.`
        : 'In deze fase van de raadpleging kunnen amendementen en moties niet (meer) worden ingediend, gewijzigd of ingetrokken.';
    }
    case 'NOT_EDITABLE':
      return /answered/.test(error.message)
        ? `Het bestuur heeft al op ${the} gereageerd. Wijzigen of intrekken kan niet meer.`
        : `Dit ${word} is ingetrokken en kan niet meer worden gewijzigd of gesteund.`;
    case 'FORBIDDEN':
      return /co-sponsoring/.test(error.message)
        ? `Alleen een gemeente die als mede-indiener is genoemd, kan haar steun bevestigen.`
        : `Alleen ambtenaren van de indienende gemeente kunnen ${the} wijzigen of intrekken.`;
    case 'DUPLICATE':
      return `${memberName} heeft haar steun voor dit ${word} al bevestigd.`;
    default:
      return 'Dit kan niet.';
  }
}

/**
 * A refusal of the amendment service as form errors: at the fields it names, else one entry that
 * links to the deadline paragraph. Anything that is not a refusal of the form (an unknown id, a
 * programming error) is thrown on, to the Dutch error page.
 */
export function amendmentRefusal(error: unknown, kind: AmendmentKind, memberName: string): { status: number; errors: SummaryEntry[] } {
  if (!(error instanceof DomainError) || !['INVALID_INPUT', 'DEADLINE_PASSED', 'NOT_EDITABLE', 'FORBIDDEN', 'DUPLICATE'].includes(error.code)) throw error;
  const errors: SummaryEntry[] = error.fieldErrors.length
    ? error.fieldErrors.map((e) => ({ field: pageField(e.field), message: ruleNl(e.field, e.rule, kind) }))
    : [{ field: DEADLINE_ANCHOR, fieldId: DEADLINE_ANCHOR, message: refusalNl(error, kind, memberName) }];
  return { status: httpStatusOf(error.code), errors };
}
