import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsultationStatus } from './consultation-phase';

export type ConsultationKind = 'alv' | 'balv' | 'ledenraadpleging';

/** An assembly (ALV, BALV) or a written member consultation (ledenraadpleging). */
@Entity('consultation')
export class Consultation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ConsultationKind;
  @Column() title: string;
  /** kenmerk of the member letter, e.g. "Lbr. 20/030" */
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text' }) status: ConsultationStatus;
  /** peildatum: the member list and inhabitants that count */
  @Column({ name: 'reference_date', type: 'date' }) referenceDate: string;
  @Column({ name: 'weighting_scheme_id', type: 'uuid' }) weightingSchemeId: string;
  @Column({ name: 'amendment_deadline', type: 'timestamptz', nullable: true }) amendmentDeadline: Date | null;
  @Column({ name: 'voting_deadline', type: 'timestamptz' }) votingDeadline: Date;
  @Column({ name: 'voting_opened_at', type: 'timestamptz', nullable: true }) votingOpenedAt: Date | null;
  @Column({ name: 'voting_closed_at', type: 'timestamptz', nullable: true }) votingClosedAt: Date | null;
  @Column({ name: 'results_published_at', type: 'timestamptz', nullable: true }) resultsPublishedAt: Date | null;
  @Column({ name: 'ratified_at', type: 'timestamptz', nullable: true }) ratifiedAt: Date | null;
  /** open: named votes are published; confidential: only totals (the board sees who voted, not how). */
  @Column({ type: 'text' }) secrecy: 'open' | 'confidential';
  /** Reminders to members that have not voted, this many hours before the deadline. */
  @Column({ name: 'reminder_hours_before', type: 'integer', array: true }) reminderHoursBefore: number[];
  @Column({ name: 'created_at', type: 'timestamptz', insert: false }) createdAt: Date;
}

/** A member's frozen voting weight in one consultation (register of voting weights). */
@Entity('consultation_weight')
export class ConsultationWeight {
  @Column({ name: 'consultation_id', type: 'uuid', primary: true }) consultationId: string;
  @Column({ name: 'member_id', type: 'uuid', primary: true }) memberId: string;
  @Column({ type: 'integer' }) inhabitants: number;
  @Column({ type: 'integer' }) weight: number;
}
