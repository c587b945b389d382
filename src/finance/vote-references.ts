import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import type { EffectStatus } from './decision-effects/decision-effects.repository';

/** The vote behind a figure: what every schedule, budget and invoice line links back to. */
export interface VoteReference {
  effectId: string;
  effectStatus: EffectStatus;
  consultationId: string;
  consultationTitle: string;
  consultationReference: string | null;
  consultationStatus: string;
  proposalId: string;
  proposalNumber: number;
  proposalTitle: string;
  outcome: string | null;
  choice: string | null;
  value: string | null;
  /** The public result page of the vote. */
  resultPath: string;
}

/**
 * Reads the vote behind a decision effect. Its own room beside the effects, so that the contribution
 * and the fund can name the vote behind their figures without importing decision-effects, which
 * imports them to apply a vote (no folder cycle).
 */
@Injectable()
export class VoteReferences {
  constructor(private readonly tx: Transactions) {}

  /** The vote behind an effect, for every figure that links to it. */
  async of(effectId: string): Promise<VoteReference | null> {
    const rows = await this.tx.manager().query<Omit<VoteReference, 'resultPath'>[]>(
      `SELECT e.id AS "effectId", e.status AS "effectStatus", c.id AS "consultationId", c.title AS "consultationTitle", c.reference AS "consultationReference",
              c.status AS "consultationStatus", p.id AS "proposalId", p.number AS "proposalNumber", p.title AS "proposalTitle", e.outcome,
              e.applied_choice_label AS choice, e.applied_value::text AS value
         FROM decision_effect e JOIN proposal p ON p.id = e.proposal_id JOIN consultation c ON c.id = p.consultation_id WHERE e.id = $1`,
      [effectId],
    );
    const row = rows[0];
    return row ? { ...row, resultPath: `/raadplegingen/${row.consultationId}/uitslag` } : null;
  }
}
