import { Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccountsService, SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, SESSION_COOKIE, sessionTokenOf, staffActor } from '../accounts/staff.guard';
import { hasPublishedResult } from '../consultations/consultation-phase';
import { ConsultationMailService } from '../consultations/consultation-mail.service';
import { ConsultationPublicationService } from '../consultations/consultation-publication.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { FinancialImpactService } from '../finance/financial-impact.service';
import { DomainError } from '../platform/http/domain-error';
import { formatIntegerNl } from '../platform/text/dutch-format';
import { formatValue } from '../proposals/proposal-value';
import { AmendmentsService } from '../amendments/amendments.service';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { KIND_NL, MAIL_KIND_NL, MAIL_STATUS_NL, outcomeNl, statusNl, votingClosedSince } from './view-models';
import { doneMessage, doneRedirect, ruleInWords, stepRefusal } from './board-kit';

/**
 * The board's pages (signing in is in sign-in.pages.ts): sign out, the consultations overview, one consultation with its next step, the
 * phase steps (each a POST answered 303 with a message), and while voting is open the live figures.
 * Preparing (new consultation, proposals) is in consultation-setup.pages.ts, the amendments in
 * consultation-amendments.pages.ts, the work of the open vote in consultation-voting.pages.ts.
 */
@ApiExcludeController()
@Controller('bestuur')
export class BoardPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly consultations: ConsultationsService,
    private readonly publication: ConsultationPublicationService,
    private readonly mail: ConsultationMailService,
    private readonly renderer: PageRenderer,
    private readonly financialImpact: FinancialImpactService,
    private readonly amendments: AmendmentsService,
  ) {}

  @Post('uitloggen')
  async signOut(@Req() request: Request, @Res() response: Response) {
    const token = sessionTokenOf(request);
    if (token) await this.accounts.signOut(token);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/');
  }

  @Get()
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async dashboard(@CurrentStaff() staff: SignedInStaff) {
    const list = await this.consultations.list(false);
    const rows = [];
    for (const c of list) {
      const turnout = c.votingOpenedAt ? await this.consultations.turnout(c.id) : null;
      rows.push({
        ...c,
        kindNl: KIND_NL[c.kind],
        statusNl: statusNl(c.status),
        closedSince: votingClosedSince(c),
        turnout,
      });
    }
    return this.renderer.render('board', {
      title: 'Raadplegingen',
      signedIn: true,
      staff,
      consultations: rows,
      canPrepare: allows(staff.role, 'consultations.prepare'),
    });
  }

  @Get('raadplegingen/:id')
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async consultation(
    @Param('id', new UuidPipe('id')) id: string,
    @CurrentStaff() staff: SignedInStaff,
    @Query('geschiedenis') history?: string,
    @Query('gedaan') done?: string,
    @Query('aantal') count?: string,
  ) {
    return this.renderConsultation(id, staff, { error: null, done: doneMessage(done, count), mailHistory: history === 'ja' });
  }

  /** The figures the open vote's page keeps up to date without reload (static/board-live.js). */
  @Get('raadplegingen/:id/stand')
  @Can('consultations.read')
  async live(@Param('id', new UuidPipe('id')) id: string) {
    const c = await this.consultations.require(id);
    const turnout = c.votingOpenedAt ? await this.consultations.turnout(id) : null;
    const mail = c.votingOpenedAt ? await this.mail.mailProgress(id) : null;
    return { status: c.status, statusNl: statusNl(c.status), figures: liveFigures(turnout, mail) };
  }

  @Post('raadplegingen/:id/open-amendments')
  @Can('consultations.decide')
  openAmendments(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    return this.step(id, staff, request, response, async (actor) => {
      await this.consultations.openAmendments(id, actor);
      return { done: 'amendementen-open' };
    });
  }

  @Post('raadplegingen/:id/publish-final-proposals')
  @Can('consultations.decide')
  publishFinalProposals(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    return this.step(id, staff, request, response, async (actor) => {
      await this.publication.publishFinalProposals(id, actor);
      return { done: 'definitief-gepubliceerd' };
    });
  }

  @Post('raadplegingen/:id/open-voting')
  @Can('consultations.decide')
  openVoting(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    return this.step(id, staff, request, response, async (actor) => {
      await this.consultations.openVoting(id, actor);
      return { done: 'stemming-open', count: (await this.consultations.turnout(id)).eligible.members };
    });
  }

  @Post('raadplegingen/:id/close-voting')
  @Can('consultations.decide')
  closeVoting(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    return this.step(id, staff, request, response, async (actor) => {
      await this.consultations.closeVoting(id, actor);
      return { done: 'stemming-gesloten' };
    });
  }

  @Post('raadplegingen/:id/publish-results')
  @Can('consultations.decide')
  publishResults(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Req() request: Request, @Res() response: Response) {
    return this.step(id, staff, request, response, async (actor) => {
      await this.publication.publishResults(id, actor);
      return { done: 'uitslag-gepubliceerd' };
    });
  }

  /** One phase step: 303 back to the consultation with its message, or the page again (409) saying in Dutch why not. */
  private async step(
    id: string,
    staff: SignedInStaff,
    request: Request,
    response: Response,
    work: (actor: string) => Promise<{ done: string; count?: number }>,
  ): Promise<void> {
    try {
      const { done, count } = await work(staffActor(staff));
      doneRedirect(response, `/bestuur/raadplegingen/${id}`, done, count);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
      response
        .status(409)
        .type('html')
        .send(await this.renderConsultation(id, staff, { error: stepRefusal(error, request.path), done: null, mailHistory: false }));
    }
  }

  private async renderConsultation(
    id: string,
    staff: SignedInStaff,
    options: { error: string | null; done: string | null; mailHistory: boolean },
  ): Promise<string> {
    const c = await this.consultations.get(id);
    const turnout = c.votingOpenedAt ? await this.consultations.turnout(id) : null;
    const mail = c.votingOpenedAt ? await this.mail.mailProgress(id, options.mailHistory) : null;
    const kindNl = <T extends { kind: string }>(row: T) => ({ ...row, kindNl: MAIL_KIND_NL[row.kind] ?? row.kind });
    const showTally = c.votingOpenedAt !== null && c.status !== 'voting_open';
    const tally = showTally ? await this.consultations.tally(id) : null;
    const amendments = await this.amendments.list(id);
    const live = amendments.filter((a) => a.status === 'submitted');
    const canPrepare = allows(staff.role, 'consultations.prepare');
    const canDecide = allows(staff.role, 'consultations.decide');
    const ratifies = [];
    for (const p of c.proposals.filter((x) => x.ratifiesConsultationId)) {
      const target = await this.consultations.require(p.ratifiesConsultationId!);
      ratifies.push({ number: p.number, id: target.id, title: target.title, statusNl: statusNl(target.status) });
    }
    return this.renderer.render('board-consultation', {
      title: c.title,
      signedIn: true,
      consultation: c,
      status: c.status,
      statusNl: statusNl(c.status),
      kindNl: KIND_NL[c.kind],
      error: options.error,
      done: options.done,
      votingClosedSince: votingClosedSince(c),
      turnout,
      live: c.status === 'voting_open' ? liveFigures(turnout, mail) : null,
      notVoted: turnout ? turnout.eligible.members - turnout.voted.members : 0,
      mail: mail && {
        byKind: mail.byKind.map(kindNl),
        failures: mail.failures.map(kindNl),
        history: mail.history?.map((h) => ({ ...kindNl(h), statusNl: MAIL_STATUS_NL[h.status] })) ?? null,
      },
      tally: tally ? { proposals: tally.proposals.map((p) => ({ ...p, outcomeNl: outcomeNl(p.outcome) })) } : null,
      proposals: c.proposals.map((p) => ({
        ...p,
        ruleNl: ruleInWords(p.rule),
        figure: p.valueKind && p.value !== null ? `${p.valueLabel ?? 'getal'}: ${formatValue(p.valueKind, p.value)}` : null,
        kindNl: p.originMotionId ? 'motie' : p.ratifiesConsultationId ? 'bekrachtiging' : p.kind === 'resolution' ? 'resolutie' : null,
      })),
      ratifies,
      amendments: { total: live.length, unanswered: live.filter((a) => !a.response).length, any: amendments.length > 0 },
      can: { prepare: canPrepare, decide: canDecide, respond: allows(staff.role, 'amendments.respond') },
      phase: {
        draft: c.status === 'draft',
        amendmentsOpen: c.status === 'amendments_open',
        editable: c.status === 'draft' || c.status === 'amendments_open',
        finalPublished: c.status === 'final_proposals_published',
        votingOpen: c.status === 'voting_open',
        votingClosed: c.status === 'voting_closed',
        resultsPublished: c.status === 'results_published',
        settled: c.status === 'ratified' || c.status === 'not_ratified',
      },
      hasResult: hasPublishedResult(c.status),
      financialImpact: await this.financialImpact.forConsultation(id),
    });
  }
}

