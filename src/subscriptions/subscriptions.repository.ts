import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';

export type ArrangementStatus = 'open' | 'dissolved';
export type ContractVariant = 'full' | 'reduced';
export type ContractStatus = 'pending' | 'signed' | 'refused' | 'dissolved' | 'lapsed';

export interface Arrangement {
  id: string;
  title: string;
  reference: string | null;
  decidedByConsultationId: string;
  decidedByProposalId: string;
  referenceDate: string;
  firstYear: number;
  lastYear: number;
  signingDeadline: Date;
  firstInvoiceDate: string;
  officeName: string;
  status: ArrangementStatus;
  dissolvedOn: string | null;
  dissolvedAt: Date | null;
  dissolutionReason: string | null;
  dissolvedByProposalId: string | null;
  /** The arrangement whose term this one continues (a renewal), if any. */
  renewsArrangementId: string | null;
  createdAt: Date;
}

export interface Provider {
  id: string;
  code: string;
  name: string;
  service: string;
  position: number;
  takenByExempt: boolean;
}

export interface ProviderYear {
  providerId: string;
  year: number;
  budgetCents: number;
  tariffHundredthsOfCent: number;
}

export interface Indexation {
  year: number;
  basisPoints: number;
  negativeConfirmed: boolean;
  decidedBy: string;
  decidedAt: Date;
}

export interface Contract {
  id: string;
  arrangementId: string;
  memberId: string;
  cbsCode: string;
  memberName: string;
  inhabitants: number;
  variant: ContractVariant;
  status: ContractStatus;
  answeredAt: Date | null;
  endedAt: Date | null;
}

export interface Answer {
  contractId: string;
  answer: 'signed' | 'refused';
  accountId: string;
  accountEmail: string;
  signatoryName: string;
  signatoryRole: string;
  variant: ContractVariant | null;
  contractText: string | null;
  contractTextSha256: string | null;
  refusalReason: string | null;
  answeredAt: Date;
}

export interface PollAnswer {
  memberId: string;
  prefersCollectiveFunding: boolean;
  expectedSigningDate: string | null;
  remark: string | null;
  recordedBy: string;
  recordedAt: Date;
}

const ARRANGEMENT = `id, title, reference, decided_by_consultation_id AS "decidedByConsultationId", decided_by_proposal_id AS "decidedByProposalId",
  to_char(reference_date, 'YYYY-MM-DD') AS "referenceDate", first_year AS "firstYear", last_year AS "lastYear", signing_deadline AS "signingDeadline",
  to_char(first_invoice_date, 'YYYY-MM-DD') AS "firstInvoiceDate", office_name AS "officeName", status, to_char(dissolved_on, 'YYYY-MM-DD') AS "dissolvedOn",
  dissolved_at AS "dissolvedAt", dissolution_reason AS "dissolutionReason", dissolved_by_proposal_id AS "dissolvedByProposalId",
  renews_arrangement_id AS "renewsArrangementId", created_at AS "createdAt"`;
const CONTRACT = `id, arrangement_id AS "arrangementId", member_id AS "memberId", cbs_code AS "cbsCode", member_name AS "memberName", inhabitants, variant, status,
  answered_at AS "answeredAt", ended_at AS "endedAt"`;
const ANSWER = `contract_id AS "contractId", answer, account_id AS "accountId", account_email AS "accountEmail", signatory_name AS "signatoryName",
  signatory_role AS "signatoryRole", variant, contract_text AS "contractText", contract_text_sha256 AS "contractTextSha256", refusal_reason AS "refusalReason",
  answered_at AS "answeredAt"`;

