import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { allows } from '../accounts/permissions';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ConsultationMailService } from '../consultations/consultation-mail.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { ReissueBallotDto } from '../consultations/dto/reissue-ballot.dto';
import { MembersService } from '../members/members.service';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatIntegerNl } from '../platform/text/dutch-format';
import { deadlineFrom, deadlineParts, doneMessage, doneRedirect, formRefusal, stepRefusal } from './board-kit';
import { formFields } from '../platform/http/form-fields';
import { FieldMessage, formErrors, messagesAt, textField } from './page-form';
import { MAIL_STATUS_NL, statusNl } from './view-models';

/**
 * The work of an open vote: who has not voted (with reminders, resending and reissuing a ballot per
 * member), extending the deadline, and closing early after a confirmation that names what happens.
 * Mail work is for the bureau too (consultations.prepare); extending and closing for the board.
 */
@ApiExcludeController()
@Controller('bestuur/raadplegingen/:id')
export class ConsultationVotingPages {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly mail: ConsultationMailService,
    private readonly members: MembersService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get('niet-gestemd')
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  nonVoters(
    @Param('id', new UuidPipe('id')) id: string,
    @CurrentStaff() staff: SignedInStaff,
    @Query('gedaan') done?: string,
    @Query('aantal') count?: string,
  ) {
    return this.renderNonVoters(id, staff, doneMessage(done, count), null);
  }

  @Post('herinneren')
  @Can('consultations.prepare')
  async remind(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const memberId = textField(formFields(posted), 'memberId');
    if (memberId && !/^[0-9a-f-]{36}$/i.test(memberId)) throw DomainError.invalid('memberId', 'must be a UUID');
    try {
      const queued = await this.mail.remindNow(id, staffActor(staff), memberId || undefined);
      doneRedirect(response, `/bestuur/raadplegingen/${id}/niet-gestemd`, queued === 0 ? 'geen-herinnering' : 'herinnering', queued);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
      response
        .status(409)
        .type('html')
        .send(await this.renderNonVoters(id, staff, null, stepRefusal(error, request.path)));
    }
  }

  @Get('leden/:memberId/opnieuw-versturen')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async confirmResend(@Param('id', new UuidPipe('id')) id: string, @Param('memberId', new UuidPipe('memberId')) memberId: string) {
    return this.renderResend(id, memberId, null);
  }

  @Post('leden/:memberId/opnieuw-versturen')
  @Can('consultations.prepare')
  async resend(
    @Param('id', new UuidPipe('id')) id: string,
    @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    try {
      await this.mail.resendInvitation(id, memberId, staffActor(staff));
      doneRedirect(response, `/bestuur/raadplegingen/${id}/niet-gestemd`, 'opnieuw-verstuurd');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
      response
        .status(409)
        .type('html')
        .send(await this.renderResend(id, memberId, stepRefusal(error, request.path)));
    }
  }

  @Get('leden/:memberId/nieuw-stemformulier')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async reissueForm(@Param('id', new UuidPipe('id')) id: string, @Param('memberId', new UuidPipe('memberId')) memberId: string) {
    const member = await this.members.get(memberId);
    return this.renderReissue(id, memberId, { secretaryName: member.secretaryName, secretaryEmail: member.secretaryEmail }, []);
  }

  @Post('leden/:memberId/nieuw-stemformulier')
  @Can('consultations.prepare')
  async reissue(
    @Param('id', new UuidPipe('id')) id: string,
    @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res() response: Response,
  ) {
    const body = formFields(posted);
    const typed = { secretaryName: textField(body, 'secretaryName'), secretaryEmail: textField(body, 'secretaryEmail') };
    const dto = plainToInstance(ReissueBallotDto, typed);
    let errors = formErrors(dto, {
      secretaryName: 'Vul de naam van de secretaris in (hoogstens 120 tekens).',
      secretaryEmail: 'Vul een geldig e-mailadres in, zoals secretaris@gemeente.nl.',
    });
    if (!errors.length) {
      try {
        await this.mail.reissueBallot(id, memberId, dto, staffActor(staff));
        doneRedirect(response, `/bestuur/raadplegingen/${id}/niet-gestemd`, 'nieuw-stembiljet');
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
        errors =
          error.code === 'VOTING_NOT_OPEN'
            ? [{ field: 'secretaryName', message: 'Dit kan niet meer: de stemming is niet (meer) open.' }]
            : formRefusal(error, 'secretaryName');
      }
    }
    response
      .status(errors.some((e) => e.message.startsWith('Dit kan niet meer')) ? 409 : 400)
      .type('html')
      .send(await this.renderReissue(id, memberId, typed, errors));
  }

  @Get('verlengen')
  @Can('consultations.decide')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async extendForm(@Param('id', new UuidPipe('id')) id: string) {
    const c = await this.consultations.require(id);
    return this.renderExtend(id, deadlineParts(c.votingDeadline), []);
  }

