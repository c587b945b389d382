import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff } from '../accounts/staff.guard';
import type { AmendmentKind } from '../amendments/amendment.entity';
import { AmendmentsService } from '../amendments/amendments.service';
import { EditAmendmentDto, SubmitAmendmentDto, SubmitMotionDto } from '../amendments/dto/amendment.dto';
import { ConsultationsService } from '../consultations/consultations.service';
import { MembersService } from '../members/members.service';
import { Clock } from '../platform/clock';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { amsterdamDate } from '../platform/text/amsterdam-time';
import { formatValue } from '../proposals/proposal-value';
import { amendmentRefusal, FIGURE_EXAMPLE, FIGURE_MESSAGE, figureForInput, KIND_WORD, parseFigure, resolveCoSponsors, SummaryEntry } from './amendment-form';
import { AmendmentModel, amendmentModel, ProposalInfo, windowOf } from './amendment-view';
import { formFields, FormBody } from '../platform/http/form-fields';
import { formErrors, messagesAt, textField } from './page-form';
import { ownMember } from './member.pages';

const id = (name = 'id') => new UuidPipe(name);
const FIELDS = ['proposalId', 'text', 'rationale', 'changedValue', 'coSponsors'];
const HOME = '/gemeente/amendementen';

const MESSAGES = (kind: AmendmentKind): Record<string, string> => ({
  proposalId: 'Kies het voorstel waarop het amendement betrekking heeft.',
  text: `Vul de tekst van ${kind === 'motion' ? 'de motie' : 'het amendement'} in (hoogstens 20.000 tekens).`,
  rationale: 'Vul de toelichting in: waarom dient uw gemeente dit in? (hoogstens 20.000 tekens)',
  changedValue: 'Vul het gewijzigde getal in als getal.',
  coSponsorCodes: 'Noem de mede-indieners met hun naam of CBS-code, één per regel.',
});

const DONE: Record<string, (a: AmendmentModel, memberName: string) => string> = {
  ingediend: (a) =>
    `Uw ${a.kindWord} is ingediend met kenmerk ${a.reference}. U krijgt een ontvangstbevestiging per e-mail.` +
    (a.coSponsors.length ? ' De mede-indieners bevestigen hun steun zelf, met een account van hun gemeente.' : ''),
  gewijzigd: (a) => `De wijzigingen in ${a.kindWord} ${a.reference} zijn opgeslagen.`,
  ingetrokken: (a) => `${a.kindTitle} ${a.reference} is ingetrokken.`,
  gesteund: (a, memberName) => `${memberName} steunt ${a.kindWord} ${a.reference} nu als mede-indiener.`,
};

interface Typed {
  proposalId: string;
  text: string;
  rationale: string;
  changedValue: string;
  coSponsors: string;
}

const typedFrom = (body: FormBody): Typed => ({
  proposalId: textField(body, 'proposalId'),
  text: textField(body, 'text'),
  rationale: textField(body, 'rationale'),
  changedValue: textField(body, 'changedValue'),
  coSponsors: textField(body, 'coSponsors'),
});

/** Errors in the order of the form's fields, one per field. */
function ordered(errors: SummaryEntry[]): SummaryEntry[] {
  const first = errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
  return first.sort((a, b) => rank(a.field) - rank(b.field));
}
const rank = (field: string) => (FIELDS.includes(field) ? FIELDS.indexOf(field) : -1);

/**
 * A member official's amendments and motions (amendementen en moties), in Dutch and without
 * JavaScript: per consultation what the municipality submitted or co-sponsors, with their state and
 * the board's answer; submitting, editing and withdrawing (after a confirmation) while the window is
 * open, and confirming support as a co-sponsor. The amendment service decides; every refusal comes
 * back in Dutch at the field or in the summary, and after the deadline the pages are read-only.
 */
