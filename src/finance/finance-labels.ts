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
