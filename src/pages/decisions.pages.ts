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
import { formFields } from './form-fields';
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
  assembly: 'Vul de vergadering in, bijvoorbeeld "ALV van 5 juni 2019".',
  assemblyDate: 'Vul de datum van de vergadering in: een bestaande datum, niet in het verleden.',
  reference: 'Vul een kenmerk in dat nog niet door een andere brief wordt gebruikt.',
};

/** A refusal in Dutch: the message per field where the form knows it, else the code's text. */
function refusalNl(error: DomainError, path: string): string {
  if (error.fieldErrors.length) {
    return error.fieldErrors.map((e) => FIELD_MESSAGE[e.field] ?? `${e.field}: ${ruleNl(e.rule)}`).join(' ');
  }
  return knownNl(error.message) ?? pageMessage(error.code, path).message;
}

/** Class-validator's refusals of a form, as a DomainError naming the fields. */
function validated<T extends object>(type: new () => T, fields: object): T {
  const dto = plainToInstance(type, fields);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((rule) => ({ field: e.property, rule })),
  );
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return dto;
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value);

/**
 * Decisions followed up, in Dutch and without JavaScript: the public follows each decision and reads
 * the published letters; the board records progress and drafts, edits and publishes the letter.
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
      error: null,
      form: {},
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
    return this.renderLetter(await this.letters.get(letterId, true), false, null);
  }

  @Get('besluiten/brieven/:id/brief.pdf')
  async publicLetterPdf(@Param('id', id()) letterId: string, @Res({ passthrough: true }) response: Response) {
    return this.pdf(await this.letters.get(letterId, true), response);
  }

  @Get('bestuur/besluiten')
  @Can('decisions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async boardList(@CurrentStaff() staff: SignedInStaff) {
    return this.renderBoardList(staff, null, {});
  }

  @Post('bestuur/besluiten/brieven')
  @Can('decisions.record')
  async draft(@Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const form = { assembly: body.assembly ?? '', assemblyDate: body.assemblyDate ?? '', reference: body.reference ?? '' };
    try {
      const letter = await this.letters.draft(validated(DraftLetterDto, { ...form, reference: blankToUndefined(form.reference) }), staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letter.id}`);
    } catch (error) {
      const message = this.refusal(error, response, '/bestuur/besluiten/brieven');
      response.send(await this.renderBoardList(staff, message, form));
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
      const message = this.refusal(error, response, '/bestuur/besluiten');
      response.send(await this.renderDecision(decisionId, true, message));
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
    try {
      const input = validated(UpdateAskDto, { dueDate: blankToNull(body.dueDate), dueFor: blankToNull(body.dueFor), owner: blankToNull(body.owner) });
      const decision = await this.decisions.updateAsk(decisionId, askId, input, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/${decisionId}#verzoek-${decision.asks.find((a) => a.id === askId)!.position}`);
    } catch (error) {
      const message = this.refusal(error, response, '/bestuur/besluiten');
      response.send(await this.renderDecision(decisionId, true, message));
    }
  }

  @Get('bestuur/besluiten/brieven/:id')
  @Can('decisions.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async boardLetter(@Param('id', id()) letterId: string) {
    const letter = await this.letters.get(letterId, false);
    return this.renderLetter(letter, true, null, letter.status === 'published' ? await this.letters.mailProgress(letterId) : null);
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
    try {
      const reports = Object.entries(body)
        .filter(([key]) => key.startsWith('report_'))
        .map(([key, report]) => ({ askId: key.slice('report_'.length), report: report ?? '' }));
      const input = validated(EditLetterDto, { reference: body.reference ?? '', intro: body.intro ?? '', closing: body.closing ?? '', reports });
      await this.letters.edit(letterId, input, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letterId}`);
    } catch (error) {
      const message = this.refusal(error, response, '/bestuur/besluiten/brieven');
      response.send(this.renderLetter(await this.letters.get(letterId, false), true, message));
    }
  }

  @Post('bestuur/besluiten/brieven/:id/publiceren')
  @Can('decisions.publish')
  async publishLetter(@Param('id', id()) letterId: string, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    try {
      await this.letters.publish(letterId, staffActor(staff));
      response.redirect(303, `/bestuur/besluiten/brieven/${letterId}`);
    } catch (error) {
      const message = this.refusal(error, response, '/bestuur/besluiten/brieven');
      response.send(this.renderLetter(await this.letters.get(letterId, false), true, message));
    }
  }

  /** A refusal the person can act on comes back on the page with its status; anything else goes to the error page. */
  private refusal(error: unknown, response: Response, path: string): string {
    if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
    response.status(httpStatusOf(error.code)).type('html');
    return refusalNl(error, path);
  }

  private async renderBoardList(staff: SignedInStaff, error: string | null, form: Record<string, string>): Promise<string> {
    return this.renderer.render('decisions', {
      title: 'Besluiten en moties',
      signedIn: true,
      decisions: await this.decisions.list(),
      letters: await this.letters.list(false),
      base: '/bestuur/besluiten',
      letterBase: '/bestuur/besluiten/brieven',
      board: allows(staff.role, 'decisions.record'),
      error,
      form: { assembly: form.assembly ?? '', assemblyDate: form.assemblyDate ?? '', reference: form.reference ?? '' },
    });
  }

  private async renderDecision(decisionId: string, board: boolean, error: string | null): Promise<string> {
    const decision = await this.decisions.get(decisionId);
    return this.renderer.render('decision', {
      title: decision.title,
      signedIn: board,
      board,
      error,
      kindNl: KIND_NL[decision.kind],
      base: board ? '/bestuur/besluiten' : '/besluiten',
      decision: { ...decision, asks: decision.asks.map((a) => ({ ...a, due: dueNl(a) })) },
      statuses: Object.entries(ASK_STATUS_NL).map(([value, label]) => ({ value, label })),
    });
  }

  private renderLetter(letter: DecisionLetter, board: boolean, error: string | null, mail: MailingProgress | null = null): string {
    const base = board ? '/bestuur/besluiten/brieven' : '/besluiten/brieven';
    return this.renderer.render('decision-letter', {
      title: `Stand van zaken moties en resoluties ${letter.reference}`,
      signedIn: board,
      board,
      error,
      letter,
      mail: mail && { ...mail, members: mail.members.map((m) => ({ ...m, statusNl: MAIL_STATUS_NL[m.status] })) },
      draft: letter.status === 'draft',
      pdfUrl: `${base}/${letter.id}/brief.pdf`,
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
