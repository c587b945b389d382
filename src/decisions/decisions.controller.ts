import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, PageQueryDto, pageRequest } from '../platform/http/openapi/paging';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { DecisionLettersService } from './decision-letters.service';
import { DecisionsService } from './decisions.service';
import {
  DecisionLetterPage,
  DecisionLetterResponse,
  LetterMailProgressResponse,
  FollowedDecisionResponse,
  DecisionSummaryPage,
  DecisionSummaryResponse,
  PublishedLetterResponse,
} from './dto/decision-responses.dto';
import { DraftLetterDto, EditLetterDto, RecordProgressDto, RegisterDecisionDto, UpdateAskDto } from './dto/decision.dto';

const id = (name = 'id') => new UuidPipe(name);

/** The board follows up adopted motions and resolutions and writes the letter "Stand van zaken". */
@ApiTags('decisions')
@Controller('api')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly letters: DecisionLettersService,
  ) {}

  @Post('decisions')
  @Can('decisions.record')
  @ApiDoc({
    summary: 'Record a decision taken before the platform counted votes; its asks are read from the text',
    status: 201,
    response: FollowedDecisionResponse,
    errors: [409],
  })
  register(@Body() body: RegisterDecisionDto, @CurrentStaff() staff: SignedInStaff): Promise<FollowedDecisionResponse> {
    return this.decisions.register(body, staffActor(staff));
  }

  @Patch('decisions/:id/asks/:askId')
  @Can('decisions.record')
  @ApiDoc({ summary: 'Set the due date, the assembly it is due for, or the owner of an ask', response: FollowedDecisionResponse, errors: [404] })
  updateAsk(
    @Param('id', id()) decisionId: string,
    @Param('askId', id('askId')) askId: string,
    @Body() body: UpdateAskDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<FollowedDecisionResponse> {
    return this.decisions.updateAsk(decisionId, askId, body, staffActor(staff));
  }

  @Post('decisions/:id/asks/:askId/progress')
  @Can('decisions.record')
  @ApiDoc({
    summary: 'Record dated progress on an ask, optionally changing its status (not achievable needs a reason)',
    status: 201,
    response: FollowedDecisionResponse,
    errors: [404],
  })
  recordProgress(
    @Param('id', id()) decisionId: string,
    @Param('askId', id('askId')) askId: string,
    @Body() body: RecordProgressDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<FollowedDecisionResponse> {
    return this.decisions.recordProgress(decisionId, askId, body, staffActor(staff));
  }

  @Get('decision-letters')
  @Can('decisions.read')
  @ApiDoc({ summary: 'List the letters "Stand van zaken moties en resoluties", drafts included, the latest assembly first', response: DecisionLetterPage })
  async listLetters(@Query() query: PageQueryDto): Promise<Page<DecisionLetterResponse>> {
    return pageOf(await this.letters.list(false), pageRequest(query));
  }

  @Post('decision-letters')
  @Can('decisions.record')
  @ApiDoc({
    summary: 'Draft the letter for a coming assembly from the decisions (redrafts an unpublished draft for the same date)',
    status: 201,
    response: DecisionLetterResponse,
    errors: [409],
  })
  draftLetter(@Body() body: DraftLetterDto, @CurrentStaff() staff: SignedInStaff): Promise<DecisionLetterResponse> {
    return this.letters.draft(body, staffActor(staff));
  }

  @Get('decision-letters/:id')
  @Can('decisions.read')
  @ApiDoc({ summary: 'Get one letter, draft or published', response: DecisionLetterResponse, errors: [404] })
  letter(@Param('id', id()) letterId: string): Promise<DecisionLetterResponse> {
    return this.letters.get(letterId, false);
  }

  @Get('decision-letters/:id/mail-progress')
  @Can('decisions.read')
  @ApiDoc({
    summary: 'Get how the mailing of a published letter stands: sent, waiting and failed, per member',
    response: LetterMailProgressResponse,
    errors: [404, 409],
  })
  async mailProgress(@Param('id', id()) letterId: string, @Query() query: PageQueryDto): Promise<LetterMailProgressResponse> {
    const progress = await this.letters.mailProgress(letterId);
    return { ...progress, members: pageOf(progress.members, pageRequest(query)) };
  }

  @Patch('decision-letters/:id')
  @Can('decisions.record')
  @ApiDoc({ summary: 'Edit a draft letter: kenmerk, opening, closing, the report on each ask', response: DecisionLetterResponse, errors: [404, 409] })
  editLetter(@Param('id', id()) letterId: string, @Body() body: EditLetterDto, @CurrentStaff() staff: SignedInStaff): Promise<DecisionLetterResponse> {
    return this.letters.edit(letterId, body, staffActor(staff));
  }

  @Post('decision-letters/:id/publish')
  @HttpCode(200)
  @Can('decisions.publish')
  @ApiDoc({ summary: 'Publish the letter (then frozen) and mail every member through the queue', response: PublishedLetterResponse, errors: [404, 409] })
  publishLetter(@Param('id', id()) letterId: string, @CurrentStaff() staff: SignedInStaff): Promise<PublishedLetterResponse> {
    return this.letters.publish(letterId, staffActor(staff));
  }
}

/** What members and the public follow: decisions, their asks and progress, and the published letters. */
@ApiTags('decisions')
@Controller('api/public')
export class PublicDecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly letters: DecisionLettersService,
  ) {}

  @Get('decisions')
  @ApiDoc({ summary: 'List the adopted motions and resolutions, with their asks counted by status', response: DecisionSummaryPage })
  async list(@Query() query: PageQueryDto): Promise<Page<DecisionSummaryResponse>> {
    return pageOf(await this.decisions.list(), pageRequest(query));
  }

  @Get('decisions/:id')
  @ApiDoc({ summary: 'Get one decision with each ask, its status and the progress the board recorded', response: FollowedDecisionResponse, errors: [404] })
  get(@Param('id', id()) decisionId: string): Promise<FollowedDecisionResponse> {
    return this.decisions.get(decisionId);
  }

  @Get('decision-letters')
  @ApiDoc({ summary: 'List the published letters "Stand van zaken moties en resoluties"', response: DecisionLetterPage })
  async publishedLetters(@Query() query: PageQueryDto): Promise<Page<DecisionLetterResponse>> {
    return pageOf(await this.letters.list(true), pageRequest(query));
  }

  @Get('decision-letters/:id')
  @ApiDoc({ summary: 'Get one published letter', response: DecisionLetterResponse, errors: [404] })
  letter(@Param('id', id()) letterId: string): Promise<DecisionLetterResponse> {
    return this.letters.get(letterId, true);
  }
}
