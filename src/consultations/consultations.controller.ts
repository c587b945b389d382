import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { ConsultationMailService } from './consultation-mail.service';
import { ConsultationPublicationService } from './consultation-publication.service';
import { ProposalResponse } from '../proposals/dto/proposal.response';
import { PublishedResultResponse, TallyResponse } from '../tallies/dto/result.response';
import { ConsultationsService } from './consultations.service';
import {
  ConsultationDetailResponse,
  ConsultationPage,
  ConsultationResponse,
  MailProgressResponse,
  TurnoutResponse,
  VoterPage,
  VoterResponse,
  WeightRegisterResponse,
} from './dto/consultation.response';
import { CreateConsultationDto, ExtendDeadlineDto } from './dto/create-consultation.dto';
import { MailProgressQueryDto } from './dto/mail-progress-query.dto';
import { ReissueBallotDto } from './dto/reissue-ballot.dto';

const id = () => new UuidPipe('id');

/**
 * The tally as the document describes it, whether computed now or frozen at publication (whose
 * eligible and turnout come back from the stored JSON as they were computed). Named votes: the public result.
 */
function tallyOf(result: {
  consultationId: string;
  publishedAt?: Date | null;
  eligible?: unknown;
  turnout?: unknown;
  proposals: TallyResponse['proposals'];
}): TallyResponse {
  const { consultationId, publishedAt = null, proposals } = result;
  return {
    consultationId,
    publishedAt,
    eligible: result.eligible as TallyResponse['eligible'],
    turnout: result.turnout as TallyResponse['turnout'],
    proposals,
  };
}

