import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { BallotsService, BallotView } from '../ballots/ballots.service';
import { DelegateBallotDto, SubmitBallotDto } from '../ballots/dto/submit-ballot.dto';
import { FinancialImpactService } from '../finance/financial-impact.service';
import { Clock } from '../platform/clock';
import { DomainError, FieldError, httpStatusOf } from '../platform/http/domain-error';
import { ruleNl } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { FormBody, formFields } from './form-fields';
import { roleNl, voterRoleOptions } from './view-models';

/** An error on the page: the field it belongs to (the id of its element) and a Dutch message. */
interface PageError {
  fieldId: string;
  message: string;
}

/** Dutch messages for the fields of the two forms; the service's own rules go through ruleNl. */
const FIELD_MESSAGE: Record<string, string> = {
  voterName: 'Vul de naam in van wie de stem uitbrengt (hoogstens 120 tekens).',
  voterRole: 'Kies de functie van wie de stem uitbrengt.',
  name: 'Vul de naam in van wie het stemformulier krijgt (hoogstens 120 tekens).',
  email: 'Vul een geldig e-mailadres in.',
  role: 'Kies de functie van wie het stemformulier krijgt.',
};

function validationErrors(dto: object): FieldError[] {
  return validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}).map((rule) => ({ field: e.property, rule })));
}

/**
 * One message per field, in Dutch, tied to the element with that id: the form's own checks say what
 * to fill in; the service's refusals (e.g. an address holding another ballot) say what is wrong.
 */
function pageErrors(errors: FieldError[], idOf: (field: string) => string, fromForm = true): PageError[] {
  const seen = new Set<string>();
  return errors.flatMap((e) => {
    const fieldId = idOf(e.field);
    if (seen.has(fieldId)) return [];
    seen.add(fieldId);
    return [{ fieldId, message: (fromForm ? FIELD_MESSAGE[e.field] : undefined) ?? ruleNl(e.rule) }];
  });
}

const bare = (field: string) => field.replace(/^(\w+).*$/, '$1');

