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
  // Set when the worker seals the entry (seal_audit_events): position in the chain and the hashes;
  // null until then.
  @Column({ name: 'chain_seq', type: 'bigint', insert: false, update: false, nullable: true }) chainSeq: string | null;
  @Column({ name: 'prev_hash', type: 'text', insert: false, update: false, nullable: true }) prevHash: string | null;
  @Column({ type: 'text', insert: false, update: false, nullable: true }) hash: string | null;
}