/** Board and bureau: preparing and running consultations. */
@ApiTags('consultations')
@Controller('api/consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly publication: ConsultationPublicationService,
    private readonly mail: ConsultationMailService,
  ) {}

  @Get()
  @Can('consultations.read')
  @ApiDoc({ summary: 'List every consultation, newest first', response: ConsultationPage })
  async list(@Query() query: PageQueryDto): Promise<Page<ConsultationResponse>> {
    return pageOf(await this.consultations.list(false), pageRequest(query));
  }

  @Post()
  @Can('consultations.prepare')
  @ApiDoc({ summary: 'Prepare a consultation (draft)', status: 201, response: ConsultationResponse })
  create(@Body() body: CreateConsultationDto, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.consultations.create(body, staffActor(staff));
  }

  @Get(':id')
  @Can('consultations.read')
  @ApiDoc({ summary: 'Read a consultation with its weighting scheme and proposals', response: ConsultationDetailResponse, errors: [404] })
  get(@Param('id', id()) consultationId: string): Promise<ConsultationDetailResponse> {
    return this.consultations.get(consultationId);
  }

  @Post(':id/proposals')
  @Can('consultations.prepare')
  @ApiDoc({ summary: 'Add a proposal with its ballot question and decision rule', status: 201, response: ProposalResponse, errors: [404, 409] })
  addProposal(@Param('id', id()) consultationId: string, @Body() body: CreateProposalDto, @CurrentStaff() staff: SignedInStaff): Promise<ProposalResponse> {
    return this.consultations.addProposal(consultationId, body, staffActor(staff));
  }

  @Post(':id/open-amendments')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Open the amendment window',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  openAmendments(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.consultations.openAmendments(consultationId, staffActor(staff));
  }

  @Post(':id/publish-final-proposals')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Publish the final proposals: derives the ballot and freezes the letter',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  publishFinalProposals(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.publication.publishFinalProposals(consultationId, staffActor(staff));
  }

  @Post(':id/open-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Open voting: freezes the weights, issues the ballots and mails the invitations',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  openVoting(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.consultations.openVoting(consultationId, staffActor(staff));
  }

  @Post(':id/extend-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Extend the voting deadline of an open vote',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  extendVoting(
    @Param('id', id()) consultationId: string,
    @Body() body: ExtendDeadlineDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<ConsultationResponse> {
    return this.consultations.extendVoting(consultationId, body.votingDeadline, staffActor(staff));
  }

  @Post(':id/close-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Close voting (before the deadline)',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  closeVoting(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.consultations.closeVoting(consultationId, staffActor(staff));
  }

  @Post(':id/publish-results')
  @HttpCode(200)
  @Can('consultations.decide')
  @ApiDoc({
    summary: 'Publish and freeze the weighted result; mails the result letters',
    response: ConsultationResponse,
    responseDescription: 'the consultation in its new phase',
    errors: [404, 409],
  })
  publishResults(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff): Promise<ConsultationResponse> {
    return this.publication.publishResults(consultationId, staffActor(staff));
  }

  @Get(':id/turnout')
  @Can('consultations.read')
  @ApiDoc({ summary: 'Turnout by members and by weight (visible while voting is open)', response: TurnoutResponse, errors: [404, 409] })
  turnout(@Param('id', id()) consultationId: string): Promise<TurnoutResponse> {
    return this.consultations.turnout(consultationId);
  }

  @Get(':id/voters')
  @Can('consultations.read')
  @ApiDoc({ summary: 'Who voted and when, never how', response: VoterPage, errors: [404, 409] })
  async voters(@Param('id', id()) consultationId: string, @Query() query: PageQueryDto): Promise<Page<VoterResponse>> {
    return pageOf(await this.consultations.voters(consultationId), pageRequest(query));
  }

  @Get(':id/mail')
  @Can('consultations.read')
  @ApiDoc({ summary: 'Mail dispatch progress per kind, the open failures and (on request) every message', response: MailProgressResponse, errors: [404] })
  mailProgress(@Param('id', id()) consultationId: string, @Query() query: MailProgressQueryDto): Promise<MailProgressResponse> {
    return this.mail.mailProgress(consultationId, query.history === 'true');
  }

  @Post(':id/members/:memberId/resend-invitation')
  @HttpCode(202)
  @Can('consultations.prepare')
  @ApiDoc({ summary: "Send one member's invitation again (same link)", status: 202, responseDescription: 'queued', errors: [404, 409] })
  resendInvitation(
    @Param('id', id()) consultationId: string,
    @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<void> {
    return this.mail.resendInvitation(consultationId, memberId, staffActor(staff));
  }

  @Post(':id/members/:memberId/reissue-ballot')
  @HttpCode(202)
  @Can('consultations.prepare')
  @ApiDoc({
    summary: 'Give a member a new secretary and a new ballot link (the old link stops at once)',
    status: 202,
    responseDescription: 'reissued; the invitation is queued',
    errors: [404, 409],
  })
  reissueBallot(
    @Param('id', id()) consultationId: string,
    @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @Body() body: ReissueBallotDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<void> {
    return this.mail.reissueBallot(consultationId, memberId, body, staffActor(staff));
  }

  @Get(':id/tally')
  @Can('consultations.read')
  @ApiDoc({ summary: 'The weighted tally per proposal (once voting has closed)', response: TallyResponse, errors: [404, 409] })
  async tally(@Param('id', id()) consultationId: string): Promise<TallyResponse> {
    return tallyOf(await this.consultations.tally(consultationId));
  }
}

/** What anyone may read: public consultations, the register of voting weights, published results. */
@ApiTags('consultations')
@Controller('api/public/consultations')
export class PublicConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  @ApiDoc({ summary: 'List the public consultations (final proposals published or later), newest first', response: ConsultationPage })
  async list(@Query() query: PageQueryDto): Promise<Page<ConsultationResponse>> {
    return pageOf(await this.consultations.list(true), pageRequest(query));
  }

  @Get(':id')
  @ApiDoc({ summary: 'Read a public consultation with its weighting scheme and proposals', response: ConsultationDetailResponse, errors: [404] })
  get(@Param('id', id()) consultationId: string): Promise<ConsultationDetailResponse> {
    return this.consultations.get(consultationId, true);
  }

  @Get(':id/weights')
  @ApiDoc({ summary: 'The register of voting weights, frozen when voting opened (one page of members)', response: WeightRegisterResponse, errors: [404, 409] })
  async weights(@Param('id', id()) consultationId: string, @Query() query: PageQueryDto): Promise<WeightRegisterResponse> {
    const { members, ...register } = await this.consultations.weightRegister(consultationId);
    return { ...register, members: pageOf(members, pageRequest(query)) };
  }

  @Get(':id/results')
  @ApiDoc({
    summary: 'The published result: the frozen tally and one page of the named votes',
    response: PublishedResultResponse,
    errors: [404],
    description: 'The named votes are paged with `page` and `size` (at most 1000 per page); a confidential consultation publishes totals only.',
  })
  async results(@Param('id', id()) consultationId: string, @Query() query: PageQueryDto): Promise<PublishedResultResponse> {
    const page = pageRequest(query);
    const { votes, votesTotal, ...result } = await this.consultations.publishedResult(consultationId, { offset: page.offset, limit: page.size });
    return {
      ...tallyOf(result),
      title: result.title,
      status: result.status,
      secrecy: result.secrecy,
      votes: { items: votes, page: page.page, size: page.size, total: votesTotal },
    };
  }
}
