import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import { MembersService } from '../../members/members.service';
import { Transactions } from '../../platform/database/transactions';
import { DomainError } from '../../platform/http/domain-error';
import { formatEuroCents } from '../../platform/text/dutch-format';
import { asDomainError } from '../rule-errors';
import { VoteReference, VoteReferences } from '../vote-references';
import { budgetMismatches, BudgetItem, Compartment, COMPARTMENT_NL, KIND_NL, StatedSum } from '../rules/budget-check';
import { allocateByInhabitants } from '../rules/fund-shares';
import { parseBudgetCsv } from './budget-import';
import { FundEntryDto, ImportBudgetDto } from './fund.dto';
import { BudgetDetailResponse, BudgetResponse, SharesResponse, SumMismatchResponse } from '../dto/finance.response';
import { BudgetRow, BudgetStatus, FundRepository } from './fund.repository';

export const BUDGET_STATUS_NL: Record<BudgetStatus, string> = {
  draft: 'concept (nog niet door de leden vastgesteld)',
  provisional: 'voorlopig vastgesteld (uitslag gepubliceerd, nog niet bekrachtigd)',
  adopted: 'vastgesteld',
};

const euro = (cents: bigint | string | number) => formatEuroCents(BigInt(cents));
const mismatchView = (m: {
  line: number;
  label: string;
  year: number;
  statedCents: bigint | string;
  computedCents: bigint | string;
  differenceCents: bigint | string;
}): SumMismatchResponse => ({
  line: m.line,
  label: m.label,
  year: m.year,
  statedCents: Number(m.statedCents),
  computedCents: Number(m.computedCents),
  differenceCents: Number(m.differenceCents),
  stated: euro(m.statedCents),
  computed: euro(m.computedCents),
  difference: euro(m.differenceCents),
});

export interface MemberShare {
  memberId: string;
  cbsCode: string;
  name: string;
  inhabitants: number;
  inhabitantsFrom: string | null;
  floorCents: number;
  extraCent: number;
  shareCents: number;
  share: string;
}

