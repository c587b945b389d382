import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import { Transactions } from '../../platform/database/transactions';
import { DomainError } from '../../platform/http/domain-error';
import { ProposalsService } from '../../proposals/proposals.service';
import { ContributionService } from '../contribution/contribution.service';
import { asDomainError } from '../rule-errors';
import { ContributionRepository } from '../contribution/contribution.repository';
import { EFFECT_STATUS_NL, OUTCOME_EFFECT_NL } from '../finance-labels';
import { FundService } from '../fund/fund.service';
import { checkRaise } from '../rules/contribution-rules';
import { parsePercentage } from '../rules/exact-decimal';
import { EffectResponse } from '../dto/finance.response';
import { AttachEffectDto } from './decision-effect.dto';
import { DecisionEffectsRepository, EffectRow } from './decision-effects.repository';

/** What publication hands over: each proposal's outcome and the choice that was adopted. */
export interface PublishedOutcomes {
  proposals: { proposalId: string; outcome: string; adoptedChoiceId: string | null }[];
}

/** Phases in which a proposal's effect may still be set: before voting opens, so the impact can be shown. */
const EFFECT_EDITABLE = ['draft', 'amendments_open', 'final_proposals_published'];

/**
 * Decision effects: what a proposal's adopted outcome sets. On publication the adopted value applies
 * provisionally; ratification makes it definitive; a refused ratification undoes it and restores what
 * it replaced. A rejected proposal, a tie between variants or a missed quorum applies nothing: the
 * previous figure stays.
 */
@Injectable()
export class DecisionEffectsService {
  constructor(
    private readonly tx: Transactions,
    private readonly effectsRepository: DecisionEffectsRepository,
    private readonly contribution: ContributionService,
    private readonly contributionRepository: ContributionRepository,
    private readonly fund: FundService,
    private readonly proposals: ProposalsService,
    private readonly audit: AuditService,
  ) {}

  async attach(proposalId: string, input: AttachEffectDto, actor: string): Promise<EffectResponse> {
    return this.tx.run(async () => {
      const proposal = await this.proposals.get(proposalId);
      const { status } = (await this.effectsRepository.consultationPhase(proposal.consultationId, true))!;
      if (!EFFECT_EDITABLE.includes(status)) {
        throw new DomainError('NOT_EDITABLE', `a proposal's effect is set before voting opens (consultation status ${status})`);
      }
      if (await this.effectsRepository.findByProposal(proposalId))
        throw new DomainError('DUPLICATE', 'proposalId: this proposal has an effect already', [{ field: 'proposalId', rule: 'one effect per proposal' }]);
      if (input.kind === 'contribution_raise') {
        if (proposal.valueKind !== 'percentage' || proposal.value === null)
          throw DomainError.invalid('kind', 'a contribution raise needs a proposal whose figure is a percentage');
        asDomainError(() => checkRaise('value', parsePercentage('value', proposal.value!)));
        if (!(await this.contributionRepository.findLatestInForceUpTo(input.year! - 1)))
          throw DomainError.invalid('year', `no contribution schedule in force for ${input.year! - 1} to raise`);
      } else {
        await this.fund.assertCanBeVotedOn(input.fundBudgetId!);
      }
      const id = await this.effectsRepository.insert({
        proposalId,
        kind: input.kind,
        year: input.year ?? null,
        referenceDate: input.referenceDate ?? null,
        fundBudgetId: input.fundBudgetId ?? null,
        createdBy: actor,
      });
      await this.audit.record({
        actor,
        action: 'decision_effect.attached',
        subjectType: 'proposal',
        subjectId: proposalId,
        details: { effectId: id, ...input },
      });
      return this.forProposal(proposalId);
    });
  }

  async forProposal(proposalId: string): Promise<EffectResponse> {
    const effect = await this.effectsRepository.findByProposal(proposalId);
    if (!effect) throw DomainError.notFound('effect of proposal', proposalId);
    return this.describe(effect);
  }

