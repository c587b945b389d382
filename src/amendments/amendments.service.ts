import { Injectable } from '@nestjs/common';
import { SignedInStaff } from '../accounts/accounts.service';
import { staffActor } from '../accounts/staff-actor';
import { FinancialImpactService } from '../finance/financial-impact.service';
import { MembersService } from '../members/members.service';
import { AuditService } from '../platform/audit/audit.service';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { Clock } from '../platform/clock';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { formatDateNl, formatDateTimeNl } from '../platform/text/dutch-format';
import { ProposalsService, ProposalWithChoices } from '../proposals/proposals.service';
import { checkValue, formatValue } from '../proposals/proposal-value';
import { Amendment, AmendmentKind, AmendmentResponse } from './amendment.entity';
import { AmendmentRow, AmendmentsRepository, DefinitiveLetter } from './amendments.repository';
import { EditAmendmentDto, RespondDto, SubmitAmendmentDto, SubmitMotionDto } from './dto/amendment.dto';
import { joinDutch, submitterName } from './submitters';

export const RESPONSE_NL: Record<AmendmentResponse, string> = {
  adopt: 'overgenomen',
  not_adopt: 'niet overgenomen',
  inadmissible: 'niet ontvankelijk',
  advise_adopt: 'preadvies: aannemen',
  advise_reject: 'preadvies: verwerpen',
  advise_hold_over: 'preadvies: aanhouden',
};

export type { DefinitiveLetter } from './amendments.repository';

/** An amendment or motion with its submitter, its proposal's number and its co-sponsors, named. */
export interface AmendmentView extends Amendment {
  memberName: string;
  memberCode: string;
  proposalNumber: number | null;
  /** In the order of their names. */
  coSponsors: { memberCode: string; memberName: string; confirmed: boolean }[];
}

export interface FinalizingConsultation {
  id: string;
  title: string;
  reference: string | null;
  votingDeadline: Date;
}

