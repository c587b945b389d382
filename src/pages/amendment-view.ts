import type { AmendmentResponse } from '../amendments/amendment.entity';
import type { AmendmentView } from '../amendments/amendments.service';
import type { ConsultationStatus } from '../consultations/consultation-phase';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { formatValue } from '../proposals/proposal-value';
import type { ValueKind } from '../proposals/proposal.entity';
import { KIND_WORD } from './amendment-form';

/** The board's answer as a member official reads it: the verdict and what follows from it. */
const ANSWER_NL: Record<AmendmentResponse, { verdict: string; meaning: string }> = {
  adopt: { verdict: 'Overgenomen', meaning: 'Het bestuur neemt het amendement over: het voorstel zelf is aangepast.' },
  not_adopt: { verdict: 'Niet overgenomen', meaning: 'Het amendement komt als alternatief op het stemformulier; de leden beslissen.' },
  inadmissible: { verdict: 'Niet ontvankelijk', meaning: 'Het bestuur verklaart het amendement niet ontvankelijk; er wordt niet over gestemd.' },
  advise_adopt: { verdict: 'Preadvies: aannemen', meaning: 'Het bestuur adviseert de leden de motie aan te nemen.' },
  advise_reject: { verdict: 'Preadvies: verwerpen', meaning: 'Het bestuur adviseert de leden de motie te verwerpen.' },
  advise_hold_over: { verdict: 'Preadvies: aanhouden', meaning: 'Het bestuur adviseert de motie aan te houden; de leden stemmen over dat advies.' },
};

/** The consultation's amendment window as the pages need it. */
export interface AmendmentWindow {
  open: boolean;
  deadline: Date | null;
  /** When it is closed: why, in Dutch. */
  closedNl: string | null;
}

export function windowOf(c: { status: ConsultationStatus; amendmentDeadline: Date | null }, now: Date): AmendmentWindow {
  const deadline = c.amendmentDeadline;
  if (c.status === 'amendments_open' && deadline && now < deadline) return { open: true, deadline, closedNl: null };
  let closedNl: string;
  if (c.status === 'amendments_open' && deadline) {
    closedNl = `De termijn voor amendementen en moties is verstreken op ${formatDateTimeNl(deadline)}. Het bestuur bereidt zijn reactie voor.`;
  } else if (c.status === 'draft') {
    closedNl = 'De termijn voor amendementen en moties is nog niet geopend.';
  } else if (deadline) {
    closedNl = `De termijn voor amendementen en moties is verstreken op ${formatDateTimeNl(deadline)}; de definitieve voorstellen zijn gepubliceerd.`;
  } else {
    closedNl = 'Bij deze raadpleging konden geen amendementen of moties worden ingediend.';
  }
  return { open: false, deadline, closedNl };
}

export interface ProposalInfo {
  id: string;
  number: number;
  title: string;
  valueLabel: string | null;
  valueKind: ValueKind | null;
  value: string | null;
}

/** One amendment or motion as the member official's pages show it, with what this municipality may do with it. */
export function amendmentModel(a: AmendmentView, member: { id: string; cbsCode: string }, proposals: ProposalInfo[], window: AmendmentWindow) {
  const proposal = proposals.find((p) => p.id === a.proposalId) ?? null;
  const own = a.memberId === member.id;
  const mine = a.coSponsors.find((c) => c.memberCode === member.cbsCode) ?? null;
  const live = a.status === 'submitted' && !a.response;
  const answer = a.response ? ANSWER_NL[a.response] : null;
  const figure = (value: string | null) => (proposal?.valueKind && value !== null ? formatValue(proposal.valueKind, value) : null);
  let statusNl: string;
  let badge: string;
  if (a.status === 'withdrawn') {
    statusNl = `Ingetrokken op ${formatDateTimeNl(a.withdrawnAt ?? a.updatedAt)}`;
    badge = 'Ingetrokken';
  } else if (a.response) {
    statusNl = `Beantwoord door het bestuur${a.respondedAt ? ` op ${formatDateTimeNl(a.respondedAt)}` : ''}`;
    badge = 'Beantwoord';
  } else if (window.open) {
    statusNl = `Ingediend; wijzigen en intrekken kan tot ${formatDateTimeNl(window.deadline!)}`;
    badge = 'Ingediend';
  } else {
    statusNl = 'Ingediend; wacht op de reactie van het bestuur';
    badge = 'Ingediend';
  }
  return {
    id: a.id,
    reference: a.reference,
    kind: a.kind,
    kindWord: KIND_WORD[a.kind],
    kindTitle: a.kind === 'motion' ? 'Motie' : 'Amendement',
    isMotion: a.kind === 'motion',
    proposal: proposal ? { number: proposal.number, title: proposal.title } : null,
    submitter: a.coSponsors.some((c) => c.confirmed) ? `${a.memberName} c.s.` : a.memberName,
    memberName: a.memberName,
    coSponsors: a.coSponsors.map((c) => ({ ...c, isMe: c.memberCode === member.cbsCode })),
    text: a.text,
    rationale: a.rationale,
    figure:
      proposal?.valueKind && a.changedValue !== null
        ? { label: proposal.valueLabel ?? 'getal', from: figure(proposal.value), to: figure(a.changedValue) }
        : null,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt.getTime() !== a.submittedAt.getTime() ? a.updatedAt : null,
    statusNl,
    badge,
    badgeClass: a.status === 'withdrawn' ? 'member-badge--withdrawn' : a.response ? 'member-badge--answered' : 'member-badge--submitted',
    withdrawn: a.status === 'withdrawn',
    answer: answer && { ...answer, reasoning: a.responseReasoning, purport: a.purport },
    own,
    coSponsor: mine !== null,
    myConfirmed: mine?.confirmed ?? false,
    canChange: own && live && window.open,
    canConfirm: mine !== null && !mine.confirmed && a.status === 'submitted' && window.open,
  };
}

export type AmendmentModel = ReturnType<typeof amendmentModel>;
