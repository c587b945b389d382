import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = 'administrator' | 'board' | 'clerk' | 'auditor' | 'member_official' | 'provider';
export const ROLES: StaffRole[] = ['administrator', 'board', 'clerk', 'auditor', 'member_official', 'provider'];

/**
 * An account that signs in with a password: the association's people (administrator, board, clerk,
 * auditor), a member official bound to one municipality, or a provider bound to its own name.
 * (Municipal secretaries need no account: their ballot link is their access.)
 */
@Entity('staff_account')
export class StaffAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ name: 'password_hash' }) passwordHash: string;
  @Column({ name: 'member_id', type: 'uuid', nullable: true }) memberId: string | null;
  @Column({ type: 'text', nullable: true }) provider: string | null;
  /** Base32 secret of the optional one-time code (TOTP); null when not enabled. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true }) totpSecret: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
