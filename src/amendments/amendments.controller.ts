import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { ProposalVersionResponse } from '../proposals/dto/proposal.response';
import { ProposalsService } from '../proposals/proposals.service';
import { AmendmentsService } from './amendments.service';
import { EditAmendmentDto, RespondDto, SubmitAmendmentDto, SubmitMotionDto } from './dto/amendment.dto';
import { AmendmentListItem, AmendmentPage, AmendmentResponse, DefinitiveLetterResponse, ProposalVersionPage } from './dto/amendment.response';
import { definitiveLetterPdf } from './letter-pdf';

const id = (name = 'id') => new UuidPipe(name);

@ApiTags('amendments')
@Controller()
export class AmendmentsController {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly proposals: ProposalsService,
    private readonly renderer: PageRenderer,
  ) {}

  @Get('api/consultations/:id/amendments')
  @Can('amendments.read')
  @ApiDoc({ summary: 'List the amendments and motions of a consultation', response: AmendmentPage, errors: [404] })
  async list(@Param('id', id()) consultationId: string, @Query() query: PageQueryDto): Promise<Page<AmendmentListItem>> {
    return pageOf(await this.amendments.list(consultationId), pageRequest(query));
  }

  @Post('api/consultations/:id/amendments')
  @Can('amendments.submit')
  @ApiDoc({
    summary: 'Submit an amendment to a proposal (member official, while the window is open)',
    status: 201,
    response: AmendmentResponse,
    errors: [404, 409],
  })
  submit(@Param('id', id()) consultationId: string, @Body() body: SubmitAmendmentDto, @CurrentStaff() account: SignedInStaff): Promise<AmendmentResponse> {
    return this.amendments.submit(consultationId, body, account);
  }

  @Post('api/consultations/:id/motions')
  @Can('amendments.submit')
  @ApiDoc({ summary: 'Submit a motion (member official, while the window is open)', status: 201, response: AmendmentResponse, errors: [404, 409] })
  submitMotion(@Param('id', id()) consultationId: string, @Body() body: SubmitMotionDto, @CurrentStaff() account: SignedInStaff): Promise<AmendmentResponse> {
    return this.amendments.submitMotion(consultationId, body, account);
  }

  @Patch('api/amendments/:id')
  @Can('amendments.submit')
  @ApiDoc({ summary: 'Edit an own amendment or motion until the deadline', response: AmendmentResponse, errors: [404, 409] })
  edit(@Param('id', id()) amendmentId: string, @Body() body: EditAmendmentDto, @CurrentStaff() account: SignedInStaff): Promise<AmendmentResponse> {
    return this.amendments.edit(amendmentId, body, account);
  }

  @Post('api/amendments/:id/withdraw')
  @HttpCode(200)
  @Can('amendments.submit')
  @ApiDoc({ summary: 'Withdraw an own amendment or motion until the deadline', response: AmendmentResponse, errors: [404, 409] })
  withdraw(@Param('id', id()) amendmentId: string, @CurrentStaff() account: SignedInStaff): Promise<AmendmentResponse> {
    return this.amendments.withdraw(amendmentId, account);
  }

  @Post('api/amendments/:id/confirm')
  @HttpCode(204)
  @Can('amendments.submit')
  @ApiDoc({ summary: 'Confirm co-sponsorship for the own municipality', status: 204, responseDescription: 'confirmed', errors: [404, 409] })
  confirm(@Param('id', id()) amendmentId: string, @CurrentStaff() account: SignedInStaff): Promise<void> {
    return this.amendments.confirm(amendmentId, account);
  }

  @Post('api/amendments/:id/response')
  @HttpCode(200)
  @Can('amendments.respond')
  @ApiDoc({ summary: 'Answer an amendment or advise on a motion (once, with reasoning)', response: AmendmentResponse, errors: [404, 409] })
  respond(@Param('id', id()) amendmentId: string, @Body() body: RespondDto, @CurrentStaff() staff: SignedInStaff): Promise<AmendmentResponse> {
    return this.amendments.respond(amendmentId, body, staffActor(staff));
  }

  /** Every version of a proposal, original first: public, like the proposals themselves. */
  @Get('api/proposals/:id/versions')
  @ApiDoc({ summary: 'Every version of a proposal, the original first', response: ProposalVersionPage, errors: [404] })
  async versions(@Param('id', id()) proposalId: string, @Query() query: PageQueryDto): Promise<Page<ProposalVersionResponse>> {
    await this.proposals.get(proposalId);
    return pageOf(await this.proposals.versions(proposalId), pageRequest(query));
  }

  /** The member letter "Definitieve voorstellen" (public once published). */
  @Get('api/public/consultations/:id/definitive-proposals')
  @ApiDoc({ summary: 'The member letter "Definitieve voorstellen" as JSON (public once published)', response: DefinitiveLetterResponse, errors: [404] })
  async letter(@Param('id', id()) consultationId: string): Promise<DefinitiveLetterResponse> {
    return (await this.amendments.letter(consultationId)).content;
  }

  @Get('raadplegingen/:id/definitieve-voorstellen')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async letterPage(@Param('id', id()) consultationId: string) {
    const { content } = await this.amendments.letter(consultationId);
    return this.renderer.render('definitive-proposals', {
      title: `Definitieve voorstellen ${content.consultationTitle}`,
      letter: content,
      financialImpact: content.financialImpact ?? [],
      consultationId,
    });
  }

  @Get('raadplegingen/:id/definitieve-voorstellen.pdf')
  @ApiExcludeEndpoint()
  async letterPdf(@Param('id', id()) consultationId: string, @Res({ passthrough: true }) response: Response) {
    const { content } = await this.amendments.letter(consultationId);
    response.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="definitieve-voorstellen.pdf"' });
    return new StreamableFile(await definitiveLetterPdf(content));
  }
}
