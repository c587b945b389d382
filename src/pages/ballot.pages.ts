import { Body, Controller, Get, Header, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Response } from 'express';
import { BallotsService, BallotView } from '../ballots/ballots.service';
import type { BallotLink } from '../ballots/ballots.service';
import { DelegateBallotDto, SubmitBallotDto } from '../ballots/dto/submit-ballot.dto';
import { FinancialImpactService } from '../finance/financial-impact.service';
import { Clock } from '../platform/clock';
import { DomainError, FieldError, httpStatusOf } from '../platform/http/domain-error';
import { ruleNl } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { ReceivedAt } from '../platform/http/received-at';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { receiptPdf } from './ballot-pdf';
import { decisionRuleNl } from './decision-rule-nl';
import { FormBody, formFields } from '../platform/http/form-fields';
import { KIND_NL, roleNl, voterRoleOptions } from './view-models';

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

/** The vote as the form posted it, checked: what the confirmation lists and what the confirmed post casts. */
interface ReadVote {
  dto: SubmitBallotDto;
  errors: PageError[];
  unanswered: string[];
  questionId: (field: string) => string;
}

/** One line per question: the proposal and the chosen answer's label. */
function chosen(view: BallotView, answers: { proposalId: string; choiceId: string }[]) {
  return view.proposals.flatMap((p) => {
    const answer = answers.find((a) => a.proposalId === p.id);
    const choice = p.choices.find((c) => c.id === answer?.choiceId);
    return answer && choice ? [{ proposalId: p.id, choiceId: choice.id, number: p.number, title: p.title, choice: choice.label }] : [];
  });
}

const NO_REFERRER = { 'Referrer-Policy': 'no-referrer' };

