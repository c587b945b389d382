import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { AuditService } from '../../platform/audit/audit.service';
import { ChargeableMember, MembersService } from '../../members/members.service';
import { Transactions } from '../../platform/database/transactions';
import { DomainError } from '../../platform/http/domain-error';
import { formatEuroCents } from '../../platform/text/dutch-format';
import { AMOUNT_ROUNDING_NL, BAND_MODE_NL, bandNl, RATE_ROUNDING_NL, SCHEDULE_STATUS_NL } from '../finance-labels';
import { Band, checkBands, contributionOf, ContributionLine, raiseBands } from '../rules/contribution-rules';
import { formatPercentageNl, formatRateNl, parseEuroRate } from '../rules/exact-decimal';
import { asDomainError } from '../rule-errors';
import { VoteReference, VoteReferences } from '../vote-references';
import { CreateScheduleDto } from './contribution.dto';
import { ContributionRepository, ScheduleRow, ScheduleStatus } from './contribution.repository';

export interface MemberContribution {
  memberId: string;
  cbsCode: string;
  name: string;
  inhabitants: number;
  /** Set when the inhabitants are those of the municipalities that merged into this one. */
  inhabitantsFrom: string | null;
  lines: (Omit<ContributionLine, 'rate' | 'amountCents'> & { band: string; rate: string; amountCents: number; amount: string })[];
  totalCents: number;
  total: string;
}

export interface YearContribution {
  year: number;
  /** The schedule whose rates apply: the year's own, or the latest earlier one when none was set. */
  schedule: ScheduleView;
  carriedOver: boolean;
  members: MemberContribution[];
  totalCents: number;
  total: string;
}

export interface ScheduleView {
  id: string;
  year: number;
  referenceDate: string;
  membersOn: string;
  status: ScheduleStatus;
  statusNl: string;
  bandMode: string;
  bandModeNl: string;
  rateRounding: string;
  rateRoundingNl: string;
  amountRounding: string;
  amountRoundingNl: string;
  basis: string;
  raise: string | null;
  derivedFromId: string | null;
  replacedId: string | null;
  bands: { fromInhabitants: number; toInhabitants: number | null; band: string; ratePerInhabitant: string; rate: string }[];
  /** The vote that set these rates; null when they were entered as decided elsewhere (see basis). */
  decidedBy: VoteReference | null;
}

const toNumber = (cents: bigint) => Number(cents);

