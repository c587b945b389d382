import { Injectable } from '@nestjs/common';
import { Transactions } from '../../platform/database/transactions';

export type EffectKind = 'contribution_raise' | 'fund_budget';
export type EffectStatus = 'pending' | 'provisional' | 'definitive' | 'not_applied' | 'withdrawn';

export interface EffectRow {
  id: string;
  proposalId: string;
  kind: EffectKind;
  year: number | null;
  referenceDate: string | null;
  fundBudgetId: string | null;
  status: EffectStatus;
  outcome: string | null;
  appliedChoiceId: string | null;
  appliedChoiceLabel: string | null;
  appliedValue: string | null;
  appliedAt: Date | null;
  settledAt: Date | null;
  settledByProposalId: string | null;
}

const COLUMNS = `e.id, e.proposal_id AS "proposalId", e.kind, e.year, to_char(e.reference_date, 'YYYY-MM-DD') AS "referenceDate",
  e.fund_budget_id AS "fundBudgetId", e.status, e.outcome, e.applied_choice_id AS "appliedChoiceId", e.applied_choice_label AS "appliedChoiceLabel",
  e.applied_value::text AS "appliedValue", e.applied_at AS "appliedAt", e.settled_at AS "settledAt", e.settled_by_proposal_id AS "settledByProposalId"`;

/** A proposal's consultation with its phase, and the proposal's figure and question type. */
export interface ProposalContext {
  consultationId: string;
  consultationStatus: string;
  valueKind: string | null;
  value: string | null;
  questionType: string;
}

@Injectable()
export class DecisionEffectsRepository {
  constructor(private readonly tx: Transactions) {}

  async findByProposal(proposalId: string): Promise<EffectRow | null> {
    const rows = await this.tx.manager().query<EffectRow[]>(`SELECT ${COLUMNS} FROM decision_effect e WHERE e.proposal_id = $1`, [proposalId]);
    return rows[0] ?? null;
  }

  /** Effects of a consultation's proposals, locked: publication and ratification change them. */
  async lockForConsultation(consultationId: string): Promise<EffectRow[]> {
    return this.tx
      .manager()
      .query(
        `SELECT ${COLUMNS} FROM decision_effect e JOIN proposal p ON p.id = e.proposal_id WHERE p.consultation_id = $1 ORDER BY p.number FOR UPDATE OF e`,
        [consultationId],
      );
  }

  listForConsultation(consultationId: string): Promise<(EffectRow & { proposalNumber: number; proposalTitle: string })[]> {
    return this.tx.manager().query(
      `SELECT ${COLUMNS}, p.number AS "proposalNumber", p.title AS "proposalTitle"
         FROM decision_effect e JOIN proposal p ON p.id = e.proposal_id WHERE p.consultation_id = $1 ORDER BY p.number`,
      [consultationId],
    );
  }

  async pendingFundBudgetEffect(budgetId: string): Promise<EffectRow | null> {
    const rows = await this.tx
      .manager()
      .query<EffectRow[]>(`SELECT ${COLUMNS} FROM decision_effect e WHERE e.fund_budget_id = $1 AND e.status IN ('pending', 'provisional')`, [budgetId]);
    return rows[0] ?? null;
  }

  async insert(effect: {
    proposalId: string;
    kind: EffectKind;
    year: number | null;
    referenceDate: string | null;
    fundBudgetId: string | null;
    createdBy: string;
  }): Promise<string> {
    const [{ id }] = await this.tx
      .manager()
      .query<{ id: string }[]>(
        `INSERT INTO decision_effect (proposal_id, kind, year, reference_date, fund_budget_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [effect.proposalId, effect.kind, effect.year, effect.referenceDate, effect.fundBudgetId, effect.createdBy],
      );
    return id;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<EffectRow, 'status' | 'outcome' | 'appliedChoiceId' | 'appliedChoiceLabel' | 'appliedValue' | 'appliedAt' | 'settledAt' | 'settledByProposalId'>
    >,
  ): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      outcome: 'outcome',
      appliedChoiceId: 'applied_choice_id',
      appliedChoiceLabel: 'applied_choice_label',
      appliedValue: 'applied_value',
      appliedAt: 'applied_at',
      settledAt: 'settled_at',
      settledByProposalId: 'settled_by_proposal_id',
    };
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    await this.tx
      .manager()
      .query(`UPDATE decision_effect SET ${entries.map(([k], i) => `${columns[k]} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
  }

  /** True when a vote on the year's contribution applied nothing (rejected, tie, no quorum): the previous rates stay in force for it. */
  async raiseNotAppliedFor(year: number): Promise<boolean> {
    const rows = await this.tx
      .manager()
      .query<unknown[]>(`SELECT 1 FROM decision_effect WHERE kind = 'contribution_raise' AND year = $1 AND status = 'not_applied'`, [year]);
    return rows.length > 0;
  }

  async consultationExists(consultationId: string): Promise<boolean> {
    const rows = await this.tx.manager().query<unknown[]>(`SELECT 1 FROM consultation WHERE id = $1`, [consultationId]);
    return rows.length > 0;
  }

  /** The consultation a proposal belongs to, with its phase and the proposal's figure and choices. */
  async proposalContext(proposalId: string): Promise<ProposalContext | null> {
    const rows = await this.tx.manager().query<ProposalContext[]>(
      `SELECT c.id AS "consultationId", c.status AS "consultationStatus", p.value_kind AS "valueKind", p.value::text AS value, p.question_type AS "questionType"
         FROM proposal p JOIN consultation c ON c.id = p.consultation_id WHERE p.id = $1 FOR SHARE OF c`,
      [proposalId],
    );
    return rows[0] ?? null;
  }

  /** Each proposal of a consultation that ratifies another consultation's results. */
  ratifyingProposals(consultationId: string): Promise<{ proposalId: string; targetConsultationId: string }[]> {
    return this.tx
      .manager()
      .query(
        `SELECT id AS "proposalId", ratifies_consultation_id AS "targetConsultationId" FROM proposal WHERE consultation_id = $1 AND ratifies_consultation_id IS NOT NULL`,
        [consultationId],
      );
  }

  /** The choices of a proposal with the figure each would set. */
  choices(proposalId: string): Promise<{ id: string; label: string; kind: string; position: number; value: string | null }[]> {
    return this.tx.manager().query(`SELECT id, label, kind, position, value::text AS value FROM choice WHERE proposal_id = $1 ORDER BY position`, [proposalId]);
  }
}
