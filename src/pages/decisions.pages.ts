import { Body, Controller, Get, Header, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor, ShowsViewer } from '../accounts/staff.guard';
import { decisionLetterPdf } from '../decisions/decision-letter-pdf';
import { DecisionLetter } from '../decisions/decision.entity';
import { DecisionLettersService } from '../decisions/decision-letters.service';
import { ASK_STATUS_NL, DecisionsService, dueNl } from '../decisions/decisions.service';
import { DraftLetterDto, EditLetterDto, RecordProgressDto, UpdateAskDto } from '../decisions/dto/decision.dto';
import { MailingProgress } from '../notifications/mail-outbox.service';
import { DomainError, httpStatusOf } from '../platform/http/domain-error';
import { knownNl, pageMessage, ruleNl } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { flattenValidationErrors } from '../platform/http/validation';
import { FormBody, formFields } from '../platform/http/form-fields';
import { actionableRefusal, FormMessage, formView, refusalMessages } from '../platform/http/money-form';
import { MAIL_STATUS_NL } from './view-models';

const id = (name = 'id') => new UuidPipe(name);
const KIND_NL = { motion: 'motie', resolution: 'resolutie' } as const;

/** Dutch messages for the fields of the board's forms here; other rules go through ruleNl. */
const FIELD_MESSAGE: Record<string, string> = {
  happenedOn: 'Vul de datum in waarop het gebeurde: een bestaande datum, niet in de toekomst en niet vóór het besluit.',
  text: 'Vul in wat er is gebeurd.',
  reason: 'Geef de reden: die is verplicht als een verzoek niet haalbaar is.',
  status: 'Kies een stand.',
  dueDate: 'Vul een bestaande datum in of laat het veld leeg.',
  dueFor: 'Vul de vergadering of het moment in (hoogstens 200 tekens), of laat het veld leeg.',
  owner: 'Vul de trekker in (hoogstens 200 tekens), of laat het veld leeg.',
  assembly: 'Vul de vergadering in, bijvoorbeeld "ALV van 5 juni 2019".',
  assemblyDate: 'Vul de datum van de vergadering in: een bestaande datum, niet in het verleden.',
  reference: 'Vul een kenmerk in dat nog niet door een andere brief wordt gebruikt.',
  intro: 'De aanhef is te lang (hoogstens 20.000 tekens).',
  closing: 'Het slot is te lang (hoogstens 20.000 tekens).',
};

/** Refusals of these forms that name no field of them, in Dutch. */
const REFUSAL_NL: [RegExp, (m: RegExpExecArray) => string][] = [
  [/must change at least one of dueDate, dueFor, owner/, () => 'Wijzig de datum, de vergadering of de trekker: er is niets veranderd.'],
  [/must change at least one of reference, intro, closing, reports/, () => 'Wijzig het kenmerk, de aanhef, het slot of een verslag: er is niets veranderd.'],
  [
    /the letter for the assembly of (\S+) \((.+)\) is published/,
    (m) => `De brief voor deze vergadering (${m[2]}) is al gepubliceerd; er komt geen tweede brief.`,
  ],
  [/letter (.+) is published and cannot change/, (m) => `Brief ${m[1]} is al gepubliceerd en kan niet meer veranderen.`],
];

/** A refusal of a form here, as messages at its fields (the page's ids are `prefix` + the service's field name). */
function refusalAt(error: DomainError, fields: readonly string[], prefix: string, path: string): FormMessage[] {
  const general = (e: DomainError) => {
    for (const [pattern, dutch] of REFUSAL_NL) {
      const m = pattern.exec(e.message);
      if (m) return dutch(m);
    }
    return knownNl(e.message) ?? pageMessage(e.code, path).message;
  };
  return refusalMessages(error, {
    fields: Object.fromEntries(fields.map((f) => [f, `${prefix}${f}`])),
    fallback: `${prefix}${fields[0]}`,
    messageOf: (field, rule) => {
      if (field.startsWith('reports')) return 'Een verslag is te lang (hoogstens 20.000 tekens) of hoort niet bij deze brief.';
      if (field === 'request body') return null;
      return FIELD_MESSAGE[field] ?? `${field}: ${ruleNl(rule)}`;
    },
    general,
  });
}

