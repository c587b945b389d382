import { Injectable } from '@nestjs/common';
import { Proposal } from '../proposals/proposal.entity';
import { ProposalsService } from '../proposals/proposals.service';
import { Decision, decide, formatPercentNl, Outcome, shareBasisPoints } from '../weighting';
import { NamedVoteRow, TalliesRepository } from './tallies.repository';

/** How one member voted, by name, with its answers named (published with the result when votes are open). */
export interface NamedVote extends Omit<NamedVoteRow, 'answers'> {
  answers: { proposalNumber: number; choiceLabel: string }[];
}

export interface ChoiceLine {
  choiceId: string;
  label: string;
  kind: string;
  members: number;
  weight: number;
  shareBasisPoints: number | null;
  share: string | null;
}

export interface ProposalResult {
  proposalId: string;
  number: number;
  title: string;
  outcome: Outcome;
  adoptedChoiceId: string | null;
  adoptedChoice: string | null;
  rule: string;
  choices: ChoiceLine[];
  decision: Omit<Decision, 'choices'>;
}

export interface ConsultationResult {
  consultationId: string;
  eligible: { members: number; weight: number };
  turnout: { members: number; weight: number; membersShare: string; weightShare: string };
  proposals: ProposalResult[];
}

export const OUTCOME_NL: Record<Outcome, string> = {
  adopted: 'aangenomen',
  rejected: 'verworpen',
  no_quorum: 'niet besloten: quorum niet gehaald',
  tie_between_variants: 'niet besloten: de varianten staakten',
};

/** The proposal's decision rule in words, for result pages and letters. */
export function describeRule(p: Proposal): string {
  const threshold =
    p.thresholdNumerator * 2 === p.thresholdDenominator && p.thresholdComparison === 'more_than'
      ? 'gewone meerderheid van de uitgebrachte gewogen stemmen'
      : `${p.thresholdComparison === 'at_least' ? 'ten minste' : 'meer dan'} ${p.thresholdNumerator}/${p.thresholdDenominator} van de uitgebrachte gewogen stemmen`;
  const quorum = p.quorumNumerator ? `, quorum ${p.quorumNumerator}/${p.quorumDenominator} van het gewicht` : '';
  return `${threshold}${quorum}${p.doubleMajority ? ', ook naar aantal leden' : ''}`;
}

/** Weighted results: computed by aggregate SQL, decided by the pure rules of src/weighting. */
@Injectable()
export class TalliesService {
  constructor(
    private readonly repository: TalliesRepository,
    private readonly proposals: ProposalsService,
  ) {}

  async turnout(consultationId: string) {
    const eligible = await this.repository.eligible(consultationId);
    const voted = await this.repository.turnout(consultationId);
    return {
      eligible,
      voted,
      membersShare: formatPercentNl(shareBasisPoints(voted.members, eligible.members) ?? 0),
      weightShare: formatPercentNl(shareBasisPoints(voted.weight, eligible.weight) ?? 0),
    };
  }

