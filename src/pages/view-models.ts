import { closedAt } from '../ballots/ballots.service';
import { VOTER_ROLES, VOTER_ROLES_NL } from '../ballots/dto/submit-ballot.dto';
import { STATUS_NL } from '../consultations/consultation-phase';
import type { ConsultationStatus } from '../consultations/consultation-phase';
import { OUTCOME_NL } from '../tallies/tallies.service';
import type { Outcome } from '../weighting';

/** When voting really closed (an early close, else the deadline), or null while it has not closed. */
export function votingClosedSince(c: { votingClosedAt: Date | null; votingDeadline: Date }): Date | null {
  return c.votingClosedAt ? closedAt(c.votingClosedAt, c.votingDeadline) : null;
}

export const KIND_NL: Record<string, string> = { alv: 'Algemene Ledenvergadering', balv: 'Buitengewone ALV', ledenraadpleging: 'Ledenraadpleging' };

export const MAIL_KIND_NL: Record<string, string> = {
  invitation: 'Stemformulier',
  reminder: 'Herinnering',
  receipt: 'Ontvangstbevestiging',
  result: 'Uitslag',
  delegation: 'Doorgegeven stemformulier',
  extension: 'Verlenging stemtermijn',
};
export const MAIL_STATUS_NL: Record<string, string> = { queued: 'wacht', sent: 'verzonden', failed: 'mislukt' };

export function statusNl(status: ConsultationStatus): string {
  return STATUS_NL[status];
}

export function outcomeNl(outcome: Outcome): string {
  return OUTCOME_NL[outcome];
}

export const voterRoleOptions = (selected?: string) => VOTER_ROLES.map((value) => ({ value, label: VOTER_ROLES_NL[value], selected: value === selected }));

export const roleNl = (role: string) => VOTER_ROLES_NL[role as keyof typeof VOTER_ROLES_NL] ?? role;
