import { Injectable } from '@nestjs/common';
import { AmendmentsService } from '../amendments/amendments.service';
import { DecisionsService } from '../decisions/decisions.service';
import { DecisionEffectsService } from '../finance/decision-effects/decision-effects.service';
import { AuditService } from '../platform/audit/audit.service';
import { Clock } from '../platform/clock';
import { DomainError } from '../platform/http/domain-error';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { ProposalsService } from '../proposals/proposals.service';
import { TalliesService } from '../tallies/tallies.service';
import { Consultation } from './consultation.entity';
import { canMove, ConsultationStatus } from './consultation-phase';
import { ConsultationMailService } from './consultation-mail.service';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

/** Publication: the final proposals (with the letter and the derived ballot) and the weighted result (with ratification). */
@Injectable()
export class ConsultationPublicationService {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly repository: ConsultationsRepository,
    private readonly proposals: ProposalsService,
    private readonly amendments: AmendmentsService,
    private readonly tallies: TalliesService,
    private readonly mail: ConsultationMailService,
    private readonly audit: AuditService,
    private readonly decisionEffects: DecisionEffectsService,
    private readonly decisions: DecisionsService,
    private readonly clock: Clock,
  ) {}

  /** Freezes amendments and motions, derives the ballot questions and the letter "Definitieve voorstellen". */
  async publishFinalProposals(id: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    return this.consultations.move(id, 'final_proposals_published', actor, async (c) => {
      if ((await this.proposals.listFor(c.id)).length === 0) throw DomainError.invalid('proposals', 'a consultation needs at least one proposal');
      if (c.status === 'amendments_open' && c.amendmentDeadline && now < c.amendmentDeadline) {
        throw new DomainError(
          'NOT_EDITABLE',
          `members may submit amendments until ${formatDateTimeNl(c.amendmentDeadline)}; publish the final proposals after that`,
        );
      }
      const letter = await this.amendments.finalize(c, actor, now);
      return { details: { letter: letter.reference, questions: letter.proposals.length + letter.motions.length } };
    });
  }

  /** Publishes and freezes the weighted result; a ratification proposal's result ratifies (or not) its target. */
  async publishResults(id: string, actor: string, now = this.clock.now()): Promise<Consultation> {
    return this.consultations.move(id, 'results_published', actor, async (c) => {
      const result = await this.tallies.publish(c.id, now);
      for (const proposal of await this.proposals.listFor(c.id)) {
        if (!proposal.ratifiesConsultationId) continue;
        const target = await this.consultations.lock(proposal.ratifiesConsultationId);
        const outcome = result.proposals.find((p) => p.proposalId === proposal.id)!.outcome;
        const to: ConsultationStatus = outcome === 'adopted' ? 'ratified' : 'not_ratified';
        if (!canMove(target.status, to)) throw new DomainError('ILLEGAL_TRANSITION', `consultation ${target.id} cannot become ${to} from ${target.status}`);
        await this.repository.update(target.id, { status: to, ratifiedAt: to === 'ratified' ? now : null });
        await this.audit.record({
          actor,
          action: `consultation.${to}`,
          subjectType: 'consultation',
          subjectId: target.id,
          details: { byProposal: proposal.id, outcome },
        });
      }
      // The votes set the money: adopted effects apply provisionally; a ratification settles them.
      await this.decisionEffects.applyPublishedResult(c.id, result, actor, now);
      await this.mail.queueResultLetters(c, result);
      // Adopted motions and resolutions become decisions the board follows up (src/decisions).
      await this.decisions.followUpAdopted(c, result, now);
      return { changes: { resultsPublishedAt: now }, details: { outcomes: result.proposals.map((p) => ({ number: p.number, outcome: p.outcome })) } };
    });
  }
}