/** The ballot as a Dutch form that works without JavaScript: one radio group per proposal. */
@ApiExcludeController()
@Controller('stemmen/:token')
export class BallotPages {
  constructor(
    private readonly ballots: BallotsService,
    private readonly renderer: PageRenderer,
    private readonly financialImpact: FinancialImpactService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  async form(@Param('token') token: string) {
    const view = await this.ballots.view(token);
    return this.renderForm(token, view, {});
  }

  /**
   * Casts the vote and answers 303 to the receipt, so a reload shows the receipt and never votes
   * again. On an error the form comes back with what was typed and each error at its field.
   */
  @Post()
  @HttpCode(303)
  @Header('Referrer-Policy', 'no-referrer')
  async submit(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response) {
    const receivedAt = this.clock.now();
    const body = formFields(posted);
    // The token is resolved once; the form needs the questions (frozen, kept per process) to be read.
    const link = await this.ballots.resolve(token);
    const proposals = await this.ballots.proposalsOf(link);
    const dto = plainToInstance(SubmitBallotDto, {
      voterName: body.voterName ?? '',
      voterRole: body.voterRole ?? '',
      answers: proposals.flatMap((p) => (body[`q_${p.id}`] ? [{ proposalId: p.id, choiceId: body[`q_${p.id}`] }] : [])),
    });
    const questionId = (field: string) => {
      const index = /^answers\[(\d+)\]/.exec(field)?.[1];
      const proposalId = index === undefined ? undefined : dto.answers[Number(index)]?.proposalId;
      return proposalId ? `vraag-${proposalId}` : `veld-${bare(field)}`;
    };
    const errors = pageErrors(
      validationErrors(dto).filter((e) => e.field !== 'answers'),
      questionId,
    );
    const unanswered = proposals.filter((p) => !body[`q_${p.id}`]);
    if (unanswered.length) {
      errors.push({
        fieldId: `vraag-${unanswered[0].id}`,
        message: `Beantwoord elke vraag; nog open: ${unanswered.map((p) => `voorstel ${p.number}`).join(', ')}`,
      });
    }
    response.type('html');
    if (errors.length) {
      response.status(400);
      return this.renderForm(
        token,
        await this.ballots.viewOf(link),
        body,
        errors,
        unanswered.map((p) => p.id),
      );
    }
    try {
      await this.ballots.submitAs(link, dto, receivedAt);
      const receiptUrl = `/stemmen/${encodeURIComponent(token)}/ontvangen`;
      response.status(303).location(receiptUrl);
      return `<!doctype html><html lang="nl"><title>Stem ontvangen</title><p><a href="${receiptUrl}">Naar uw ontvangstbewijs</a></p></html>`;
    } catch (error) {
      // A link that stopped working gets the Dutch error page; the form only for what the voter can fix.
      if (!(error instanceof DomainError) || !['VOTING_CLOSED', 'VOTING_NOT_OPEN', 'INVALID_INPUT'].includes(error.code)) throw error;
      response.status(httpStatusOf(error.code));
      const now = await this.ballots.viewOf(await this.ballots.reread(link));
      const closed =
        error.code === 'VOTING_CLOSED'
          ? [
              {
                fieldId: 'stemformulier',
                message: `De stemming is gesloten sinds ${formatDateTimeNl(now.votingClosedAt ?? now.votingDeadline)}; uw stem is op ${formatDateTimeNl(receivedAt)} ontvangen en telt niet mee.`,
              },
            ]
          : error.code === 'VOTING_NOT_OPEN'
            ? [{ fieldId: 'stemformulier', message: 'De stemming is nog niet geopend.' }]
            : [];
      return this.renderForm(token, now, body, [...closed, ...pageErrors(error.fieldErrors, questionId, false)]);
    }
  }

  /** The receipt of the submission that counts now (where the form redirects after a vote). */
  @Get('ontvangen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  async receipt(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    const view = await this.ballots.view(token);
    if (!view.current) {
      response.status(303).location(`/stemmen/${encodeURIComponent(token)}`);
      return '<!doctype html><html lang="nl"><title>Stemformulier</title><p>Er is nog niet gestemd.</p></html>';
    }
    const receipt = {
      receiptCode: view.current.receiptCode,
      receivedAt: view.current.receivedAt,
      member: view.member.name,
      replacedEarlierSubmission: view.submissionCount > 1,
    };
    return this.renderer.render('ballot-receipt', { title: 'Stem ontvangen', receipt, view, token });
  }

  @Post('doorgeven')
  @HttpCode(200)
  async delegate(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response) {
    const body = formFields(posted);
    const dto = plainToInstance(DelegateBallotDto, { name: body.name ?? '', email: body.email ?? '', role: body.role ?? '' });
    const idOf = (field: string) => `doorgeven-${bare(field)}`;
    const errors = pageErrors(validationErrors(dto), idOf);
    response.type('html');
    const link = await this.ballots.resolve(token);
    const view = await this.ballots.viewOf(link);
    if (errors.length) {
      response.status(400);
      return this.renderForm(token, view, {}, errors, [], body);
    }
    try {
      const delegated = await this.ballots.delegateAs(link, dto);
      return this.renderer.render('ballot-delegated', { title: 'Stemformulier doorgegeven', delegated, view });
    } catch (error) {
      if (!(error instanceof DomainError) || !['VOTING_CLOSED', 'INVALID_INPUT', 'DUPLICATE'].includes(error.code)) throw error;
      response.status(httpStatusOf(error.code));
      const own = error.fieldErrors.length
        ? pageErrors(error.fieldErrors, idOf, false)
        : [{ fieldId: 'doorgeven', message: 'De stemming is gesloten; doorgeven kan niet meer.' }];
      return this.renderForm(token, view, {}, own, [], body);
    }
  }

  private async renderForm(
    token: string,
    view: BallotView,
    body: FormBody,
    errors: PageError[] = [],
    unanswered: string[] = [],
    delegation: FormBody = {},
  ): Promise<string> {
    // What this municipality would pay under each choice of a proposal with a financial effect.
    const amounts = view.votingOpen ? ((await this.financialImpact.perMember(view.consultationId)).get(view.member.id) ?? []) : [];
    const current = new Map((view.current?.answers ?? []).map((a) => [a.proposalId, a.choiceId]));
    const errorAt = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;
    return this.renderer.render('ballot', {
      title: `Stemformulier ${view.member.name}`,
      amounts,
      token,
      view,
      errors,
      holderRole: roleNl(view.holder.role),
      isSecretary: view.holder.role === 'secretary',
      voterName: body.voterName ?? view.current?.voterName ?? view.holder.name,
      voterNameError: errorAt('veld-voterName'),
      voterRoleError: errorAt('veld-voterRole'),
      roles: voterRoleOptions(body.voterRole ?? view.current?.voterRole ?? view.holder.role),
      delegation: { name: delegation.name ?? '', email: delegation.email ?? '' },
      delegateNameError: errorAt('doorgeven-name'),
      delegateEmailError: errorAt('doorgeven-email'),
      delegateRoleError: errorAt('doorgeven-role'),
      delegateRoles: voterRoleOptions(delegation.role).filter((r) => r.value !== 'secretary'),
      proposals: view.proposals.map((p) => ({
        ...p,
        error: unanswered.includes(p.id) ? `Kies een antwoord bij voorstel ${p.number}.` : errorAt(`vraag-${p.id}`),
        choices: p.choices.map((c) => ({ ...c, checked: (body[`q_${p.id}`] ?? current.get(p.id)) === c.id })),
      })),
    });
  }
}
