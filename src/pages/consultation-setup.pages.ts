import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { proposalsEditable } from '../consultations/consultation-phase';
import { ConsultationsService } from '../consultations/consultations.service';
import { CreateConsultationDto } from '../consultations/dto/create-consultation.dto';
import { Clock } from '../platform/clock';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatDateNl } from '../platform/text/dutch-format';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { deadlineFrom, doneMessage, formRefusal, todayInAmsterdam } from './board-kit';
import { FormBody, formFields } from '../platform/http/form-fields';
import { FieldMessage, formErrors, messagesAt, textField } from './page-form';
import { KIND_NL, statusNl } from './view-models';

const CONSULTATION_FIELDS = [
  'kind',
  'title',
  'reference',
  'referenceDate',
  'weightingSchemeId',
  'amendmentDeadline',
  'votingDeadline',
  'reminderHoursBefore',
  'secrecy',
];

const CONSULTATION_MESSAGES: Record<string, string> = {
  kind: 'Kies de soort raadpleging.',
  title: 'Vul de titel in (hoogstens 300 tekens).',
  reference: 'Het kenmerk is hoogstens 60 tekens lang.',
  referenceDate: 'Vul de peildatum in als een bestaande datum.',
  weightingSchemeId: 'Kies een wegingsschema.',
  amendmentDeadline: 'Vul de datum en de tijd in waarop de termijn voor amendementen sluit, of laat beide leeg.',
  votingDeadline: 'Vul de datum en de tijd in waarop de stemming sluit.',
  reminderHoursBefore: 'Vul hele aantallen uren in van 1 tot 2160, gescheiden door komma’s, of laat het veld leeg.',
  secrecy: 'Kies of de stemmen openbaar zijn.',
};

const PROPOSAL_FIELDS = [
  'title',
  'summary',
  'kind',
  'ratifiesConsultationId',
  'questionType',
  'variants',
  'valueLabel',
  'valueKind',
  'value',
  'threshold',
  'quorum',
];

const PROPOSAL_MESSAGES: Record<string, string> = {
  title: 'Vul de titel van het voorstel in (hoogstens 300 tekens).',
  summary: 'De samenvatting is hoogstens 20.000 tekens lang.',
  kind: 'Kies de soort voorstel.',
  ratifiesConsultationId: 'Kies een raadpleging met een gepubliceerde uitslag.',
  questionType: 'Kies de stemvraag.',
  variants: 'Vul bij alternatieven minstens twee varianten in, elk met een eigen naam.',
  value: 'Vul het getal in (een percentage met hoogstens twee decimalen, een bedrag in euro of een geheel getal).',
  valueLabel: 'Geef het getal een naam, bijvoorbeeld "contributieverhoging".',
  valueKind: 'Kies wat voor getal het is.',
  rule: 'Kies een beslisregel.',
  threshold: 'Kies een beslisregel.',
};

/** The decision rules the form offers: the threshold (R3) and the quorum (R2) of src/weighting. */
const THRESHOLDS = {
  majority: { numerator: 1, denominator: 2, comparison: 'more_than', label: 'Gewone meerderheid: meer dan de helft van de uitgebrachte gewogen stemmen' },
  two_thirds: {
    numerator: 2,
    denominator: 3,
    comparison: 'at_least',
    label: 'Gekwalificeerde meerderheid: ten minste twee derde (bijvoorbeeld statutenwijziging)',
  },
  three_quarters: { numerator: 3, denominator: 4, comparison: 'at_least', label: 'Gekwalificeerde meerderheid: ten minste drie kwart' },
  unanimous: { numerator: 1, denominator: 1, comparison: 'at_least', label: 'Unanimiteit: alle uitgebrachte gewogen stemmen' },
} as const;
const QUORUMS = {
  none: { label: 'Geen quorum', fraction: null },
  one_third: { label: 'Een derde van het totale gewicht', fraction: { numerator: 1, denominator: 3 } },
  half: { label: 'De helft van het totale gewicht', fraction: { numerator: 1, denominator: 2 } },
  two_thirds: { label: 'Twee derde van het totale gewicht', fraction: { numerator: 2, denominator: 3 } },
} as const;
const VARIANT_ROWS = 4;

