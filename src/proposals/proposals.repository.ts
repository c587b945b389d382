import { Injectable } from '@nestjs/common';
import { Transactions } from '../platform/database/transactions';
import { ChoiceKind } from '../weighting';
import { Choice, Proposal, ProposalVersion, QuestionType } from './proposal.entity';

/** Proposals, their versions and their ballot choices (proposal, proposal_version, choice). */
@Injectable()
export class ProposalsRepository {
  constructor(private readonly tx: Transactions) {}

  async nextNumber(consultationId: string): Promise<number> {
    const [{ next }] = await this.tx
      .manager()
      .query<{ next: string | number }[]>(`SELECT coalesce(max(number), 0) + 1 AS next FROM proposal WHERE consultation_id = $1`, [consultationId]);
    return Number(next);
  }

  findByNumber(consultationId: string, number: number): Promise<Proposal | null> {
    return this.tx.manager().findOneBy(Proposal, { consultationId, number });
  }

  findById(id: string): Promise<Proposal | null> {
    return this.tx.manager().findOneBy(Proposal, { id });
  }

  findByIds(ids: string[]): Promise<Proposal[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager().createQueryBuilder(Proposal, 'p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  /** Locks the proposal row for the rest of the transaction (FOR UPDATE). */
  async lockById(id: string): Promise<void> {
    await this.tx.manager().query(`SELECT id FROM proposal WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The proposal with its first version and its choices, in positions 1, 2, … */
  async insert(
    fields: Omit<Proposal, 'id'>,
    choices: { label: string; kind: ChoiceKind; value?: string | null }[],
  ): Promise<{ proposal: Proposal; choices: Choice[] }> {
    const manager = this.tx.manager();
    const proposal = await manager.save(manager.create(Proposal, fields));
    await manager.insert(ProposalVersion, {
      proposalId: proposal.id,
      version: 1,
      title: proposal.title,
      summary: proposal.summary,
      value: fields.value,
      reason: 'original',
    });
    const saved = await manager.save(choices.map((c, i) => manager.create(Choice, { proposalId: proposal.id, position: i + 1, ...c })));
    return { proposal, choices: saved };
  }

  versions(proposalId: string): Promise<ProposalVersion[]> {
    return this.tx.manager().find(ProposalVersion, { where: { proposalId }, order: { version: 'ASC' } });
  }

  /** Adds the next version and makes it the proposal's current text and figure. */
  async insertVersion(proposalId: string, change: { title: string; summary: string; value: string | null }, reason: string): Promise<ProposalVersion> {
    const manager = this.tx.manager();
    const [{ latest }] = await manager.query<{ latest: string | number }[]>(`SELECT max(version) AS latest FROM proposal_version WHERE proposal_id = $1`, [
      proposalId,
    ]);
    const version = manager.create(ProposalVersion, { proposalId, version: Number(latest) + 1, ...change, reason });
    await manager.insert(ProposalVersion, version);
    await manager.update(Proposal, { id: proposalId }, change);
    return version;
  }

  async replaceChoices(proposalId: string, questionType: QuestionType, choices: { label: string; kind: ChoiceKind; value?: string | null }[]): Promise<void> {
    const manager = this.tx.manager();
    await manager.delete(Choice, { proposalId });
    await manager.update(Proposal, { id: proposalId }, { questionType });
    await manager.insert(
      Choice,
      choices.map((c, i) => ({ proposalId, position: i + 1, ...c, value: c.value ?? null })),
    );
  }

  listFor(consultationId: string): Promise<Proposal[]> {
    return this.tx.manager().find(Proposal, { where: { consultationId }, order: { number: 'ASC' } });
  }

  choicesOf(proposalIds: string[]): Promise<Choice[]> {
    if (proposalIds.length === 0) return Promise.resolve([]);
    return this.tx.manager().createQueryBuilder(Choice, 'c').where('c.proposal_id IN (:...ids)', { ids: proposalIds }).orderBy('c.position', 'ASC').getMany();
  }
}
