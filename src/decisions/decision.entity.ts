import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionKind = 'motion' | 'resolution';
export type AskStatus = 'open' | 'in_progress' | 'done' | 'not_achievable';
export const ASK_STATUSES: AskStatus[] = ['open', 'in_progress', 'done', 'not_achievable'];

/** An adopted motion (motie) or resolution (resolutie) whose asks the board follows up. */
@Entity('decision')
export class Decision {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: DecisionKind;
  /** The motion's reference (MO-2020-001), or one the board gave a decision taken before the platform. */
  @Column() reference: string;
  @Column() title: string;
  /** The text as adopted. */
  @Column() text: string;
  /** "Venray c.s." */
  @Column({ type: 'text', nullable: true }) submitters: string | null;
  @Column({ name: 'adopted_on', type: 'date' }) adoptedOn: string;
  /** The assembly or consultation that adopted it: "Buitengewone ALV van 30 november 2018". */
  @Column({ name: 'adopted_at' }) adoptedAt: string;
  /** "99,00%" of the weighted votes cast, where the platform counted the vote. */
  @Column({ name: 'adopted_share', type: 'text', nullable: true }) adoptedShare: string | null;
  @Column({ name: 'consultation_id', type: 'uuid', nullable: true }) consultationId: string | null;
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true }) proposalId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false }) createdAt: Date;
}

/** One ask of a decision (verzoek aan het bestuur), with its due moment, owner and status. */
@Entity('decision_ask')
export class DecisionAsk {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId: string;
  @Column({ type: 'integer' }) position: number;
  @Column() text: string;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  /** The assembly or moment it is due for: "ALV van 5 juni 2019", "Voorjaarsnota 2019". */
  @Column({ name: 'due_for', type: 'text', nullable: true }) dueFor: string | null;
  @Column({ type: 'text', nullable: true }) owner: string | null;
  @Column({ type: 'text' }) status: AskStatus;
  /** Required for not_achievable. */
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** What the board reported on an ask, dated; append-only. */
@Entity('decision_progress')
export class DecisionProgress {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'ask_id', type: 'uuid' }) askId: string;
  @Column({ name: 'happened_on', type: 'date' }) happenedOn: string;
  @Column() text: string;
  @Column({ name: 'status_from', type: 'text' }) statusFrom: AskStatus;
  @Column({ name: 'status_to', type: 'text' }) statusTo: AskStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'recorded_by' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

/** The member letter "Stand van zaken moties en resoluties" before one assembly. */
@Entity('decision_letter')
export class DecisionLetter {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** kenmerk */
  @Column() reference: string;
  @Column() assembly: string;
  @Column({ name: 'assembly_date', type: 'date' }) assemblyDate: string;
  @Column({ type: 'text' }) status: 'draft' | 'published';
  /** Progress after this moment is new in this letter: the previous letter's publication. */
  @Column({ name: 'covers_from', type: 'timestamptz', nullable: true }) coversFrom: Date | null;
  @Column({ type: 'jsonb' }) content: DecisionLetterContent;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt: Date;
  @Column({ name: 'drafted_by' }) draftedBy: string;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'published_by', type: 'text', nullable: true }) publishedBy: string | null;
}

/** The letter's text: drafted from the decisions, then edited by the board; frozen at publication. */
export interface DecisionLetterContent {
  /** "23 mei 2019": the drafting date, and once published the publication date. */
  date: string;
  intro: string;
  closing: string;
  decisions: {
    decisionId: string;
    reference: string;
    title: string;
    adoptedAt: string;
    asks: {
      askId: string;
      position: number;
      text: string;
      status: AskStatus;
      statusNl: string;
      due: string | null;
      owner: string | null;
      /** What became of it since the last letter: drafted from the progress, editable by the board. */
      report: string;
    }[];
  }[];
}