/** "3,9" or "3.9" -> 3.9; "1.250,50" -> 1250.5; "" -> undefined; anything else NaN (refused at the field). */
function dutchNumber(text: string): number | undefined {
  if (text === '') return undefined;
  const normal = text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text;
  return /^-?\d{1,10}(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

/**
 * Preparing a consultation in the browser: a new consultation (draft) and its proposals with their
 * ballot question, decision rule and figure; and the way to a ratification (bekrachtiging): an ALV
 * whose proposal ratifies a published result. Preparing is for the bureau too (consultations.prepare).
 */
@ApiExcludeController()
@Controller('bestuur')
export class ConsultationSetupPages {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly schemes: WeightingSchemesService,
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get('nieuwe-raadpleging')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async newConsultation(@Query('bekrachtigt') ratifies?: string) {
    const target = await this.ratifiable(ratifies);
    const typed: FormBody = {
      kind: target ? 'alv' : 'ledenraadpleging',
      title: target ? `Algemene Ledenvergadering: bekrachtiging ${target.title}` : '',
      reference: '',
      referenceDate: todayInAmsterdam(this.clock.now()),
      weightingSchemeId: target?.weightingSchemeId ?? '',
      amendmentDeadlineDate: '',
      amendmentDeadlineTime: '',
      votingDeadlineDate: '',
      votingDeadlineTime: '17:00',
      reminderHoursBefore: '72, 24',
      secrecy: 'open',
      ratifies: target?.id ?? '',
    };
    return this.renderConsultationForm(typed, [], target);
  }

  @Post('nieuwe-raadpleging')
  @Can('consultations.prepare')
  async createConsultation(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed: FormBody = Object.fromEntries(
      [
        'kind',
        'title',
        'reference',
        'referenceDate',
        'weightingSchemeId',
        'amendmentDeadlineDate',
        'amendmentDeadlineTime',
        'votingDeadlineDate',
        'votingDeadlineTime',
        'reminderHoursBefore',
        'secrecy',
        'ratifies',
      ].map((f) => [f, textField(body, f)]),
    );
    const target = await this.ratifiable(typed.ratifies);
    const errors: FieldMessage[] = [];
    const voting = deadlineFrom(typed.votingDeadlineDate!, typed.votingDeadlineTime!);
    if (!voting) {
      errors.push({
        field: 'votingDeadline',
        message:
          typed.votingDeadlineDate || typed.votingDeadlineTime ? 'De stemtermijn is geen bestaande datum en tijd.' : CONSULTATION_MESSAGES.votingDeadline,
      });
    }
    const amendmentTyped = typed.amendmentDeadlineDate !== '' || typed.amendmentDeadlineTime !== '';
    const amendment = amendmentTyped ? deadlineFrom(typed.amendmentDeadlineDate!, typed.amendmentDeadlineTime!) : null;
    if (amendmentTyped && !amendment) errors.push({ field: 'amendmentDeadline', message: CONSULTATION_MESSAGES.amendmentDeadline });
    const reminders = typed.reminderHoursBefore!.split(',').map((h) => h.trim());
    const reminderHours = reminders.length === 1 && reminders[0] === '' ? [] : reminders.map((h) => (/^\d{1,5}$/.test(h) ? Number(h) : NaN));
    const dto = plainToInstance(CreateConsultationDto, {
      kind: typed.kind,
      title: typed.title,
      reference: typed.reference || undefined,
      referenceDate: typed.referenceDate,
      weightingSchemeId: typed.weightingSchemeId,
      amendmentDeadline: amendment ?? undefined,
      votingDeadline: voting ?? '2000-01-01T00:00',
      reminderHoursBefore: reminderHours,
      secrecy: typed.secrecy,
    });
    for (const e of formErrors(dto, CONSULTATION_MESSAGES)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
    if (!errors.length) {
      try {
        const created = await this.consultations.create(dto, staffActor(staff));
        const next = target
          ? `/bestuur/raadplegingen/${created.id}/voorstellen/nieuw?bekrachtigt=${target.id}&gedaan=aangemaakt`
          : `/bestuur/raadplegingen/${created.id}?gedaan=aangemaakt`;
        response.redirect(303, next);
        return;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(...formRefusal(error, 'title'));
      }
    }
    response
      .status(400)
      .type('html')
      .send(await this.renderConsultationForm(typed, ordered(errors, CONSULTATION_FIELDS), target));
  }

  @Get('raadplegingen/:id/voorstellen/nieuw')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async newProposal(@Param('id', new UuidPipe('id')) id: string, @Query('bekrachtigt') ratifies?: string, @Query('gedaan') done?: string) {
    const target = await this.ratifiable(ratifies);
    const typed: FormBody = {
      title: target ? `Bekrachtiging uitslag ${target.title}` : '',
      summary: target
        ? `De vergadering bekrachtigt de uitslag van de ${target.title}${target.resultsPublishedAt ? `, gepubliceerd op ${formatDateNl(target.resultsPublishedAt)}` : ''}.`
        : '',
      kind: 'proposal',
      ratifiesConsultationId: target?.id ?? '',
      questionType: 'for_against',
      valueLabel: '',
      valueKind: '',
      value: '',
      threshold: 'majority',
      quorum: 'none',
      doubleMajority: '',
    };
    for (let i = 1; i <= VARIANT_ROWS; i++) Object.assign(typed, { [`variant${i}Label`]: '', [`variant${i}Value`]: '' });
    return this.renderProposalForm(id, typed, [], doneMessage(done, undefined));
  }

  @Post('raadplegingen/:id/voorstellen/nieuw')
  @Can('consultations.prepare')
  async addProposal(@Param('id', new UuidPipe('id')) id: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const names = [
      'title',
      'summary',
      'kind',
      'ratifiesConsultationId',
      'questionType',
      'valueLabel',
      'valueKind',
      'value',
      'threshold',
      'quorum',
      'doubleMajority',
    ];
    for (let i = 1; i <= VARIANT_ROWS; i++) names.push(`variant${i}Label`, `variant${i}Value`);
    const typed: FormBody = Object.fromEntries(names.map((f) => [f, textField(body, f)]));
    const errors: FieldMessage[] = [];

    const threshold = THRESHOLDS[typed.threshold as keyof typeof THRESHOLDS];
    if (!threshold) errors.push({ field: 'threshold', message: PROPOSAL_MESSAGES.threshold });
    const quorum = QUORUMS[typed.quorum as keyof typeof QUORUMS];
    if (!quorum) errors.push({ field: 'quorum', message: 'Kies een quorum, of geen quorum.' });
    const hasFigure = typed.valueKind !== '';
    const euros = typed.valueKind === 'amount_euro';
    const figure = dutchNumber(typed.value!);
    const toStored = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? n : euros ? Math.round(n * 100) : n);
    if (hasFigure && (figure === undefined || Number.isNaN(figure))) errors.push({ field: 'value', message: PROPOSAL_MESSAGES.value });
    if (hasFigure && !typed.valueLabel) errors.push({ field: 'valueLabel', message: PROPOSAL_MESSAGES.valueLabel });
    const alternatives = typed.questionType === 'alternatives';
    const variants = [];
    for (let i = 1; i <= VARIANT_ROWS; i++) {
      const label = typed[`variant${i}Label`]!;
      const value = dutchNumber(typed[`variant${i}Value`]!);
      if (!label && value === undefined) continue;
      if (alternatives && value !== undefined && (Number.isNaN(value) || !hasFigure)) {
        errors.push({
          field: 'variants',
          message: hasFigure
            ? `Het getal bij variant ${i} is geen getal.`
            : 'Vul eerst het getal van het voorstel in; dan kan een variant een eigen getal hebben.',
        });
      }
      variants.push({ label, ...(value !== undefined && !Number.isNaN(value) ? { value: toStored(value) } : {}) });
    }
    if (alternatives && (variants.length < 2 || variants.some((v) => !v.label))) errors.push({ field: 'variants', message: PROPOSAL_MESSAGES.variants });

    const dto = plainToInstance(CreateProposalDto, {
      title: typed.title,
      summary: typed.summary,
      kind: typed.kind,
      questionType: typed.questionType,
      ...(alternatives ? { variants } : {}),
      ...(threshold && quorum
        ? {
            rule: {
              threshold: { numerator: threshold.numerator, denominator: threshold.denominator, comparison: threshold.comparison },
              ...(quorum.fraction ? { quorum: quorum.fraction } : {}),
              doubleMajority: typed.doubleMajority === 'ja',
            },
          }
        : {}),
      ...(hasFigure && figure !== undefined && !Number.isNaN(figure)
        ? { value: { label: typed.valueLabel, kind: euros ? 'amount_cents' : typed.valueKind, value: toStored(figure) } }
        : {}),
      ...(typed.ratifiesConsultationId ? { ratifiesConsultationId: typed.ratifiesConsultationId } : {}),
    });
    const messages = { ...PROPOSAL_MESSAGES, value: hasFigure ? PROPOSAL_MESSAGES.value : PROPOSAL_MESSAGES.valueKind };
    for (const e of formErrors(dto, messages)) {
      const field = e.field === 'rule' ? 'threshold' : e.field;
      if (!errors.some((x) => x.field === field)) errors.push({ ...e, field });
    }
    if (!errors.length) {
      try {
        await this.consultations.addProposal(id, dto, staffActor(staff));
        response.redirect(303, `/bestuur/raadplegingen/${id}?gedaan=voorstel-toegevoegd`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
        const refusal = formRefusal(error, 'title', { 'value.value': 'value', 'rule.threshold': 'threshold', 'rule.quorum': 'quorum' });
        errors.push(...refusal.map((e) => (e.field.startsWith('variants') ? { ...e, field: 'variants' } : e)));
      }
    }
    response
      .status(error400or409(errors))
      .type('html')
      .send(await this.renderProposalForm(id, typed, ordered(errors, PROPOSAL_FIELDS), null));
  }

  /** The way to a ratification: a proposal in an ALV that is being prepared, or a new ALV for it. */
  @Get('raadplegingen/:id/bekrachtigen')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async ratification(@Param('id', new UuidPipe('id')) id: string) {
    const target = await this.consultations.require(id);
    const preparing = (await this.consultations.list(false))
      .filter((c) => proposalsEditable(c.status) && c.id !== id)
      .map((c) => ({ ...c, kindNl: KIND_NL[c.kind], statusNl: statusNl(c.status) }));
    return this.renderer.render('board-ratification', {
      title: `Bekrachtiging: ${target.title}`,
      signedIn: true,
      target: { ...target, statusNl: statusNl(target.status) },
      canRatify: target.status === 'results_published',
      preparing,
    });
  }

  /** A consultation whose published result may be ratified, or null (an unknown or unfit id is simply ignored). */
  private async ratifiable(id: string | undefined) {
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const c = await this.consultations.require(id).catch(() => null);
    return c && c.status === 'results_published' ? c : null;
  }

  private async renderConsultationForm(typed: FormBody, errors: FieldMessage[], target: { id: string; title: string } | null) {
    const schemes = await this.schemes.list();
    return this.renderer.render('board-consultation-form', {
      title: errors.length ? 'Fout in formulier: nieuwe raadpleging' : 'Nieuwe raadpleging',
      signedIn: true,
      errors,
      form: typed,
      target,
      ...messagesAt(errors, CONSULTATION_FIELDS),
      kinds: Object.entries(KIND_NL).map(([value, label], i) => ({ value, label, checked: typed.kind === value, first: i === 0 })),
      schemes: schemes.map((s) => ({ id: s.id, label: `${s.name}${s.isExample ? ' (voorbeeld)' : ''}`, selected: s.id === typed.weightingSchemeId })),
      secrecyOpen: typed.secrecy !== 'confidential',
    });
  }

  private async renderProposalForm(id: string, typed: FormBody, errors: FieldMessage[], done: string | null) {
    const c = await this.consultations.get(id);
    const ratifiable = (await this.consultations.list(false)).filter((x) => x.status === 'results_published' && x.id !== id);
    const variants = Array.from({ length: VARIANT_ROWS }, (_, i) => ({
      n: i + 1,
      label: typed[`variant${i + 1}Label`] ?? '',
      value: typed[`variant${i + 1}Value`] ?? '',
    }));
    return this.renderer.render('board-proposal-form', {
      title: errors.length ? `Fout in formulier: voorstel toevoegen aan ${c.title}` : `Voorstel toevoegen aan ${c.title}`,
      signedIn: true,
      consultation: c,
      editable: proposalsEditable(c.status),
      statusNl: statusNl(c.status),
      done,
      errors,
      form: typed,
      ...messagesAt(errors, PROPOSAL_FIELDS),
      nextNumber: c.proposals.reduce((max, p) => Math.max(max, p.number), 0) + 1,
      variants,
      alternatives: typed.questionType === 'alternatives',
      resolution: typed.kind === 'resolution',
      doubleMajority: typed.doubleMajority === 'ja',
      thresholds: Object.entries(THRESHOLDS).map(([value, t]) => ({ value, label: t.label, checked: typed.threshold === value })),
      quorums: Object.entries(QUORUMS).map(([value, q]) => ({ value, label: q.label, selected: typed.quorum === value })),
      valueKinds: [
        { value: '', label: 'Geen getal' },
        { value: 'percentage', label: 'Percentage' },
        { value: 'amount_euro', label: 'Bedrag in euro' },
        { value: 'integer', label: 'Geheel getal' },
      ].map((k) => ({ ...k, selected: typed.valueKind === k.value })),
      ratifiable: ratifiable.map((x) => ({ id: x.id, title: x.title, selected: typed.ratifiesConsultationId === x.id })),
    });
  }
}

/** The errors in the order of the form's fields, so the summary reads top to bottom. */
function ordered(errors: FieldMessage[], fields: string[]): FieldMessage[] {
  const rank = (f: string) => (fields.indexOf(f) === -1 ? fields.length : fields.indexOf(f));
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** A form the consultation can no longer take (final proposals published) is a conflict, not bad input. */
function error400or409(errors: FieldMessage[]): number {
  return errors.some((e) => e.message.startsWith('Dit kan niet meer')) ? 409 : 400;
}
