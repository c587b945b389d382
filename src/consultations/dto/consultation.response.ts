import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../platform/http/openapi/paging';
import { ProposalResponse } from '../../proposals/dto/proposal.response';
import { WeightingSchemeResponse } from '../../weighting-schemes/dto/scheme.response';
import type { ConsultationStatus } from '../consultation-phase';

export const CONSULTATION_STATUSES: ConsultationStatus[] = [
  'draft',
  'amendments_open',
  'final_proposals_published',
  'voting_open',
  'voting_closed',
  'results_published',
  'ratified',
  'not_ratified',
];

export class ConsultationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['alv', 'balv', 'ledenraadpleging'] }) kind: 'alv' | 'balv' | 'ledenraadpleging';
  @ApiProperty({ example: 'Ledenraadpleging juni 2020' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lbr. 20/030', description: 'kenmerk of the member letter' }) reference: string | null;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status: ConsultationStatus;
  @ApiProperty({ format: 'date', example: '2020-06-30', description: 'peildatum: the members and inhabitants that count' }) referenceDate: string;
  @ApiProperty({ format: 'uuid' }) weightingSchemeId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) amendmentDeadline: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) votingDeadline: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) votingOpenedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) votingClosedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultsPublishedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ratifiedAt: Date | null;
  @ApiProperty({ enum: ['open', 'confidential'], description: 'open: how each member voted is published with the result' }) secrecy: 'open' | 'confidential';
  @ApiProperty({ type: 'integer', isArray: true, example: [72, 24], description: 'reminders this many hours before the deadline' })
  reminderHoursBefore: number[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export const ConsultationPage = PageOf(ConsultationResponse, 'ConsultationPage');

export class ConsultationDetailResponse extends ConsultationResponse {
  @ApiProperty({ type: WeightingSchemeResponse }) weightingScheme: WeightingSchemeResponse;
  @ApiProperty({ type: [ProposalResponse], description: 'by number' }) proposals: ProposalResponse[];
}

export class WeightLineResponse {
  @ApiProperty({ example: 'Barendrecht' }) name: string;
  @ApiProperty({ example: 'GM0489' }) cbsCode: string;
  @ApiProperty({ type: 'integer', example: 48654 }) inhabitants: number;
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty({ type: 'integer', example: 5 }) weight: number;
}

export const WeightLinePage = PageOf(WeightLineResponse, 'WeightLinePage');

/** The register of voting weights (register van stemgewichten), frozen when voting opened. */
export class WeightRegisterResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty({ type: WeightingSchemeResponse }) scheme: WeightingSchemeResponse;
  @ApiProperty({ type: 'integer', description: 'of all members, not only this page' }) totalWeight: number;
  @ApiProperty({ type: WeightLinePage, description: 'one page of the members, by name' }) members: InstanceType<typeof WeightLinePage>;
}

export class MembersAndWeight {
  @ApiProperty({ type: 'integer' }) members: number;
  @ApiProperty({ type: 'integer' }) weight: number;
}

export class TurnoutResponse {
  @ApiProperty({ type: MembersAndWeight, description: 'every member with a frozen weight' }) eligible: MembersAndWeight;
  @ApiProperty({ type: MembersAndWeight, description: 'members that voted (abstaining counts)' }) voted: MembersAndWeight;
  @ApiProperty({ example: '80,00%', description: 'Dutch notation, two decimals, half up' }) membersShare: string;
  @ApiProperty({ example: '91,23%' }) weightShare: string;
}

export class VoterResponse {
  @ApiProperty({ example: 'GM0489' }) memberCode: string;
  @ApiProperty({ example: 'Barendrecht' }) memberName: string;
  @ApiProperty({ type: 'integer' }) weight: number;
  @ApiProperty() voterName: string;
  @ApiProperty({ example: 'secretary' }) voterRole: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: Date;
}

export const VoterPage = PageOf(VoterResponse, 'VoterPage');

export class MailKindProgress {
  @ApiProperty({ example: 'invitation' }) kind: string;
  @ApiProperty({ type: 'integer', description: 'members whose latest mail of this kind waits' }) queued: number;
  @ApiProperty({ type: 'integer' }) sent: number;
  @ApiProperty({ type: 'integer' }) failed: number;
  @ApiProperty({ type: 'integer', description: 'every message of this kind, resends included' }) messages: number;
}

export class MailFailure {
  @ApiProperty() mailId: string;
  @ApiProperty({ example: 'invitation' }) kind: string;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty({ type: String, nullable: true, example: '550 mailbox unavailable' }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) memberCode: string | null;
  @ApiProperty({ type: String, nullable: true }) memberName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) memberId: string | null;
}

export class MailHistoryEntryResponse extends MailFailure {
  @ApiProperty({ enum: ['queued', 'sent', 'failed'] }) status: 'queued' | 'sent' | 'failed';
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ description: 'false when a later mail of the same kind went to the same member' }) latest: boolean;
}

export class MailProgressResponse {
  @ApiProperty({ type: [MailKindProgress] }) byKind: MailKindProgress[];
  @ApiProperty({ type: [MailFailure], description: 'members whose latest mail of a kind failed' }) failures: MailFailure[];
  @ApiProperty({ type: [MailHistoryEntryResponse], required: false, description: 'every message; only with history=true' })
  history?: MailHistoryEntryResponse[];
}
