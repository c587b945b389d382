import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { DecisionLettersService } from './decision-letters.service';
import { DecisionsService } from './decisions.service';
import { DecisionLetterResponse, DecisionResponse, DecisionSummaryResponse, PublishedLetterResponse } from './dto/decision-responses.dto';
import { DraftLetterDto, EditLetterDto, RecordProgressDto, RegisterDecisionDto, UpdateAskDto } from './dto/decision.dto';

const id = (name = 'id') => new UuidPipe(name);

/** The board follows up adopted motions and resolutions and writes the letter "Stand van zaken". */
@ApiTags('decisions (board)')
@Controller('api')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly letters: DecisionLettersService,
  ) {}

  @Post('decisions')
  @Can('decisions.record')
  @ApiOperation({ summary: 'Record a decision taken before the platform counted votes; its asks are read from the text' })
  @ApiCreatedResponse({ type: DecisionResponse })
  register(@Body() body: RegisterDecisionDto, @CurrentStaff() staff: SignedInStaff) {
    return this.decisions.register(body, staffActor(staff));
  }

  @Patch('decisions/:id/asks/:askId')
  @Can('decisions.record')
  @ApiOperation({ summary: 'Set the due date, the assembly it is due for, or the owner of an ask' })
  @ApiOkResponse({ type: DecisionResponse })
  updateAsk(@Param('id', id()) decisionId: string, @Param('askId', id('askId')) askId: string, @Body() body: UpdateAskDto, @CurrentStaff() staff: SignedInStaff) {
    return this.decisions.updateAsk(decisionId, askId, body, staffActor(staff));
  }

  @Post('decisions/:id/asks/:askId/progress')
  @Can('decisions.record')
  @ApiOperation({ summary: 'Record dated progress on an ask, optionally changing its status (not achievable needs a reason)' })
  @ApiCreatedResponse({ type: DecisionResponse })
  recordProgress(@Param('id', id()) decisionId: string, @Param('askId', id('askId')) askId: string, @Body() body: RecordProgressDto, @CurrentStaff() staff: SignedInStaff) {
    return this.decisions.recordProgress(decisionId, askId, body, staffActor(staff));
  }

  @Get('decision-letters')
  @Can('decisions.read')
  @ApiOperation({ summary: 'Every letter "Stand van zaken moties en resoluties", drafts included' })
  @ApiOkResponse({ type: [DecisionLetterResponse] })
  listLetters() {
    return this.letters.list(false);
  }

  @Post('decision-letters')
  @Can('decisions.record')
  @ApiOperation({ summary: 'Draft the letter for a coming assembly from the decisions (redrafts an unpublished draft for the same date)' })
  @ApiCreatedResponse({ type: DecisionLetterResponse })
  draftLetter(@Body() body: DraftLetterDto, @CurrentStaff() staff: SignedInStaff) {
    return this.letters.draft(body, staffActor(staff));
  }

  @Get('decision-letters/:id')
  @Can('decisions.read')
  @ApiOperation({ summary: 'One letter, draft or published' })
  @ApiOkResponse({ type: DecisionLetterResponse })
  letter(@Param('id', id()) letterId: string) {
    return this.letters.get(letterId, false);
  }

  @Patch('decision-letters/:id')
  @Can('decisions.record')
  @ApiOperation({ summary: 'Edit a draft letter: kenmerk, opening, closing, the report on each ask' })
  @ApiOkResponse({ type: DecisionLetterResponse })
  editLetter(@Param('id', id()) letterId: string, @Body() body: EditLetterDto, @CurrentStaff() staff: SignedInStaff) {
    return this.letters.edit(letterId, body, staffActor(staff));
  }

  @Post('decision-letters/:id/publish')
  @HttpCode(200)
  @Can('decisions.publish')
  @ApiOperation({ summary: 'Publish the letter (then frozen) and mail every member through the queue' })
  @ApiOkResponse({ type: PublishedLetterResponse })
  publishLetter(@Param('id', id()) letterId: string, @CurrentStaff() staff: SignedInStaff) {
    return this.letters.publish(letterId, staffActor(staff));
  }
}

/** What members and the public follow: decisions, their asks and progress, and the published letters. */
@ApiTags('public')
@Controller('api/public')
export class PublicDecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly letters: DecisionLettersService,
  ) {}

  @Get('decisions')
  @ApiOperation({ summary: 'Adopted motions and resolutions, with their asks counted by status' })
  @ApiOkResponse({ type: [DecisionSummaryResponse] })
  list() {
    return this.decisions.list();
  }

  @Get('decisions/:id')
  @ApiOperation({ summary: 'One decision with each ask, its status and the progress the board recorded' })
  @ApiOkResponse({ type: DecisionResponse })
  get(@Param('id', id()) decisionId: string) {
    return this.decisions.get(decisionId);
  }

  @Get('decision-letters')
  @ApiOperation({ summary: 'The published letters "Stand van zaken moties en resoluties"' })
  @ApiOkResponse({ type: [DecisionLetterResponse] })
  publishedLetters() {
    return this.letters.list(true);
  }

  @Get('decision-letters/:id')
  @ApiOperation({ summary: 'One published letter' })
  @ApiOkResponse({ type: DecisionLetterResponse })
  letter(@Param('id', id()) letterId: string) {
    return this.letters.get(letterId, true);
  }
}
