import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['open', 'in_progress', 'done', 'not_achievable'];

export class DecisionProgressResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) askId: string;
  @ApiProperty({ example: '2019-02-14' }) happenedOn: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: STATUSES }) statusFrom: string;
  @ApiProperty({ enum: STATUSES }) statusTo: string;
  @ApiProperty({ example: 'in behandeling' }) statusToNl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 'staff:bestuur@vng.example' }) recordedBy: string;
  @ApiProperty() recordedAt: Date;
}

export class DecisionAskResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ example: 4 }) position: number;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2019-06-05' }) dueDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ALV van 5 juni 2019' }) dueFor: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) owner: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ example: 'in behandeling' }) statusNl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: [DecisionProgressResponse] }) progress: DecisionProgressResponse[];
}

class DecisionFields {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['motion', 'resolution'] }) kind: string;
  @ApiProperty({ example: 'MO-2020-001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Venray c.s.' }) submitters: string | null;
  @ApiProperty({ example: '2018-11-30' }) adoptedOn: string;
  @ApiProperty({ example: 'Buitengewone ALV van 30 november 2018' }) adoptedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '99,00%' }) adoptedShare: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) consultationId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) proposalId: string | null;
  @ApiProperty() createdAt: Date;
}

export class DecisionResponse extends DecisionFields {
  @ApiProperty({ type: [DecisionAskResponse] }) asks: DecisionAskResponse[];
}

export class DecisionSummaryResponse extends DecisionFields {
  @ApiProperty({ example: 7 }) asks: number;
  @ApiProperty() open: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() done: number;
  @ApiProperty() notAchievable: number;
}

export class LetterAskResponse {
  @ApiProperty({ format: 'uuid' }) askId: string;
  @ApiProperty() position: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty() statusNl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) due: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) owner: string | null;
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
  @ApiProperty({ example: '2019-06-05' }) assemblyDate: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiPropertyOptional({ type: Date, nullable: true, description: 'progress recorded after this moment is new in this letter' }) coversFrom: Date | null;
  @ApiProperty({ type: LetterContentResponse }) content: LetterContentResponse;
  @ApiProperty() draftedAt: Date;
  @ApiProperty() draftedBy: string;
  @ApiPropertyOptional({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedBy: string | null;
}

export class PublishedLetterResponse extends DecisionLetterResponse {
  @ApiProperty({ example: 355, description: 'members mailed through the queue' }) mailed: number;
}
