import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A member municipality (gemeente) of the association. */
@Entity('member')
export class Member {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** CBS municipality code, GM + 4 digits */
  @Column({ name: 'cbs_code' }) cbsCode: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) province: string | null;
  @Column({ name: 'secretary_name' }) secretaryName: string;
  @Column({ name: 'secretary_email' }) secretaryEmail: string;
  @Column({ name: 'joined_on', type: 'date' }) joinedOn: string;
  @Column({ name: 'left_on', type: 'date', nullable: true }) leftOn: string | null;
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true }) mergedIntoId: string | null;
}

/** Inhabitants of one member at one reference date (peildatum). */
@Entity('inhabitant_count')
export class InhabitantCount {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId: string;
  @PrimaryColumn({ name: 'reference_date', type: 'date' }) referenceDate: string;
  @Column({ type: 'integer' }) inhabitants: number;
  @Column() source: string;
}
