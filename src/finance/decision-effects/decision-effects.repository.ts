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

/** A consultation as finance names the vote behind a figure, from consultations' published view `consultations_phase`. */
export interface ConsultationPhaseRow {
  id: string;
  title: string;
  reference: string | null;
  status: string;
}

/**
 * The decision_effect table. Proposals are read through ProposalsService; the consultation's phase from
 * the consultations' published view `consultations_phase` (migration 1766110000000): finance sits below
 * consultations, which apply the effects when they publish a result.
 */
@Injectable()
export class DecisionEffectsRepository {
  constructor(private readonly tx: Transactions) {}

  async findByProposal(proposalId: string): Promise<EffectRow | null> {
    const rows = await this.tx.manager().query<EffectRow[]>(`SELECT ${COLUMNS} FROM decision_effect e WHERE e.proposal_id = $1`, [proposalId]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<EffectRow | null> {
    const rows = await this.tx.manager().query<EffectRow[]>(`SELECT ${COLUMNS} FROM decision_effect e WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * The effects of these proposals in the order given; with `lock`, locked for the rest of the
   * transaction (FOR UPDATE): publication and ratification change them.
   */
  forProposals(proposalIds: string[], lock = false): Promise<EffectRow[]> {
    return this.tx
      .manager()
      .query(
        `SELECT ${COLUMNS} FROM decision_effect e WHERE e.proposal_id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], e.proposal_id)${lock ? ' FOR UPDATE OF e' : ''}`,
        [proposalIds],
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

  /**
   * The consultation's identity and phase, or null when there is none; with `lock`, share-locked for the
   * rest of the transaction (FOR SHARE through the view locks the consultation's row): an effect is
   * attached only while the phase allows it, and opening the vote waits for that.
   */
  async consultationPhase(consultationId: string, lock = false): Promise<ConsultationPhaseRow | null> {
    const rows = await this.tx
      .manager()
      .query<ConsultationPhaseRow[]>(`SELECT id, title, reference, status FROM consultations_phase WHERE id = $1${lock ? ' FOR SHARE' : ''}`, [consultationId]);
    return rows[0] ?? null;
  }
}