/** The collective fund (GGU): four-year budgets adopted by a vote, shares per inhabitant, authorisations and the account. */
@Injectable()
export class FundService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: FundRepository,
    private readonly votes: VoteReferences,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Imports a budget whole or not at all. Line items must add up to every stated subtotal and total;
   * a mismatch refuses the import (422) naming each (stated, computed, difference), unless
   * acceptComputedSums is set: then the items' sums count and the corrections stay with the budget.
   */
  async import(input: ImportBudgetDto, actor: string): Promise<BudgetDetailResponse> {
    if (input.lastYear < input.firstYear || input.lastYear - input.firstYear > 3)
      throw DomainError.invalid('lastYear', 'a budget covers one to four consecutive years from firstYear');
    if ((input.csv === undefined) === (input.activities === undefined))
      throw DomainError.invalid('csv', 'give the budget either as csv or as activities, not both or neither');
    const parsed = asDomainError(() => (input.csv !== undefined ? parseBudgetCsv(input.csv, input.firstYear, input.lastYear) : this.fromJson(input)));
    const mismatches = budgetMismatches(parsed.items, parsed.stated);
    if (mismatches.length && !input.acceptComputedSums) {
      const report = mismatches.map(mismatchView);
      throw new DomainError(
        'IMPORT_REFUSED',
        `budget: ${mismatches.length} stated sum(s) differ from the line items, nothing imported: ${report.map((m) => `line ${m.line} ${m.label} ${m.year}: stated ${m.stated}, computed ${m.computed}, difference ${m.difference}`).join('; ')}`,
        report.map((m) => ({
          field: `budget line ${m.line} ${m.label} (${m.year})`,
          rule: `stated ${m.stated}, computed ${m.computed}, difference ${m.difference}`,
        })),
      );
    }
    return this.tx.run(async () => {
      const overlap = await this.repository.overlapping(input.firstYear, input.lastYear, null);
      if (overlap.length)
        throw DomainError.invalid(
          'firstYear',
          `the years ${input.firstYear}-${input.lastYear} overlap the adopted budget "${overlap[0].title}" (${overlap[0].firstYear}-${overlap[0].lastYear})`,
        );
      const id = await this.repository.insert(
        {
          title: input.title,
          firstYear: input.firstYear,
          lastYear: input.lastYear,
          referenceDate: input.referenceDate,
          membersOn: input.membersOn ?? `${input.firstYear}-01-01`,
          source: input.source,
          statedSums: parsed.stated,
          corrections: mismatches,
          createdBy: actor,
        },
        parsed.items,
      );
      await this.audit.record({
        actor,
        action: 'fund_budget.imported',
        subjectType: 'fund_budget',
        subjectId: id,
        details: {
          title: input.title,
          years: [input.firstYear, input.lastYear],
          activities: parsed.items.length,
          acceptedComputedSums: mismatches.map(mismatchView),
        },
      });
      return this.get(id);
    });
  }

  async list(): Promise<BudgetResponse[]> {
    const views: BudgetResponse[] = [];
    for (const b of await this.repository.list()) views.push(await this.summary(b));
    return views;
  }

  async get(id: string): Promise<BudgetDetailResponse> {
    const b = await this.repository.findById(id);
    if (!b) throw DomainError.notFound('fund budget', id);
    const activities = (await this.repository.activities(id)).map((a) => ({
      ...a,
      amountCents: Number(a.amountCents),
      amount: euro(a.amountCents),
      compartmentNl: COMPARTMENT_NL[a.compartment as Compartment],
      kindNl: KIND_NL[a.kind as keyof typeof KIND_NL],
    }));
    const account = (await this.repository.account(id)).map((r) => ({
      year: r.year,
      compartment: r.compartment,
      compartmentNl: COMPARTMENT_NL[r.compartment as Compartment],
      budgetedCents: Number(r.budgeted),
      authorisedCents: Number(r.authorised),
      spentCents: Number(r.spent),
      budgeted: euro(r.budgeted),
      authorised: euro(r.authorised),
      spent: euro(r.spent),
      notAuthorised: euro(BigInt(r.budgeted) - BigInt(r.authorised)),
      authorisedNotSpent: euro(BigInt(r.authorised) - BigInt(r.spent)),
    }));
    const entries = (await this.repository.entries(id)).map((e) => ({
      ...e,
      amountCents: Number(e.amountCents),
      amount: euro(e.amountCents),
      compartmentNl: COMPARTMENT_NL[e.compartment as Compartment],
      kindNl: e.kind === 'authorised' ? 'bestedingsruimte toegekend' : 'besteed',
    }));
    return { ...(await this.summary(b)), activities, account, entries };
  }

  /** Each member's share of one year of the budget, by inhabitants at the reference date (largest remainder). */
  async shares(id: string, year: number, referenceDate?: string): Promise<SharesResponse> {
    const b = await this.repository.findById(id);
    if (!b) throw DomainError.notFound('fund budget', id);
    if (year < b.firstYear || year > b.lastYear) throw DomainError.invalid('year', `must be a year of the budget (${b.firstYear}-${b.lastYear})`);
    const date = referenceDate ?? b.referenceDate;
    const membersOn = b.membersOn > `${year}-01-01` ? b.membersOn : `${year}-01-01`;
    const total = (await this.repository.activities(id)).filter((a) => a.year === year).reduce((sum, a) => sum + BigInt(a.amountCents), 0n);
    const members = await this.members.chargeable(membersOn, date);
    if (members.length === 0) throw DomainError.invalid('year', `no members in the register on ${membersOn}`);
    const without = members.filter((m) => m.inhabitants === null);
    if (without.length)
      throw DomainError.invalid(
        'referenceDate',
        `no inhabitants recorded on or before ${date} for ${without
          .slice(0, 10)
          .map((m) => m.cbsCode)
          .join(', ')}${without.length > 10 ? ` and ${without.length - 10} more` : ''}`,
      );
    const { shares, remainingCents } = asDomainError(() =>
      allocateByInhabitants(
        total,
        members.map((m) => ({ ...m, inhabitants: m.inhabitants! })),
      ),
    );
    return {
      budgetId: id,
      year,
      referenceDate: date,
      membersOn,
      totalCents: Number(total),
      total: euro(total),
      remainingCents: Number(remainingCents),
      rule: 'naar rato van het aantal inwoners op de peildatum; resterende centen volgens de grootste-restmethode, bij gelijke rest eerst de laagste CBS-code',
      members: shares.map((s) => ({
        memberId: s.member.id,
        cbsCode: s.member.cbsCode,
        name: s.member.name,
        inhabitants: s.member.inhabitants,
        inhabitantsFrom: s.member.inhabitantsFromMergedMembers,
        floorCents: Number(s.floorCents),
        extraCent: Number(s.extraCent),
        shareCents: Number(s.shareCents),
        share: euro(s.shareCents),
      })),
    };
  }

  /** The board releases spending per compartment (authorised), or records what was spent; never beyond the budget or the authorisation. */
  async addEntry(id: string, input: FundEntryDto, actor: string): Promise<BudgetDetailResponse> {
    return this.tx.run(async () => {
      const b = await this.repository.findById(id, true);
      if (!b) throw DomainError.notFound('fund budget', id);
      if (b.status === 'draft') throw new DomainError('NOT_EDITABLE', 'spending can be authorised only on a budget the members adopted');
      if (input.year < b.firstYear || input.year > b.lastYear) throw DomainError.invalid('year', `must be a year of the budget (${b.firstYear}-${b.lastYear})`);
      const row = (await this.repository.account(id)).find((r) => r.year === input.year && r.compartment === input.compartment);
      const budgeted = BigInt(row?.budgeted ?? 0);
      const authorised = BigInt(row?.authorised ?? 0);
      const spent = BigInt(row?.spent ?? 0);
      const amount = BigInt(input.amountCents);
      if (input.kind === 'authorised' && authorised + amount > budgeted) {
        throw DomainError.invalid(
          'amountCents',
          `authorisations would exceed the budget of ${COMPARTMENT_NL[input.compartment]} ${input.year}: budget ${euro(budgeted)}, authorised ${euro(authorised)}`,
        );
      }
      if (input.kind === 'spent' && spent + amount > authorised) {
        throw DomainError.invalid(
          'amountCents',
          `spending would exceed what was authorised for ${COMPARTMENT_NL[input.compartment]} ${input.year}: authorised ${euro(authorised)}, spent ${euro(spent)}`,
        );
      }
      const entryId = await this.repository.insertEntry({ budgetId: id, ...input, createdBy: actor });
      await this.audit.record({ actor, action: `fund_budget.${input.kind}`, subjectType: 'fund_budget', subjectId: id, details: { entryId, ...input } });
      return this.get(id);
    });
  }

  /** Before a vote is attached: the budget exists, is a draft and no other vote is pending on it. */
  async assertCanBeVotedOn(budgetId: string): Promise<void> {
    const b = await this.repository.findById(budgetId);
    if (!b) throw DomainError.invalid('fundBudgetId', 'is not a known fund budget');
    if (b.status !== 'draft') throw DomainError.invalid('fundBudgetId', 'the budget is adopted already');
    if (await this.repository.hasOpenEffect(budgetId)) throw DomainError.invalid('fundBudgetId', 'another vote on this budget is pending');
  }

  /** A vote adopts the budget: provisionally on publication, definitively on ratification. */
  async adoptFromVote(budgetId: string, effectId: string, status: 'provisional' | 'adopted', actor: string): Promise<void> {
    const b = (await this.repository.findById(budgetId, true))!;
    const overlap = await this.repository.overlapping(b.firstYear, b.lastYear, b.id);
    if (overlap.length) throw DomainError.invalid('fundBudgetId', `the years ${b.firstYear}-${b.lastYear} overlap the adopted budget "${overlap[0].title}"`);
    await this.repository.setStatus(budgetId, status);
    await this.audit.record({
      actor,
      action: status === 'adopted' ? 'fund_budget.adopted' : 'fund_budget.adopted_provisionally',
      subjectType: 'fund_budget',
      subjectId: budgetId,
      details: { effectId },
    });
  }

  /** Ratification refused: the budget is a draft again. */
  async withdrawFromVote(budgetId: string, actor: string): Promise<void> {
    await this.repository.setStatus(budgetId, 'draft');
    await this.audit.record({ actor, action: 'fund_budget.withdrawn', subjectType: 'fund_budget', subjectId: budgetId, details: {} });
  }

  async inForceFor(year: number): Promise<BudgetRow | null> {
    return this.repository.inForceFor(year);
  }

  private async summary(b: BudgetRow): Promise<BudgetResponse> {
    const effectId = await this.repository.adoptingEffect(b.id);
    const decidedBy: VoteReference | null = effectId ? await this.votes.of(effectId) : null;
    return {
      id: b.id,
      title: b.title,
      firstYear: b.firstYear,
      lastYear: b.lastYear,
      referenceDate: b.referenceDate,
      membersOn: b.membersOn,
      status: b.status,
      statusNl: BUDGET_STATUS_NL[b.status],
      source: b.source,
      createdAt: b.createdAt,
      check: { statedSums: b.statedSums.length, correctionsAccepted: b.corrections.map(mismatchView) },
      decidedBy,
    };
  }

  private fromJson(input: ImportBudgetDto): { items: BudgetItem[]; stated: StatedSum[] } {
    const inRange = (field: string, year: number) => {
      if (year < input.firstYear || year > input.lastYear)
        throw DomainError.invalid(field, `must be a year of the budget (${input.firstYear}-${input.lastYear})`);
    };
    const items: BudgetItem[] = (input.activities ?? []).flatMap((a, i) =>
      a.amounts.map((x, j) => {
        inRange(`activities[${i}].amounts[${j}].year`, x.year);
        return { line: i + 1, name: a.name, compartment: a.compartment, kind: a.kind, year: x.year, amountCents: BigInt(x.amountCents) };
      }),
    );
    if (items.length === 0) throw DomainError.invalid('activities', 'must contain at least one activity');
    const stated: StatedSum[] = (input.statedSums ?? []).map((s, j) => {
      inRange(`statedSums[${j}].year`, s.year);
      if (s.kind && s.compartment) throw DomainError.invalid(`statedSums[${j}]`, 'a subtotal names either a kind or a compartment');
      const scope: StatedSum['scope'] = s.kind ? { kind: s.kind } : s.compartment ? { compartment: s.compartment } : 'total';
      return { line: (input.activities?.length ?? 0) + j + 1, label: s.label, scope, year: s.year, amountCents: BigInt(s.amountCents) };
    });
    return { items, stated };
  }
}
