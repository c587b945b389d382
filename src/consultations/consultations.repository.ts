import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Transactions } from '../platform/database/transactions';
import { Consultation } from './consultation.entity';
import { ConsultationStatus } from './consultation-phase';

export interface WeightRegisterLine {
  memberId: string;
  cbsCode: string;
  name: string;
  secretaryName: string;
  secretaryEmail: string;
  inhabitants: number;
  weight: number;
}

@Injectable()
export class ConsultationsRepository {
  constructor(private readonly tx: Transactions) {}

  findById(id: string): Promise<Consultation | null> {
    return this.tx.manager().findOneBy(Consultation, { id });
  }

  /** The consultation row locked for a phase change: commands on one consultation run one after another. */
  async lockById(id: string): Promise<Consultation | null> {
    return this.tx.manager().getRepository(Consultation).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  list(statuses?: ConsultationStatus[]): Promise<Consultation[]> {
    return this.tx.manager().find(Consultation, {
      where: statuses ? { status: In(statuses) } : {},
      order: { votingDeadline: 'DESC' },
    });
  }

  async insert(values: Omit<Consultation, 'id' | 'createdAt'>): Promise<Consultation> {
    const repo = this.tx.manager().getRepository(Consultation);
    const { id } = await repo.save(repo.create(values));
    // Read back: created_at is the database's (insert: false), and the answer names it.
    return repo.findOneByOrFail({ id });
  }

  async update(id: string, changes: Partial<Omit<Consultation, 'id'>>): Promise<void> {
    await this.tx.manager().update(Consultation, { id }, changes);
  }

  async insertWeights(consultationId: string, lines: { memberId: string; inhabitants: number; weight: number }[]): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO consultation_weight (consultation_id, member_id, inhabitants, weight)
       SELECT $1, m, i, w FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(m, i, w)`,
      [consultationId, lines.map((l) => l.memberId), lines.map((l) => l.inhabitants), lines.map((l) => l.weight)],
    );
  }

  /**
   * The register with each member's name and secretary, in one statement: it feeds the result letter to
   * every weighted member in the publishing transaction (100,000 in the tally benchmark), so the names
   * come from the members' published view `members_directory`, not from a second round trip.
   */
  weightRegister(consultationId: string): Promise<WeightRegisterLine[]> {
    return this.tx.manager().query(
      `SELECT w.member_id AS "memberId", m.cbs_code AS "cbsCode", m.name, m.secretary_name AS "secretaryName",
              m.secretary_email AS "secretaryEmail", w.inhabitants, w.weight
         FROM consultation_weight w JOIN members_directory m ON m.id = w.member_id
        WHERE w.consultation_id = $1 ORDER BY m.name`,
      [consultationId],
    );
  }
}