  describe(effect: EffectRow): EffectResponse {
    return { ...effect, statusNl: EFFECT_STATUS_NL[effect.status], outcomeNl: effect.outcome ? (OUTCOME_EFFECT_NL[effect.outcome] ?? effect.outcome) : null };
  }

  /**
   * Called once, in the transaction that publishes a consultation's results: its own proposals'
   * effects apply provisionally (or not at all), and a ratification proposal among them settles the
   * effects of the consultation it ratifies: definitive when adopted, undone when not.
   */
  async applyPublishedResult(consultationId: string, result: PublishedOutcomes, actor: string, now: Date): Promise<void> {
    const proposals = await this.proposals.listFor(consultationId);
    for (const effect of await this.effectsRepository.forProposals(
      proposals.map((p) => p.id),
      true,
    )) {
      if (effect.status !== 'pending') continue;
      const outcome = result.proposals.find((p) => p.proposalId === effect.proposalId);
      if (!outcome) continue;
      if (outcome.outcome !== 'adopted' || !outcome.adoptedChoiceId) {
        await this.effectsRepository.update(effect.id, { status: 'not_applied', outcome: outcome.outcome, appliedAt: now });
        await this.audit.record({
          actor,
          action: 'decision_effect.not_applied',
          subjectType: 'decision_effect',
          subjectId: effect.id,
          details: { outcome: outcome.outcome },
        });
        continue;
      }
      const proposal = proposals.find((p) => p.id === effect.proposalId)!;
      const choice = proposal.choices.find((c) => c.id === outcome.adoptedChoiceId)!;
      const value = choice.value ?? (choice.kind === 'for' ? proposal.value : null);
      await this.effectsRepository.update(effect.id, {
        status: 'provisional',
        outcome: 'adopted',
        appliedChoiceId: choice.id,
        appliedChoiceLabel: choice.label,
        appliedValue: value,
        appliedAt: now,
      });
      if (effect.kind === 'contribution_raise') {
        if (value === null) throw DomainError.invalid('value', `the adopted choice "${choice.label}" carries no percentage`);
        await this.contribution.deriveFromVote(effect.year!, effect.referenceDate!, parsePercentage('value', value), effect.id, actor);
      } else {
        await this.fund.adoptFromVote(effect.fundBudgetId!, effect.id, 'provisional', actor);
      }
      await this.audit.record({
        actor,
        action: 'decision_effect.applied_provisionally',
        subjectType: 'decision_effect',
        subjectId: effect.id,
        details: { choice: choice.label, value },
      });
    }
    for (const { id: proposalId, ratifiesConsultationId } of proposals.filter((p) => p.ratifiesConsultationId)) {
      const ratified = result.proposals.find((p) => p.proposalId === proposalId)?.outcome === 'adopted';
      const targetProposals = await this.proposals.listFor(ratifiesConsultationId!);
      for (const effect of await this.effectsRepository.forProposals(
        targetProposals.map((p) => p.id),
        true,
      )) {
        if (effect.status !== 'provisional') continue;
        if (ratified) {
          if (effect.kind === 'contribution_raise') await this.contribution.confirmFromVote(effect.id, actor);
          else await this.fund.adoptFromVote(effect.fundBudgetId!, effect.id, 'adopted', actor);
        } else if (effect.kind === 'contribution_raise') {
          await this.contribution.withdrawFromVote(effect.id, actor);
        } else {
          await this.fund.withdrawFromVote(effect.fundBudgetId!, actor);
        }
        await this.effectsRepository.update(effect.id, { status: ratified ? 'definitive' : 'withdrawn', settledAt: now, settledByProposalId: proposalId });
        await this.audit.record({
          actor,
          action: ratified ? 'decision_effect.ratified' : 'decision_effect.withdrawn',
          subjectType: 'decision_effect',
          subjectId: effect.id,
          details: { byProposal: proposalId },
        });
      }
    }
  }
}
