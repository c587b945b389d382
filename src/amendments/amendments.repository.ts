import type { ProposalImpact } from '../finance/financial-impact.service';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Transactions } from '../platform/database/transactions';
import { Amendment, AmendmentCosponsor } from './amendment.entity';

/** An amendment or motion with its co-sponsors by member id (the service names the members and the proposal). */
export interface AmendmentRow extends Amendment {
  coSponsors: { memberId: string; confirmed: boolean }[];
}

@Injectable()
export class AmendmentsRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * The consultation's amendment window, shared-locked so that publishing the final proposals waits for
   * submissions in flight. `year` is the consultation's own (of its reference date): references say AM-2020 on the 2020 consultation.
   * Amendments sit below consultations (which publish the final proposals through AmendmentsService), so
   * the window comes from the consultations' published view `consultations_phase` (migration
   * 1766110000000); FOR SHARE through the view locks the consultation's row.
   */
  async lockWindow(consultationId: string): Promise<{ status: string; amendmentDeadline: Date | null; year: number } | null> {
    const [row] = await this.tx.manager().query<{ status: string; amendmentDeadline: Date | null; year: number }[]>(
      `SELECT status, amendment_deadline AS "amendmentDeadline", extract(year FROM reference_date)::int AS year
         FROM consultations_phase WHERE id = $1 FOR SHARE`,
      [consultationId],
    );
    return row ?? null;
  }

  /**
   * The next sequence number of an amendment to the proposal, or of a motion in the consultation. The
   * caller holds the proposal (ProposalsService.lock) for an amendment; motions are serialised here by
   * an advisory lock on the consultation's motion counter.
   */
  async nextSequence(consultationId: string, proposalId: string | null): Promise<number> {
    const m = this.tx.manager();
    if (!proposalId) await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`motions:${consultationId}`]);
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM amendment WHERE consultation_id = $1 AND proposal_id IS NOT DISTINCT FROM $2 AND kind = $3`,
      [consultationId, proposalId, proposalId ? 'amendment' : 'motion'],
    );
    return n + 1;
  }

  async insert(amendment: Omit<Amendment, 'id'>, coSponsorIds: string[]): Promise<Amendment> {
    const m = this.tx.manager();
    const saved = await m.save(m.create(Amendment, amendment));
    if (coSponsorIds.length)
      await m.insert(
        AmendmentCosponsor,
        coSponsorIds.map((memberId) => ({ amendmentId: saved.id, memberId, confirmedBy: null, confirmedAt: null })),
      );
    return saved;
  }

  async lockById(id: string): Promise<Amendment | null> {
    return this.tx.manager().getRepository(Amendment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  async update(id: string, changes: Partial<Amendment>): Promise<void> {
    await this.tx.manager().update(Amendment, { id }, changes);
  }

  async confirmCosponsor(amendmentId: string, memberId: string, accountId: string, at: Date): Promise<boolean> {
    const result = await this.tx
      .manager()
      .update(AmendmentCosponsor, { amendmentId, memberId, confirmedAt: IsNull() }, { confirmedBy: accountId, confirmedAt: at });
    return (result.affected ?? 0) > 0;
  }

  async isCosponsor(amendmentId: string, memberId: string): Promise<boolean> {
    return !!(await this.tx.manager().findOneBy(AmendmentCosponsor, { amendmentId, memberId }));
  }

  async idsOf(consultationId: string): Promise<string[]> {
    const rows = await this.tx.manager().query<{ id: string }[]>(`SELECT id FROM amendment WHERE consultation_id = $1`, [consultationId]);
    return rows.map((r) => r.id);
  }

  listFor(consultationId: string): Promise<AmendmentRow[]> {
    return this.rows(`a.consultation_id = $1`, [consultationId]);
  }

  /** What one municipality submitted or was named as co-sponsor of, in every consultation. */
  listInvolving(memberId: string): Promise<AmendmentRow[]> {
    return this.rows(`(a.member_id = $1 OR EXISTS (SELECT 1 FROM amendment_cosponsor x WHERE x.amendment_id = a.id AND x.member_id = $1))`, [memberId]);
  }

  async rowById(id: string): Promise<AmendmentRow | null> {
    const [row] = await this.rows(`a.id = $1`, [id]);
    return row ?? null;
  }

  /** In the order of kind and reference; the service orders them by proposal number as well. */
  private async rows(where: string, params: unknown[]): Promise<AmendmentRow[]> {
    const rows = await this.tx.manager().query<Record<string, unknown>[]>(
      `SELECT a.*,
              coalesce((SELECT json_agg(json_build_object('memberId', c.member_id, 'confirmed', c.confirmed_at IS NOT NULL))
                          FROM amendment_cosponsor c WHERE c.amendment_id = a.id), '[]') AS "coSponsors"
         FROM amendment a
        WHERE ${where} ORDER BY a.kind, a.reference`,
      params,
    );
    return rows.map(
      (r) =>
        ({
          id: r.id,
          consultationId: r.consultation_id,
          proposalId: r.proposal_id,
          kind: r.kind,
          reference: r.reference,
          memberId: r.member_id,
          submittedBy: r.submitted_by,
          text: r.text,
          rationale: r.rationale,
          changedValue: r.changed_value,
          status: r.status,
          response: r.response,
          responseReasoning: r.response_reasoning,
          purport: r.purport,
          respondedAt: r.responded_at,
          submittedAt: r.submitted_at,
          updatedAt: r.updated_at,
          withdrawnAt: r.withdrawn_at,
          coSponsors: r.coSponsors,
        }) as AmendmentRow,
    );
  }

  // consultation_letter is the amendments module's own table despite its name (one letter per
  // consultation): created with the amendments (migration 1764100000000), written only when the final
  // proposals are published (finalize) and read only by the amendments' letter page, PDF and JSON.
  async insertLetter(consultationId: string, reference: string, content: object, publishedAt: Date): Promise<void> {
    await this.tx
      .manager()
      .query(`INSERT INTO consultation_letter (consultation_id, reference, content, published_at) VALUES ($1, $2, $3, $4)`, [
        consultationId,
        reference,
        JSON.stringify(content),
        publishedAt,
      ]);
  }

  async letter(consultationId: string): Promise<{ reference: string; content: DefinitiveLetter; publishedAt: Date } | null> {
    const [row] = await this.tx
      .manager()
      .query<{ reference: string; content: DefinitiveLetter; publishedAt: Date }[]>(
        `SELECT reference, content, published_at AS "publishedAt" FROM consultation_letter WHERE consultation_id = $1`,
        [consultationId],
      );
    return row ?? null;
  }
}

/** The content of the member letter "Definitieve voorstellen", frozen at publication. */
export interface DefinitiveLetter {
  reference: string;
  date: string;
  consultationTitle: string;
  votingDeadline: string;
  proposals: {
    number: number;
    title: string;
    summary: string;
    value: string | null;
    version: number;
    amendments: { reference: string; submitters: string; text: string; rationale: string; changedValue: string | null; response: string; reasoning: string }[];
    choices: string[];
  }[];
  motions: { reference: string; submitters: string; text: string; advice: string; reasoning: string; question: string }[];
  /** What each municipality would pay under each choice of a proposal with a financial effect (absent in letters frozen before it existed). */
  financialImpact?: ProposalImpact[];
}
