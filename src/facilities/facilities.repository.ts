import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import { Facility, FacilityMembership, FacilityUsage } from './facility.entity';

/** The facilities module's tables: facility, facility_membership, facility_usage. */
@Injectable()
export class FacilitiesRepository {
  constructor(private readonly tx: Transactions) {}

  list(): Promise<Facility[]> {
    return this.tx.manager().find(Facility, { order: { name: 'ASC' } });
  }

  findById(id: string): Promise<Facility | null> {
    return this.tx.manager().findOneBy(Facility, { id });
  }

  findByCode(code: string): Promise<Facility | null> {
    return this.tx.manager().findOneBy(Facility, { code });
  }

  /** Locks the facility: joins and term changes of one facility go one at a time. */
  lockById(id: string): Promise<Facility | null> {
    return this.tx.manager().getRepository(Facility).createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  async insert(facility: Omit<Facility, 'id' | 'createdAt'>): Promise<Facility> {
    const m = this.tx.manager();
    const { id } = await m.save(m.create(Facility, facility));
    // created_at comes from the database's default: read the row back so the answer carries it.
    return m.findOneByOrFail(Facility, { id });
  }

  async update(id: string, changes: Partial<Omit<Facility, 'id' | 'createdAt'>>): Promise<void> {
    await this.tx.manager().update(Facility, { id }, changes);
  }

  /** The member's memberships of this facility that have not ended before `on`. */
  liveMembership(facilityId: string, memberId: string, on: string): Promise<FacilityMembership | null> {
    return this.tx
      .manager()
      .createQueryBuilder(FacilityMembership, 'm')
      .where('m.facility_id = :facilityId AND m.member_id = :memberId', { facilityId, memberId })
      .andWhere('(m.last_day IS NULL OR m.last_day >= :on)', { on })
      .getOne();
  }

  async insertMembership(membership: Omit<FacilityMembership, 'id'>): Promise<FacilityMembership> {
    const m = this.tx.manager();
    return m.save(m.create(FacilityMembership, membership));
  }

  findMembership(id: string): Promise<FacilityMembership | null> {
    return this.tx.manager().findOneBy(FacilityMembership, { id });
  }

  lockMembership(id: string): Promise<FacilityMembership | null> {
    return this.tx.manager().getRepository(FacilityMembership).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  async endMembership(id: string, noticeGivenOn: string, lastDay: string): Promise<void> {
    await this.tx.manager().update(FacilityMembership, { id }, { noticeGivenOn, lastDay });
  }

  async upsertUsage(membershipId: string, year: number, users: number): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO facility_usage (membership_id, year, users) VALUES ($1, $2, $3)
       ON CONFLICT (membership_id, year) DO UPDATE SET users = EXCLUDED.users, recorded_at = now()`,
      [membershipId, year, users],
    );
  }

  /** Every membership covering a day of the year (joined by its end, not ended before it began). */
  membershipsIn(year: number, facilityId?: string): Promise<FacilityMembership[]> {
    const query = this.tx
      .manager()
      .createQueryBuilder(FacilityMembership, 'm')
      .where('m.joined_on <= :end AND (m.last_day IS NULL OR m.last_day >= :start)', { start: `${year}-01-01`, end: `${year}-12-31` });
    if (facilityId) query.andWhere('m.facility_id = :facilityId', { facilityId });
    return query.orderBy('m.joined_on').getMany();
  }

  membershipsOfMember(memberId: string): Promise<FacilityMembership[]> {
    return this.tx.manager().find(FacilityMembership, { where: { memberId }, order: { joinedOn: 'DESC' } });
  }

  /** Per membership, the users declared for the year or, failing that, the latest year before it. */
  async usersIn(membershipIds: string[], year: number): Promise<Map<string, number>> {
    if (membershipIds.length === 0) return new Map();
    const rows: Pick<FacilityUsage, 'membershipId' | 'users'>[] = await this.tx.manager().query(
      `SELECT DISTINCT ON (membership_id) membership_id AS "membershipId", users FROM facility_usage
        WHERE membership_id = ANY($1) AND year <= $2 ORDER BY membership_id, year DESC`,
      [membershipIds, year],
    );
    return new Map(rows.map((r) => [r.membershipId, r.users]));
  }

  /** The years memberships span: the first year joined, the last year ended, and whether one is still open-ended (null when nobody joined). */
  async membershipYears(): Promise<{ firstYear: number; lastEndedYear: number | null; openEnded: boolean } | null> {
    const [row]: { firstYear: number | null; lastEndedYear: number | null; openEnded: boolean }[] = await this.tx.manager().query(
      `SELECT min(extract(year FROM joined_on))::int AS "firstYear", max(extract(year FROM last_day))::int AS "lastEndedYear", bool_or(last_day IS NULL) AS "openEnded"
         FROM facility_membership`,
    );
    return row.firstYear === null ? null : { firstYear: row.firstYear, lastEndedYear: row.lastEndedYear, openEnded: !!row.openEnded };
  }

  /** Number of live memberships per facility (for the catalogue). */
  async liveCounts(on: string): Promise<Map<string, number>> {
    const rows: { facilityId: string; n: number }[] = await this.tx.manager().query(
      `SELECT facility_id AS "facilityId", count(*)::int AS n FROM facility_membership
        WHERE joined_on <= $1 AND (last_day IS NULL OR last_day >= $1) GROUP BY facility_id`,
      [on],
    );
    return new Map(rows.map((r) => [r.facilityId, r.n]));
  }
}
