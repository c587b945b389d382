import { STATUS_NL } from '../consultations/consultation-phase';
import type { ChainReport } from '../platform/audit/audit-chain';
import { formatDateTimeNl, formatIntegerNl } from '../platform/text/dutch-format';
import { VOTER_ROLES_NL } from '../ballots/dto/submit-ballot.dto';

/** What an audit entry's action means, in Dutch; an action without a text here is shown as its code. */
const ACTION_NL: Record<string, string> = {
  'account.created': 'Account aangemaakt',
  'account.reset': 'Toegang van een account hersteld',
  'account.signed_in': 'Ingelogd',
  'account.totp_enabled': 'Eenmalige codes aangezet',
  'members.imported': 'Ledenregister geïmporteerd',
  'member.created': 'Lid toegevoegd',
  'member.updated': 'Lid gewijzigd',
  'member.inhabitants_recorded': 'Inwonertal vastgelegd',
  'member.departed': 'Lid vertrokken',
  'weighting_scheme.created': 'Weegschema vastgelegd',
  'consultation.created': 'Raadpleging aangemaakt',
  'consultation.voting_extended': 'Stemtermijn verlengd',
  'consultation.reminders_queued': 'Herinneringen verstuurd',
  'proposal.added': 'Voorstel toegevoegd',
  'amendment.submitted': 'Amendement ingediend',
  'amendment.edited': 'Amendement gewijzigd',
  'amendment.withdrawn': 'Amendement ingetrokken',
  'amendment.cosponsor_confirmed': 'Mede-indiening van amendement bevestigd',
  'amendment.answered': 'Bestuur reageerde op amendement',
  'motion.submitted': 'Motie ingediend',
  'motion.edited': 'Motie gewijzigd',
  'motion.withdrawn': 'Motie ingetrokken',
  'motion.cosponsor_confirmed': 'Mede-indiening van motie bevestigd',
  'motion.answered': 'Bestuur reageerde op motie',
  'ballot.submitted': 'Stem uitgebracht',
  'ballot.resubmitted': 'Stem gewijzigd',
  'ballot.refused_late': 'Te late stem geweigerd',
  'ballot.delegated': 'Stemformulier doorgegeven',
  'ballot.reissued': 'Stemformulier opnieuw uitgegeven',
  'ballot.invitation_resent': 'Stemformulier opnieuw verstuurd',
  'decision.created': 'Besluit vastgelegd',
  'decision.ask_updated': 'Verzoek in besluit bijgewerkt',
  'decision.progress_recorded': 'Voortgang van besluit vastgelegd',
  'decision_letter.edited': 'Brief "Stand van zaken" bewerkt',
  'decision_letter.published': 'Brief "Stand van zaken" gepubliceerd',
  'decision_effect.attached': 'Financieel gevolg aan voorstel gekoppeld',
  'decision_effect.applied_provisionally': 'Financieel gevolg voorlopig toegepast',
  'decision_effect.not_applied': 'Financieel gevolg niet toegepast',
  'contribution_schedule.entered': 'Contributietarieven ingevoerd',
  'contribution_schedule.adopted': 'Contributietarieven vastgesteld',
  'contribution_schedule.applied_provisionally': 'Contributietarieven voorlopig toegepast',
  'contribution_schedule.withdrawn': 'Contributietarieven ingetrokken',
  'fund_budget.imported': 'Begroting collectief fonds geïmporteerd',
  'fund_budget.withdrawn': 'Begroting collectief fonds ingetrokken',
  'fund_budget.authorised': 'Uitgave collectief fonds toegekend',
  'fund_budget.spent': 'Besteding collectief fonds geboekt',
  'invoice_run.requested': 'Factuurrun gestart',
  'invoice_run.done': 'Factuurrun klaar',
  'invoice_run.failed': 'Factuurrun mislukt',
  'invoice.credited': 'Factuur gecrediteerd',
  'facility.created': 'Voorziening aangemaakt',
  'facility.updated': 'Voorziening gewijzigd',
  'facility.joined': 'Gemeente neemt deel aan voorziening',
  'facility.notice_given': 'Deelname aan voorziening opgezegd',
  'facility.users_declared': 'Gebruik van voorziening opgegeven',
  'subscriptions.arrangement_created': 'Abonnementsregeling aangemaakt',
  'subscriptions.contract_signed': 'Abonnement ondertekend',
  'subscriptions.contract_refused': 'Abonnement geweigerd',
  'subscriptions.dissolved': 'Abonnementsregeling ontbonden',
  'subscriptions.indexed': 'Abonnementstarieven geïndexeerd',
  'subscriptions.renewed': 'Abonnementsregeling verlengd',
  'subscriptions.reminders_queued': 'Herinneringen abonnementen verstuurd',
  'subscriptions.poll_answer_recorded': 'Antwoord op peiling vastgelegd',
};