type Turnout = Awaited<ReturnType<ConsultationsService['turnout']>>;
type MailProgress = Awaited<ReturnType<ConsultationMailService['mailProgress']>>;

/** The kinds of mail the open vote shows, always in this order (a kind not sent yet shows zeros). */
const LIVE_MAIL_KINDS = ['invitation', 'reminder', 'receipt', 'extension'] as const;

/** Turnout and mail progress as flat named figures: the page renders them, the script replaces them. */
function liveFigures(turnout: Turnout | null, mail: MailProgress | null): Record<string, string> {
  const figures: Record<string, string> = {};
  if (turnout) {
    figures.votedMembers = formatIntegerNl(turnout.voted.members);
    figures.eligibleMembers = formatIntegerNl(turnout.eligible.members);
    figures.membersShare = turnout.membersShare;
    figures.votedWeight = formatIntegerNl(turnout.voted.weight);
    figures.eligibleWeight = formatIntegerNl(turnout.eligible.weight);
    figures.weightShare = turnout.weightShare;
    figures.notVoted = formatIntegerNl(turnout.eligible.members - turnout.voted.members);
  }
  for (const kind of LIVE_MAIL_KINDS) {
    const row = mail?.byKind.find((k) => k.kind === kind);
    figures[`${kind}Queued`] = formatIntegerNl(row?.queued ?? 0);
    figures[`${kind}Sent`] = formatIntegerNl(row?.sent ?? 0);
    figures[`${kind}Failed`] = formatIntegerNl(row?.failed ?? 0);
  }
  return figures;
}
