/** Dutch words for the finance pages, mails and letters: users never see the English codes. */
import { formatIntegerNl } from '../platform/text/dutch-format';
import type { ScheduleStatus } from './contribution/contribution.repository';
import type { EffectStatus } from './decision-effects/decision-effects.repository';
import type { AmountRounding, BandMode, RateRounding } from './rules/contribution-rules';

export const SCHEDULE_STATUS_NL: Record<ScheduleStatus, string> = {
  provisional: 'voorlopig (uitslag gepubliceerd, nog niet bekrachtigd)',
  adopted: 'vastgesteld',
  superseded: 'vervangen',
  withdrawn: 'vervallen (bekrachtiging geweigerd)',
};

export const EFFECT_STATUS_NL: Record<EffectStatus, string> = {
  pending: 'wacht op de uitslag',
  provisional: 'voorlopig toegepast',
  definitive: 'definitief (bekrachtigd)',
  not_applied: 'niet toegepast: de vorige bedragen blijven gelden',
  withdrawn: 'teruggedraaid: bekrachtiging geweigerd',
};

export const BAND_MODE_NL: Record<BandMode, string> = {
  whole_population: 'het tarief van de klasse geldt voor alle inwoners',
  per_band: 'per schijf: elk tarief geldt voor de inwoners binnen die schijf',
};

export const RATE_ROUNDING_NL: Record<RateRounding, string> = {
  cent_half_up: 'tarief afgerond op hele centen (een halve cent naar boven)',
  cent_down: 'tarief afgerond op hele centen (naar beneden)',
  hundredth_cent_half_up: 'tarief afgerond op een honderdste cent (half naar boven)',
};

export const AMOUNT_ROUNDING_NL: Record<AmountRounding, string> = {
  cent_half_up: 'elke regel afgerond op hele centen (een halve cent naar boven)',
  cent_down: 'elke regel afgerond op hele centen (naar beneden)',
};

export const OUTCOME_EFFECT_NL: Record<string, string> = {
  adopted: 'aangenomen',
  rejected: 'verworpen',
  no_quorum: 'niet besloten (quorum niet gehaald)',
  tie_between_variants: 'niet besloten (de varianten staakten)',
};

/** "0 tot 5.000", "200.000 en meer". */
export function bandNl(from: number, to: number | null): string {
  const n = formatIntegerNl;
  return to === null ? `${n(from)} inwoners en meer` : `${n(from)} tot ${n(to)} inwoners`;
}

export const INVOICE_KIND_NL: Record<'invoice' | 'credit_note', string> = { invoice: 'factuur', credit_note: 'creditnota' };

export const BUDGET_ENTRY_KIND_NL: Record<'authorised' | 'spent', string> = { authorised: 'bestedingsruimte toegekend', spent: 'besteed' };

/** The Dutch text of what the finance and billing services refuse, for the pages; anything else goes through the general rules. */
const FINANCE_RULES_NL: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /no contribution schedule adopted for (\d+)/,
    (m) => `Voor ${m[1]} zijn geen contributietarieven vastgesteld; factureren kan pas als de leden erover hebben besloten.`,
  ],
  [/no collective fund budget adopted for (\d+)/, (m) => `Voor ${m[1]} is geen begroting van het collectief fonds vastgesteld.`],
  [/one invoice run per year and charge source/, () => 'Voor dit jaar en deze soort is al een factuurrun gestart: elke gemeente krijgt één factuur.'],
  [
    /the arrangement was dissolved on (\d{4})-(\d{2})-(\d{2}) \((.*)\): no invoice goes out after a dissolution/s,
    (m) => `De regeling is per ${Number(m[3])}-${Number(m[2])}-${m[1]} ontbonden (${m[4]}); na een ontbinding gaat er geen factuur meer uit.`,
  ],
  [/no social-domain subscription arrangement covers (\d+)/, (m) => `Geen abonnementsregeling sociaal domein loopt in ${m[1]}.`],
  [
    /one subscription arrangement per year/,
    () => 'In dit jaar lopen twee abonnementsregelingen; een gemeente krijgt per jaar één factuur voor de abonnementen.',
  ],
  [/no tariffs for (\d+) yet/, (m) => `Voor ${m[1]} zijn de tarieven nog niet vastgesteld: indexeer eerst het jaar ervoor.`],
  [
    /is paid in (\d+) instalments \(due (.*)\) set by the arrangement/,
    (m) => `De regeling schrijft ${m[1]} termijnen voor (${m[2].replace(/ and | en /g, ' en ')}); laat dit veld leeg.`,
  ],
  [/falls due on (.*), set by the arrangement/, (m) => `De regeling schrijft de vervaldata voor (${m[1]}); laat dit veld leeg.`],
  [/no collective facility costs fall in (\d+)/, (m) => `In ${m[1]} was geen gemeente lid van een collectieve voorziening; er valt niets te factureren.`],
  [/^must be one of /, () => 'Kies een van de aangeboden soorten.'],
  [/an invoice is credited once/, () => 'Deze factuur is al gecrediteerd.'],
  [/a credit note is not credited/, () => 'Een creditnota wordt niet gecrediteerd; crediteer de factuur zelf.'],
];

export function financeRuleNl(rule: string): string | null {
  for (const [pattern, dutch] of FINANCE_RULES_NL) {
    const match = pattern.exec(rule);
    if (match) return dutch(match);
  }
  return null;
}