/**
 * The ballot as a Dutch form that works without JavaScript and by keyboard alone: one radio group per
 * proposal with its decision rule, a confirmation step that lists the choices (they travel in hidden
 * fields and are checked again), the receipt with the choices and its PDF, and passing the ballot on.
 */
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
   * Two steps on one address. Without `stap` (the form): the choices are checked and listed on the
   * confirmation page, nothing is cast. `stap=wijzigen`: back to the form with the choices kept.
   * `stap=bevestigen`: the choices from the hidden fields are checked again and the vote is cast;
   * the answer is 303 to the receipt, so a reload shows the receipt and never votes again. On an
   * error the form comes back with what was typed and each error at its field.
   */
  @Post()
  @HttpCode(303)
  async submit(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response, @ReceivedAt() receivedAt: Date) {
    const body = formFields(posted);
    response.set(NO_REFERRER).type('html');
    // The token is resolved once; the form needs the questions (frozen, kept per process) to be read.
    const link = await this.ballots.resolve(token);
    if (body.stap === 'wijzigen') {
      response.status(200);
      return this.renderForm(token, await this.ballots.viewOf(link), body);
    }
    const vote = await this.readVote(link, body);
    if (vote.errors.length) {
      response.status(400);
      return this.renderForm(token, await this.ballots.viewOf(link), body, vote.errors, vote.unanswered);
    }
    if (body.stap !== 'bevestigen') {
      const view = await this.ballots.viewOf(link);
      if (!view.votingOpen)
        return this.refused(
          response,
          token,
          link,
          body,
          vote,
          receivedAt,
          new DomainError(link.status === 'final_proposals_published' ? 'VOTING_NOT_OPEN' : 'VOTING_CLOSED', 'voting is not open'),
        );
      response.status(200);
      return this.renderer.render('ballot-confirm', {
        title: `Controleer uw stem: ${view.member.name}`,
        kindNl: KIND_NL[view.consultation.kind] ?? '',
        view,
        token,
        choices: chosen(view, vote.dto.answers),
        voterName: vote.dto.voterName,
        voterRole: vote.dto.voterRole,
        voterRoleNl: roleNl(vote.dto.voterRole),
      });
    }
    try {
      await this.ballots.submitAs(link, vote.dto, receivedAt);
      const receiptUrl = `/stemmen/${encodeURIComponent(token)}/ontvangen`;
      response.status(303).location(receiptUrl);
      return `<!doctype html><html lang="nl"><title>Stem ontvangen</title><p><a href="${receiptUrl}">Naar uw ontvangstbewijs</a></p></html>`;
    } catch (error) {
      return this.refused(response, token, link, body, vote, receivedAt, error);
    }
  }

  /** The receipt of the submission that counts now (where the confirmed vote redirects), with the choices. */
  @Get('ontvangen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  async receipt(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    const view = await this.ballots.view(token);
    if (!view.current) {
      response.status(303).location(`/stemmen/${encodeURIComponent(token)}`);
      return '<!doctype html><html lang="nl"><title>Stemformulier</title><p>Er is nog niet gestemd.</p></html>';
    }
    const current = view.current;
    const receipt = {
      receiptCode: current.receiptCode,
      receivedAt: current.receivedAt,
      member: view.member.name,
      voter: `${current.voterName} (${roleNl(current.voterRole)})`,
      paper: current.channel === 'paper',
      replacedEarlierSubmission: view.submissionCount > 1,
    };
    return this.renderer.render('ballot-receipt', {
      title: 'Stem ontvangen',
      kindNl: KIND_NL[view.consultation.kind] ?? '',
      receipt,
      choices: chosen(view, current.answers),
      view,
      token,
    });
  }

  /** The receipt as a PDF to keep: the code, the time, who voted and the choices. */
  @Get('ontvangen.pdf')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  async receiptPdf(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    const view = await this.ballots.view(token);
    if (!view.current) throw DomainError.notFound('vote of this ballot', 'none yet');
    const current = view.current;
    const pdf = await receiptPdf(
      {
        consultation: { ...view.consultation, votingDeadline: view.votingDeadline },
        member: view.member,
        receiptCode: current.receiptCode,
        receivedAt: current.receivedAt,
        voter: `${current.voterName} (${roleNl(current.voterRole)})`,
        channel: current.channel,
        replacedEarlierSubmission: view.submissionCount > 1,
        choices: chosen(view, current.answers).map((c) => ({ question: `${c.number}. ${c.title}`, choice: c.choice })),
      },
      this.clock.now(),
    );
    response.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="ontvangstbewijs-${current.receiptCode}.pdf"` });
    return new StreamableFile(pdf);
  }

  /** Passes the ballot on; the new holder gets a mail with a link of their own. 303 to the confirmation. */
  @Post('doorgeven')
  @HttpCode(303)
  async delegate(@Param('token') token: string, @Body() posted: unknown, @Res({ passthrough: true }) response: Response) {
    const body = formFields(posted);
    const dto = plainToInstance(DelegateBallotDto, { name: body.name ?? '', email: body.email ?? '', role: body.role ?? '' });
    const idOf = (field: string) => `doorgeven-${bare(field)}`;
    const errors = pageErrors(validationErrors(dto), idOf);
    response.set(NO_REFERRER).type('html');
    const link = await this.ballots.resolve(token);
    if (errors.length) {
      response.status(400);
      return this.renderForm(token, await this.ballots.viewOf(link), {}, errors, [], body);
    }
    try {
      await this.ballots.delegateAs(link, dto);
      const doneUrl = `/stemmen/${encodeURIComponent(token)}/doorgegeven`;
      response.status(303).location(doneUrl);
      return `<!doctype html><html lang="nl"><title>Stemformulier doorgegeven</title><p><a href="${doneUrl}">Verder</a></p></html>`;
    } catch (error) {
      if (!(error instanceof DomainError) || !['VOTING_CLOSED', 'INVALID_INPUT', 'DUPLICATE'].includes(error.code)) throw error;
      response.status(httpStatusOf(error.code));
      const own = error.fieldErrors.length
        ? pageErrors(error.fieldErrors, idOf, false)
        : [{ fieldId: 'doorgeven', message: 'De stemming is gesloten; doorgeven kan niet meer.' }];
      return this.renderForm(token, await this.ballots.viewOf(link), {}, own, [], body);
    }
  }

  /** After passing the ballot on: to whom it went (each got a mail with a link of their own). */
  @Get('doorgegeven')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Referrer-Policy', 'no-referrer')
  async delegated(@Param('token') token: string) {
    const link = await this.ballots.resolve(token);
    const [view, holders] = await Promise.all([this.ballots.viewOf(link), this.ballots.delegatedHolders(link)]);
    return this.renderer.render('ballot-delegated', {
      title: 'Stemformulier doorgegeven',
      kindNl: KIND_NL[view.consultation.kind] ?? '',
      view,
      token,
      holders: holders.map((h) => ({ ...h, roleNl: roleNl(h.role).toLowerCase() })),
    });
  }

  /** The posted answers and voter, checked as the service will check them; an error per field in Dutch. */
  private async readVote(link: BallotLink, body: FormBody): Promise<ReadVote> {
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
    // A choice that is not one of the question's (a changed hidden field) is named before anything is cast.
    for (const answer of dto.answers) {
      const proposal = proposals.find((p) => p.id === answer.proposalId)!;
      if (!proposal.choices.some((c) => c.id === answer.choiceId) && !errors.some((e) => e.fieldId === `vraag-${proposal.id}`)) {
        errors.push({ fieldId: `vraag-${proposal.id}`, message: `Kies een van de antwoorden bij voorstel ${proposal.number}.` });
      }
    }
    return { dto, errors, unanswered: unanswered.map((p) => p.id), questionId };
  }

  /** A vote the service (or the phase) refused: the form again, with why, when the voter can see or fix it. */
  private async refused(response: Response, token: string, link: BallotLink, body: FormBody, vote: ReadVote, receivedAt: Date, error: unknown) {
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
    return this.renderForm(token, now, body, [...closed, ...pageErrors(error.fieldErrors, vote.questionId, false)]);
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
      kindNl: KIND_NL[view.consultation.kind] ?? '',
      amounts,
      token,
      view,
      errors,
      paperVote: view.current?.channel === 'paper',
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
        rule: decisionRuleNl(p.rule, p.questionType),
        error: unanswered.includes(p.id) ? `Kies een antwoord bij voorstel ${p.number}.` : errorAt(`vraag-${p.id}`),
        choices: p.choices.map((c) => ({ ...c, checked: (body[`q_${p.id}`] ?? current.get(p.id)) === c.id })),
      })),
    });
  }
}