/** The subscription tables, and nothing else: members and decisions are reached through their services. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly tx: Transactions) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx.manager().query(sql, params);
  }

  async insertArrangement(
    a: Omit<Arrangement, 'id' | 'status' | 'dissolvedOn' | 'dissolvedAt' | 'dissolutionReason' | 'dissolvedByProposalId' | 'createdAt'>,
  ): Promise<Arrangement> {
    const [row] = await this.q<Arrangement>(
      `INSERT INTO subscription_arrangement (title, reference, decided_by_consultation_id, decided_by_proposal_id, reference_date, first_year, last_year, signing_deadline, first_invoice_date, office_name,
         renews_arrangement_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ARRANGEMENT}`,
      [
        a.title,
        a.reference,
        a.decidedByConsultationId,
        a.decidedByProposalId,
        a.referenceDate,
        a.firstYear,
        a.lastYear,
        a.signingDeadline,
        a.firstInvoiceDate,
        a.officeName,
        a.renewsArrangementId,
      ],
    );
    return row;
  }

  async insertProvider(arrangementId: string, p: Omit<Provider, 'id'>): Promise<Provider> {
    const [row] = await this.q<Provider>(
      `INSERT INTO subscription_provider (arrangement_id, code, name, service, position, taken_by_exempt) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, code, name, service, position, taken_by_exempt AS "takenByExempt"`,
      [arrangementId, p.code, p.name, p.service, p.position, p.takenByExempt],
    );
    return row;
  }

  async insertProviderYears(years: ProviderYear[]): Promise<void> {
    if (years.length === 0) return;
    await this.q(
      `INSERT INTO subscription_provider_year (provider_id, year, budget_cents, tariff_hundredths_of_cent)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::int[])`,
      [years.map((y) => y.providerId), years.map((y) => y.year), years.map((y) => y.budgetCents), years.map((y) => y.tariffHundredthsOfCent)],
    );
  }

  async insertOfficeYear(arrangementId: string, year: number, costCents: number): Promise<void> {
    await this.q(`INSERT INTO subscription_office_year (arrangement_id, year, cost_cents) VALUES ($1, $2, $3)`, [arrangementId, year, costCents]);
  }

  async insertContracts(arrangementId: string, contracts: Pick<Contract, 'memberId' | 'cbsCode' | 'memberName' | 'inhabitants' | 'variant'>[]): Promise<void> {
    await this.q(
      `INSERT INTO subscription_contract (arrangement_id, member_id, cbs_code, member_name, inhabitants, variant)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[])`,
      [
        arrangementId,
        contracts.map((c) => c.memberId),
        contracts.map((c) => c.cbsCode),
        contracts.map((c) => c.memberName),
        contracts.map((c) => c.inhabitants),
        contracts.map((c) => c.variant),
      ],
    );
  }

  list(): Promise<Arrangement[]> {
    return this.q<Arrangement>(`SELECT ${ARRANGEMENT} FROM subscription_arrangement ORDER BY created_at DESC, id`);
  }

  async findById(id: string): Promise<Arrangement | null> {
    const [row] = await this.q<Arrangement>(`SELECT ${ARRANGEMENT} FROM subscription_arrangement WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Locks the arrangement for the rest of the command: signatures, indexations and a dissolution wait for each other. */
  async lockById(id: string): Promise<Arrangement | null> {
    const [row] = await this.q<Arrangement>(`SELECT ${ARRANGEMENT} FROM subscription_arrangement WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async findByProposal(proposalId: string): Promise<Arrangement | null> {
    const [row] = await this.q<Arrangement>(`SELECT ${ARRANGEMENT} FROM subscription_arrangement WHERE decided_by_proposal_id = $1`, [proposalId]);
    return row ?? null;
  }

  /** The arrangement that renews this one, if a later vote did. */
  async findRenewalOf(id: string): Promise<Arrangement | null> {
    const [row] = await this.q<Arrangement>(`SELECT ${ARRANGEMENT} FROM subscription_arrangement WHERE renews_arrangement_id = $1`, [id]);
    return row ?? null;
  }

  providers(arrangementId: string): Promise<Provider[]> {
    return this.q<Provider>(
      `SELECT id, code, name, service, position, taken_by_exempt AS "takenByExempt" FROM subscription_provider WHERE arrangement_id = $1 ORDER BY position`,
      [arrangementId],
    );
  }

  async providerYears(arrangementId: string): Promise<ProviderYear[]> {
    const rows = await this.q<ProviderYear>(
      `SELECT y.provider_id AS "providerId", y.year, y.budget_cents AS "budgetCents", y.tariff_hundredths_of_cent AS "tariffHundredthsOfCent"
         FROM subscription_provider_year y JOIN subscription_provider p ON p.id = y.provider_id
        WHERE p.arrangement_id = $1 ORDER BY y.year, p.position`,
      [arrangementId],
    );
    return rows.map((r) => ({ ...r, budgetCents: Number(r.budgetCents) }));
  }

  async officeYears(arrangementId: string): Promise<{ year: number; costCents: number }[]> {
    const rows = await this.q<{ year: number; costCents: string }>(
      `SELECT year, cost_cents AS "costCents" FROM subscription_office_year WHERE arrangement_id = $1 ORDER BY year`,
      [arrangementId],
    );
    return rows.map((r) => ({ year: r.year, costCents: Number(r.costCents) }));
  }

  indexations(arrangementId: string): Promise<Indexation[]> {
    return this.q<Indexation>(
      `SELECT year, basis_points AS "basisPoints", negative_confirmed AS "negativeConfirmed", decided_by AS "decidedBy", decided_at AS "decidedAt"
         FROM subscription_indexation WHERE arrangement_id = $1 ORDER BY year`,
      [arrangementId],
    );
  }

  async insertIndexation(arrangementId: string, i: Indexation): Promise<void> {
    await this.q(
      `INSERT INTO subscription_indexation (arrangement_id, year, basis_points, negative_confirmed, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [arrangementId, i.year, i.basisPoints, i.negativeConfirmed, i.decidedBy, i.decidedAt],
    );
  }

  contracts(arrangementId: string): Promise<Contract[]> {
    return this.q<Contract>(`SELECT ${CONTRACT} FROM subscription_contract WHERE arrangement_id = $1 ORDER BY member_name, cbs_code`, [arrangementId]);
  }

  contractsOfMember(memberId: string): Promise<Contract[]> {
    // Newest term first: after a renewal the contract to sign again comes before the earlier one.
    return this.q<Contract>(
      `SELECT ${CONTRACT} FROM subscription_contract c WHERE member_id = $1
        ORDER BY (SELECT first_year FROM subscription_arrangement a WHERE a.id = c.arrangement_id) DESC, arrangement_id`,
      [memberId],
    );
  }

  async findContract(id: string): Promise<Contract | null> {
    const [row] = await this.q<Contract>(`SELECT ${CONTRACT} FROM subscription_contract WHERE id = $1`, [id]);
    return row ?? null;
  }

  async lockContract(id: string): Promise<Contract | null> {
    const [row] = await this.q<Contract>(`SELECT ${CONTRACT} FROM subscription_contract WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async findAnswer(contractId: string): Promise<Answer | null> {
    const [row] = await this.q<Answer>(`SELECT ${ANSWER} FROM subscription_answer WHERE contract_id = $1`, [contractId]);
    return row ?? null;
  }

  answers(arrangementId: string): Promise<Answer[]> {
    return this.q<Answer>(`SELECT ${ANSWER} FROM subscription_answer WHERE contract_id IN (SELECT id FROM subscription_contract WHERE arrangement_id = $1)`, [
      arrangementId,
    ]);
  }

  /** The official's answer (signature or refusal) and the contract's new status, together. */
  async recordAnswer(answer: Answer): Promise<void> {
    await this.q(
      `INSERT INTO subscription_answer (contract_id, answer, account_id, account_email, signatory_name, signatory_role, variant, contract_text, contract_text_sha256, refusal_reason, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        answer.contractId,
        answer.answer,
        answer.accountId,
        answer.accountEmail,
        answer.signatoryName,
        answer.signatoryRole,
        answer.variant,
        answer.contractText,
        answer.contractTextSha256,
        answer.refusalReason,
        answer.answeredAt,
      ],
    );
    await this.q(`UPDATE subscription_contract SET status = $2, answered_at = $3 WHERE id = $1`, [answer.contractId, answer.answer, answer.answeredAt]);
  }

  /** Ends the arrangement: signed contracts are dissolved, unanswered ones lapse; refusals stay as they were. */
  async dissolve(
    id: string,
    d: { dissolvedOn: string; dissolvedAt: Date; reason: string; byProposalId: string | null },
  ): Promise<{ dissolved: number; lapsed: number }> {
    await this.q(
      `UPDATE subscription_arrangement SET status = 'dissolved', dissolved_on = $2, dissolved_at = $3, dissolution_reason = $4, dissolved_by_proposal_id = $5 WHERE id = $1`,
      [id, d.dissolvedOn, d.dissolvedAt, d.reason, d.byProposalId],
    );
    const [counts] = await this.q<{ dissolved: number; lapsed: number }>(
      `WITH ended AS (
         UPDATE subscription_contract SET status = CASE status WHEN 'signed' THEN 'dissolved' ELSE 'lapsed' END, ended_at = $2
          WHERE arrangement_id = $1 AND status IN ('signed', 'pending') RETURNING status)
       SELECT count(*) FILTER (WHERE status = 'dissolved')::int AS dissolved, count(*) FILTER (WHERE status = 'lapsed')::int AS lapsed FROM ended`,
      [id, d.dissolvedAt],
    );
    return counts;
  }

  async upsertPollAnswer(arrangementId: string, a: PollAnswer): Promise<void> {
    await this.q(
      `INSERT INTO subscription_poll_answer (arrangement_id, member_id, prefers_collective_funding, expected_signing_date, remark, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (arrangement_id, member_id) DO UPDATE SET prefers_collective_funding = EXCLUDED.prefers_collective_funding,
         expected_signing_date = EXCLUDED.expected_signing_date, remark = EXCLUDED.remark, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`,
      [arrangementId, a.memberId, a.prefersCollectiveFunding, a.expectedSigningDate, a.remark, a.recordedBy, a.recordedAt],
    );
  }

  async findPollAnswer(arrangementId: string, memberId: string): Promise<PollAnswer | null> {
    const [row] = await this.q<PollAnswer>(
      `SELECT member_id AS "memberId", prefers_collective_funding AS "prefersCollectiveFunding", to_char(expected_signing_date, 'YYYY-MM-DD') AS "expectedSigningDate",
              remark, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM subscription_poll_answer WHERE arrangement_id = $1 AND member_id = $2`,
      [arrangementId, memberId],
    );
    return row ?? null;
  }

  pollAnswers(arrangementId: string): Promise<PollAnswer[]> {
    return this.q<PollAnswer>(
      `SELECT member_id AS "memberId", prefers_collective_funding AS "prefersCollectiveFunding", to_char(expected_signing_date, 'YYYY-MM-DD') AS "expectedSigningDate",
              remark, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM subscription_poll_answer WHERE arrangement_id = $1 ORDER BY recorded_at, member_id`,
      [arrangementId],
    );
  }
}