/** Amendments and motions: submitted by member officials in the window, answered by the board. */
@Injectable()
export class AmendmentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: AmendmentsRepository,
    private readonly proposals: ProposalsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly clock: Clock,
    private readonly financialImpact: FinancialImpactService,
  ) {}

  /** The ids of the consultation's amendments and motions (the audit trail's subjects of them). */
  idsOf(consultationId: string): Promise<string[]> {
    return this.repository.idsOf(consultationId);
  }

  async list(consultationId: string): Promise<AmendmentView[]> {
    return this.named(await this.repository.listFor(consultationId));
  }

  /** One amendment or motion with its submitter and co-sponsors (the pages check whose it is). */
  async get(id: string): Promise<AmendmentView> {
    const row = await this.repository.rowById(id);
    if (!row) throw DomainError.notFound('amendment', id);
    return (await this.named([row]))[0];
  }

  /** Every amendment and motion a municipality submitted or was named as co-sponsor of (a member official's pages). */
  async listInvolving(memberId: string): Promise<AmendmentView[]> {
    return this.named(await this.repository.listInvolving(memberId));
  }

  submit(consultationId: string, input: SubmitAmendmentDto, account: SignedInStaff, receivedAt = this.clock.now()): Promise<Amendment> {
    return this.create(consultationId, 'amendment', input, account, receivedAt);
  }

  submitMotion(consultationId: string, input: SubmitMotionDto, account: SignedInStaff, receivedAt = this.clock.now()): Promise<Amendment> {
    return this.create(consultationId, 'motion', { ...input, proposalId: null }, account, receivedAt);
  }

  async edit(id: string, input: EditAmendmentDto, account: SignedInStaff, receivedAt = this.clock.now()): Promise<Amendment> {
    return this.tx.run(async () => {
      const amendment = await this.ownLive(id, account, receivedAt);
      let changedValue = amendment.changedValue;
      if (input.changedValue !== undefined) {
        const proposal = await this.proposals.get(amendment.proposalId!);
        changedValue = checkValue('changedValue', proposal.valueKind, input.changedValue);
      }
      const changes = {
        text: input.text?.trim() ?? amendment.text,
        rationale: input.rationale?.trim() ?? amendment.rationale,
        changedValue,
        updatedAt: receivedAt,
      };
      await this.repository.update(id, changes);
      await this.audit.record({
        actor: staffActor(account),
        action: `${amendment.kind}.edited`,
        subjectType: amendment.kind,
        subjectId: id,
        details: {
          reference: amendment.reference,
          before: { text: amendment.text, rationale: amendment.rationale, changedValue: amendment.changedValue },
          after: changes,
        },
      });
      return { ...amendment, ...changes };
    });
  }

  async withdraw(id: string, account: SignedInStaff, receivedAt = this.clock.now()): Promise<Amendment> {
    return this.tx.run(async () => {
      const amendment = await this.ownLive(id, account, receivedAt);
      await this.repository.update(id, { status: 'withdrawn', withdrawnAt: receivedAt, updatedAt: receivedAt });
      await this.audit.record({
        actor: staffActor(account),
        action: `${amendment.kind}.withdrawn`,
        subjectType: amendment.kind,
        subjectId: id,
        details: { reference: amendment.reference },
      });
      return { ...amendment, status: 'withdrawn', withdrawnAt: receivedAt };
    });
  }

  /** A co-sponsor confirms through an account of its own municipality, while the window is open. */
  async confirm(id: string, account: SignedInStaff, receivedAt = this.clock.now()): Promise<void> {
    await this.tx.run(async () => {
      const amendment = await this.repository.lockById(id);
      if (!amendment) throw DomainError.notFound('amendment', id);
      if (!account.memberId || !(await this.repository.isCosponsor(id, account.memberId))) {
        throw new DomainError('FORBIDDEN', 'only an official of a co-sponsoring member can confirm');
      }
      await this.assertWindowOpen(amendment.consultationId, receivedAt);
      if (amendment.status !== 'submitted') throw new DomainError('NOT_EDITABLE', `${amendment.reference} was withdrawn`);
      if (!(await this.repository.confirmCosponsor(id, account.memberId, account.id, receivedAt))) throw new DomainError('DUPLICATE', 'already confirmed');
      await this.audit.record({
        actor: staffActor(account),
        action: `${amendment.kind}.cosponsor_confirmed`,
        subjectType: amendment.kind,
        subjectId: id,
        details: { reference: amendment.reference },
      });
    });
  }

  /** The board's reasoned answer; adopting changes the proposal into a new version. A response is final. */
  async respond(id: string, input: RespondDto, actor: string, now = this.clock.now()): Promise<Amendment> {
    return this.tx.run(async () => {
      const amendment = await this.repository.lockById(id);
      if (!amendment) throw DomainError.notFound('amendment', id);
      const window = await this.repository.lockWindow(amendment.consultationId);
      if (window?.status !== 'amendments_open') throw new DomainError('NOT_EDITABLE', 'the final proposals are published; responses are frozen');
      if (amendment.status !== 'submitted') throw new DomainError('NOT_EDITABLE', `${amendment.reference} was withdrawn`);
      if (amendment.response) throw new DomainError('NOT_EDITABLE', `${amendment.reference} has been answered already`);
      const forMotion = input.response.startsWith('advise_');
      if (forMotion !== (amendment.kind === 'motion')) {
        throw DomainError.invalid(
          'response',
          amendment.kind === 'motion'
            ? 'a motion gets advice: advise_adopt, advise_reject or advise_hold_over'
            : 'an amendment is adopted, not adopted or inadmissible',
        );
      }
      if (input.purport && input.response !== 'not_adopt')
        throw DomainError.invalid('purport', 'only amendments that are not adopted are grouped on the ballot');
      if (input.response === 'adopt') {
        const proposal = await this.proposals.get(amendment.proposalId!);
        await this.proposals.revise(
          proposal.id,
          {
            title: proposal.title,
            summary: `${proposal.summary}${proposal.summary ? '\n\n' : ''}Gewijzigd door amendement ${amendment.reference}: ${amendment.text}`,
            value: amendment.changedValue ?? proposal.value,
          },
          `amendment ${amendment.reference} adopted`,
        );
      }
      const changes = { response: input.response, responseReasoning: input.reasoning.trim(), purport: input.purport?.trim() ?? null, respondedAt: now };
      await this.repository.update(id, changes);
      await this.audit.record({
        actor,
        action: `${amendment.kind}.answered`,
        subjectType: amendment.kind,
        subjectId: id,
        details: { reference: amendment.reference, ...input },
      });
      return { ...amendment, ...changes };
    });
  }

  /**
   * Called in the transaction that publishes the final proposals: every amendment and motion must be
   * answered; the ballot questions follow from the answers and the letter is frozen.
   */
  async finalize(consultation: FinalizingConsultation, actor: string, now: Date): Promise<DefinitiveLetter> {
    const all = (await this.list(consultation.id)).filter((a) => a.status === 'submitted');
    const unanswered = all.filter((a) => !a.response);
    if (unanswered.length) throw new DomainError('NOT_EDITABLE', `the board has not answered ${unanswered.map((a) => a.reference).join(', ')}`);
    const name = (a: AmendmentView) => submitterName(a.memberName, a.coSponsors);

    for (const proposal of await this.proposals.listFor(consultation.id)) {
      const alternatives = all.filter((a) => a.proposalId === proposal.id && a.response === 'not_adopt');
      if (alternatives.length) await this.proposals.replaceChoices(proposal.id, 'alternatives', this.alternativeChoices(proposal, alternatives, name));
    }
    let next = (await this.proposals.listFor(consultation.id)).reduce((max, p) => Math.max(max, p.number), 0);
    const motions = all.filter((a) => a.kind === 'motion');
    const motionQuestions: DefinitiveLetter['motions'] = [];
    for (const motion of motions) {
      const holdOver = motion.response === 'advise_hold_over';
      const short = motion.text.length > 90 ? `${motion.text.slice(0, 87)}…` : motion.text;
      const title = holdOver ? `Preadvies bestuur: motie ${name(motion)} aanhouden` : `Motie ${name(motion)}: ${short}`;
      await this.proposals.add(
        consultation.id,
        {
          number: ++next,
          title,
          questionType: 'for_against',
          originMotionId: motion.id,
          summary: `${motion.text}\n\nPreadvies bestuur (${RESPONSE_NL[motion.response!]}): ${motion.responseReasoning}`,
        },
        actor,
      );
      motionQuestions.push({
        reference: motion.reference,
        submitters: name(motion),
        text: motion.text,
        advice: RESPONSE_NL[motion.response!],
        reasoning: motion.responseReasoning!,
        question: title,
      });
    }

    const letterProposals: DefinitiveLetter['proposals'] = [];
    for (const p of (await this.proposals.listFor(consultation.id)).filter((x) => !x.originMotionId)) {
      letterProposals.push({
        number: p.number,
        title: p.title,
        summary: p.summary,
        value: p.valueKind && p.value !== null ? `${p.valueLabel} ${formatValue(p.valueKind, p.value)}` : null,
        version: (await this.proposals.versions(p.id)).length,
        amendments: all
          .filter((a) => a.proposalId === p.id)
          .map((a) => ({
            reference: a.reference,
            submitters: name(a),
            text: a.text,
            rationale: a.rationale,
            changedValue: a.changedValue !== null && p.valueKind ? formatValue(p.valueKind, a.changedValue) : null,
            response: RESPONSE_NL[a.response!],
            reasoning: a.responseReasoning!,
          })),
        choices: p.choices.map((c) => c.label),
      });
    }
    const letter: DefinitiveLetter = {
      reference: consultation.reference ?? '',
      date: formatDateNl(now),
      consultationTitle: consultation.title,
      votingDeadline: formatDateTimeNl(consultation.votingDeadline),
      proposals: letterProposals,
      motions: motionQuestions,
      financialImpact: await this.financialImpact.forConsultation(consultation.id),
    };
    await this.repository.insertLetter(consultation.id, letter.reference, letter, now);
    return letter;
  }

  async letter(consultationId: string) {
    const letter = await this.repository.letter(consultationId);
    if (!letter) throw DomainError.notFound('letter "Definitieve voorstellen" of consultation', consultationId);
    return letter;
  }

  /**
   * Names the members (submitter, co-sponsors) and the proposals of the rows through their modules'
   * services, and orders the rows by kind, proposal number (motions last) and reference.
   */
  private async named(rows: AmendmentRow[]): Promise<AmendmentView[]> {
    if (rows.length === 0) return [];
    // In the order of their names: the co-sponsors are listed in that order.
    const members = await this.members.listByIds(rows.flatMap((r) => [r.memberId, ...r.coSponsors.map((c) => c.memberId)]));
    const order = new Map(members.map((m, i) => [m.id, i]));
    const member = new Map(members.map((m) => [m.id, m]));
    const numbers = new Map((await this.proposals.listByIds(rows.flatMap((r) => (r.proposalId ? [r.proposalId] : [])))).map((p) => [p.id, p.number]));
    const views = rows.map(({ coSponsors, ...row }) => ({
      ...row,
      memberName: member.get(row.memberId)!.name,
      memberCode: member.get(row.memberId)!.cbsCode,
      proposalNumber: row.proposalId ? numbers.get(row.proposalId)! : null,
      coSponsors: [...coSponsors]
        .sort((a, b) => order.get(a.memberId)! - order.get(b.memberId)!)
        .map((c) => ({ memberCode: member.get(c.memberId)!.cbsCode, memberName: member.get(c.memberId)!.name, confirmed: c.confirmed })),
    }));
    // The rows come by kind and reference; a stable sort puts each kind's amendments in proposal order, motions last.
    const number = (v: AmendmentView) => v.proposalNumber ?? Number.MAX_SAFE_INTEGER;
    return views.sort((a, b) => (a.kind === b.kind ? number(a) - number(b) : a.kind < b.kind ? -1 : 1));
  }

  /** Board proposal, one choice per purport naming all its submitters, against, abstain. */
  private alternativeChoices(proposal: ProposalWithChoices, alternatives: AmendmentView[], name: (a: AmendmentView) => string) {
    const groups = new Map<string, AmendmentView[]>();
    for (const a of alternatives) groups.set(a.purport ?? a.id, [...(groups.get(a.purport ?? a.id) ?? []), a]);
    const figure = (value: string | null) => (proposal.valueKind && value !== null ? ` (${formatValue(proposal.valueKind, value)})` : '');
    const variants = [...groups.values()].map((group) => {
      const values = new Set(group.map((a) => a.changedValue));
      if (values.size > 1)
        throw new DomainError('NOT_EDITABLE', `amendments ${group.map((a) => a.reference).join(', ')} share a purport but change the figure differently`);
      return {
        label: `Geamendeerd voorstel ${joinDutch(group.map(name))}${figure(group[0].changedValue)}`,
        kind: 'variant' as const,
        value: group[0].changedValue,
      };
    });
    return [
      { label: `Voorstel bestuur${figure(proposal.value)}`, kind: 'variant' as const, value: proposal.value },
      ...variants,
      { label: variants.length === 1 ? 'Tegen beide voorstellen' : 'Tegen alle voorstellen', kind: 'against' as const },
      { label: 'Onthouding', kind: 'abstain' as const },
    ];
  }

  private async create(
    consultationId: string,
    kind: AmendmentKind,
    input: SubmitMotionDto & { proposalId: string | null; changedValue?: number },
    account: SignedInStaff,
    receivedAt: Date,
  ): Promise<Amendment> {
    if (!account.memberId) throw new DomainError('FORBIDDEN', 'only a member official submits amendments and motions');
    return this.tx.run(async () => {
      const window = await this.assertWindowOpen(consultationId, receivedAt);
      let changedValue: string | null = null;
      let proposalNumber = 0;
      if (input.proposalId) {
        const proposal = await this.proposals.get(input.proposalId).catch(() => null);
        if (!proposal || proposal.consultationId !== consultationId) throw DomainError.invalid('proposalId', 'is not a proposal of this consultation');
        changedValue = checkValue('changedValue', proposal.valueKind, input.changedValue);
        proposalNumber = proposal.number;
      }
      const codes = input.coSponsorCodes ?? [];
      if (new Set(codes).size !== codes.length) throw DomainError.invalid('coSponsorCodes', 'names a member twice');
      const coSponsors = await this.members.listByCodes(codes);
      codes.forEach((code, i) => {
        const member = coSponsors.find((m) => m.cbsCode === code);
        if (!member) throw DomainError.invalid(`coSponsorCodes[${i}]`, `${code} is not a member`);
        if (member.id === account.memberId) throw DomainError.invalid(`coSponsorCodes[${i}]`, 'the submitting member cannot co-sponsor itself');
      });
      // Amendments to one proposal are numbered one after another: the proposal is held until commit.
      if (input.proposalId) await this.proposals.lock(input.proposalId);
      const sequence = await this.repository.nextSequence(consultationId, input.proposalId);
      const reference =
        kind === 'amendment'
          ? `AM-${window.year}-${String(proposalNumber).padStart(3, '0')}-${String(sequence).padStart(2, '0')}`
          : `MO-${window.year}-${String(sequence).padStart(3, '0')}`;
      const amendment = await this.repository.insert(
        {
          consultationId,
          proposalId: input.proposalId,
          kind,
          reference,
          memberId: account.memberId!,
          submittedBy: account.id,
          text: input.text.trim(),
          rationale: input.rationale.trim(),
          changedValue,
          status: 'submitted',
          response: null,
          responseReasoning: null,
          purport: null,
          respondedAt: null,
          submittedAt: receivedAt,
          updatedAt: receivedAt,
          withdrawnAt: null,
        },
        coSponsors.map((m) => m.id),
      );
      await this.audit.record({
        actor: staffActor(account),
        action: `${kind}.submitted`,
        subjectType: kind,
        subjectId: amendment.id,
        details: { reference, proposalId: input.proposalId, coSponsors: codes, changedValue },
      });
      await this.mail.queue({
        key: `${kind}-received:${amendment.id}`,
        kind: `${kind}-received`,
        to: account.email,
        template: 'amendment-received',
        memberId: account.memberId,
        consultationId,
        context: {
          soort: kind === 'amendment' ? 'amendement' : 'motie',
          kenmerk: reference,
          ontvangen: receivedAt.toISOString(),
          deadline: window.amendmentDeadline,
          tekst: amendment.text,
          naam: account.name,
        },
      });
      return amendment;
    });
  }

  /** The submitter's own amendment, still open for change. */
  private async ownLive(id: string, account: SignedInStaff, receivedAt: Date): Promise<Amendment> {
    const amendment = await this.repository.lockById(id);
    if (!amendment) throw DomainError.notFound('amendment', id);
    if (amendment.memberId !== account.memberId) throw new DomainError('FORBIDDEN', 'only officials of the submitting member can change it');
    await this.assertWindowOpen(amendment.consultationId, receivedAt);
    if (amendment.status !== 'submitted') throw new DomainError('NOT_EDITABLE', `${amendment.reference} was withdrawn`);
    if (amendment.response) throw new DomainError('NOT_EDITABLE', `${amendment.reference} has been answered by the board`);
    return amendment;
  }

  /** The window is checked in the write's own transaction, against the time the server received it. */
  private async assertWindowOpen(consultationId: string, receivedAt: Date) {
    const window = await this.repository.lockWindow(consultationId);
    if (!window) throw DomainError.notFound('consultation', consultationId);
    if (window.status !== 'amendments_open' || !window.amendmentDeadline)
      throw new DomainError('DEADLINE_PASSED', 'amendments and motions cannot be submitted in this phase of the consultation');
    if (receivedAt >= window.amendmentDeadline) {
      throw new DomainError(
        'DEADLINE_PASSED',
        `amendments and motions were due by ${formatDateTimeNl(window.amendmentDeadline)} (Europe/Amsterdam); received ${receivedAt.toISOString()}`,
      );
    }
    return window;
  }
}
