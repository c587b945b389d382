import type { Response } from 'express';
import { DomainError } from '../platform/http/domain-error';
import { fieldErrorsNl, knownNl, pageMessage } from '../platform/http/page-messages';
import { amsterdamDate, instantToAmsterdam, parseAmsterdamDateTime } from '../platform/text/amsterdam-time';
import type { DecisionRule } from '../weighting';
import { FieldMessage } from './page-form';

/**
 * What the board's consultation pages share: the Dutch success messages of a done step (post,
 * redirect, get: the message travels as a known key in the query string, never as free text), the
 * Dutch text of the services' refusals, and deadlines typed as a date and a time in Amsterdam.
 */

/** Done steps: `?gedaan=<key>` (and `&aantal=<n>` where a count belongs in the message). */
const DONE: Record<string, (count: number | null) => string> = {
  aangemaakt: () => 'De raadpleging is aangemaakt als concept. Voeg nu de voorstellen toe.',
  'voorstel-toegevoegd': () => 'Het voorstel is toegevoegd.',
  'amendementen-open': () => 'De termijn voor amendementen en moties is geopend. Leden kunnen nu indienen.',
  beantwoord: () => 'Uw reactie is vastgelegd.',
  'definitief-gepubliceerd': () => 'De definitieve voorstellen zijn gepubliceerd, met de brief en het stemformulier.',
  'stemming-open': (n) => `De stemming is geopend. De gewichten zijn vastgelegd en ${n ?? 'alle'} stemformulieren gaan per e-mail naar de secretarissen.`,
  'stemming-gesloten': () => 'De stemming is gesloten. De uitslag is berekend; publiceer die als u hem hebt gecontroleerd.',
  'uitslag-gepubliceerd': () => 'De uitslag is gepubliceerd en de uitslagbrief gaat naar alle leden.',
  herinnering: (n) => (n === 1 ? 'Er gaat 1 herinnering per e-mail.' : `Er gaan ${n ?? 0} herinneringen per e-mail.`),
  'geen-herinnering': () => 'Alle leden hebben gestemd: er is geen herinnering verstuurd.',
  'opnieuw-verstuurd': () => 'Het stemformulier is opnieuw verstuurd, met dezelfde link.',
  'nieuw-stembiljet': () => 'Er is een nieuw stemformulier uitgegeven en verstuurd. De oude link werkt niet meer.',
  verlengd: (n) => `De stemtermijn is verlengd. ${n ?? 'Alle'} leden krijgen hiervan bericht per e-mail.`,
};

export function doneMessage(key: unknown, count: unknown): string | null {
  if (typeof key !== 'string' || !(key in DONE)) return null;
  const n = typeof count === 'string' && /^\d{1,6}$/.test(count) ? Number(count) : null;
  return DONE[key](n);
}

/** 303 to a board page with the message of a done step. */
export function doneRedirect(response: Response, path: string, key: string, count?: number): void {
  response.redirect(303, `${path}?gedaan=${encodeURIComponent(key)}${count !== undefined ? `&aantal=${count}` : ''}`);
}

/** The services' rules that the board's forms can meet, in Dutch. */
const RULES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/must be in the future/, 'moet in de toekomst liggen'],
  [/must be before votingDeadline/, 'moet vóór het einde van de stemtermijn liggen'],
  [/must be later than the current deadline/, 'moet later zijn dan de huidige stemtermijn'],
  [/is not a date-time that exists|must be a date-time that exists/, 'is geen bestaande datum en tijd'],
  [/is not a known weighting scheme/, 'kies een bestaand wegingsschema'],
  [/only published results that are not yet ratified can be ratified/, 'alleen een gepubliceerde uitslag die nog niet is bekrachtigd kan worden bekrachtigd'],
  [/a consultation cannot ratify itself/, 'een raadpleging kan zichzelf niet bekrachtigen'],
  [/is not a known consultation/, 'kies een bestaande raadpleging'],
  [/a question with alternatives needs at least two variants/, 'een vraag met alternatieven heeft minstens twee varianten nodig'],
  [/labels must differ/, 'de varianten moeten verschillende namen hebben'],
  [/this proposal has no figure to change/, 'vul eerst het getal van het voorstel in'],
  [/a percentage has at most two decimals/, 'een percentage heeft hoogstens twee decimalen'],
  [/must be a whole number/, 'moet een geheel getal zijn'],
  [/threshold must be at least one half/, 'de drempel moet minstens de helft van de uitgebrachte stemmen zijn'],
  [/^(.+) has voted already$/, (m) => `${m[1]} heeft al gestemd`],
  [/must be unique in the consultation/, 'dit nummer bestaat al in deze raadpleging'],
  [/proposals cannot change once the final proposals are published/, 'dit kan niet meer: de definitieve voorstellen zijn gepubliceerd'],
];

