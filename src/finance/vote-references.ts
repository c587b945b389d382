import { Injectable } from '@nestjs/common';
import { ProposalsService } from '../proposals/proposals.service';
import { DecisionEffectsRepository, EffectStatus } from './decision-effects/decision-effects.repository';

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
 * and the fund can name the vote behind their figures without importing decision-effects' service,
 * which imports them to apply a vote (no folder cycle). No SQL of its own: the effect from the
 * effects' repository, the proposal through ProposalsService, the consultation from the
 * consultations' published view (DecisionEffectsRepository.consultationPhase).
 */
@Injectable()
export class VoteReferences {
  constructor(
    private readonly effectsRepository: DecisionEffectsRepository,
    private readonly proposals: ProposalsService,
  ) {}

  /** The vote behind an effect, for every figure that links to it. */
  async of(effectId: string): Promise<VoteReference | null> {
    const effect = await this.effectsRepository.findById(effectId);
    if (!effect) return null;
    const proposal = await this.proposals.get(effect.proposalId);
    const consultation = (await this.effectsRepository.consultationPhase(proposal.consultationId))!;
    return {
      effectId: effect.id,
      effectStatus: effect.status,
      consultationId: consultation.id,
      consultationTitle: consultation.title,
      consultationReference: consultation.reference,
      consultationStatus: consultation.status,
      proposalId: proposal.id,
      proposalNumber: proposal.number,
      proposalTitle: proposal.title,
      outcome: effect.outcome,
      choice: effect.appliedChoiceLabel,
      value: effect.appliedValue,
      resultPath: `/raadplegingen/${consultation.id}/uitslag`,
    };
  }
}