/** The contribution (contributie): schedules per year, and what each member owes under them. */
@Injectable()
export class ContributionService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: ContributionRepository,
    private readonly votes: VoteReferences,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  /** A schedule decided outside the platform (e.g. the 2020 rates), entered by the bureau with that decision as its basis. */
  async create(input: CreateScheduleDto, actor: string): Promise<ScheduleView> {
    const bands: Band[] = input.bands.map((b, i) => ({
      fromInhabitants: b.fromInhabitants,
      rate: asDomainError(() => parseEuroRate(`bands[${i}].ratePerInhabitant`, b.ratePerInhabitant)),
    }));
    asDomainError(() => checkBands('bands', bands));
    const membersOn = input.membersOn ?? `${input.year}-01-01`;
    return this.tx.run(async () => {
      if (await this.repository.findInForceFor(input.year, true)) {
        throw new DomainError('DUPLICATE', `year: a contribution schedule for ${input.year} is in force already`, [
          { field: 'year', rule: 'one schedule in force per year' },
        ]);
      }
      const id = await this.repository.insert({
        year: input.year,
        referenceDate: input.referenceDate,
        membersOn,
        bandMode: input.bandMode,
        rateRounding: input.rateRounding ?? 'cent_half_up',
        amountRounding: input.amountRounding ?? 'cent_half_up',
        status: 'adopted',
        basis: input.basis.trim(),
        derivedFromId: null,
        raiseBasisPoints: null,
        replacedId: null,
        replacedStatus: null,
        decisionEffectId: null,
        bands,
        createdBy: actor,
      });
      await this.audit.record({
        actor,
        action: 'contribution_schedule.entered',
        subjectType: 'contribution_schedule',
        subjectId: id,
        details: { ...input, membersOn },
      });
      return this.view((await this.repository.findById(id))!);
    });
  }

  async list(): Promise<ScheduleView[]> {
    const rows = await this.repository.list();
    const views: ScheduleView[] = [];
    for (const row of rows) views.push(await this.view(row));
    return views;
  }

  async get(id: string): Promise<ScheduleView> {
    const row = await this.repository.findById(id);
    if (!row) throw DomainError.notFound('contribution schedule', id);
    return this.view(row);
  }

  /** Every member's contribution for a year, line by line, under the rates in force for that year. */
  async forYear(year: number): Promise<YearContribution> {
    const schedule = await this.repository.findLatestInForceUpTo(year);
    if (!schedule) throw DomainError.notFound('contribution schedule in force for year', String(year));
    const carriedOver = schedule.year !== year;
    // A year without its own schedule keeps the earlier rates (the previous figure stays); the members are those of 1 January of the year itself.
    const membersOn = carriedOver ? `${year}-01-01` : schedule.membersOn;
    const members = await this.chargeable(membersOn, schedule.referenceDate);
    const lines = members.map((m) => this.memberContribution(schedule, schedule.bands, m));
    const total = lines.reduce((sum, l) => sum + BigInt(l.totalCents), 0n);
    return { year, schedule: await this.view(schedule), carriedOver, members: lines, totalCents: toNumber(total), total: formatEuroCents(total) };
  }

  async csv(year: number): Promise<string> {
    const y = await this.forYear(year);
    return stringify(
      y.members.map((m) => [
        year,
        m.cbsCode,
        m.name,
        m.inhabitants,
        y.schedule.referenceDate,
        m.lines.map((l) => `${l.band}: ${l.inhabitants} x ${l.rate}`).join(' + '),
        (m.totalCents / 100).toFixed(2),
      ]),
      { delimiter: ';', header: true, columns: ['year', 'code', 'name', 'inhabitants', 'reference_date', 'lines', 'amount_eur'] },
    );
  }

  /**
   * What each member would pay in `year` if the rates of the schedule in force for year - 1 were raised
   * by `raiseBasisPoints` (null: not raised, the previous figure stays). For the impact before a vote.
   */
  async hypothetical(year: number, raiseBasisPoints: bigint | null, referenceDate: string): Promise<Map<string, MemberContribution>> {
    const base = await this.repository.findLatestInForceUpTo(year - 1);
    if (!base) return new Map();
    const bands = raiseBasisPoints === null ? base.bands : raiseBands(base.bands, raiseBasisPoints, base.rateRounding);
    const members = await this.chargeable(`${year}-01-01`, referenceDate).catch(() => []);
    return new Map(members.map((m) => [m.id, this.memberContribution(base, bands, m)]));
  }

  /** Called by a decision effect: the year's schedule becomes the previous year's raised by the adopted percentage. */
  async deriveFromVote(year: number, referenceDate: string, raiseBasisPoints: bigint, effectId: string, actor: string): Promise<ScheduleRow> {
    const base = await this.repository.findLatestInForceUpTo(year - 1);
    if (!base) throw DomainError.invalid('year', `no contribution schedule in force for ${year - 1} to raise`);
    const bands = asDomainError(() => raiseBands(base.bands, raiseBasisPoints, base.rateRounding));
    const replaced = await this.repository.findInForceFor(year, true);
    if (replaced) await this.repository.setStatus(replaced.id, 'superseded');
    const id = await this.repository.insert({
      year,
      referenceDate,
      membersOn: `${year}-01-01`,
      bandMode: base.bandMode,
      rateRounding: base.rateRounding,
      amountRounding: base.amountRounding,
      status: 'provisional',
      basis: `Tarieven ${base.year} verhoogd met ${formatPercentageNl(raiseBasisPoints)}`,
      derivedFromId: base.id,
      raiseBasisPoints: Number(raiseBasisPoints),
      replacedId: replaced?.id ?? null,
      replacedStatus: replaced?.status ?? null,
      decisionEffectId: effectId,
      bands,
      createdBy: actor,
    });
    await this.audit.record({
      actor,
      action: 'contribution_schedule.applied_provisionally',
      subjectType: 'contribution_schedule',
      subjectId: id,
      details: { year, raiseBasisPoints: Number(raiseBasisPoints), derivedFrom: base.id, replaced: replaced?.id ?? null, effectId },
    });
    return (await this.repository.findById(id))!;
  }

  /** Ratified: the provisional schedule becomes definitive. */
  async confirmFromVote(effectId: string, actor: string): Promise<void> {
    const schedule = await this.repository.findByEffect(effectId);
    if (!schedule || schedule.status !== 'provisional') return;
    await this.repository.setStatus(schedule.id, 'adopted');
    await this.audit.record({
      actor,
      action: 'contribution_schedule.adopted',
      subjectType: 'contribution_schedule',
      subjectId: schedule.id,
      details: { effectId },
    });
  }

  /** Ratification refused: the provisional schedule lapses and the one it replaced is in force again. */
  async withdrawFromVote(effectId: string, actor: string): Promise<void> {
    const schedule = await this.repository.findByEffect(effectId);
    if (!schedule || schedule.status !== 'provisional') return;
    await this.repository.setStatus(schedule.id, 'withdrawn');
    if (schedule.replacedId && schedule.replacedStatus) await this.repository.setStatus(schedule.replacedId, schedule.replacedStatus);
    await this.audit.record({
      actor,
      action: 'contribution_schedule.withdrawn',
      subjectType: 'contribution_schedule',
      subjectId: schedule.id,
      details: { effectId, restored: schedule.replacedId },
    });
  }

  private async chargeable(membersOn: string, referenceDate: string): Promise<(ChargeableMember & { inhabitants: number })[]> {
    const members = await this.members.chargeable(membersOn, referenceDate);
    const without = members.filter((m) => m.inhabitants === null);
    if (without.length) {
      throw DomainError.invalid(
        'referenceDate',
        `no inhabitants recorded on or before ${referenceDate} for ${without
          .slice(0, 10)
          .map((m) => m.cbsCode)
          .join(', ')}${without.length > 10 ? ` and ${without.length - 10} more` : ''}`,
      );
    }
    if (members.length === 0) throw DomainError.invalid('membersOn', `no members on ${membersOn}`);
    return members as (ChargeableMember & { inhabitants: number })[];
  }

  private memberContribution(schedule: ScheduleRow, bands: Band[], m: ChargeableMember & { inhabitants: number }): MemberContribution {
    const c = contributionOf(bands, schedule.bandMode, m.inhabitants, schedule.amountRounding);
    return {
      memberId: m.id,
      cbsCode: m.cbsCode,
      name: m.name,
      inhabitants: m.inhabitants,
      inhabitantsFrom: m.inhabitantsFromMergedMembers,
      lines: c.lines.map((l) => ({
        fromInhabitants: l.fromInhabitants,
        toInhabitants: l.toInhabitants,
        inhabitants: l.inhabitants,
        band: bandNl(l.fromInhabitants, l.toInhabitants),
        rate: formatRateNl(l.rate),
        amountCents: toNumber(l.amountCents),
        amount: formatEuroCents(l.amountCents),
      })),
      totalCents: toNumber(c.totalCents),
      total: formatEuroCents(c.totalCents),
    };
  }

  async view(row: ScheduleRow): Promise<ScheduleView> {
    return {
      id: row.id,
      year: row.year,
      referenceDate: row.referenceDate,
      membersOn: row.membersOn,
      status: row.status,
      statusNl: SCHEDULE_STATUS_NL[row.status],
      bandMode: row.bandMode,
      bandModeNl: BAND_MODE_NL[row.bandMode],
      rateRounding: row.rateRounding,
      rateRoundingNl: RATE_ROUNDING_NL[row.rateRounding],
      amountRounding: row.amountRounding,
      amountRoundingNl: AMOUNT_ROUNDING_NL[row.amountRounding],
      basis: row.basis,
      raise: row.raiseBasisPoints === null ? null : formatPercentageNl(BigInt(row.raiseBasisPoints)),
      derivedFromId: row.derivedFromId,
      replacedId: row.replacedId,
      bands: row.bands.map((b, i) => {
        const to = i + 1 < row.bands.length ? row.bands[i + 1].fromInhabitants : null;
        const euros = `${b.rate / 10000n}.${String(b.rate % 10000n).padStart(4, '0')}`.replace(/0{1,2}$/, '');
        return {
          fromInhabitants: b.fromInhabitants,
          toInhabitants: to,
          band: bandNl(b.fromInhabitants, to),
          ratePerInhabitant: euros,
          rate: formatRateNl(b.rate),
        };
      }),
      decidedBy: row.decisionEffectId ? await this.votes.of(row.decisionEffectId) : null,
    };
  }
}
