import { Injectable } from '@nestjs/common';
import { DomainError } from '../platform/http/domain-error';
import { formatEuroCents } from '../platform/text/dutch-format';
import { ProposalsService } from '../proposals/proposals.service';
import { ContributionService } from './contribution/contribution.service';
import { DecisionEffectsRepository } from './decision-effects/decision-effects.repository';
import { FundService } from './fund/fund.service';
import { formatPercentageNl, parsePercentage } from './rules/exact-decimal';

/** What one member would pay under one choice. */
export interface ChoiceAmount {
  label: string;
  amountCents: number;
  amount: string;
  /** In words: what the choice does to the figure. */
  meaning: string;
}

/** One proposal with a financial effect, seen from one member: a line per choice. */
export interface MemberImpact {
  proposalNumber: number;
  proposalTitle: string;
  /** "Contributie 2021", "Bijdrage GGU 2022". */
  what: string;
  choices: ChoiceAmount[];
}

export interface ProposalImpact {
  proposalNumber: number;
  proposalTitle: string;
  what: string;
  choices: { label: string; meaning: string; totalCents: number; total: string }[];
  members: { memberId: string; cbsCode: string; name: string; amounts: { label: string; amountCents: number; amount: string }[] }[];
}

/**
 * The impact before the vote: for each proposal with an effect, what every member would pay under
 * each choice (the ballot page, the invitation mail, the letter "Definitieve voorstellen") and the
 * totals per choice (the board). Against and abstain, and a rejection, leave the previous figure.
 */
@Injectable()
export class FinancialImpactService {
  constructor(
    private readonly effectsRepository: DecisionEffectsRepository,
    private readonly contribution: ContributionService,
    private readonly fund: FundService,
    private readonly proposals: ProposalsService,
  ) {}

  /** The board's view (API): 404 for a consultation that does not exist, an empty list for one without financial effects. */
  async report(consultationId: string): Promise<{ consultationId: string; proposals: ProposalImpact[] }> {
    if (!(await this.effectsRepository.consultationPhase(consultationId))) throw DomainError.notFound('consultation', consultationId);
    return { consultationId, proposals: await this.forConsultation(consultationId) };
  }

  async forConsultation(consultationId: string): Promise<ProposalImpact[]> {
    const result: ProposalImpact[] = [];
    const proposals = await this.proposals.listFor(consultationId);
    for (const effect of await this.effectsRepository.forProposals(proposals.map((p) => p.id))) {
      const proposal = proposals.find((p) => p.id === effect.proposalId)!;
      const choices = proposal.choices.filter((c) => c.kind !== 'abstain');
      const columns: { label: string; meaning: string; amounts: Map<string, { cbsCode: string; name: string; cents: number }> }[] = [];
      let what: string;
      if (effect.kind === 'contribution_raise') {
        const year = effect.year!;
        what = `Contributie ${year}`;
        for (const c of choices) {
          const value = c.value ?? (c.kind === 'for' ? proposal.value : null);
          const raise = value === null ? null : parsePercentage('value', value);
          const perMember = await this.contribution.hypothetical(year, raise, effect.referenceDate!);
          columns.push({
            label: c.label,
            meaning: raise === null ? `tarieven ${year - 1} blijven gelden` : `tarieven ${year - 1} + ${formatPercentageNl(raise)}`,
            amounts: new Map([...perMember.values()].map((m) => [m.memberId, { cbsCode: m.cbsCode, name: m.name, cents: m.totalCents }])),
          });
        }
      } else {
        const budget = await this.fund.get(effect.fundBudgetId!).catch(() => null);
        if (!budget) continue;
        what = `Bijdrage collectief fonds ${budget.firstYear}`;
        const shares = await this.fund.shares(budget.id, budget.firstYear).catch(() => null);
        if (!shares) continue;
        for (const c of choices) {
          const adopts = c.kind === 'for' || c.kind === 'variant';
          columns.push({
            label: c.label,
            meaning: adopts ? `begroting "${budget.title}" vastgesteld` : 'begroting niet vastgesteld: geen bijdrage',
            amounts: new Map(shares.members.map((m) => [m.memberId, { cbsCode: m.cbsCode, name: m.name, cents: adopts ? m.shareCents : 0 }])),
          });
        }
      }
      const memberIds = [...new Set(columns.flatMap((c) => [...c.amounts.keys()]))];
      result.push({
        proposalNumber: proposal.number,
        proposalTitle: proposal.title,
        what,
        choices: columns.map((c) => {
          const total = [...c.amounts.values()].reduce((sum, m) => sum + BigInt(m.cents), 0n);
          return { label: c.label, meaning: c.meaning, totalCents: Number(total), total: formatEuroCents(total) };
        }),
        members: memberIds
          .map((id) => {
            const any = columns.find((c) => c.amounts.has(id))!.amounts.get(id)!;
            return {
              memberId: id,
              cbsCode: any.cbsCode,
              name: any.name,
              amounts: columns.map((c) => ({
                label: c.label,
                amountCents: c.amounts.get(id)?.cents ?? 0,
                amount: formatEuroCents(c.amounts.get(id)?.cents ?? 0),
              })),
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      });
    }
    return result;
  }

  /** Per member: its own lines (the invitation mail and the ballot page). */
  async perMember(consultationId: string): Promise<Map<string, MemberImpact[]>> {
    const perMember = new Map<string, MemberImpact[]>();
    for (const p of await this.forConsultation(consultationId)) {
      for (const m of p.members) {
        const lines = perMember.get(m.memberId) ?? [];
        lines.push({
          proposalNumber: p.proposalNumber,
          proposalTitle: p.proposalTitle,
          what: p.what,
          choices: m.amounts.map((a, i) => ({ ...a, meaning: p.choices[i].meaning })),
        });
        perMember.set(m.memberId, lines);
      }
    }
    return perMember;
  }
}
