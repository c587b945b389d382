/**
 * The phases of a consultation and the only legal moves between them. Ratified and not ratified are
 * set by the published result of a later ratification proposal, never by hand.
 */
export type ConsultationStatus =
  'draft' | 'amendments_open' | 'final_proposals_published' | 'voting_open' | 'voting_closed' | 'results_published' | 'ratified' | 'not_ratified';

const LEGAL: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ['amendments_open', 'final_proposals_published'],
  amendments_open: ['final_proposals_published'],
  final_proposals_published: ['voting_open'],
  voting_open: ['voting_closed'],
  voting_closed: ['results_published'],
  results_published: ['ratified', 'not_ratified'],
  ratified: [],
  not_ratified: [],
};

export function canMove(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return LEGAL[from].includes(to);
}

/** Proposals can be added or changed until the final proposals are published. */
export function proposalsEditable(status: ConsultationStatus): boolean {
  return status === 'draft' || status === 'amendments_open';
}

/** From publication on, the result is frozen and public (a later ratification keeps it so). */
export function hasPublishedResult(status: ConsultationStatus): boolean {
  return status === 'results_published' || status === 'ratified' || status === 'not_ratified';
}

export const STATUS_NL: Record<ConsultationStatus, string> = {
  draft: 'Concept',
  amendments_open: 'Amendementen kunnen worden ingediend',
  final_proposals_published: 'Definitieve voorstellen gepubliceerd',
  voting_open: 'Stemming geopend',
  voting_closed: 'Stemming gesloten',
  results_published: 'Uitslag gepubliceerd',
  ratified: 'Uitslag bekrachtigd',
  not_ratified: 'Uitslag niet bekrachtigd',
};

/** Every status once, in the order of the phases (the order STATUS_NL names them in). */
export const STATUS_ORDER = Object.keys(STATUS_NL) as ConsultationStatus[];
