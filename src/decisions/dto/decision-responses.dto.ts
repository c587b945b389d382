import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';

const STATUSES = ['open', 'in_progress', 'done', 'not_achievable'];
type AskStatus = 'open' | 'in_progress' | 'done' | 'not_achievable';

export class DecisionProgressResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) askId: string;
  @ApiProperty({ format: 'date', example: '2019-02-14' }) happenedOn: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: STATUSES }) statusFrom: AskStatus;
  @ApiProperty({ enum: STATUSES }) statusTo: AskStatus;
  @ApiProperty({ example: 'in behandeling' }) statusToNl: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 'staff:bestuur@vng.example' }) recordedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt: Date;
}

export class DecisionAskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ type: 'integer', example: 4 }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2019-06-05' }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ALV van 5 juni 2019' }) dueFor: string | null;
  @ApiProperty({ type: String, nullable: true }) owner: string | null;
  @ApiProperty({ enum: STATUSES }) status: AskStatus;
  @ApiProperty({ example: 'in behandeling' }) statusNl: string;
  @ApiProperty({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: [DecisionProgressResponse] }) progress: DecisionProgressResponse[];
}

class DecisionFields {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['motion', 'resolution'] }) kind: 'motion' | 'resolution';
  @ApiProperty({ example: 'MO-2020-001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true, example: 'Venray c.s.' }) submitters: string | null;
  @ApiProperty({ format: 'date', example: '2018-11-30' }) adoptedOn: string;
  @ApiProperty({ example: 'Buitengewone ALV van 30 november 2018' }) adoptedAt: string;
  @ApiProperty({ type: String, nullable: true, example: '99,00%' }) adoptedShare: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) consultationId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) proposalId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class FollowedDecisionResponse extends DecisionFields {
  @ApiProperty({ type: [DecisionAskResponse] }) asks: DecisionAskResponse[];
}

export class DecisionSummaryResponse extends DecisionFields {
  @ApiProperty({ type: 'integer', example: 7 }) asks: number;
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer' }) inProgress: number;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer' }) notAchievable: number;
}

export const DecisionSummaryPage = PageOf(DecisionSummaryResponse, 'DecisionSummaryPage');

export class LetterAskResponse {
  @ApiProperty({ format: 'uuid' }) askId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: STATUSES }) status: AskStatus;
  @ApiProperty() statusNl: string;
  @ApiProperty({ type: String, nullable: true }) due: string | null;
  @ApiProperty({ type: String, nullable: true }) owner: string | null;
  @ApiProperty({ description: 'what became of it since the last letter' }) report: string;
}

export class LetterDecisionResponse {
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() adoptedAt: string;
  @ApiProperty({ type: [LetterAskResponse] }) asks: LetterAskResponse[];
}

export class LetterContentResponse {
  @ApiProperty({ example: '23 mei 2019' }) date: string;
  @ApiProperty() intro: string;
  @ApiProperty() closing: string;
  @ApiProperty({ type: [LetterDecisionResponse] }) decisions: LetterDecisionResponse[];
}

export class DecisionLetterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SvZ 2019-1' }) reference: string;
  @ApiProperty({ example: 'ALV van 5 juni 2019' }) assembly: string;
  @ApiProperty({ format: 'date', example: '2019-06-05' }) assemblyDate: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'progress recorded after this moment is new in this letter' })
  coversFrom: Date | null;
  @ApiProperty({ type: LetterContentResponse }) content: LetterContentResponse;
  @ApiProperty({ type: String, format: 'date-time' }) draftedAt: Date;
  @ApiProperty({ example: 'staff:bestuur@vng.example' }) draftedBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) publishedBy: string | null;
}

export const DecisionLetterPage = PageOf(DecisionLetterResponse, 'DecisionLetterPage');

export class PublishedLetterResponse extends DecisionLetterResponse {
  @ApiProperty({ type: 'integer', example: 355, description: 'members mailed through the queue' }) mailed: number;
}

export class LetterMailResponse {
  @ApiProperty({ format: 'uuid' }) mailId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) memberId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'GM0489' }) memberCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Barendrecht' }) memberName: string | null;
  @ApiProperty({ example: 'secretaris.gm0489@gemeente.example' }) to: string;
  @ApiProperty({ enum: ['queued', 'sent', 'failed'] }) status: 'queued' | 'sent' | 'failed';
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'why the last attempt failed' }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
}

export const LetterMailPage = PageOf(LetterMailResponse, 'LetterMailPage');

/** How the mailing of a published letter stands: every member's secretary gets one mail. */
export class LetterMailProgressResponse {
  @ApiProperty({ format: 'uuid' }) letterId: string;
  @ApiProperty({ type: 'integer', description: 'waiting for the worker (or retrying)' }) queued: number;
  @ApiProperty({ type: 'integer' }) sent: number;
  @ApiProperty({ type: 'integer', description: 'given up after every attempt' }) failed: number;
  @ApiProperty({ type: LetterMailPage, description: 'one page of the mails: failed first, then waiting, then sent; by member name' }) members: InstanceType<
    typeof LetterMailPage
  >;
}
