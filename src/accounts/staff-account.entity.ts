import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = 'administrator' | 'board' | 'clerk' | 'auditor';

/** An account of the association's own people: board, bureau staff, auditors. */
@Entity('staff_account')
export class StaffAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ name: 'password_hash' }) passwordHash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