/** Class-validator's refusals of a form, as a DomainError naming the fields. */
function validated<T extends object>(type: new () => T, fields: object): T {
  const dto = plainToInstance(type, fields);
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return dto;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value);
const text = (body: FormBody, name: string) => (typeof body[name] === 'string' ? body[name] : '');

const PROGRESS_FIELDS = ['happenedOn', 'text', 'status', 'reason'] as const;
const DUE_FIELDS = ['dueDate', 'dueFor', 'owner'] as const;
const DRAFT_FIELDS = ['assembly', 'assemblyDate', 'reference'] as const;
const EDIT_FIELDS = ['reference', 'intro', 'closing'] as const;

/** The ask a form was posted for, what was typed and what was refused: the page shows them at that ask's form. */
interface PostedAskForm {
  askId: string;
  form: 'voortgang' | 'termijn';
  typed: Record<string, string>;
  errors: FormMessage[];
}

/** The ids of an ask's fields start with its position: two asks' forms never share an id. */
const askPrefix = (position: number) => `verzoek-${position}-`;

/**
 * Decisions followed up, in Dutch and without JavaScript: the public follows each decision and reads
 * the published letters; the board records progress and drafts, edits and publishes the letter. A
 * refused form comes back with a summary at the top and the message at each field it names.
 */
@ApiExcludeController()
@ShowsViewer()
@Controller()
export class DecisionsPages {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly letters: DecisionLettersService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get('besluiten')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async publicList() {
    return this.renderer.render('decisions', {
      title: 'Besluiten en moties',
      decisions: await this.decisions.list(),
      letters: await this.letters.list(true),
      base: '/besluiten',
      letterBase: '/besluiten/brieven',
      board: false,
      errors: [],
      form: formView(DRAFT_FIELDS, {}, []),
    });
  }

  @Get('besluiten/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async publicDecision(@Param('id', id()) decisionId: string) {
    return this.renderDecision(decisionId, false, null);
  }

  @Get('besluiten/brieven/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async publicLetter(@Param('id', id()) letterId: string) {
    return this.renderLetter(await this.letters.get(letterId, true), false, [], {});
  }

  @Get('besluiten/brieven/:id/brief.pdf')
  async publicLetterPdf(@Param('id', id()) letterId: string, @Res({ passthrough: true }) response: Response) {
    return this.pdf(await this.letters.get(letterId, true), response);
  }

  @Get('bestuur/besluiten')
  @Can('decisions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async boardList(@CurrentStaff() staff: SignedInStaff) {
    return this.renderBoardList(staff, [], {});
  }

