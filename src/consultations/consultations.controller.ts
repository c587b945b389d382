import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { ConsultationMailService } from './consultation-mail.service';
import { ConsultationPublicationService } from './consultation-publication.service';
import { ConsultationsService } from './consultations.service';
import { CreateConsultationDto, ExtendDeadlineDto } from './dto/create-consultation.dto';
import { MailProgressQueryDto } from './dto/mail-progress-query.dto';
import { ReissueBallotDto } from './dto/reissue-ballot.dto';

const id = () => new UuidPipe('id');

/** Board and bureau: preparing and running consultations. */
@ApiTags('consultations (board)')
@Controller('api/consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly publication: ConsultationPublicationService,
    private readonly mail: ConsultationMailService,
  ) {}

  @Get()
  @Can('consultations.read')
  list() {
    return this.consultations.list(false);
  }

  @Post()
  @Can('consultations.prepare')
  create(@Body() body: CreateConsultationDto, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.create(body, staffActor(staff));
  }

  @Get(':id')
  @Can('consultations.read')
  get(@Param('id', id()) consultationId: string) {
    return this.consultations.get(consultationId);
  }

  @Post(':id/proposals')
  @Can('consultations.prepare')
  addProposal(@Param('id', id()) consultationId: string, @Body() body: CreateProposalDto, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.addProposal(consultationId, body, staffActor(staff));
  }

  @Post(':id/open-amendments')
  @HttpCode(200)
  @Can('consultations.decide')
  openAmendments(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.openAmendments(consultationId, staffActor(staff));
  }

  @Post(':id/publish-final-proposals')
  @HttpCode(200)
  @Can('consultations.decide')
  publishFinalProposals(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.publication.publishFinalProposals(consultationId, staffActor(staff));
  }

  @Post(':id/open-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  openVoting(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.openVoting(consultationId, staffActor(staff));
  }

  @Post(':id/extend-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  extendVoting(@Param('id', id()) consultationId: string, @Body() body: ExtendDeadlineDto, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.extendVoting(consultationId, body.votingDeadline, staffActor(staff));
  }

  @Post(':id/close-voting')
  @HttpCode(200)
  @Can('consultations.decide')
  closeVoting(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.consultations.closeVoting(consultationId, staffActor(staff));
  }

  @Post(':id/publish-results')
  @HttpCode(200)
  @Can('consultations.decide')
  publishResults(@Param('id', id()) consultationId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.publication.publishResults(consultationId, staffActor(staff));
  }

  @Get(':id/turnout')
  @Can('consultations.read')
  turnout(@Param('id', id()) consultationId: string) {
    return this.consultations.turnout(consultationId);
  }

  @Get(':id/voters')
  @Can('consultations.read')
  voters(@Param('id', id()) consultationId: string) {
    return this.consultations.voters(consultationId);
  }

  @Get(':id/mail')
  @Can('consultations.read')
  mailProgress(@Param('id', id()) consultationId: string, @Query() query: MailProgressQueryDto) {
    return this.mail.mailProgress(consultationId, query.history === 'true');
  }

  @Post(':id/members/:memberId/resend-invitation')
  @HttpCode(202)
  @Can('consultations.prepare')
  resendInvitation(@Param('id', id()) consultationId: string, @Param('memberId', new UuidPipe('memberId')) memberId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.mail.resendInvitation(consultationId, memberId, staffActor(staff));
  }

  @Post(':id/members/:memberId/reissue-ballot')
  @HttpCode(202)
  @Can('consultations.prepare')
  reissueBallot(
    @Param('id', id()) consultationId: string, @Param('memberId', new UuidPipe('memberId')) memberId: string,
    @Body() body: ReissueBallotDto, @CurrentStaff() staff: SignedInStaff,
  ) {
    return this.mail.reissueBallot(consultationId, memberId, body, staffActor(staff));
  }

  @Get(':id/tally')
  @Can('consultations.read')
  tally(@Param('id', id()) consultationId: string) {
    return this.consultations.tally(consultationId);
  }
}

/** What anyone may read: public consultations, the register of voting weights, published results. */
@ApiTags('public')
@Controller('api/public/consultations')
export class PublicConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  list() {
    return this.consultations.list(true);
  }

  @Get(':id')
  get(@Param('id', id()) consultationId: string) {
    return this.consultations.get(consultationId, true);
  }

  @Get(':id/weights')
  weights(@Param('id', id()) consultationId: string) {
    return this.consultations.weightRegister(consultationId);
  }

  @Get(':id/results')
  results(@Param('id', id()) consultationId: string) {
    return this.consultations.publishedResult(consultationId);
  }
}