/** What a subject kind is called. */
const SUBJECT_NL: Record<string, string> = {
  account: 'Account',
  ballot: 'Stemformulier',
  consultation: 'Raadpleging',
  proposal: 'Voorstel',
  amendment: 'Amendement of motie',
  member: 'Lid',
  register: 'Ledenregister',
  weighting_scheme: 'Weegschema',
  decision: 'Besluit',
  decision_effect: 'Financieel gevolg',
  decision_letter: 'Brief "Stand van zaken"',
  contribution_schedule: 'Contributietarieven',
  fund_budget: 'Begroting collectief fonds',
  invoice: 'Factuur',
  invoice_run: 'Factuurrun',
  facility: 'Voorziening',
  facility_membership: 'Deelname aan voorziening',
  subscription_arrangement: 'Abonnementsregeling',
  subscription_contract: 'Abonnement',
};

export function actionNl(action: string): string {
  const known = ACTION_NL[action];
  if (known) return known;
  // A consultation's phase changes are named after the phase it moves to (consultation.<status>).
  const phase = /^consultation\.(.+)$/.exec(action)?.[1];
  if (phase && phase in STATUS_NL) return `Raadpleging: ${STATUS_NL[phase as keyof typeof STATUS_NL].toLowerCase()}`;
  return action;
}

export function subjectNl(subjectType: string): string {
  return SUBJECT_NL[subjectType] ?? subjectType;
}

/**
 * Who did it, readable: `staff:<email>` is a person with an account (named when known),
 * `ballot:<code>:<role>:<email>` the holder of a municipality's ballot, `system…` the platform itself.
 */
export function actorNl(actor: string, staffNames: Map<string, string>): { who: string; how: string } {
  if (actor.startsWith('staff:')) {
    const email = actor.slice('staff:'.length);
    const name = staffNames.get(email);
    return { who: name ?? email, how: name ? email : 'account' };
  }
  const ballot = /^ballot:(GM\d{4}):([^:]+):(.+)$/.exec(actor);
  if (ballot)
    return { who: ballot[3], how: `stemformulier ${ballot[1]}, ${(VOTER_ROLES_NL[ballot[2] as keyof typeof VOTER_ROLES_NL] ?? ballot[2]).toLowerCase()}` };
  if (actor === 'system' || actor.startsWith('system:')) return { who: 'Het systeem', how: actor.slice('system:'.length) || 'automatisch' };
  return { who: actor, how: '' };
}

/** The outcome of the chain verification in Dutch: whole or where it breaks, and what waits to be sealed. */
export function chainReportNl(report: ChainReport): { whole: boolean; headline: string; lines: string[] } {
  const reason = (text: string) =>
    /is missing/.test(text)
      ? `die regel ontbreekt (${text.replace(/^entry (\d+) is missing$/, 'regel $1')})`
      : /previous hash/.test(text)
        ? 'de verwijzing naar de regel ervoor klopt niet: er is een regel tussengevoegd, weggehaald of verwisseld'
        : /content does not match/.test(text)
          ? 'de inhoud past niet meer bij de vastgelegde hash: de regel is na het verzegelen gewijzigd'
          : text;
  const lines: string[] = [];
  if (report.unsealed > 0) {
    lines.push(
      `${formatIntegerNl(report.unsealed)} ${report.unsealed === 1 ? 'regel wacht' : 'regels wachten'} nog op verzegeling` +
        `${report.oldestUnsealedAt ? ` (de oudste van ${formatDateTimeNl(report.oldestUnsealedAt)})` : ''}; de worker verzegelt binnen een paar seconden.`,
    );
  } else {
    lines.push('Er wachten geen regels op verzegeling.');
  }
  if (report.firstBroken) {
    return {
      whole: false,
      headline: `De keten klopt tot en met regel ${formatIntegerNl(report.entries)}. Regel ${formatIntegerNl(report.firstBroken.chainSeq)} past niet: ${reason(report.firstBroken.reason)}.`,
      lines,
    };
  }
  return {
    whole: true,
    headline:
      report.entries === 0
        ? 'Er zijn nog geen verzegelde regels om te controleren.'
        : `De keten is heel: alle ${formatIntegerNl(report.entries)} verzegelde regels kloppen (verzegeld tot en met regel ${formatIntegerNl(report.entries)}).`,
    lines,
  };
}