export function boardRuleNl(rule: string): string {
  return knownBoardRule(rule) ?? 'is niet geldig';
}

function knownBoardRule(rule: string): string | null {
  for (const [pattern, dutch] of RULES) {
    const match = pattern.exec(rule);
    if (match) return typeof dutch === 'string' ? dutch : dutch(match);
  }
  return knownNl(rule);
}

/** How a refusal names the field it is about ("Het einde van de stemming moet in de toekomst liggen."). */
const FIELD_LABELS: Record<string, string> = {
  votingDeadline: 'Het einde van de stemming',
  amendmentDeadline: 'De termijn voor amendementen',
  referenceDate: 'De peildatum',
};

/** A refusal of a form by a service, at its fields (renamed where the form calls them otherwise). */
export function formRefusal(error: DomainError, fallback: string, rename: Record<string, string> = {}): FieldMessage[] {
  if (error.fieldErrors.length) {
    return error.fieldErrors.map((e) => {
      const field = rename[e.field] ?? e.field;
      const rule = boardRuleNl(e.rule);
      return { field, message: FIELD_LABELS[field] ? `${FIELD_LABELS[field]} ${rule}.` : sentence(rule) };
    });
  }
  return [{ field: fallback, message: sentence(knownNl(error.message) ?? boardRuleNl(error.message)) }];
}

/** A refused step on a page without fields: one Dutch sentence (the code's text, or the known rule). */
export function stepRefusal(error: DomainError, path: string): string {
  if (error.fieldErrors.length) {
    // Rules the pages know read as sentences of their own; anything else names its field.
    const known = error.fieldErrors.map((e) => knownBoardRule(e.rule)).filter((k): k is string => k !== null);
    if (known.length === error.fieldErrors.length) return known.map(sentence).join(' ');
    const fields = fieldErrorsNl(error.fieldErrors.map((e) => ({ field: e.field, rule: boardRuleNl(e.rule) })))
      .map((e) => `${e.field}: ${e.rule}`)
      .join('; ');
    return `${pageMessage(error.code, path).message} (${fields})`;
  }
  return knownNl(error.message) ?? pageMessage(error.code, path).message;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** A deadline typed as a date and a time: "2020-06-26" + "17:00" -> "2020-06-26T17:00" (Amsterdam), or null when either is missing or impossible. */
export function deadlineFrom(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const local = `${date}T${time}`;
  return parseAmsterdamDateTime(local) ? local : null;
}

/** A deadline split for the two inputs. */
export function deadlineParts(instant: Date | null): { date: string; time: string } {
  if (!instant) return { date: '', time: '' };
  const local = instantToAmsterdam(instant);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

export function todayInAmsterdam(now: Date): string {
  return amsterdamDate(now);
}

/** The decision rule in words, as the board chose it. */
export function ruleInWords(rule: DecisionRule): string {
  const { numerator: n, denominator: d, comparison } = rule.threshold;
  const threshold =
    n * 2 === d && comparison === 'more_than'
      ? 'gewone meerderheid (meer dan de helft van de uitgebrachte gewogen stemmen)'
      : `${comparison === 'at_least' ? 'ten minste' : 'meer dan'} ${n}/${d} van de uitgebrachte gewogen stemmen`;
  const quorum = rule.quorum ? `; quorum: ten minste ${rule.quorum.numerator}/${rule.quorum.denominator} van het totale gewicht doet mee` : '';
  return `${threshold}${quorum}${rule.doubleMajority ? '; ook een meerderheid naar aantal leden' : ''}`;
}
