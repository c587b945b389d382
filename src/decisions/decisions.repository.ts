import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Transactions } from '../platform/database/transactions';
import { AskStatus, Decision, DecisionAsk, DecisionLetter, DecisionProgress } from './decision.entity';

export interface DecisionSummary extends Decision {
  asks: number;
  open: number;
  inProgress: number;
  done: number;
  notAchievable: number;
}

/** The decisions module's tables: decision, decision_ask, decision_progress, decision_letter. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly tx: Transactions) {}

  async insertDecision(decision: Omit<Decision, 'id' | 'createdAt'>, asks: { text: string; dueFor: string | null }[], at: Date): Promise<Decision> {
    const m = this.tx.manager();
    const saved = await m.save(m.create(Decision, decision));
    await m.insert(
      DecisionAsk,
      asks.map((ask, i) => ({
        decisionId: saved.id,
        position: i + 1,
        text: ask.text,
        dueFor: ask.dueFor,
        dueDate: null,
        owner: null,
        status: 'open' as const,
        statusReason: null,
        updatedAt: at,
      })),
    );
    return saved;
  }

  async idsOf(consultationId: string): Promise<string[]> {
    const rows = await this.tx.manager().query<{ id: string }[]>(`SELECT id FROM decision WHERE consultation_id = $1`, [consultationId]);
    return rows.map((r) => r.id);
  }

  findByProposal(proposalId: string): Promise<Decision | null> {
    return this.tx.manager().findOneBy(Decision, { proposalId });
  }

  /** A decision the board recorded by hand (not counted by the platform) with this reference. */
  findRecordedByReference(reference: string): Promise<Decision | null> {
    return this.tx.manager().findOneBy(Decision, { reference, consultationId: IsNull() });
  }

  findDecision(id: string): Promise<Decision | null> {
    return this.tx.manager().findOneBy(Decision, { id });
  }

  /** Every decision with its asks counted by status, most recent first. */
  async listDecisions(): Promise<DecisionSummary[]> {
    const rows: DecisionSummary[] = await this.tx.manager().query(
      `SELECT d.id, d.kind, d.reference, d.title, d.text, d.submitters, to_char(d.adopted_on, 'YYYY-MM-DD') AS "adoptedOn", d.adopted_at AS "adoptedAt",
              d.adopted_share AS "adoptedShare", d.consultation_id AS "consultationId", d.proposal_id AS "proposalId", d.created_at AS "createdAt",
              count(a.id)::int AS asks,
              count(a.id) FILTER (WHERE a.status = 'open')::int AS open,
              count(a.id) FILTER (WHERE a.status = 'in_progress')::int AS "inProgress",
              count(a.id) FILTER (WHERE a.status = 'done')::int AS done,
              count(a.id) FILTER (WHERE a.status = 'not_achievable')::int AS "notAchievable"
         FROM decision d LEFT JOIN decision_ask a ON a.decision_id = d.id
        GROUP BY d.id ORDER BY d.adopted_on DESC, d.reference`,
    );
    return rows;
  }

  asksOf(decisionIds: string[]): Promise<DecisionAsk[]> {
    if (decisionIds.length === 0) return Promise.resolve([]);
    return this.tx
      .manager()
      .createQueryBuilder(DecisionAsk, 'a')
      .where('a.decision_id = ANY(:ids)', { ids: decisionIds })
      .orderBy('a.decision_id')
      .addOrderBy('a.position')
      .getMany();
  }

  /** Progress of these asks, oldest first; only what was recorded after `since` when given. */
  progressOf(askIds: string[], since: Date | null = null): Promise<DecisionProgress[]> {
    if (askIds.length === 0) return Promise.resolve([]);
    const query = this.tx.manager().createQueryBuilder(DecisionProgress, 'p').where('p.ask_id = ANY(:ids)', { ids: askIds });
    if (since) query.andWhere('p.recorded_at > :since', { since });
    return query.orderBy('p.happened_on').addOrderBy('p.recorded_at').getMany();
  }

  lockAsk(decisionId: string, askId: string): Promise<DecisionAsk | null> {
    return this.tx
      .manager()
      .getRepository(DecisionAsk)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :askId AND a.decision_id = :decisionId', { askId, decisionId })
      .getOne();
  }

  async updateAsk(id: string, changes: Partial<Omit<DecisionAsk, 'id' | 'decisionId' | 'position'>>): Promise<void> {
    await this.tx.manager().update(DecisionAsk, { id }, changes);
  }

  async insertProgress(progress: Omit<DecisionProgress, 'id'>): Promise<DecisionProgress> {
    const m = this.tx.manager();
    return m.save(m.create(DecisionProgress, progress));
  }

  // Letters

  /** Serialises drafting and publishing letters, so "since the last letter" has one answer. */
  async lockLetters(): Promise<void> {
    await this.tx.manager().query(`SELECT pg_advisory_xact_lock(hashtext('decision_letters'))`);
  }

  /** Decisions with an ask still open or in progress, or with progress recorded after `since`. */
  async decisionsForLetter(since: Date | null): Promise<Decision[]> {
    return this.tx
      .manager()
      .createQueryBuilder(Decision, 'd')
      .where(`EXISTS (SELECT 1 FROM decision_ask a WHERE a.decision_id = d.id AND a.status IN ('open', 'in_progress'))`)
      .orWhere(
        `EXISTS (SELECT 1 FROM decision_ask a JOIN decision_progress p ON p.ask_id = a.id WHERE a.decision_id = d.id AND (CAST(:since AS timestamptz) IS NULL OR p.recorded_at > :since))`,
        { since },
      )
      .orderBy('d.adopted_on')
      .addOrderBy('d.reference')
      .getMany();
  }

  lastPublishedLetter(): Promise<DecisionLetter | null> {
    return this.tx.manager().findOne(DecisionLetter, { where: { status: 'published' }, order: { publishedAt: 'DESC' } });
  }

  letterForAssembly(assemblyDate: string): Promise<DecisionLetter | null> {
    return this.tx.manager().findOneBy(DecisionLetter, { assemblyDate });
  }

  findLetter(id: string): Promise<DecisionLetter | null> {
    return this.tx.manager().findOneBy(DecisionLetter, { id });
  }

  lockLetter(id: string): Promise<DecisionLetter | null> {
    return this.tx.manager().getRepository(DecisionLetter).createQueryBuilder('l').setLock('pessimistic_write').where('l.id = :id', { id }).getOne();
  }

  referenceTaken(reference: string, exceptId: string | null): Promise<boolean> {
    return this.tx
      .manager()
      .createQueryBuilder(DecisionLetter, 'l')
      .where('l.reference = :reference', { reference })
      .andWhere('l.id IS DISTINCT FROM :exceptId', { exceptId })
      .getExists();
  }

  async countLettersOfYear(year: number): Promise<number> {
    const [{ n }] = await this.tx
      .manager()
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM decision_letter WHERE extract(year FROM assembly_date) = $1`, [year]);
    return n;
  }

  async insertLetter(letter: Omit<DecisionLetter, 'id'>): Promise<DecisionLetter> {
    const m = this.tx.manager();
    return m.save(m.create(DecisionLetter, letter));
  }

  async updateLetter(id: string, changes: Partial<Omit<DecisionLetter, 'id'>>): Promise<void> {
    await this.tx.manager().update(DecisionLetter, { id }, changes);
  }

  listLetters(publishedOnly: boolean): Promise<DecisionLetter[]> {
    return this.tx.manager().find(DecisionLetter, { where: publishedOnly ? { status: 'published' } : {}, order: { assemblyDate: 'DESC' } });
  }
}

export type { AskStatus };
