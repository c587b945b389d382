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
import { fieldErrorsNl, knownNl, pageMessage } from '../platform/http/page-messages';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { KIND_NL, MAIL_KIND_NL, MAIL_STATUS_NL, outcomeNl, statusNl, votingClosedSince } from './view-models';

const ACTIONS = {
  'open-amendments': { label: 'Amendementen openstellen', from: ['draft'] },
  'publish-final-proposals': { label: 'Definitieve voorstellen publiceren', from: ['draft', 'amendments_open'] },
  'open-voting': { label: 'Stemming openen', from: ['final_proposals_published'] },
  'close-voting': { label: 'Stemming sluiten', from: ['voting_open'] },
  'publish-results': { label: 'Uitslag publiceren', from: ['voting_closed'] },
} as const;
type Action = keyof typeof ACTIONS;

/** The board's pages (sign-in is in sign-in.pages.ts): sign out, see consultations, move them through their phases, see turnout and tallies. */
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
    return this.renderer.render('board', {
      title: 'Bestuur',
      signedIn: true,
      staff,
      consultations: list.map((c) => ({ ...c, kindNl: KIND_NL[c.kind], statusNl: statusNl(c.status) })),
    });
  }

  @Get('raadplegingen/:id')
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async consultation(@Param('id', new UuidPipe('id')) id: string, @CurrentStaff() staff: SignedInStaff, @Query('geschiedenis') history?: string) {
    return this.renderConsultation(id, staff, null, history === 'ja');
  }

  @Post('raadplegingen/:id/:action')
  @Can('consultations.decide')
  async act(
    @Param('id', new UuidPipe('id')) id: string,
    @Param('action') action: string,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    if (!(action in ACTIONS)) throw DomainError.notFound('action', action);
    const actor = staffActor(staff);
    try {
      switch (action as Action) {
        case 'open-amendments':
          await this.consultations.openAmendments(id, actor);
          break;
        case 'publish-final-proposals':
          await this.publication.publishFinalProposals(id, actor);
          break;
        case 'open-voting':
          await this.consultations.openVoting(id, actor);
          break;
        case 'close-voting':
          await this.consultations.closeVoting(id, actor);
          break;
        case 'publish-results':
          await this.publication.publishResults(id, actor);
          break;
      }
      response.redirect(303, `/bestuur/raadplegingen/${id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
      // Pages speak Dutch: the text of the code, with the fields it names.
      const fields = fieldErrorsNl(error.fieldErrors)
        .map((e) => `${e.field}: ${e.rule}`)
        .join('; ');
      const message = error.fieldErrors.length
        ? `${pageMessage(error.code, request.path).message} (${fields})`
        : (knownNl(error.message) ?? pageMessage(error.code, request.path).message);
      response
        .status(409)
        .type('html')
        .send(await this.renderConsultation(id, staff, message));
    }
  }

  private async renderConsultation(id: string, staff: SignedInStaff, error: string | null, mailHistory = false): Promise<string> {
    const c = await this.consultations.get(id);
    const turnout = c.votingOpenedAt ? await this.consultations.turnout(id) : null;
    const mail = c.votingOpenedAt ? await this.mail.mailProgress(id, mailHistory) : null;
    const kindNl = <T extends { kind: string }>(row: T) => ({ ...row, kindNl: MAIL_KIND_NL[row.kind] ?? row.kind });
    const showTally = c.votingOpenedAt !== null && c.status !== 'voting_open';
    const tally = showTally ? await this.consultations.tally(id) : null;
    const canDecide = allows(staff.role, 'consultations.decide');
    return this.renderer.render('board-consultation', {
      title: c.title,
      signedIn: true,
      consultation: c,
      statusNl: statusNl(c.status),
      kindNl: KIND_NL[c.kind],
      error,
      votingClosedSince: votingClosedSince(c),
      turnout,
      mail: mail && {
        byKind: mail.byKind.map(kindNl),
        failures: mail.failures.map(kindNl),
        history: mail.history?.map((h) => ({ ...kindNl(h), statusNl: MAIL_STATUS_NL[h.status] })),
      },
      tally: tally ? { proposals: tally.proposals.map((p) => ({ ...p, outcomeNl: outcomeNl(p.outcome) })) } : null,
      actions: canDecide
        ? Object.entries(ACTIONS)
            .filter(([, a]) => (a.from as readonly string[]).includes(c.status))
            .map(([name, a]) => ({ name, label: a.label }))
        : [],
      hasResult: hasPublishedResult(c.status),
      financialImpact: await this.financialImpact.forConsultation(id),
    });
  }
}