@ApiExcludeController()
@Controller('gemeente/amendementen')
export class AmendmentPages {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly consultations: ConsultationsService,
    private readonly members: MembersService,
    private readonly clock: Clock,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@CurrentStaff() staff: SignedInStaff) {
    const member = await this.members.get(ownMember(staff));
    const now = this.clock.now();
    const involving = await this.amendments.listInvolving(member.id);
    const consultations = (await this.consultations.list(false)).filter(
      (c) => c.status !== 'draft' && ((c.status === 'amendments_open' && c.amendmentDeadline) || involving.some((a) => a.consultationId === c.id)),
    );
    const groups = [];
    for (const c of consultations) {
      const window = windowOf(c, now);
      const proposals = (await this.consultations.get(c.id)).proposals;
      const models = involving.filter((a) => a.consultationId === c.id).map((a) => amendmentModel(a, member, proposals, window));
      groups.push({
        id: c.id,
        title: c.title,
        reference: c.reference,
        window,
        // From publication on, the letter "Definitieve voorstellen" holds the board's answers and the ballot.
        letter: !['draft', 'amendments_open'].includes(c.status),
        own: models.filter((m) => m.own),
        supported: models.filter((m) => m.coSponsor),
      });
    }
    return this.renderer.render('member-amendments', {
      title: 'Amendementen en moties',
      signedIn: true,
      member,
      // Open windows first, then the latest consultations.
      consultations: groups.sort((a, b) => Number(b.window.open) - Number(a.window.open)),
    });
  }

  @Get('nieuw/:consultationId')
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async amendmentForm(@Param('consultationId', id('consultationId')) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderSubmit('amendment', consultationId, staff, null, []);
  }

  @Post('nieuw/:consultationId')
  @Can('amendments.submit')
  async submitAmendment(
    @Param('consultationId', id('consultationId')) consultationId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    await this.submit('amendment', consultationId, typedFrom(formFields(posted)), staff, response);
  }

  @Get('nieuwe-motie/:consultationId')
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async motionForm(@Param('consultationId', id('consultationId')) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderSubmit('motion', consultationId, staff, null, []);
  }

  @Post('nieuwe-motie/:consultationId')
  @Can('amendments.submit')
  async submitMotion(
    @Param('consultationId', id('consultationId')) consultationId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    await this.submit('motion', consultationId, typedFrom(formFields(posted)), staff, response);
  }

  @Get(':id')
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async detail(@Param('id', id()) amendmentId: string, @CurrentStaff() staff: SignedInStaff, @Query('gedaan') done?: string) {
    return this.renderDetail(amendmentId, staff, [], typeof done === 'string' ? done : null);
  }

  /** A co-sponsor's official confirms the municipality's support (AmendmentsService.confirm). */
  @Post(':id/steunen')
  @Can('amendments.submit')
  async confirm(@Param('id', id()) amendmentId: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    formFields(posted);
    const { view, member } = await this.involved(amendmentId, staff);
    try {
      await this.amendments.confirm(amendmentId, staff);
      response.redirect(303, `${HOME}/${amendmentId}?gedaan=gesteund`);
    } catch (error) {
      const refusal = amendmentRefusal(error, view.kind, member.name);
      response
        .status(refusal.status)
        .type('html')
        .send(await this.renderDetail(amendmentId, staff, refusal.errors, null));
    }
  }

  @Get(':id/wijzigen')
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async editForm(@Param('id', id()) amendmentId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderEdit(amendmentId, staff, null, []);
  }

  @Post(':id/wijzigen')
  @Can('amendments.submit')
  async edit(@Param('id', id()) amendmentId: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const typed = typedFrom(formFields(posted));
    const { view, member, proposals } = await this.own(amendmentId, staff);
    const proposal = proposals.find((p) => p.id === view.proposalId) ?? null;
    const errors: SummaryEntry[] = [];
    let changedValue: number | undefined;
    if (proposal?.valueKind) {
      if (typed.changedValue === '') {
        if (view.changedValue !== null)
          errors.push({
            field: 'changedValue',
            message: 'Vul het gewijzigde getal in. Weglaten kan niet meer: trek het amendement in en dien een nieuw in als het getal niet moet veranderen.',
          });
      } else {
        changedValue = parseFigure(proposal.valueKind, typed.changedValue);
        if (Number.isNaN(changedValue)) errors.push({ field: 'changedValue', message: FIGURE_MESSAGE[proposal.valueKind] });
      }
    }
    const dto = plainToInstance(EditAmendmentDto, { text: typed.text, rationale: typed.rationale, changedValue });
    errors.push(...formErrors(dto, MESSAGES(view.kind)));
    if (errors.length) {
      response
        .status(400)
        .type('html')
        .send(await this.renderEdit(amendmentId, staff, typed, ordered(errors)));
      return;
    }
    try {
      await this.amendments.edit(amendmentId, dto, staff);
      response.redirect(303, `${HOME}/${amendmentId}?gedaan=gewijzigd`);
    } catch (error) {
      const refusal = amendmentRefusal(error, view.kind, member.name);
      response
        .status(refusal.status)
        .type('html')
        .send(await this.renderEdit(amendmentId, staff, typed, ordered(refusal.errors)));
    }
  }

  /** Withdrawing takes two steps: this page says what will happen; only the confirmed post withdraws. */
  @Get(':id/intrekken')
  @Can('amendments.submit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async withdrawForm(@Param('id', id()) amendmentId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderWithdraw(amendmentId, staff, []);
  }

  @Post(':id/intrekken')
  @Can('amendments.submit')
  async withdraw(@Param('id', id()) amendmentId: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const { view, member } = await this.own(amendmentId, staff);
    if (textField(body, 'confirmed') !== 'ja') {
      response
        .status(200)
        .type('html')
        .send(await this.renderWithdraw(amendmentId, staff, []));
      return;
    }
    try {
      await this.amendments.withdraw(amendmentId, staff);
      response.redirect(303, `${HOME}/${amendmentId}?gedaan=ingetrokken`);
    } catch (error) {
      const refusal = amendmentRefusal(error, view.kind, member.name);
      response
        .status(refusal.status)
        .type('html')
        .send(await this.renderWithdraw(amendmentId, staff, refusal.errors));
    }
  }

  private async submit(kind: AmendmentKind, consultationId: string, typed: Typed, staff: SignedInStaff, response: Response): Promise<void> {
    const memberId = ownMember(staff);
    const member = await this.members.get(memberId);
    const c = await this.consultationFor(consultationId);
    const errors: SummaryEntry[] = [];
    let changedValue: number | undefined;
    if (kind === 'amendment') {
      const proposal = c.proposals.find((p) => p.id === typed.proposalId);
      if (!proposal) errors.push({ field: 'proposalId', message: MESSAGES(kind).proposalId });
      if (proposal && typed.changedValue !== '') {
        if (!proposal.valueKind) {
          errors.push({ field: 'changedValue', message: `Voorstel ${proposal.number} heeft geen getal dat een amendement kan wijzigen. Laat dit veld leeg.` });
        } else {
          changedValue = parseFigure(proposal.valueKind, typed.changedValue);
          if (Number.isNaN(changedValue)) errors.push({ field: 'changedValue', message: FIGURE_MESSAGE[proposal.valueKind] });
        }
      }
    }
    const register = await this.members.listOn(amsterdamDate(this.clock.now()));
    const coSponsors = resolveCoSponsors(typed.coSponsors, register, memberId);
    if (coSponsors.error) errors.push({ field: 'coSponsors', message: coSponsors.error });
    const input = {
      text: typed.text,
      rationale: typed.rationale,
      coSponsorCodes: coSponsors.codes.length ? coSponsors.codes : undefined,
      ...(kind === 'amendment' ? { proposalId: typed.proposalId, changedValue } : {}),
    };
    const dto = kind === 'amendment' ? plainToInstance(SubmitAmendmentDto, input) : plainToInstance(SubmitMotionDto, input);
    errors.push(...formErrors(dto, MESSAGES(kind)).map((e) => (e.field === 'coSponsorCodes' ? { ...e, field: 'coSponsors' } : e)));
    if (errors.length) {
      response
        .status(400)
        .type('html')
        .send(await this.renderSubmit(kind, consultationId, staff, typed, ordered(errors)));
      return;
    }
    try {
      const created =
        kind === 'amendment'
          ? await this.amendments.submit(consultationId, dto as SubmitAmendmentDto, staff)
          : await this.amendments.submitMotion(consultationId, dto, staff);
      response.redirect(303, `${HOME}/${created.id}?gedaan=ingediend`);
    } catch (error) {
      const refusal = amendmentRefusal(error, kind, member.name);
      response
        .status(refusal.status)
        .type('html')
        .send(await this.renderSubmit(kind, consultationId, staff, typed, ordered(refusal.errors)));
    }
  }

  /** A consultation as its members know it: a draft is not theirs to see yet. */
  private async consultationFor(consultationId: string) {
    const c = await this.consultations.get(consultationId);
    if (c.status === 'draft') throw DomainError.notFound('consultation', consultationId);
    return c;
  }

  /** An amendment the official's municipality submitted or co-sponsors; any other is not found on these pages. */
  private async involved(amendmentId: string, staff: SignedInStaff) {
    const member = await this.members.get(ownMember(staff));
    const view = await this.amendments.get(amendmentId);
    if (view.memberId !== member.id && !view.coSponsors.some((c) => c.memberCode === member.cbsCode)) throw DomainError.notFound('amendment', amendmentId);
    const c = await this.consultationFor(view.consultationId);
    const window = windowOf(c, this.clock.now());
    return { member, view, consultation: c, proposals: c.proposals as ProposalInfo[], window, model: amendmentModel(view, member, c.proposals, window) };
  }

  /** Only the submitting municipality edits or withdraws; a co-sponsor gets "Geen toegang". */
  private async own(amendmentId: string, staff: SignedInStaff) {
    const found = await this.involved(amendmentId, staff);
    if (!found.model.own) throw new DomainError('FORBIDDEN', 'only officials of the submitting member can change it');
    return found;
  }

  private async renderSubmit(kind: AmendmentKind, consultationId: string, staff: SignedInStaff, typed: Typed | null, errors: SummaryEntry[]) {
    const member = await this.members.get(ownMember(staff));
    const c = await this.consultationFor(consultationId);
    const window = windowOf(c, this.clock.now());
    const form = typed ?? { proposalId: '', text: '', rationale: '', changedValue: '', coSponsors: '' };
    const proposals = c.proposals.filter((p) => !p.originMotionId);
    const withFigure = proposals.filter((p) => p.valueKind && p.value !== null);
    const word = KIND_WORD[kind];
    return this.renderer.render('member-amendment-form', {
      title: `${errors.length ? 'Fout: ' : ''}${kind === 'motion' ? 'Motie' : 'Amendement'} indienen`,
      signedIn: true,
      heading: `${kind === 'motion' ? 'Motie' : 'Amendement'} indienen`,
      member,
      consultation: { id: c.id, title: c.title, reference: c.reference },
      window,
      formOpen: window.open,
      action: `${HOME}/${kind === 'motion' ? 'nieuwe-motie' : 'nieuw'}/${c.id}`,
      isMotion: kind === 'motion',
      isNew: true,
      word,
      form,
      errors,
      ...messagesAt(errors, FIELDS),
      proposals: proposals.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        figure: p.valueKind && p.value !== null ? `${p.valueLabel ?? 'getal'}: ${formatValue(p.valueKind, p.value)}` : null,
        checked: p.id === form.proposalId,
      })),
      figureHints: withFigure.map(
        (p) => `voorstel ${p.number} (${p.valueLabel ?? 'getal'}, nu ${formatValue(p.valueKind!, p.value!)}): ${FIGURE_EXAMPLE[p.valueKind!]}`,
      ),
      showFigure: kind === 'amendment' && withFigure.length > 0,
      submitLabel: `${kind === 'motion' ? 'Motie' : 'Amendement'} indienen`,
    });
  }

  private async renderEdit(amendmentId: string, staff: SignedInStaff, typed: Typed | null, errors: SummaryEntry[]) {
    const { member, view, model, consultation, proposals, window } = await this.own(amendmentId, staff);
    const proposal = proposals.find((p) => p.id === view.proposalId) ?? null;
    const kind = proposal?.valueKind ?? null;
    const form = typed ?? {
      proposalId: view.proposalId ?? '',
      text: view.text,
      rationale: view.rationale,
      changedValue: kind && view.changedValue !== null ? figureForInput(kind, view.changedValue) : '',
      coSponsors: '',
    };
    return this.renderer.render('member-amendment-form', {
      title: `${errors.length ? 'Fout: ' : ''}${model.kindTitle} ${view.reference} wijzigen`,
      signedIn: true,
      heading: `${model.kindTitle} ${view.reference} wijzigen`,
      consultation: { id: consultation.id, title: consultation.title, reference: consultation.reference },
      window,
      member,
      // After the deadline, or once withdrawn or answered, the form is not offered: the amendment's page shows it read-only.
      formOpen: model.canChange,
      amendment: model,
      action: `${HOME}/${view.id}/wijzigen`,
      isMotion: view.kind === 'motion',
      isNew: false,
      word: model.kindWord,
      form,
      errors,
      ...messagesAt(errors, FIELDS),
      showFigure: kind !== null,
      figureHints:
        kind && proposal
          ? [`voorstel ${proposal.number} (${proposal.valueLabel ?? 'getal'}, nu ${formatValue(kind, proposal.value!)}): ${FIGURE_EXAMPLE[kind]}`]
          : [],
      submitLabel: 'Wijzigingen opslaan',
    });
  }

  private async renderDetail(amendmentId: string, staff: SignedInStaff, errors: SummaryEntry[], done: string | null) {
    const { member, model, consultation, window } = await this.involved(amendmentId, staff);
    return this.renderer.render('member-amendment', {
      title: `${errors.length ? 'Fout: ' : ''}${model.kindTitle} ${model.reference}`,
      signedIn: true,
      member,
      amendment: model,
      consultation: { id: consultation.id, title: consultation.title, reference: consultation.reference },
      window,
      errors,
      notice: done && DONE[done] ? DONE[done](model, member.name) : null,
    });
  }

  private async renderWithdraw(amendmentId: string, staff: SignedInStaff, errors: SummaryEntry[]) {
    const { member, model, consultation, window } = await this.own(amendmentId, staff);
    return this.renderer.render('member-amendment-withdraw', {
      title: `${errors.length ? 'Fout: ' : ''}${model.kindTitle} ${model.reference} intrekken`,
      signedIn: true,
      member,
      amendment: model,
      consultation: { id: consultation.id, title: consultation.title },
      window,
      errors,
    });
  }
}