  @Post('bestuur/besluiten/brieven')
  @Can('decisions.record')
  async draft(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const form = { assembly: text(body, 'assembly'), assemblyDate: text(body, 'assemblyDate'), reference: text(body, 'reference') };
    try {
      const letter = await this.letters.draft(validated(DraftLetterDto, { ...form, reference: blankToUndefined(form.reference) }), staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letter.id}`);
    } catch (error) {
      const errors = this.refusal(error, response, DRAFT_FIELDS, '', '/bestuur/besluiten/brieven');
      response.send(await this.renderBoardList(staff, errors, form));
    }
  }

  @Get('bestuur/besluiten/:id')
  @Can('decisions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async boardDecision(@Param('id', id()) decisionId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.renderDecision(decisionId, allows(staff.role, 'decisions.record'), null);
  }

  @Post('bestuur/besluiten/:id/verzoeken/:askId/voortgang')
  @Can('decisions.record')
  async recordProgress(
    @Param('id', id()) decisionId: string,
    @Param('askId', id('askId')) askId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    const typed = Object.fromEntries(PROGRESS_FIELDS.map((f) => [f, text(body, f)]));
    try {
      const input = validated(RecordProgressDto, {
        happenedOn: body.happenedOn ?? '',
        text: body.text ?? '',
        status: blankToUndefined(body.status),
        reason: blankToUndefined(body.reason),
      });
      const decision = await this.decisions.recordProgress(decisionId, askId, input, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/${decisionId}#verzoek-${decision.asks.find((a) => a.id === askId)!.position}`);
    } catch (error) {
      const prefix = askPrefix(await this.positionOf(decisionId, askId));
      const errors = this.refusal(error, response, PROGRESS_FIELDS, prefix, '/bestuur/besluiten');
      response.send(await this.renderDecision(decisionId, true, { askId, form: 'voortgang', typed, errors }));
    }
  }

  @Post('bestuur/besluiten/:id/verzoeken/:askId/termijn')
  @Can('decisions.record')
  async updateAsk(
    @Param('id', id()) decisionId: string,
    @Param('askId', id('askId')) askId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    const typed = Object.fromEntries(DUE_FIELDS.map((f) => [f, text(body, f)]));
    try {
      const input = validated(UpdateAskDto, { dueDate: blankToNull(body.dueDate), dueFor: blankToNull(body.dueFor), owner: blankToNull(body.owner) });
      const decision = await this.decisions.updateAsk(decisionId, askId, input, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/${decisionId}#verzoek-${decision.asks.find((a) => a.id === askId)!.position}`);
    } catch (error) {
      const prefix = askPrefix(await this.positionOf(decisionId, askId));
      const errors = this.refusal(error, response, DUE_FIELDS, prefix, '/bestuur/besluiten');
      response.send(await this.renderDecision(decisionId, true, { askId, form: 'termijn', typed, errors }));
    }
  }

  @Get('bestuur/besluiten/brieven/:id')
  @Can('decisions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async boardLetter(@Param('id', id()) letterId: string) {
    const letter = await this.letters.get(letterId, false);
    return this.renderLetter(letter, true, [], {}, letter.status === 'published' ? await this.letters.mailProgress(letterId) : null);
  }

  @Get('bestuur/besluiten/brieven/:id/brief.pdf')
  @Can('decisions.read')
  async boardLetterPdf(@Param('id', id()) letterId: string, @Res({ passthrough: true }) response: Response) {
    return this.pdf(await this.letters.get(letterId, false), response);
  }

  @Post('bestuur/besluiten/brieven/:id')
  @Can('decisions.record')
  async editLetter(@Param('id', id()) letterId: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed = Object.fromEntries(Object.keys(body).map((key) => [key, text(body, key)]));
    try {
      const reports = Object.entries(body)
        .filter(([key]) => key.startsWith('report_'))
        .map(([key, report]) => ({ askId: key.slice('report_'.length), report: report ?? '' }));
      const input = validated(EditLetterDto, { reference: body.reference ?? '', intro: body.intro ?? '', closing: body.closing ?? '', reports });
      await this.letters.edit(letterId, input, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letterId}`);
    } catch (error) {
      const errors = this.refusal(error, response, EDIT_FIELDS, '', '/bestuur/besluiten/brieven');
      response.send(this.renderLetter(await this.letters.get(letterId, false), true, errors, typed));
    }
  }

  @Post('bestuur/besluiten/brieven/:id/publiceren')
  @Can('decisions.publish')
  async publishLetter(@Param('id', id()) letterId: string, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    try {
      await this.letters.publish(letterId, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letterId}`);
    } catch (error) {
      const errors = this.refusal(error, response, ['publiceren'], '', '/bestuur/besluiten/brieven');
      response.send(this.renderLetter(await this.letters.get(letterId, false), true, errors, {}));
    }
  }

  /** A refusal the person can act on comes back on the page with its status, at its fields; anything else goes to the error page. */
  private refusal(error: unknown, response: Response, fields: readonly string[], prefix: string, path: string): FormMessage[] {
    const refused = actionableRefusal(error);
    response.status(httpStatusOf(refused.code)).type('html');
    return refusalAt(refused, fields, prefix, path);
  }

  private async positionOf(decisionId: string, askId: string): Promise<number> {
    const ask = (await this.decisions.get(decisionId)).asks.find((a) => a.id === askId);
    if (!ask) throw DomainError.notFound('ask', askId);
    return ask.position;
  }

  private async renderBoardList(staff: SignedInStaff, errors: FormMessage[], typed: Record<string, string>): Promise<string> {
    return this.renderer.render('decisions', {
      title: `${errors.length ? 'Fout: ' : ''}Besluiten en moties`,
      signedIn: true,
      decisions: await this.decisions.list(),
      letters: await this.letters.list(false),
      base: '/bestuur/besluiten',
      letterBase: '/bestuur/besluiten/brieven',
      board: allows(staff.role, 'decisions.record'),
      errors,
      form: formView(DRAFT_FIELDS, typed, errors),
    });
  }

  private async renderDecision(decisionId: string, board: boolean, posted: PostedAskForm | null): Promise<string> {
    const decision = await this.decisions.get(decisionId);
    const errors = posted?.errors ?? [];
    const base = board ? '/bestuur/besluiten' : '/besluiten';
    return this.renderer.render('decision', {
      title: `${errors.length ? 'Fout: ' : ''}${decision.title}`,
      signedIn: board,
      board,
      errors,
      crumbs: [{ href: base, label: 'Besluiten en moties' }, { label: decision.reference }],
      kindNl: KIND_NL[decision.kind],
      base,
      decision: {
        ...decision,
        asks: decision.asks.map((a) => {
          const prefix = askPrefix(a.position);
          const mine = posted?.askId === a.id ? posted : null;
          const progressTyped = mine?.form === 'voortgang' ? mine.typed : { status: a.status };
          const dueTyped = mine?.form === 'termijn' ? mine.typed : { dueDate: a.dueDate ?? '', dueFor: a.dueFor ?? '', owner: a.owner ?? '' };
          const progress = formView(PROGRESS_FIELDS, progressTyped, errors, prefix);
          return {
            ...a,
            due: dueNl(a),
            progressForm: progress,
            progressOpen: mine?.form === 'voortgang',
            statuses: Object.entries(ASK_STATUS_NL).map(([value, label]) => ({ value, label, selected: value === progress.status.value })),
            dueForm: formView(DUE_FIELDS, dueTyped, errors, prefix),
            dueOpen: mine?.form === 'termijn',
          };
        }),
      },
    });
  }

  private renderLetter(
    letter: DecisionLetter,
    board: boolean,
    errors: FormMessage[],
    typed: Record<string, string>,
    mail: MailingProgress | null = null,
  ): string {
    const base = board ? '/bestuur/besluiten/brieven' : '/besluiten/brieven';
    const draft = letter.status === 'draft';
    const shown = (name: string, current: string) => (name in typed ? typed[name] : current);
    return this.renderer.render('decision-letter', {
      title: `${errors.length ? 'Fout: ' : ''}Stand van zaken moties en resoluties ${letter.reference}`,
      signedIn: board,
      board,
      errors,
      crumbs: [{ href: board ? '/bestuur/besluiten' : '/besluiten', label: 'Besluiten en moties' }, { label: `Brief ${letter.reference}` }],
      letter,
      mail: mail && { ...mail, members: mail.members.map((m) => ({ ...m, statusNl: MAIL_STATUS_NL[m.status] })) },
      draft,
      pdfUrl: `${base}/${letter.id}/brief.pdf`,
      publishError: errors.find((e) => e.field === 'publiceren')?.message ?? null,
      edit:
        board && draft
          ? {
              ...formView(
                EDIT_FIELDS,
                {
                  reference: shown('reference', letter.reference),
                  intro: shown('intro', letter.content.intro),
                  closing: shown('closing', letter.content.closing),
                },
                errors,
              ),
              decisions: letter.content.decisions.map((d) => ({
                title: d.title,
                asks: d.asks.map((a) => ({
                  label: `${a.position}. ${a.text} (${a.statusNl})`,
                  name: `report_${a.askId}`,
                  f: { id: `report-${a.askId}`, value: shown(`report_${a.askId}`, a.report), error: null },
                })),
              })),
            }
          : null,
    });
  }

  private async pdf(letter: DecisionLetter, response: Response): Promise<StreamableFile> {
    response.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="stand-van-zaken-${letter.reference.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf"`,
    });
    return new StreamableFile(await decisionLetterPdf(letter));
  }
}
