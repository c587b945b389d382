import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('staff_session')
export class StaffSession {
  @PrimaryColumn({ name: 'token_hash' }) tokenHash: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId: string;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
}