  @Post('verlengen')
  @Can('consultations.decide')
  async extend(@Param('id', new UuidPipe('id')) id: string, @Body() posted: unknown, @CurrentStaff() staff: SignedInStaff, @Res() response: Response) {
    const body = formFields(posted);
    const typed = { date: textField(body, 'votingDeadlineDate'), time: textField(body, 'votingDeadlineTime') };
    const deadline = deadlineFrom(typed.date, typed.time);
    let errors: FieldMessage[];
    if (!deadline) {
      errors = [
        {
          field: 'votingDeadline',
          message:
            typed.date && typed.time ? 'De nieuwe stemtermijn is geen bestaande datum en tijd.' : 'Vul de datum en de tijd van de nieuwe stemtermijn in.',
        },
      ];
    } else {
      try {
        await this.consultations.extendVoting(id, deadline, staffActor(staff));
        const told = (await this.consultations.turnout(id)).eligible.members;
        doneRedirect(response, `/bestuur/raadplegingen/${id}`, 'verlengd', told);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'NOT_FOUND') throw error;
        errors =
          error.code === 'ILLEGAL_TRANSITION'
            ? [{ field: 'votingDeadline', message: 'Dit kan niet meer: alleen een open stemming kan worden verlengd.' }]
            : formRefusal(error, 'votingDeadline').map((e) => ({
                ...e,
                message: e.message.replace(/^Het einde van de stemming/, 'De nieuwe stemtermijn'),
              }));
      }
    }
    response
      .status(errors.some((e) => e.message.startsWith('Dit kan niet meer')) ? 409 : 400)
      .type('html')
      .send(await this.renderExtend(id, typed, errors));
  }

  /** Closing early asks first, naming exactly what happens; the button posts to close-voting (board.pages.ts). */
  @Get('sluiten')
  @Can('consultations.decide')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async confirmClose(@Param('id', new UuidPipe('id')) id: string) {
    const c = await this.consultations.require(id);
    const open = c.status === 'voting_open';
    const turnout = open ? await this.consultations.turnout(id) : null;
    return this.renderer.render('board-close', {
      title: `Stemming sluiten: ${c.title}`,
      signedIn: true,
      consultation: c,
      statusNl: statusNl(c.status),
      open,
      figures: turnout && {
        eligible: formatIntegerNl(turnout.eligible.members),
        voted: formatIntegerNl(turnout.voted.members),
        notVoted: turnout.eligible.members - turnout.voted.members,
        notVotedWeight: formatIntegerNl(turnout.eligible.weight - turnout.voted.weight),
        weightShare: turnout.weightShare,
      },
    });
  }

  private async renderNonVoters(id: string, staff: SignedInStaff, done: string | null, error: string | null) {
    const c = await this.consultations.require(id);
    const list = c.votingOpenedAt ? await this.mail.nonVoters(id) : [];
    const turnout = c.votingOpenedAt ? await this.consultations.turnout(id) : null;
    const open = c.status === 'voting_open';
    return this.renderer.render('board-non-voters', {
      title: `Nog niet gestemd: ${c.title}`,
      signedIn: true,
      consultation: c,
      statusNl: statusNl(c.status),
      open,
      done,
      error,
      turnout,
      weight: formatIntegerNl(list.reduce((sum, m) => sum + m.weight, 0)),
      members: list.map((m) => ({
        ...m,
        invitationNl: m.invitation ? MAIL_STATUS_NL[m.invitation.status] : 'niet verstuurd',
        invitationFailed: m.invitation?.status === 'failed',
        invitationReason: m.invitation?.reason ?? null,
      })),
      canMail: open && allows(staff.role, 'consultations.prepare'),
    });
  }

  private async renderResend(id: string, memberId: string, error: string | null) {
    const c = await this.consultations.require(id);
    const member = await this.members.get(memberId);
    return this.renderer.render('board-resend', {
      title: `Stemformulier opnieuw versturen: ${member.name}`,
      signedIn: true,
      consultation: c,
      member,
      error,
      open: c.status === 'voting_open',
    });
  }

  private async renderReissue(id: string, memberId: string, typed: { secretaryName: string; secretaryEmail: string }, errors: FieldMessage[]) {
    const c = await this.consultations.require(id);
    const member = await this.members.get(memberId);
    return this.renderer.render('board-reissue', {
      title: `${errors.length ? 'Fout in formulier: ' : ''}Nieuw stemformulier voor ${member.name}`,
      signedIn: true,
      consultation: c,
      member,
      form: typed,
      errors,
      ...messagesAt(errors, ['secretaryName', 'secretaryEmail']),
      open: c.status === 'voting_open',
    });
  }

  private async renderExtend(id: string, typed: { date: string; time: string }, errors: FieldMessage[]) {
    const c = await this.consultations.require(id);
    const turnout = c.votingOpenedAt ? await this.consultations.turnout(id) : null;
    return this.renderer.render('board-extend', {
      title: `${errors.length ? 'Fout in formulier: ' : ''}Stemtermijn verlengen: ${c.title}`,
      signedIn: true,
      consultation: c,
      form: typed,
      errors,
      ...messagesAt(errors, ['votingDeadline']),
      open: c.status === 'voting_open',
      members: turnout ? formatIntegerNl(turnout.eligible.members) : '0',
    });
  }
}
