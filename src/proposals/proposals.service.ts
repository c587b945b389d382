import { Injectable } from '@nestjs/common';
import { AuditService } from '../platform/audit/audit.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { ChoiceKind, DecisionRule, ruleErrors, SIMPLE_MAJORITY } from '../weighting';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { Choice, Proposal, ProposalVersion, QuestionType } from './proposal.entity';
import { checkValue } from './proposal-value';
import { ProposalsRepository } from './proposals.repository';

export interface ProposalWithChoices extends Proposal {
  choices: Choice[];
  rule: DecisionRule;
}

export function ruleOf(p: Proposal): DecisionRule {
  return {
    threshold: { numerator: p.thresholdNumerator, denominator: p.thresholdDenominator, comparison: p.thresholdComparison },
    quorum: p.quorumNumerator !== null && p.quorumDenominator !== null ? { numerator: p.quorumNumerator, denominator: p.quorumDenominator } : null,
    doubleMajority: p.doubleMajority,
  };
}

/** The ballot choices that follow from the question type (stemvraag). */
function choicesFor(input: CreateProposalDto): { label: string; kind: ChoiceKind; value?: string | null }[] {
  if (input.questionType === 'for_against') {
    if (input.variants?.length) throw DomainError.invalid('variants', 'only a question of type alternatives has variants');
    return [
      { label: 'Voor', kind: 'for' },
      { label: 'Tegen', kind: 'against' },
      { label: 'Onthouding', kind: 'abstain' },
    ];
  }
  const variants = input.variants ?? [];
  if (variants.length < 2) throw DomainError.invalid('variants', 'a question with alternatives needs at least two variants');
  const labels = variants.map((v) => v.label.trim());
  if (new Set(labels).size !== labels.length) throw DomainError.invalid('variants', 'labels must differ');
  return [
    ...labels.map((label, i) => ({ label, kind: 'variant' as const, value: checkValue(`variants[${i}].value`, input.value?.kind ?? null, variants[i].value) })),
    { label: variants.length === 2 ? 'Tegen beide voorstellen' : 'Tegen alle voorstellen', kind: 'against' },
    { label: 'Onthouding', kind: 'abstain' },
  ];
}

@Injectable()
export class ProposalsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: ProposalsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Adds a proposal with its choices; the caller has checked that the consultation may still change. */
  async add(consultationId: string, input: CreateProposalDto, actor: string): Promise<ProposalWithChoices> {
    const rule = input.rule ?? { ...SIMPLE_MAJORITY, quorum: undefined };
    const { threshold } = rule;
    // A threshold below one half, or at least one half (a tie would pass), is refused with its field.
    const errors = ruleErrors({ ...rule, quorum: rule.quorum ?? null, doubleMajority: rule.doubleMajority ?? false });
    if (errors.length) {
      throw new DomainError(
        'INVALID_INPUT',
        errors.map((e) => `rule.${e.field}: ${e.rule}`).join('; '),
        errors.map((e) => ({ field: `rule.${e.field}`, rule: e.rule })),
      );
    }
    const choices = choicesFor(input);
    const value = input.value ? checkValue('value.value', input.value.kind, input.value.value) : null;
    return this.tx.run(async () => {
      const number = input.number ?? (await this.repository.nextNumber(consultationId));
      if (await this.repository.findByNumber(consultationId, number)) {
        throw new DomainError('DUPLICATE', `number: proposal ${number} exists in this consultation`, [
          { field: 'number', rule: 'must be unique in the consultation' },
        ]);
      }
      const { proposal, choices: saved } = await this.repository.insert(
        {
          consultationId,
          number,
          kind: input.kind ?? 'proposal',
          title: input.title.trim(),
          summary: input.summary ?? '',
          questionType: input.questionType,
          thresholdNumerator: threshold.numerator,
          thresholdDenominator: threshold.denominator,
          thresholdComparison: threshold.comparison,
          quorumNumerator: rule.quorum?.numerator ?? null,
          quorumDenominator: rule.quorum?.denominator ?? null,
          doubleMajority: rule.doubleMajority ?? false,
          ratifiesConsultationId: input.ratifiesConsultationId ?? null,
          valueLabel: input.value?.label ?? null,
          valueKind: input.value?.kind ?? null,
          value,
          originMotionId: input.originMotionId ?? null,
        },
        choices,
      );
      await this.audit.record({ actor, action: 'proposal.added', subjectType: 'proposal', subjectId: proposal.id, details: { consultationId, ...input } });
      return { ...proposal, choices: saved, rule: ruleOf(proposal) };
    });
  }

  async get(proposalId: string): Promise<Proposal> {
    const proposal = await this.repository.findById(proposalId);
    if (!proposal) throw DomainError.notFound('proposal', proposalId);
    return proposal;
  }

  /** Proposals by id, of any consultation; unknown ids are left out. */
  listByIds(ids: string[]): Promise<Proposal[]> {
    return this.repository.findByIds([...new Set(ids)]);
  }

  /**
   * Holds the proposal for this transaction (FOR UPDATE): whoever numbers something per proposal
   * (amendments: AM-2020-002-01, -02, …) does it one after another.
   */
  lock(proposalId: string): Promise<void> {
    return this.repository.lockById(proposalId);
  }

  versions(proposalId: string): Promise<ProposalVersion[]> {
    return this.repository.versions(proposalId);
  }

  /** A new version of the proposal (an adopted amendment); every earlier version stays readable. */
  async revise(proposalId: string, change: { title: string; summary: string; value: string | null }, reason: string): Promise<ProposalVersion> {
    return this.repository.insertVersion(proposalId, change, reason);
  }

  /** The ballot question derived from the final proposals (e.g. board proposal against amended proposals). */
  async replaceChoices(proposalId: string, questionType: QuestionType, choices: { label: string; kind: ChoiceKind; value?: string | null }[]): Promise<void> {
    await this.repository.replaceChoices(proposalId, questionType, choices);
  }

  async listFor(consultationId: string): Promise<ProposalWithChoices[]> {
    const proposals = await this.repository.listFor(consultationId);
    if (proposals.length === 0) return [];
    const choices = await this.repository.choicesOf(proposals.map((p) => p.id));
    return proposals.map((p) => ({ ...p, choices: choices.filter((c) => c.proposalId === p.id), rule: ruleOf(p) }));
  }
}
