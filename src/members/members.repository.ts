import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import { InhabitantCount, Member } from './member.entity';

export interface MemberOnDate {
  id: string;
  cbsCode: string;
  name: string;
  province: string | null;
  secretaryName: string;
  secretaryEmail: string;
  inhabitants: number | null;
  inhabitantsReferenceDate: string | null;
}

/** A member as the financial arrangements charge it (see findChargeable). */
export interface ChargeableMember {
  id: string;
  cbsCode: string;
  name: string;
  secretaryName: string;
  secretaryEmail: string;
  inhabitants: number | null;
  /** Set when the inhabitants are the sum of the municipalities that merged into this one. */
  inhabitantsFromMergedMembers: string | null;
}

@Injectable()
export class MembersRepository {
  constructor(private readonly tx: Transactions) {}

  findById(id: string): Promise<Member | null> {
    return this.tx.manager().findOneBy(Member, { id });
  }

  findByCode(cbsCode: string): Promise<Member | null> {
    return this.tx.manager().findOneBy(Member, { cbsCode });
  }

  /** Members by id, in the order of their names. */
  findByIds(ids: string[]): Promise<Member[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager().createQueryBuilder(Member, 'm').where('m.id = ANY(:ids)', { ids }).orderBy('m.name').getMany();
  }

  findByCodes(codes: string[]): Promise<Member[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.tx.manager().createQueryBuilder(Member, 'm').where('m.cbs_code = ANY(:codes)', { codes }).getMany();
  }

  /**
   * Members on a date (joined on or before it, not yet left) with their most recent inhabitant count
   * at or before that date.
   */
  async findActiveOn(date: string): Promise<MemberOnDate[]> {
    const rows: Record<string, unknown>[] = await this.tx.manager().query(
      `SELECT m.id, m.cbs_code, m.name, m.province, m.secretary_name, m.secretary_email,
              c.inhabitants, to_char(c.reference_date, 'YYYY-MM-DD') AS reference_date
         FROM member m
         LEFT JOIN LATERAL (
           SELECT inhabitants, reference_date FROM inhabitant_count
            WHERE member_id = m.id AND reference_date <= $1::date
            ORDER BY reference_date DESC LIMIT 1) c ON true
        WHERE m.joined_on <= $1::date AND (m.left_on IS NULL OR m.left_on > $1::date)
        ORDER BY m.cbs_code`,
      [date],
    );
    return rows.map((r) => ({
      id: r.id as string,
      cbsCode: r.cbs_code as string,
      name: r.name as string,
      province: r.province as string | null,
      secretaryName: r.secretary_name as string,
      secretaryEmail: r.secretary_email as string,
      inhabitants: r.inhabitants === null ? null : Number(r.inhabitants),
      inhabitantsReferenceDate: r.reference_date as string | null,
    }));
  }

  /**
   * Members in the register on `membersOn`, each with its inhabitants at the latest count on or before
   * `referenceDate`; a municipality formed by a merger after that date (no count of its own yet) gets
   * the sum of the latest counts of the members that merged into it. Null when neither exists.
   */
  async findChargeable(membersOn: string, referenceDate: string): Promise<ChargeableMember[]> {
    const rows: Record<string, unknown>[] = await this.tx.manager().query(
      `WITH latest AS (
         SELECT DISTINCT ON (member_id) member_id, inhabitants, reference_date FROM inhabitant_count
          WHERE reference_date <= $2::date ORDER BY member_id, reference_date DESC)
       SELECT m.id, m.cbs_code, m.name, m.secretary_name, m.secretary_email, own.inhabitants AS own_inhabitants,
              (SELECT sum(l.inhabitants) FROM member p JOIN latest l ON l.member_id = p.id WHERE p.merged_into_id = m.id) AS merged_inhabitants,
              (SELECT string_agg(p.name, ', ' ORDER BY p.name) FROM member p JOIN latest l ON l.member_id = p.id WHERE p.merged_into_id = m.id) AS merged_names
         FROM member m LEFT JOIN latest own ON own.member_id = m.id
        WHERE m.joined_on <= $1::date AND (m.left_on IS NULL OR m.left_on > $1::date)
        ORDER BY m.cbs_code`,
      [membersOn, referenceDate],
    );
    return rows.map((r) => {
      const own = r.own_inhabitants === null ? null : Number(r.own_inhabitants);
      const merged = r.merged_inhabitants === null ? null : Number(r.merged_inhabitants);
      return {
        id: r.id as string,
        cbsCode: r.cbs_code as string,
        name: r.name as string,
        secretaryName: r.secretary_name as string,
        secretaryEmail: r.secretary_email as string,
        inhabitants: own ?? merged,
        inhabitantsFromMergedMembers: own === null && merged !== null ? (r.merged_names as string) : null,
      };
    });
  }

  countsOn(referenceDate: string): Promise<InhabitantCount[]> {
    return this.tx.manager().findBy(InhabitantCount, { referenceDate });
  }

  async insertMember(member: Omit<Member, 'id'>): Promise<Member> {
    const repo = this.tx.manager().getRepository(Member);
    return repo.save(repo.create(member));
  }

  async updateMember(id: string, changes: Partial<Omit<Member, 'id' | 'cbsCode'>>): Promise<void> {
    await this.tx.manager().update(Member, { id }, changes);
  }

  async upsertCount(count: InhabitantCount): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO inhabitant_count (member_id, reference_date, inhabitants, source) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id, reference_date) DO UPDATE SET inhabitants = EXCLUDED.inhabitants, source = EXCLUDED.source, recorded_at = now()`,
      [count.memberId, count.referenceDate, count.inhabitants, count.source],
    );
  }

  historyOf(memberId: string): Promise<InhabitantCount[]> {
    return this.tx.manager().find(InhabitantCount, { where: { memberId }, order: { referenceDate: 'ASC' } });
  }
}
