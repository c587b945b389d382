import { formatEuroCents, formatIntegerNl } from '../platform/text/dutch-format';
import type { Tariff, YearlyTariff } from './facility-tariff';
import type { FacilityPhase } from './facility.entity';

export const PHASE_NL: Record<FacilityPhase, string> = {
  initiative: 'initiatief',
  development: 'ontwikkeling',
  scaling: 'opschaling',
  management: 'beheer',
};

/** The tariff in Dutch: "eenmalig € 1.500,00; per jaar € 500,00 (0 tot en met 249 gebruikers), …". */
export function tariffNl(tariff: Tariff): string {
  const parts: string[] = [];
  if (tariff.oneOffCents > 0) parts.push(`eenmalig ${formatEuroCents(tariff.oneOffCents)}`);
  const first = yearlyNl(tariff.yearly);
  if (first) parts.push(first);
  for (const step of tariff.yearlyFrom ?? []) parts.push(`vanaf ${step.fromYear}: ${yearlyNl(step.yearly) ?? 'geen jaarbedrag'}`);
  return parts.length ? parts.join('; ') : 'geen kosten';
}

function yearlyNl(y: YearlyTariff): string | null {
  if (y.kind === 'fixed') return `per jaar ${formatEuroCents(y.cents)}`;
  if (y.kind === 'per_inhabitant') return `per jaar ${y.centsPerInhabitant.replace('.', ',')} ct per inwoner`;
  if (y.kind === 'user_bands') {
    return `per jaar ${y.bands.map((b) => `${formatEuroCents(b.cents)} (${formatIntegerNl(b.fromUsers)}${b.toUsers === null ? ' of meer' : ` tot en met ${formatIntegerNl(b.toUsers)}`} gebruikers)`).join(', ')}`;
  }
  return null;
}
