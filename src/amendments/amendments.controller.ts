import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ASSOCIATION } from '../notifications/mail-templates';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { ProposalsService } from '../proposals/proposals.service';
import { AmendmentsService } from './amendments.service';
import { EditAmendmentDto, RespondDto, SubmitAmendmentDto, SubmitMotionDto } from './dto/amendment.dto';
import { definitiveLetterPdf } from './letter-pdf';

const id = (name = 'id') => new UuidPipe(name);

@ApiTags('amendments and motions')
@Controller()
export class AmendmentsController {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly proposals: ProposalsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('api/consultations/:id/amendments')
  @Can('amendments.read')
  list(@Param('id', id()) consultationId: string) {
    return this.amendments.list(consultationId);
  }

  @Post('api/consultations/:id/amendments')
  @Can('amendments.submit')
  submit(@Param('id', id()) consultationId: string, @Body() body: SubmitAmendmentDto, @CurrentStaff() account: SignedInStaff) {
    return this.amendments.submit(consultationId, body, account);
  }

  @Post('api/consultations/:id/motions')
  @Can('amendments.submit')
  submitMotion(@Param('id', id()) consultationId: string, @Body() body: SubmitMotionDto, @CurrentStaff() account: SignedInStaff) {
    return this.amendments.submitMotion(consultationId, body, account);
  }

  @Patch('api/amendments/:id')
  @Can('amendments.submit')
  edit(@Param('id', id()) amendmentId: string, @Body() body: EditAmendmentDto, @CurrentStaff() account: SignedInStaff) {
    return this.amendments.edit(amendmentId, body, account);
  }

  @Post('api/amendments/:id/withdraw')
  @HttpCode(200)
  @Can('amendments.submit')
  withdraw(@Param('id', id()) amendmentId: string, @CurrentStaff() account: SignedInStaff) {
    return this.amendments.withdraw(amendmentId, account);
  }

  @Post('api/amendments/:id/confirm')
  @HttpCode(204)
  @Can('amendments.submit')
  confirm(@Param('id', id()) amendmentId: string, @CurrentStaff() account: SignedInStaff) {
    return this.amendments.confirm(amendmentId, account);
  }

  @Post('api/amendments/:id/response')
  @HttpCode(200)
  @Can('amendments.respond')
  respond(@Param('id', id()) amendmentId: string, @Body() body: RespondDto, @CurrentStaff() staff: SignedInStaff) {
    return this.amendments.respond(amendmentId, body, staffActor(staff));
  }

  /** Every version of a proposal, original first: public, like the proposals themselves. */
  @Get('api/proposals/:id/versions')
  versions(@Param('id', id()) proposalId: string) {
    return this.proposals.get(proposalId).then(() => this.proposals.versions(proposalId));
  }

  /** The member letter "Definitieve voorstellen" (public once published). */
  @Get('api/public/consultations/:id/definitive-proposals')
  async letter(@Param('id', id()) consultationId: string) {
    return (await this.amendments.letter(consultationId)).content;
  }

  @Get('raadplegingen/:id/definitieve-voorstellen')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async letterPage(@Param('id', id()) consultationId: string) {
    const { content } = await this.amendments.letter(consultationId);
    return this.pages.render('definitive-proposals', { title: `Definitieve voorstellen ${content.consultationTitle}`, letter: content, financialImpact: content.financialImpact ?? [], consultationId, vereniging: ASSOCIATION });
  }

  @Get('raadplegingen/:id/definitieve-voorstellen.pdf')
  @ApiExcludeEndpoint()
  async letterPdf(@Param('id', id()) consultationId: string, @Res({ passthrough: true }) response: Response) {
    const { content } = await this.amendments.letter(consultationId);
    response.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="definitieve-voorstellen.pdf"' });
    return new StreamableFile(await definitiveLetterPdf(content));
  }
}
