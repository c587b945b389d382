import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type AmendmentKind = 'amendment' | 'motion';
export type AmendmentResponse = 'adopt' | 'not_adopt' | 'inadmissible' | 'advise_adopt' | 'advise_reject' | 'advise_hold_over';

/** An amendment (amendement) to a proposal, or a motion (motie), submitted by a member. */
@Entity('amendment')
export class Amendment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'consultation_id', type: 'uuid' }) consultationId: string;
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true }) proposalId: string | null;
  @Column({ type: 'text' }) kind: AmendmentKind;
  /** e.g. "AM-2020-003-01" */
  @Column() reference: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId: string;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column() text: string;
  @Column() rationale: string;
  @Column({ name: 'changed_value', type: 'numeric', nullable: true }) changedValue: string | null;
  @Column({ type: 'text' }) status: 'submitted' | 'withdrawn';
  /** reactie bestuur (amendment) or preadvies (motion) */
  @Column({ type: 'text', nullable: true }) response: AmendmentResponse | null;
  @Column({ name: 'response_reasoning', type: 'text', nullable: true }) responseReasoning: string | null;
  /** Amendments with the same purport (gelijke strekking) become one ballot choice. */
  @Column({ type: 'text', nullable: true }) purport: string | null;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
}

/** A co-sponsoring member (c.s.); pending until an official of that member confirms. */
@Entity('amendment_cosponsor')
export class AmendmentCosponsor {
  @PrimaryColumn({ name: 'amendment_id', type: 'uuid' }) amendmentId: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId: string;
  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true }) confirmedBy: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
}
