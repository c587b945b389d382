import { STATUS_ORDER } from '../consultations/consultation-phase';
import type { ConsultationStatus } from '../consultations/consultation-phase';
import { formatDateTimeNl, formatIntegerNl } from '../platform/text/dutch-format';
import type { ProposalResult } from '../tallies/tallies.service';
import { formatPercentNl, Outcome, shareBasisPoints } from '../weighting';

/** How the public pages say a result, a phase and a deadline: Dutch words from the figures, no I/O. */

export const OUTCOME_HEADLINE: Record<Outcome, string> = {
  adopted: 'Aangenomen',
  rejected: 'Verworpen',
  no_quorum: 'Niet besloten: quorum niet gehaald',
  tie_between_variants: 'Niet besloten: de varianten staakten',
};

const n = formatIntegerNl;
const percent = (part: number, whole: number) => formatPercentNl(shareBasisPoints(part, whole) ?? 0);
const stemmen = (weight: number) => `${n(weight)} ${weight === 1 ? 'gewogen stem' : 'gewogen stemmen'}`;

/** Why the outcome is what it is, in figures (the rule itself is shown beside it). */
export function outcomeExplanation(p: Pick<ProposalResult, 'outcome' | 'adoptedChoice' | 'choices' | 'decision'>, eligibleWeight: number): string {
  const d = p.decision;
  const forShare = d.castWeight > 0 ? percent(d.forWeight, d.castWeight) : null;
  const variants = p.choices.filter((c) => c.kind === 'variant');
  const forPart = variants.length > 1 ? 'voor de voorstellen samen' : 'voor';
  switch (p.outcome) {
    case 'adopted': {
      const base = `${n(d.forWeight)} van de ${stemmen(d.castWeight)} die zijn uitgebracht, waren ${forPart} (${forShare}).`;
      if (variants.length <= 1) return base;
      const adopted = variants.find((v) => v.label === p.adoptedChoice);
      return `${base} Aangenomen is het voorstel met de meeste gewogen stemmen: ${p.adoptedChoice} (${stemmen(adopted?.weight ?? 0)}).`;
    }
    case 'rejected':
      if (d.castWeight === 0) return 'Er zijn geen stemmen voor of tegen uitgebracht. Zonder uitgebrachte stemmen is een voorstel verworpen.';
      if (d.forWeight === d.againstWeight) {
        return `De stemmen staakten: ${stemmen(d.forWeight)} ${forPart} en ${stemmen(d.againstWeight)} tegen. Bij staking van stemmen is een voorstel verworpen.`;
      }
      if (d.reasons.some((r) => r.startsWith('double majority'))) {
        return `${n(d.forWeight)} van de ${stemmen(d.castWeight)} waren ${forPart} (${forShare}), maar er was ook een meerderheid van het aantal leden nodig: ${n(d.forMembers)} van de ${n(d.castMembers)} leden stemden ${forPart}.`;
      }
      return `${n(d.forWeight)} van de ${stemmen(d.castWeight)} die zijn uitgebracht, waren ${forPart} (${forShare}). Dat is niet genoeg volgens de beslisregel.`;
    case 'no_quorum':
      return `Er namen ${stemmen(d.participatingWeight)} deel (onthoudingen meegeteld) van de ${n(eligibleWeight)} die konden stemmen (${percent(d.participatingWeight, eligibleWeight)}). Dat is minder dan het quorum; er is niet besloten.`;
    case 'tie_between_variants': {
      const top = Math.max(...variants.map((v) => v.weight));
      const tied = variants.filter((v) => v.weight === top).map((v) => v.label);
      return `De voorstellen samen kregen ${n(d.forWeight)} van de ${stemmen(d.castWeight)} (${forShare}), maar ${tied.join(' en ')} kregen evenveel gewogen stemmen (elk ${n(top)}). Er is niets aangenomen; het bestuur schrijft een nieuwe stemming uit.`;
    }
  }
}

export type PhaseState = 'done' | 'current' | 'upcoming';

export interface PhaseLine {
  name: string;
  when: string;
  state: PhaseState;
  stateNl: string;
}

const STATE_NL: Record<PhaseState, string> = { done: 'afgerond', current: 'nu', upcoming: 'nog niet' };

const ORDER = STATUS_ORDER;

export interface PhasedConsultation {
  kind: string;
  status: ConsultationStatus;
  amendmentDeadline: Date | null;
  votingOpenedAt: Date | null;
  votingDeadline: Date;
  resultsPublishedAt: Date | null;
  ratifiedAt: Date | null;
}

/** The steps of a consultation with their moments (Amsterdam time) and whether each is done, now or still to come. */
export function phasesOf(c: PhasedConsultation, closedSince: Date | null): PhaseLine[] {
  const at = ORDER.indexOf(c.status);
  const reached = (status: ConsultationStatus) => at >= ORDER.indexOf(status);
  const line = (name: string, when: string, state: PhaseState): PhaseLine => ({ name, when, state, stateNl: STATE_NL[state] });
  const lines: PhaseLine[] = [];
  if (c.amendmentDeadline) {
    lines.push(
      line('Amendementen en moties indienen', `tot ${formatDateTimeNl(c.amendmentDeadline)}`, reached('final_proposals_published') ? 'done' : 'current'),
    );
  }
  lines.push(
    line(
      'Definitieve voorstellen gepubliceerd',
      'met de reactie van het bestuur op amendementen en moties',
      reached('final_proposals_published') ? 'done' : 'upcoming',
    ),
  );
  const voting = closedSince
    ? `van ${formatDateTimeNl(c.votingOpenedAt ?? closedSince)} tot ${formatDateTimeNl(closedSince)}`
    : c.votingOpenedAt
      ? `geopend op ${formatDateTimeNl(c.votingOpenedAt)}, stemmen kan tot ${formatDateTimeNl(c.votingDeadline)}`
      : `stemmen kan tot ${formatDateTimeNl(c.votingDeadline)}`;
  lines.push(line('Stemmen', voting, reached('voting_closed') ? 'done' : c.status === 'voting_open' ? 'current' : 'upcoming'));
  lines.push(
    line(
      'Uitslag',
      c.resultsPublishedAt ? `gepubliceerd op ${formatDateTimeNl(c.resultsPublishedAt)}` : 'het bestuur maakt de uitslag bekend na het sluiten van de stemming',
      reached('results_published') ? 'done' : c.status === 'voting_closed' ? 'current' : 'upcoming',
    ),
  );
  if (c.kind === 'ledenraadpleging' || c.status === 'ratified' || c.status === 'not_ratified') {
    const when =
      c.status === 'ratified'
        ? `bekrachtigd op ${formatDateTimeNl(c.ratifiedAt!)}`
        : c.status === 'not_ratified'
          ? `niet bekrachtigd${c.ratifiedAt ? ` op ${formatDateTimeNl(c.ratifiedAt)}` : ''}`
          : 'door de eerstvolgende Algemene Ledenvergadering';
    lines.push(line('Bekrachtiging van de uitslag', when, c.status === 'ratified' || c.status === 'not_ratified' ? 'done' : 'upcoming'));
  }
  return lines;
}

/** A `pagina` query parameter: absent is 1; anything but a whole number from 1 is refused with the field named. */
export function pageNumber(value: unknown): number | 'invalid' {
  if (value === undefined || value === '') return 1;
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 'invalid';
}

/**
 * A cell of a CSV for spreadsheets: text that a spreadsheet would read as a formula (=, +, -, @, tab,
 * carriage return first) gets a leading apostrophe, so an open-data file cannot run anything.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
