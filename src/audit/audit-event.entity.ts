import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', insert: false })
  occurredAt: Date;

  @Column() actor: string;
  @Column() action: string;
  @Column({ name: 'subject_type' }) subjectType: string;
  @Column({ name: 'subject_id' }) subjectId: string;
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
  // Set by the database (trigger audit_event_chain): position in the chain and the hashes.
  @Column({ name: 'chain_seq', type: 'bigint', insert: false, update: false }) chainSeq: string;
  @Column({ name: 'prev_hash', insert: false, update: false }) prevHash: string;
  @Column({ insert: false, update: false }) hash: string;
}
