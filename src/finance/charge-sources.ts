import { Injectable } from '@nestjs/common';
import { ChargeLine, ChargeSource, ChargeSources, MemberCharge } from '../billing/charge-source';
import { DomainError } from '../platform/http/domain-error';
import { formatEuroCents, formatIntegerNl } from '../platform/text/dutch-format';
import { ContributionService } from './contribution/contribution.service';
import { VoteReferenceResponse } from './dto/finance.response';
import { DecisionEffectsRepository } from './decision-effects/decision-effects.repository';
import { FundService } from './fund/fund.service';

/** "Ledenraadpleging juni 2020, voorstel 3 Contributievoorstel 2021: Geamendeerd voorstel (2,9%) (voorlopig)". */
export function voteText(vote: VoteReferenceResponse | null): ChargeLine['decidedBy'] {
  if (!vote) return null;
  const state = vote.effectStatus === 'provisional' ? ' (voorlopig, nog niet bekrachtigd)' : '';
  return {
    text: `${vote.consultationTitle}, voorstel ${vote.proposalNumber} ${vote.proposalTitle}${vote.choice ? `: ${vote.choice}` : ''}${state}`,
    path: vote.resultPath,
  };
}

/** The contribution (contributie) as billing charges it: one line per band, under the schedule of the year. */
@Injectable()
export class ContributionChargeSource implements ChargeSource {
  readonly key = 'contribution';
  readonly label = 'Contributie';
  readonly position = 1;

  constructor(
    sources: ChargeSources,
    private readonly contribution: ContributionService,
    private readonly effectsRepository: DecisionEffectsRepository,
  ) {
    sources.register(this);
  }

  async chargesFor(year: number): Promise<MemberCharge[]> {
    const y = await this.contribution.forYear(year).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') throw DomainError.invalid('year', `no contribution schedule adopted for ${year}`);
      throw error;
    });
    // A year without its own schedule is invoiced on the earlier rates only when a vote on it applied nothing; otherwise it is not decided yet.
    if (y.carriedOver && !(await this.effectsRepository.raiseNotAppliedFor(year)))
      throw DomainError.invalid('year', `no contribution schedule adopted for ${year}`);
    const decidedBy = voteText(y.schedule.decidedBy);
    return y.members.map((m) => ({
      memberId: m.memberId,
      lines: m.lines.map((l) => ({
        description: `Contributie ${year}`,
        explanation: `${formatIntegerNl(l.inhabitants)} inwoners × ${l.rate} (klasse ${l.band}; ${y.schedule.bandModeNl})${m.inhabitantsFrom ? `, inwoners van ${m.inhabitantsFrom}` : ''}, peildatum ${y.schedule.referenceDate}`,
        amountCents: BigInt(l.amountCents),
        decidedBy,
      })),
    }));
  }

  async yearsWithFigures(): Promise<number[]> {
    const schedules = await this.contribution.list();
    return [...new Set(schedules.filter((s) => s.status === 'provisional' || s.status === 'adopted').map((s) => s.year))];
  }

  async basisFor(year: number): Promise<string> {
    const y = await this.contribution.forYear(year);
    const vote = voteText(y.schedule.decidedBy);
    return `Tarieven ${y.schedule.year} (${y.schedule.statusNl}): ${y.schedule.basis}${vote ? `; vastgesteld door ${vote.text}` : ''}`;
  }
}

/** The collective fund (GGU) as billing charges it: each member's share of the year of the budget in force. */
@Injectable()
export class FundChargeSource implements ChargeSource {
  readonly key = 'collective-fund';
  readonly label = 'Bijdrage collectief fonds';
  readonly position = 2;

  constructor(
    sources: ChargeSources,
    private readonly fund: FundService,
  ) {
    sources.register(this);
  }

  private async budgetFor(year: number) {
    const budget = await this.fund.inForceFor(year);
    if (!budget) throw DomainError.invalid('year', `no collective fund budget adopted for ${year}`);
    return this.fund.get(budget.id);
  }

  async chargesFor(year: number): Promise<MemberCharge[]> {
    const budget = await this.budgetFor(year);
    const shares = await this.fund.shares(budget.id, year);
    const decidedBy = voteText(budget.decidedBy);
    return shares.members.map((m) => ({
      memberId: m.memberId,
      lines: [
        {
          description: `Bijdrage collectief fonds ${year}`,
          explanation: `${formatIntegerNl(m.inhabitants)} inwoners naar rato van ${formatEuroCents(BigInt(shares.totalCents))} over alle leden (peildatum ${shares.referenceDate}${m.extraCent ? '; één resterende cent volgens de grootste-restmethode' : ''})`,
          amountCents: BigInt(m.shareCents),
          decidedBy,
        },
      ],
    }));
  }

  async yearsWithFigures(): Promise<number[]> {
    const budgets = (await this.fund.list()).filter((b) => b.status !== 'draft');
    return [...new Set(budgets.flatMap((b) => Array.from({ length: b.lastYear - b.firstYear + 1 }, (_, i) => b.firstYear + i)))];
  }

  async basisFor(year: number): Promise<string> {
    const budget = await this.budgetFor(year);
    const vote = voteText(budget.decidedBy);
    return `Begroting "${budget.title}" (${budget.statusNl})${vote ? `; vastgesteld door ${vote.text}` : ''}`;
  }
}
