import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Tariff } from './facility-tariff';

export type FacilityPhase = 'initiative' | 'development' | 'scaling' | 'management';
export const FACILITY_PHASES: FacilityPhase[] = ['initiative', 'development', 'scaling', 'management'];

const bigintCents = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** A collective facility (gezamenlijke voorziening) municipalities may join. */
@Entity('facility')
export class Facility {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** "govroam": the address of its page */
  @Column() code: string;
  @Column() name: string;
  @Column() description: string;
  /** initiatief, ontwikkeling, opschaling, beheer */
  @Column({ type: 'text' }) phase: FacilityPhase;
  /** What joining means: IT, work process, staff. */
  @Column({ name: 'joining_it' }) joiningIt: string;
  @Column({ name: 'joining_process' }) joiningProcess: string;
  @Column({ name: 'joining_staff' }) joiningStaff: string;
  @Column() conditions: string;
  @Column({ name: 'term_years', type: 'integer' }) termYears: number;
  @Column({ name: 'notice_months', type: 'integer' }) noticeMonths: number;
  @Column({ name: 'exit_cost_cents', type: 'bigint', transformer: bigintCents }) exitCostCents: number;
  @Column({ type: 'jsonb' }) tariff: Tariff;
  /** Raised whenever the terms or the tariff change; a member signs one version. */
  @Column({ name: 'terms_version', type: 'integer' }) termsVersion: number;
  /** What running it costs the association a year, against which its revenue is shown. */
  @Column({ name: 'yearly_costs_cents', type: 'bigint', transformer: bigintCents }) yearlyCostsCents: number;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The terms as they stood when the member official signed: they bind the membership. */
export interface SignedTerms {
  termsVersion: number;
  termYears: number;
  noticeMonths: number;
  exitCostCents: number;
  conditions: string;
  tariff: Tariff;
}

/** A municipality's membership of a facility, signed on its behalf by a member official. */
@Entity('facility_membership')
export class FacilityMembership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId: string;
  @Column({ name: 'joined_on', type: 'date' }) joinedOn: string;
  @Column({ name: 'signed_by', type: 'uuid' }) signedBy: string;
  @Column({ name: 'signed_by_name' }) signedByName: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt: Date;
  @Column({ type: 'jsonb' }) terms: SignedTerms;
  @Column({ name: 'notice_given_on', type: 'date', nullable: true }) noticeGivenOn: string | null;
  /** The last day of membership, set when notice is given: always the end of a term. */
  @Column({ name: 'last_day', type: 'date', nullable: true }) lastDay: string | null;
}

/** The number of users a member declared for a year (tariffs by band of users). */
@Entity('facility_usage')
export class FacilityUsage {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid' }) membershipId: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ type: 'integer' }) users: number;
  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false }) recordedAt: Date;
}
