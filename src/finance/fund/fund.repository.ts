import { Injectable } from '@nestjs/common';
import { Transactions } from '../../platform/database/transactions';
import type { BudgetItem, SumMismatch } from '../rules/budget-check';

export type BudgetStatus = 'draft' | 'provisional' | 'adopted';

export interface BudgetRow {
  id: string;
  title: string;
  firstYear: number;
  lastYear: number;
  referenceDate: string;
  membersOn: string;
  status: BudgetStatus;
  source: string;
  statedSums: unknown[];
  corrections: { line: number; label: string; year: number; statedCents: string; computedCents: string; differenceCents: string }[];
  createdAt: Date;
}

const COLUMNS = `b.id, b.title, b.first_year AS "firstYear", b.last_year AS "lastYear", to_char(b.reference_date, 'YYYY-MM-DD') AS "referenceDate",
  to_char(b.members_on, 'YYYY-MM-DD') AS "membersOn", b.status, b.source, b.stated_sums AS "statedSums", b.corrections, b.created_at AS "createdAt"`;

/** The collective fund (GGU): budgets, their activities, authorisations and spending. */
@Injectable()
export class FundRepository {
  constructor(private readonly tx: Transactions) {}

  async findById(id: string, lock = false): Promise<BudgetRow | null> {
    const rows = await this.tx.manager().query<BudgetRow[]>(`SELECT ${COLUMNS} FROM fund_budget b WHERE b.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  list(): Promise<BudgetRow[]> {
    return this.tx.manager().query(`SELECT ${COLUMNS} FROM fund_budget b ORDER BY b.first_year DESC, b.created_at DESC`);
  }

  /** Budgets in force (provisional or adopted) whose years overlap first..last, other than `except`. */
  overlapping(first: number, last: number, except: string | null): Promise<BudgetRow[]> {
    return this.tx
      .manager()
      .query(
        `SELECT ${COLUMNS} FROM fund_budget b WHERE b.status IN ('provisional', 'adopted') AND b.first_year <= $2 AND b.last_year >= $1 AND b.id IS DISTINCT FROM $3`,
        [first, last, except],
      );
  }

  async inForceFor(year: number): Promise<BudgetRow | null> {
    const rows = await this.tx
      .manager()
      .query<BudgetRow[]>(`SELECT ${COLUMNS} FROM fund_budget b WHERE b.status IN ('provisional', 'adopted') AND $1 BETWEEN b.first_year AND b.last_year`, [
        year,
      ]);
    return rows[0] ?? null;
  }

  async insert(
    b: Omit<BudgetRow, 'id' | 'createdAt' | 'status' | 'corrections'> & { corrections: SumMismatch[]; createdBy: string },
    items: BudgetItem[],
  ): Promise<string> {
    const m = this.tx.manager();
    const text = (x: unknown) => JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO fund_budget (title, first_year, last_year, reference_date, members_on, source, stated_sums, corrections, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) RETURNING id`,
      [b.title, b.firstYear, b.lastYear, b.referenceDate, b.membersOn, b.source, text(b.statedSums), text(b.corrections), b.createdBy],
    );
    await m.query(
      `INSERT INTO fund_activity (budget_id, line, name, compartment, kind, year, amount_cents)
       SELECT $1, l, n, c, k, y, a FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[]) AS x(l, n, c, k, y, a)`,
      [
        id,
        items.map((i) => i.line),
        items.map((i) => i.name),
        items.map((i) => i.compartment),
        items.map((i) => i.kind),
        items.map((i) => i.year),
        items.map((i) => i.amountCents.toString()),
      ],
    );
    return id;
  }

  activities(budgetId: string): Promise<{ line: number; name: string; compartment: string; kind: string; year: number; amountCents: string }[]> {
    return this.tx
      .manager()
      .query(`SELECT line, name, compartment, kind, year, amount_cents::text AS "amountCents" FROM fund_activity WHERE budget_id = $1 ORDER BY line, year`, [
        budgetId,
      ]);
  }

  /** Per year and compartment: budgeted, authorised and spent, in cents (text: bigint). */
  account(budgetId: string): Promise<{ year: number; compartment: string; budgeted: string; authorised: string; spent: string }[]> {
    return this.tx.manager().query(
      `WITH b AS (SELECT year, compartment, sum(amount_cents) AS budgeted FROM fund_activity WHERE budget_id = $1 GROUP BY 1, 2),
            e AS (SELECT year, compartment, sum(amount_cents) FILTER (WHERE kind = 'authorised') AS authorised, sum(amount_cents) FILTER (WHERE kind = 'spent') AS spent
                    FROM fund_authorisation WHERE budget_id = $1 GROUP BY 1, 2)
       SELECT coalesce(b.year, e.year) AS year, coalesce(b.compartment, e.compartment) AS compartment, coalesce(b.budgeted, 0)::text AS budgeted,
              coalesce(e.authorised, 0)::text AS authorised, coalesce(e.spent, 0)::text AS spent
         FROM b FULL JOIN e ON e.year = b.year AND e.compartment = b.compartment ORDER BY 1, 2`,
      [budgetId],
    );
  }

  entries(
    budgetId: string,
  ): Promise<{ id: string; year: number; compartment: string; kind: string; amountCents: string; description: string; createdBy: string; createdAt: Date }[]> {
    return this.tx.manager().query(
      `SELECT id, year, compartment, kind, amount_cents::text AS "amountCents", description, created_by AS "createdBy", created_at AS "createdAt"
         FROM fund_authorisation WHERE budget_id = $1 ORDER BY created_at, id`,
      [budgetId],
    );
  }

  async insertEntry(e: {
    budgetId: string;
    year: number;
    compartment: string;
    kind: string;
    amountCents: number;
    description: string;
    createdBy: string;
  }): Promise<string> {
    const [{ id }] = await this.tx
      .manager()
      .query<{ id: string }[]>(
        `INSERT INTO fund_authorisation (budget_id, year, compartment, kind, amount_cents, description, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [e.budgetId, e.year, e.compartment, e.kind, e.amountCents, e.description, e.createdBy],
      );
    return id;
  }

  async setStatus(id: string, status: BudgetStatus): Promise<void> {
    await this.tx.manager().query(`UPDATE fund_budget SET status = $2 WHERE id = $1`, [id, status]);
  }

  /** The effect (vote) that adopted the budget, provisionally or definitively. */
  async adoptingEffect(budgetId: string): Promise<string | null> {
    const rows = await this.tx
      .manager()
      .query<{ id: string }[]>(
        `SELECT id FROM decision_effect WHERE fund_budget_id = $1 AND status IN ('provisional', 'definitive') ORDER BY applied_at DESC LIMIT 1`,
        [budgetId],
      );
    return rows[0]?.id ?? null;
  }

  async hasOpenEffect(budgetId: string): Promise<boolean> {
    const rows = await this.tx
      .manager()
      .query<unknown[]>(`SELECT 1 FROM decision_effect WHERE fund_budget_id = $1 AND status IN ('pending', 'provisional')`, [budgetId]);
    return rows.length > 0;
  }
}
