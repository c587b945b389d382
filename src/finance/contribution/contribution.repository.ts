import { Injectable } from '@nestjs/common';
import { Transactions } from '../../platform/database/transactions';
import type { AmountRounding, Band, BandMode, RateRounding } from '../rules/contribution-rules';

export type ScheduleStatus = 'provisional' | 'adopted' | 'superseded' | 'withdrawn';

export interface ScheduleRow {
  id: string;
  year: number;
  referenceDate: string;
  membersOn: string;
  bandMode: BandMode;
  rateRounding: RateRounding;
  amountRounding: AmountRounding;
  status: ScheduleStatus;
  basis: string;
  derivedFromId: string | null;
  raiseBasisPoints: number | null;
  replacedId: string | null;
  replacedStatus: ScheduleStatus | null;
  decisionEffectId: string | null;
  createdAt: Date;
  bands: Band[];
}

const COLUMNS = `s.id, s.year, to_char(s.reference_date, 'YYYY-MM-DD') AS "referenceDate", to_char(s.members_on, 'YYYY-MM-DD') AS "membersOn",
  s.band_mode AS "bandMode", s.rate_rounding AS "rateRounding", s.amount_rounding AS "amountRounding", s.status, s.basis,
  s.derived_from_id AS "derivedFromId", s.raise_basis_points AS "raiseBasisPoints", s.replaced_id AS "replacedId", s.replaced_status AS "replacedStatus",
  s.decision_effect_id AS "decisionEffectId", s.created_at AS "createdAt",
  (SELECT json_agg(json_build_object('fromInhabitants', b.from_inhabitants, 'rate', b.rate_hundredth_cents::text) ORDER BY b.position)
     FROM contribution_band b WHERE b.schedule_id = s.id) AS bands`;

function toRow(r: Record<string, unknown>): ScheduleRow {
  const bands = (r.bands as { fromInhabitants: number; rate: string }[] | null) ?? [];
  return { ...(r as unknown as ScheduleRow), bands: bands.map((b) => ({ fromInhabitants: b.fromInhabitants, rate: BigInt(b.rate) })) };
}

/** Contribution schedules (contributieschema's) and their bands. */
@Injectable()
export class ContributionRepository {
  constructor(private readonly tx: Transactions) {}

  async findById(id: string): Promise<ScheduleRow | null> {
    const rows = await this.tx.manager().query<Record<string, unknown>[]>(`SELECT ${COLUMNS} FROM contribution_schedule s WHERE s.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The schedule set for exactly this year and in force (provisional or adopted), if any. */
  async findInForceFor(year: number, lock = false): Promise<ScheduleRow | null> {
    const rows = await this.tx
      .manager()
      .query<Record<string, unknown>[]>(
        `SELECT ${COLUMNS} FROM contribution_schedule s WHERE s.year = $1 AND s.status IN ('provisional', 'adopted')${lock ? ' FOR UPDATE' : ''}`,
        [year],
      );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The rates in force for a year: that year's schedule, or the latest earlier one (rates stay until changed). */
  async findLatestInForceUpTo(year: number): Promise<ScheduleRow | null> {
    const rows = await this.tx
      .manager()
      .query<Record<string, unknown>[]>(
        `SELECT ${COLUMNS} FROM contribution_schedule s WHERE s.year <= $1 AND s.status IN ('provisional', 'adopted') ORDER BY s.year DESC LIMIT 1`,
        [year],
      );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async list(): Promise<ScheduleRow[]> {
    const rows: Record<string, unknown>[] = await this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM contribution_schedule s ORDER BY s.year DESC, s.created_at DESC`);
    return rows.map(toRow);
  }

  async findByEffect(effectId: string): Promise<ScheduleRow | null> {
    const rows = await this.tx
      .manager()
      .query<Record<string, unknown>[]>(`SELECT ${COLUMNS} FROM contribution_schedule s WHERE s.decision_effect_id = $1`, [effectId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async insert(s: Omit<ScheduleRow, 'id' | 'createdAt'> & { createdBy: string }): Promise<string> {
    const m = this.tx.manager();
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO contribution_schedule (year, reference_date, members_on, band_mode, rate_rounding, amount_rounding, status, basis,
         derived_from_id, raise_basis_points, replaced_id, replaced_status, decision_effect_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        s.year,
        s.referenceDate,
        s.membersOn,
        s.bandMode,
        s.rateRounding,
        s.amountRounding,
        s.status,
        s.basis,
        s.derivedFromId,
        s.raiseBasisPoints,
        s.replacedId,
        s.replacedStatus,
        s.decisionEffectId,
        s.createdBy,
      ],
    );
    await m.query(
      `INSERT INTO contribution_band (schedule_id, position, from_inhabitants, rate_hundredth_cents)
       SELECT $1, p, f, r FROM unnest($2::int[], $3::int[], $4::bigint[]) AS x(p, f, r)`,
      [id, s.bands.map((_, i) => i + 1), s.bands.map((b) => b.fromInhabitants), s.bands.map((b) => b.rate.toString())],
    );
    return id;
  }

  async setStatus(id: string, status: ScheduleStatus): Promise<void> {
    await this.tx.manager().query(`UPDATE contribution_schedule SET status = $2 WHERE id = $1`, [id, status]);
  }
}