  async compute(consultationId: string): Promise<ConsultationResult> {
    // One after another: inside a transaction they share one connection.
    const proposals = await this.proposals.listFor(consultationId);
    const counted = new Map((await this.repository.choiceCounts(consultationId)).map((c) => [c.choiceId, c]));
    // Every choice of each proposal in ballot order, with its count (none when nobody chose it).
    const lines = proposals.map((proposal) =>
      proposal.choices.map(({ id, label, kind, position }) => ({
        choiceId: id,
        label,
        kind,
        position,
        members: counted.get(id)?.members ?? 0,
        weight: counted.get(id)?.weight ?? 0,
      })),
    );
    // Every submission answers every proposal exactly once (cast_submission refuses any other), so each
    // proposal's counts add up to the turnout: taken from them, it costs no second pass over the votes.
    // Should the proposals' sums ever differ, the turnout is counted on its own.
    const sums = lines
      .filter((own) => own.length > 0)
      .map((own) => own.reduce((sum, c) => ({ members: sum.members + c.members, weight: sum.weight + c.weight }), { members: 0, weight: 0 }));
    const agree = sums.length > 0 && sums.every((s) => s.members === sums[0].members && s.weight === sums[0].weight);
    const voted = agree ? sums[0] : await this.repository.turnout(consultationId);
    const eligible = await this.repository.eligible(consultationId);
    return {
      consultationId,
      eligible,
      turnout: {
        ...voted,
        membersShare: formatPercentNl(shareBasisPoints(voted.members, eligible.members) ?? 0),
        weightShare: formatPercentNl(shareBasisPoints(voted.weight, eligible.weight) ?? 0),
      },
      proposals: proposals.map((proposal, i) => {
        const own = lines[i];
        const { choices, ...decision } = decide(
          {
            choices: own,
            eligibleWeight: eligible.weight,
            eligibleMembers: eligible.members,
          },
          proposal.rule,
        );
        const labels = new Map(own.map((c) => [c.choiceId, c.label]));
        return {
          proposalId: proposal.id,
          number: proposal.number,
          title: proposal.title,
          outcome: decision.outcome,
          adoptedChoiceId: decision.adoptedChoiceId,
          adoptedChoice: decision.adoptedChoiceId ? (labels.get(decision.adoptedChoiceId) ?? null) : null,
          rule: describeRule(proposal),
          choices: choices.map((c) => ({
            choiceId: c.choiceId,
            label: labels.get(c.choiceId)!,
            kind: c.kind,
            members: c.members,
            weight: c.weight,
            shareBasisPoints: c.shareBasisPoints,
            share: c.shareBasisPoints === null ? null : formatPercentNl(c.shareBasisPoints),
          })),
          decision,
        };
      }),
    };
  }

  /** Freezes the result: stored once, never recomputed after publication. */
  async publish(consultationId: string, publishedAt: Date): Promise<ConsultationResult> {
    const result = await this.compute(consultationId);
    await this.repository.insertPublished(
      result.proposals.map((p) => ({
        proposalId: p.proposalId,
        consultationId,
        outcome: p.outcome,
        adoptedChoiceId: p.adoptedChoiceId,
        tally: { ...p, eligible: result.eligible, turnout: result.turnout },
      })),
      publishedAt,
    );
    return result;
  }

  async published(consultationId: string): Promise<{ publishedAt: Date | null; proposals: ProposalResult[]; eligible?: unknown; turnout?: unknown }> {
    const rows = await this.repository.published(consultationId);
    const first = rows[0]?.tally as { eligible?: unknown; turnout?: unknown } | undefined;
    return {
      publishedAt: rows[0]?.publishedAt ?? null,
      eligible: first?.eligible,
      turnout: first?.turnout,
      proposals: rows.map((r) => {
        const { eligible: _e, turnout: _t, ...proposal } = r.tally as ProposalResult & { eligible: unknown; turnout: unknown };
        return proposal;
      }),
    };
  }

  voters(consultationId: string) {
    return this.repository.voters(consultationId);
  }

  async namedVotes(consultationId: string, page?: { offset: number; limit: number }): Promise<NamedVote[]> {
    const rows = await this.repository.namedVotes(consultationId, page);
    const naming = await this.answerNames(consultationId);
    return rows.map(naming);
  }

  async namedVoteOf(consultationId: string, memberCode: string): Promise<NamedVote | null> {
    const row = await this.repository.namedVoteOf(consultationId, memberCode);
    return row && (await this.answerNames(consultationId))(row);
  }

  /** How many members have a vote that counts (the named votes in all pages together). */
  async namedVoteCount(consultationId: string): Promise<number> {
    return (await this.repository.turnout(consultationId)).members;
  }

  /** Names a vote's answers by the proposal's number and the choice's label, in the proposals' order. */
  private async answerNames(consultationId: string): Promise<(row: NamedVoteRow) => NamedVote> {
    const proposals = await this.proposals.listFor(consultationId);
    const numbers = new Map(proposals.map((p) => [p.id, p.number]));
    const labels = new Map(proposals.flatMap((p) => p.choices.map((c) => [c.id, c.label] as const)));
    return ({ answers, ...vote }) => ({
      ...vote,
      answers: answers
        .map((a) => ({ proposalNumber: numbers.get(a.proposalId)!, choiceLabel: labels.get(a.choiceId)! }))
        .sort((a, b) => a.proposalNumber - b.proposalNumber),
    });
  }
}
