import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { ChoiceKind, DecisionRule, ruleErrors, SIMPLE_MAJORITY } from '../weighting';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { Choice, Proposal, ProposalVersion, QuestionType } from './proposal.entity';
import { checkValue } from './proposal-value';

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
    return [{ label: 'Voor', kind: 'for' }, { label: 'Tegen', kind: 'against' }, { label: 'Onthouding', kind: 'abstain' }];
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
    private readonly audit: AuditService,
  ) {}

  /** Adds a proposal with its choices; the caller has checked that the consultation may still change. */
  async add(consultationId: string, input: CreateProposalDto, actor: string): Promise<ProposalWithChoices> {
    const rule = input.rule ?? { ...SIMPLE_MAJORITY, quorum: undefined };
    const { threshold } = rule;
    // A threshold below one half, or at least one half (a tie would pass), is refused with its field.
    const errors = ruleErrors({ ...rule, quorum: rule.quorum ?? null, doubleMajority: rule.doubleMajority ?? false });
    if (errors.length) {
      throw new DomainError('INVALID_INPUT', errors.map((e) => `rule.${e.field}: ${e.rule}`).join('; '), errors.map((e) => ({ field: `rule.${e.field}`, rule: e.rule })));
    }
    const choices = choicesFor(input);
    const value = input.value ? checkValue('value.value', input.value.kind, input.value.value) : null;
    return this.tx.run(async () => {
      const manager = this.tx.manager();
      const [{ next }] = await manager.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM proposal WHERE consultation_id = $1`, [consultationId]);
      const number = input.number ?? Number(next);
      if (await manager.findOneBy(Proposal, { consultationId, number })) {
        throw new DomainError('DUPLICATE', `number: proposal ${number} exists in this consultation`, [{ field: 'number', rule: 'must be unique in the consultation' }]);
      }
      const proposal = await manager.save(manager.create(Proposal, {
        consultationId, number, kind: input.kind ?? 'proposal', title: input.title.trim(), summary: input.summary ?? '', questionType: input.questionType,
        thresholdNumerator: threshold.numerator, thresholdDenominator: threshold.denominator, thresholdComparison: threshold.comparison,
        quorumNumerator: rule.quorum?.numerator ?? null, quorumDenominator: rule.quorum?.denominator ?? null,
        doubleMajority: rule.doubleMajority ?? false, ratifiesConsultationId: input.ratifiesConsultationId ?? null,
        valueLabel: input.value?.label ?? null, valueKind: input.value?.kind ?? null, value, originMotionId: input.originMotionId ?? null,
      }));
      await manager.insert(ProposalVersion, { proposalId: proposal.id, version: 1, title: proposal.title, summary: proposal.summary, value, reason: 'original' });
      const saved = await manager.save(choices.map((c, i) => manager.create(Choice, { proposalId: proposal.id, position: i + 1, ...c })));
      await this.audit.record({ actor, action: 'proposal.added', subjectType: 'proposal', subjectId: proposal.id, details: { consultationId, ...input } });
      return { ...proposal, choices: saved, rule: ruleOf(proposal) };
    });
  }

  async get(proposalId: string): Promise<Proposal> {
    const proposal = await this.tx.manager().findOneBy(Proposal, { id: proposalId });
    if (!proposal) throw DomainError.notFound('proposal', proposalId);
    return proposal;
  }

  versions(proposalId: string): Promise<ProposalVersion[]> {
    return this.tx.manager().find(ProposalVersion, { where: { proposalId }, order: { version: 'ASC' } });
  }

  /** A new version of the proposal (an adopted amendment); every earlier version stays readable. */
  async revise(proposalId: string, change: { title: string; summary: string; value: string | null }, reason: string): Promise<ProposalVersion> {
    const manager = this.tx.manager();
    const [{ latest }] = await manager.query(`SELECT max(version) AS latest FROM proposal_version WHERE proposal_id = $1`, [proposalId]);
    const version = manager.create(ProposalVersion, { proposalId, version: Number(latest) + 1, ...change, reason });
    await manager.insert(ProposalVersion, version);
    await manager.update(Proposal, { id: proposalId }, change);
    return version;
  }

  /** The ballot question derived from the final proposals (e.g. board proposal against amended proposals). */
  async replaceChoices(proposalId: string, questionType: QuestionType, choices: { label: string; kind: ChoiceKind; value?: string | null }[]): Promise<void> {
    const manager = this.tx.manager();
    await manager.delete(Choice, { proposalId });
    await manager.update(Proposal, { id: proposalId }, { questionType });
    await manager.insert(Choice, choices.map((c, i) => ({ proposalId, position: i + 1, ...c, value: c.value ?? null })));
  }

  async listFor(consultationId: string): Promise<ProposalWithChoices[]> {
    const manager = this.tx.manager();
    const proposals = await manager.find(Proposal, { where: { consultationId }, order: { number: 'ASC' } });
    if (proposals.length === 0) return [];
    const choices = await manager.createQueryBuilder(Choice, 'c')
      .where('c.proposal_id IN (:...ids)', { ids: proposals.map((p) => p.id) })
      .orderBy('c.position', 'ASC').getMany();
    return proposals.map((p) => ({ ...p, choices: choices.filter((c) => c.proposalId === p.id), rule: ruleOf(p) }));
  }
}
