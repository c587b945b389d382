import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { RespondDto } from '../amendments/dto/amendment.dto';
import { AmendmentsService, RESPONSE_NL } from '../amendments/amendments.service';
import { submitterName } from '../amendments/submitters';
import { ConsultationsService } from '../consultations/consultations.service';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatValue } from '../proposals/proposal-value';
import { doneMessage, formRefusal } from './board-kit';
import { FormBody, formFields } from '../platform/http/form-fields';
import { formErrors, textField } from './page-form';
import { statusNl } from './view-models';

const AMENDMENT_RESPONSES = [
  { value: 'not_adopt', label: 'Niet overnemen: het amendement komt als alternatief op het stemformulier' },
  { value: 'adopt', label: 'Overnemen: het voorstel wordt gewijzigd (de vorige versie blijft bewaard)' },
  { value: 'inadmissible', label: 'Niet ontvankelijk' },
];
const MOTION_RESPONSES = [
  { value: 'advise_adopt', label: 'Preadvies: aannemen' },
  { value: 'advise_reject', label: 'Preadvies: verwerpen' },
  { value: 'advise_hold_over', label: 'Preadvies: aanhouden (de leden stemmen over het aanhouden)' },
];

interface Typed {
  amendmentId: string;
  response: string;
  reasoning: string;
  purport: string;
}

interface ResponseError {
  fieldId: string;
  message: string;
}

/**
 * The board answers amendments and advises on motions (reactie bestuur, preadvies), one form per
 * amendment, while the window is open; every answer is final and goes into the letter "Definitieve
 * voorstellen". Reading is for every staff role; answering for the board (amendments.respond).
 */
@ApiExcludeController()
@Controller('bestuur/raadplegingen/:id/amendementen')
export class ConsultationAmendmentsPages {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly amendments: AmendmentsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Query('gedaan') done?: string) {
    return this.render(id, staff, doneMessage(done, undefined), null, []);
  }

  @Post(':amendmentId')
  @Can('amendments.respond')
  async respond(
    @Param('id', new UuidPipe('id')) id: string,
    @Param('amendmentId', new UuidPipe('amendmentId')) amendmentId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    const body: FormBody = formFields(posted);
    const typed: Typed = { amendmentId, response: textField(body, 'response'), reasoning: textField(body, 'reasoning'), purport: textField(body, 'purport') };
    const at = (field: string) => `${field}-${amendmentId}`;
    const dto = plainToInstance(RespondDto, { response: typed.response, reasoning: typed.reasoning, ...(typed.purport ? { purport: typed.purport } : {}) });
    let errors: ResponseError[] = formErrors(dto, {
      response: 'Kies de reactie van het bestuur.',
      reasoning: 'Vul de motivering van het bestuur in.',
      purport: 'De strekking is hoogstens 300 tekens lang.',
    }).map((e) => ({ fieldId: at(e.field), message: e.message }));
    if (!errors.length) {
      try {
        await this.amendments.respond(amendmentId, dto, staffActor(staff));
        response.redirect(303, `/bestuur/raadplegingen/${id}/amendementen?gedaan=beantwoord`);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
        errors = formRefusal(error, 'response').map((e) => ({
          fieldId: at(['response', 'reasoning', 'purport'].includes(e.field) ? e.field : 'response'),
          message: refusalNl(error, e.message),
        }));
      }
    }
    response
      .status(errors.some((e) => e.message.startsWith('Dit kan niet meer')) ? 409 : 400)
      .type('html')
      .send(await this.render(id, staff, null, typed, errors));
  }

  private async render(id: string, staff: SignedInStaff, done: string | null, typed: Typed | null, errors: ResponseError[]) {
    const c = await this.consultations.get(id);
    const all = await this.amendments.list(id);
    const open = c.status === 'amendments_open';
    const canRespond = allows(staff.role, 'amendments.respond') && open;
    const view = (a: (typeof all)[number]) => {
      const mine = typed?.amendmentId === a.id;
      const proposal = c.proposals.find((p) => p.id === a.proposalId);
      const error = (field: string) => (mine ? (errors.find((e) => e.fieldId === `${field}-${a.id}`)?.message ?? null) : null);
      const chosen = mine ? typed.response : '';
      return {
        ...a,
        submitters: submitterName(a.memberName, a.coSponsors),
        withdrawn: a.status === 'withdrawn',
        responseNl: a.response ? RESPONSE_NL[a.response] : null,
        changedValueNl: a.changedValue !== null && proposal?.valueKind ? formatValue(proposal.valueKind, a.changedValue) : null,
        currentValueNl: proposal?.valueKind && proposal.value !== null ? formatValue(proposal.valueKind, proposal.value) : null,
        answerable: canRespond && a.status === 'submitted' && !a.response,
        options: (a.kind === 'motion' ? MOTION_RESPONSES : AMENDMENT_RESPONSES).map((o, i) => ({ ...o, checked: chosen === o.value, first: i === 0 })),
        isAmendment: a.kind === 'amendment',
        typedReasoning: mine ? typed.reasoning : '',
        typedPurport: mine ? typed.purport : '',
        responseError: error('response'),
        reasoningError: error('reasoning'),
        purportError: error('purport'),
      };
    };
    const groups = c.proposals
      .filter((p) => !p.originMotionId)
      .map((p) => ({ number: p.number, title: p.title, items: all.filter((a) => a.proposalId === p.id).map(view) }))
      .filter((g) => g.items.length);
    const motions = all.filter((a) => a.kind === 'motion').map(view);
    const live = all.filter((a) => a.status === 'submitted');
    return this.renderer.render('board-amendments', {
      title: errors.length ? `Fout in formulier: amendementen en moties, ${c.title}` : `Amendementen en moties: ${c.title}`,
      signedIn: true,
      consultation: c,
      statusNl: statusNl(c.status),
      open,
      done,
      errors,
      groups,
      motions,
      counts: { total: live.length, unanswered: live.filter((a) => !a.response).length },
      canPublish: open && allows(staff.role, 'consultations.decide'),
    });
  }
}

/** The service's refusals of an answer, in Dutch. */
function refusalNl(error: DomainError, fallback: string): string {
  if (/responses are frozen/.test(error.message)) return 'Dit kan niet meer: de definitieve voorstellen zijn gepubliceerd.';
  if (/has been answered already/.test(error.message)) return 'Dit kan niet meer: het bestuur heeft hier al op gereageerd.';
  if (/was withdrawn/.test(error.message)) return 'Dit kan niet meer: de indiener heeft het ingetrokken.';
  if (/a motion gets advice/.test(error.message)) return 'Kies bij een motie een preadvies: aannemen, verwerpen of aanhouden.';
  if (/an amendment is adopted, not adopted or inadmissible/.test(error.message))
    return 'Kies bij een amendement: overnemen, niet overnemen of niet ontvankelijk.';
  if (/only amendments that are not adopted are grouped/.test(error.message))
    return 'Een strekking hoort alleen bij een amendement dat niet wordt overgenomen; laat het veld anders leeg.';
  return fallback;
}
