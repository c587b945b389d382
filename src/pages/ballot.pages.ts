import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { BallotsService, BallotView } from '../ballots/ballots.service';
import { DelegateBallotDto, SubmitBallotDto } from '../ballots/dto/submit-ballot.dto';
import { DomainError, FieldError, httpStatusOf } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { roleNl, voterRoleOptions } from './view-models';

type FormBody = Record<string, string | undefined>;

/** The forms post url-encoded fields; anything else (text/plain, JSON) has no fields to read. */
function formFields(body: unknown): FormBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid('request body', 'must be a form (application/x-www-form-urlencoded)');
  }
  return body as FormBody;
}

function validationErrors(dto: object): FieldError[] {
  return validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}).map((rule) => ({ field: e.property, rule })));
}

/** The ballot as a Dutch form that works without JavaScript: one radio group per proposal. */
@ApiExcludeController()
@Controller('stemmen/:token')
export class BallotPages {
  constructor(
    private readonly ballots: BallotsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  async form(@Param('token') token: string) {
    const view = await this.ballots.view(token);
    return this.renderForm(token, view, {});
  }

  @Post()
  @HttpCode(200)
  @Header('Referrer-Policy', 'no-referrer')
  async submit(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response) {
    const receivedAt = new Date();
    const body = formFields(posted);
    const view = await this.ballots.view(token);
    const dto = plainToInstance(SubmitBallotDto, {
      voterName: body.voterName ?? '',
      voterRole: body.voterRole ?? '',
      answers: view.proposals.flatMap((p) => (body[`q_${p.id}`] ? [{ proposalId: p.id, choiceId: body[`q_${p.id}`] }] : [])),
    });
    const errors = validationErrors(dto);
    const unanswered = view.proposals.filter((p) => !body[`q_${p.id}`]);
    if (unanswered.length) errors.push({ field: 'answers', rule: `Beantwoord elke vraag; nog open: ${unanswered.map((p) => `voorstel ${p.number}`).join(', ')}` });
    response.type('html');
    if (errors.length) {
      response.status(400);
      return this.renderForm(token, view, body, errors);
    }
    try {
      const receipt = await this.ballots.submit(token, dto, receivedAt);
      return this.pages.render('ballot-receipt', { title: 'Stem ontvangen', receipt, view, token });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response.status(httpStatusOf(error.code));
      return this.renderForm(token, await this.ballots.view(token), body,
        error.code === 'VOTING_CLOSED'
          ? [{ field: 'deadline', rule: `De stemming is gesloten; uw stem is op ${receivedAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} ontvangen en telt niet mee.` }]
          : error.fieldErrors.length ? error.fieldErrors : [{ field: 'stem', rule: error.message }]);
    }
  }

  @Post('doorgeven')
  @HttpCode(200)
  async delegate(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response) {
    const body = formFields(posted);
    const dto = plainToInstance(DelegateBallotDto, { name: body.name ?? '', email: body.email ?? '', role: body.role ?? '' });
    const errors = validationErrors(dto);
    response.type('html');
    const view = await this.ballots.view(token);
    if (errors.length) {
      response.status(400);
      return this.renderForm(token, view, {}, errors);
    }
    try {
      const delegated = await this.ballots.delegate(token, dto);
      return this.pages.render('ballot-delegated', { title: 'Stemformulier doorgegeven', delegated, view });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response.status(httpStatusOf(error.code));
      return this.renderForm(token, view, {}, error.fieldErrors.length ? error.fieldErrors : [{ field: 'doorgeven', rule: error.message }]);
    }
  }

  private renderForm(token: string, view: BallotView, body: FormBody, errors: FieldError[] = []): string {
    const current = new Map((view.current?.answers ?? []).map((a) => [a.proposalId, a.choiceId]));
    return this.pages.render('ballot', {
      title: `Stemformulier ${view.member.name}`,
      token,
      view,
      errors,
      holderRole: roleNl(view.holder.role),
      isSecretary: view.holder.role === 'secretary',
      voterName: body.voterName ?? view.current?.voterName ?? view.holder.name,
      roles: voterRoleOptions(body.voterRole ?? view.current?.voterRole ?? view.holder.role),
      delegateRoles: voterRoleOptions().filter((r) => r.value !== 'secretary'),
      proposals: view.proposals.map((p) => ({
        ...p,
        choices: p.choices.map((c) => ({ ...c, checked: (body[`q_${p.id}`] ?? current.get(p.id)) === c.id })),
      })),
    });
  }
}
