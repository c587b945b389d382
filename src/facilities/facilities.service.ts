import { Injectable } from '@nestjs/common';
import { SignedInStaff } from '../accounts/accounts.service';
import { AuditService } from '../platform/audit/audit.service';
import { MemberOnDate, MembersService } from '../members/members.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { formatPercentNl, shareBasisPoints } from '../weighting';
import { CreateFacilityDto, DeclareUsersDto, GiveNoticeDto, JoinFacilityDto, UpdateFacilityDto } from './dto/facility.dto';
import { FacilitiesRepository } from './facilities.repository';
import { goesByUsers, Tariff, tariffErrors, tariffIn, yearlyAmount, YearlyTariff } from './facility-tariff';
import { activeIn, earliestLastDay, isTermEnd, noticeDeadline } from './facility-terms';
import { PHASE_NL, tariffNl } from './facility-text';
import { Facility, FacilityMembership, SignedTerms } from './facility.entity';
import { Clock } from '../platform/clock';

const today = (now: Date) => instantToAmsterdam(now).slice(0, 10);
const actorOf = (account: SignedInStaff) => `staff:${account.email}`;
const TERM_FIELDS = ['conditions', 'termYears', 'noticeMonths', 'exitCostCents', 'tariff'] as const;

/** One line of what a member owes for the facilities in a year. */
export interface FacilityChargeLine {
  facilityCode: string;
  facilityName: string;
  kind: 'one_off' | 'yearly' | 'exit';
  cents: number;
  description: string;
}

/** What one member owes for its facilities in a year: the sum of its lines, for the billing module. */
export interface FacilityCharge {
  memberId: string;
  memberCode: string;
  memberName: string;
  year: number;
  cents: number;
  description: string;
  lines: FacilityChargeLine[];
}

/** The tariff as the API takes it; a per-kind field it lacks is named. */
function checkedTariff(tariff: CreateFacilityDto['tariff']): Tariff {
  const yearlyOf = (y: CreateFacilityDto['tariff']['yearly']): YearlyTariff =>
    y.kind === 'fixed'
      ? { kind: 'fixed', cents: y.cents! }
      : y.kind === 'per_inhabitant'
        ? { kind: 'per_inhabitant', centsPerInhabitant: y.centsPerInhabitant! }
        : y.kind === 'user_bands'
          ? { kind: 'user_bands', bands: y.bands!.map(({ fromUsers, toUsers, cents }) => ({ fromUsers, toUsers, cents })) }
          : { kind: 'none' };
  const result: Tariff = {
    oneOffCents: tariff.oneOffCents,
    yearly: yearlyOf(tariff.yearly),
    ...(tariff.yearlyFrom?.length ? { yearlyFrom: tariff.yearlyFrom.map((step) => ({ fromYear: step.fromYear, yearly: yearlyOf(step.yearly) })) } : {}),
  };
  const errors = tariffErrors(result);
  if (errors.length) throw new DomainError('INVALID_INPUT', errors.map((e) => `${e.field}: ${e.rule}`).join('; '), errors);
  return result;
}

/**
 * Collective facilities (samen organiseren): a catalogue the board keeps; municipalities join
 * voluntarily through a member official, and once joined the signed terms bind them (term, notice,
 * exit cost). Costs per member per year follow from the signed tariff (see facility-tariff.ts).
 */
@Injectable()
export class FacilitiesService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: FacilitiesRepository,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The catalogue: every facility with its members today and its tariff in words. */
  async catalogue(now = this.clock.now()) {
    const counts = await this.repository.liveCounts(today(now));
    return (await this.repository.list()).map((f) => ({ ...f, members: counts.get(f.id) ?? 0, tariffNl: tariffNl(f.tariff) }));
  }

  async get(id: string): Promise<Facility> {
    const facility = await this.repository.findById(id);
    if (!facility) throw DomainError.notFound('facility', id);
    return facility;
  }

  async getByCode(code: string): Promise<Facility> {
    const facility = await this.repository.findByCode(code);
    if (!facility) throw DomainError.notFound('facility', code);
    return facility;
  }

  async create(input: CreateFacilityDto, actor: string, now = this.clock.now()): Promise<Facility> {
    const tariff = checkedTariff(input.tariff);
    return this.tx.run(async () => {
      if (await this.repository.findByCode(input.code))
        throw new DomainError('DUPLICATE', `code: ${input.code} is already a facility`, [{ field: 'code', rule: 'must be unique' }]);
      const facility = await this.repository.insert({
        code: input.code,
        name: input.name.trim(),
        description: input.description.trim(),
        phase: input.phase,
        joiningIt: input.joiningIt.trim(),
        joiningProcess: input.joiningProcess.trim(),
        joiningStaff: input.joiningStaff.trim(),
        conditions: input.conditions.trim(),
        termYears: input.termYears,
        noticeMonths: input.noticeMonths,
        exitCostCents: input.exitCostCents,
        tariff,
        termsVersion: 1,
        yearlyCostsCents: input.yearlyCostsCents ?? 0,
        updatedAt: now,
      });
      await this.audit.record({ actor, action: 'facility.created', subjectType: 'facility', subjectId: facility.id, details: { ...input } });
      return facility;
    });
  }

  /** Changes the catalogue entry; a change of terms or tariff raises the version (members keep what they signed). */
  async update(id: string, input: UpdateFacilityDto, actor: string, now = this.clock.now()): Promise<Facility> {
    const given = Object.keys(input).filter((k) => input[k as keyof UpdateFacilityDto] !== undefined);
    if (given.length === 0) throw DomainError.invalid('request body', 'must change at least one field');
    const tariff = input.tariff ? checkedTariff(input.tariff) : undefined;
    return this.tx.run(async () => {
      const facility = await this.repository.lockById(id);
      if (!facility) throw DomainError.notFound('facility', id);
      const { tariff: _given, ...rest } = input;
      const changes: Partial<Facility> = { ...rest, ...(tariff ? { tariff } : {}), updatedAt: now };
      const termsChanged = TERM_FIELDS.some((k) => input[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(facility[k]));
      if (termsChanged) changes.termsVersion = facility.termsVersion + 1;
      await this.repository.update(id, changes);
      await this.audit.record({
        actor,
        action: 'facility.updated',
        subjectType: 'facility',
        subjectId: id,
        details: { changes: input, termsVersion: changes.termsVersion ?? facility.termsVersion },
      });
      return { ...facility, ...changes };
    });
  }

  /**
   * A member official joins on behalf of its own municipality, accepting the terms version it read;
   * the terms as they stand are kept with the signature.
   */
  async join(facilityId: string, input: JoinFacilityDto, account: SignedInStaff, now = this.clock.now()): Promise<FacilityMembership> {
    if (!account.memberId) throw new DomainError('FORBIDDEN', 'only a member official joins, on behalf of its own municipality');
    const joinedOn = input.joinedOn ?? today(now);
    if (joinedOn < today(now)) throw DomainError.invalid('joinedOn', 'must not be in the past');
    return this.tx.run(async () => {
      const member = await this.members.get(account.memberId!);
      if (input.memberCode && input.memberCode !== member.cbsCode) {
        throw new DomainError(
          'FORBIDDEN',
          `memberCode: a member official joins only on behalf of its own municipality (${member.cbsCode}), not ${input.memberCode}`,
          [{ field: 'memberCode', rule: `must be your own municipality, ${member.cbsCode}` }],
        );
      }
      if (member.joinedOn > joinedOn || (member.leftOn !== null && member.leftOn <= joinedOn))
        throw DomainError.invalid('joinedOn', `${member.name} is not a member of the association on ${joinedOn}`);
      const facility = await this.repository.lockById(facilityId);
      if (!facility) throw DomainError.notFound('facility', facilityId);
      if (facility.phase === 'initiative')
        throw new DomainError('NOT_EDITABLE', `${facility.name} is an initiative: it can be joined once it is in development`);
      if (input.termsVersion !== facility.termsVersion) {
        throw new DomainError(
          'NOT_EDITABLE',
          `termsVersion: the terms of ${facility.name} changed since you read them (version ${facility.termsVersion} now, you accepted ${input.termsVersion}); read them again`,
          [{ field: 'termsVersion', rule: `must be the current version, ${facility.termsVersion}` }],
        );
      }
      const byBand = goesByUsers(facility.tariff);
      if (byBand && input.users === undefined)
        throw DomainError.invalid('users', `is required: the yearly tariff of ${facility.name} goes by the number of users`);
      if (!byBand && input.users !== undefined) throw DomainError.invalid('users', `only a tariff by band of users needs the number of users`);
      const live = await this.repository.liveMembership(facility.id, member.id, joinedOn);
      if (live) {
        throw new DomainError(
          'DUPLICATE',
          `${member.name} has joined ${facility.name} already (since ${live.joinedOn}${live.lastDay ? `, until ${live.lastDay}` : ''}); join again after the membership ends`,
        );
      }
      const terms: SignedTerms = {
        termsVersion: facility.termsVersion,
        termYears: facility.termYears,
        noticeMonths: facility.noticeMonths,
        exitCostCents: facility.exitCostCents,
        conditions: facility.conditions,
        tariff: facility.tariff,
      };
      const membership = await this.repository.insertMembership({
        facilityId: facility.id,
        memberId: member.id,
        joinedOn,
        signedBy: account.id,
        signedByName: account.name,
        signedAt: now,
        terms,
        noticeGivenOn: null,
        lastDay: null,
      });
      if (byBand) await this.repository.upsertUsage(membership.id, Number(joinedOn.slice(0, 4)), input.users!);
      await this.audit.record({
        actor: actorOf(account),
        action: 'facility.joined',
        subjectType: 'facility_membership',
        subjectId: membership.id,
        details: { facility: facility.code, member: member.cbsCode, joinedOn, termsVersion: facility.termsVersion, users: input.users ?? null },
      });
      return membership;
    });
  }

  /** Notice to leave at the end of a term, given in time: the terms signed bind until then. */
  async giveNotice(membershipId: string, input: GiveNoticeDto, account: SignedInStaff, now = this.clock.now()): Promise<FacilityMembership> {
    return this.tx.run(async () => {
      const membership = await this.ownMembership(membershipId, account);
      if (membership.lastDay)
        throw new DomainError('NOT_EDITABLE', `notice was given on ${membership.noticeGivenOn}; the membership ends on ${membership.lastDay}`);
      const { termYears, noticeMonths } = membership.terms;
      const givenOn = today(now);
      const earliest = earliestLastDay(membership.joinedOn, termYears, noticeMonths, givenOn);
      const lastDay = input.lastDay ?? earliest;
      if (lastDay < earliest) {
        throw DomainError.invalid(
          'lastDay',
          `leaving before the term ends is not possible: with notice given on ${givenOn} (${noticeMonths} months before the end of a term of ${termYears} year${termYears > 1 ? 's' : ''}) the earliest last day is ${earliest}`,
        );
      }
      if (!isTermEnd(membership.joinedOn, termYears, lastDay)) {
        throw DomainError.invalid(
          'lastDay',
          `must be the last day of a term (terms of ${termYears} year${termYears > 1 ? 's' : ''} end on 31 December); the earliest is ${earliest}`,
        );
      }
      await this.repository.endMembership(membershipId, givenOn, lastDay);
      await this.audit.record({
        actor: actorOf(account),
        action: 'facility.notice_given',
        subjectType: 'facility_membership',
        subjectId: membershipId,
        details: { givenOn, lastDay, deadline: noticeDeadline(lastDay, noticeMonths) },
      });
      return { ...membership, noticeGivenOn: givenOn, lastDay };
    });
  }

  /** The number of users for a year (tariffs by band of users), declared by the member official. */
  async declareUsers(membershipId: string, input: DeclareUsersDto, account: SignedInStaff): Promise<void> {
    await this.tx.run(async () => {
      const membership = await this.ownMembership(membershipId, account);
      if (!goesByUsers(membership.terms.tariff)) throw DomainError.invalid('users', 'only a tariff by band of users needs the number of users');
      if (!activeIn(input.year, membership.joinedOn, membership.lastDay)) throw DomainError.invalid('year', `the membership does not cover ${input.year}`);
      await this.repository.upsertUsage(membershipId, input.year, input.users);
      await this.audit.record({
        actor: actorOf(account),
        action: 'facility.users_declared',
        subjectType: 'facility_membership',
        subjectId: membershipId,
        details: { ...input },
      });
    });
  }

  /** The memberships of a facility (board), or of the official's own municipality, with names and the earliest end. */
  async memberships(filter: { facilityId: string } | { account: SignedInStaff }, now = this.clock.now()) {
    let rows: FacilityMembership[];
    if ('facilityId' in filter) {
      await this.get(filter.facilityId);
      rows = await this.repository.membershipsIn(Number(today(now).slice(0, 4)), filter.facilityId);
    } else {
      if (!filter.account.memberId) throw new DomainError('FORBIDDEN', 'only a member official has memberships of its own');
      rows = await this.repository.membershipsOfMember(filter.account.memberId);
    }
    const facilities = new Map((await this.repository.list()).map((f) => [f.id, f]));
    const names = new Map<string, { cbsCode: string; name: string }>();
    for (const id of new Set(rows.map((r) => r.memberId))) names.set(id, await this.members.get(id));
    return rows.map((r) => ({
      ...r,
      facilityCode: facilities.get(r.facilityId)!.code,
      facilityName: facilities.get(r.facilityId)!.name,
      memberCode: names.get(r.memberId)!.cbsCode,
      memberName: names.get(r.memberId)!.name,
      earliestLastDay: r.lastDay ?? earliestLastDay(r.joinedOn, r.terms.termYears, r.terms.noticeMonths, today(now)),
    }));
  }

  /**
   * What every member owes for its facilities in `year`, in cents with a description per line: the
   * one-off amount in the year of joining, the yearly amount for every year begun, the exit cost in
   * the last year; all under the terms the member signed. For the billing module: one entry per member
   * with something to pay. Inhabitants (per-inhabitant tariffs) are those at 1 January of the year.
   */
  async facilityCharges(year: number): Promise<FacilityCharge[]> {
    const memberships = await this.repository.membershipsIn(year);
    const facilities = new Map((await this.repository.list()).map((f) => [f.id, f]));
    const register = new Map((await this.members.listOn(`${year}-01-01`)).map((m) => [m.id, m]));
    const users = await this.repository.usersIn(
      memberships.map((m) => m.id),
      year,
    );
    const byMember = new Map<string, FacilityCharge>();
    for (const membership of memberships) {
      const facility = facilities.get(membership.facilityId)!;
      const member: Pick<MemberOnDate, 'cbsCode' | 'name' | 'inhabitants'> = register.get(membership.memberId) ?? {
        ...(await this.members.get(membership.memberId)),
        inhabitants: null,
      };
      const lines = this.linesFor(membership, facility, year, { inhabitants: member.inhabitants, users: users.get(membership.id) ?? null }, member.cbsCode);
      if (lines.length === 0) continue;
      const charge = byMember.get(membership.memberId) ?? {
        memberId: membership.memberId,
        memberCode: member.cbsCode,
        memberName: member.name,
        year,
        cents: 0,
        description: '',
        lines: [],
      };
      charge.lines.push(...lines);
      charge.cents = charge.lines.reduce((sum, l) => sum + l.cents, 0);
      charge.description = `Collectieve voorzieningen ${year}: ${[...new Set(charge.lines.map((l) => l.facilityName))].join(', ')}`;
      byMember.set(membership.memberId, charge);
    }
    return [...byMember.values()].filter((c) => c.cents > 0).sort((a, b) => a.memberCode.localeCompare(b.memberCode));
  }

  /**
   * The years with facility costs to invoice: from the first year anyone joined up to the last year a
   * membership ended, and while memberships run on, up to next year (its costs follow from the signed
   * terms already).
   */
  async yearsWithCharges(now = new Date()): Promise<number[]> {
    const span = await this.repository.membershipYears();
    if (!span) return [];
    const nextYear = Number(instantToAmsterdam(now).slice(0, 4)) + 1;
    const last = Math.max(span.lastEndedYear ?? span.firstYear, span.openEnded ? nextYear : span.firstYear);
    return Array.from({ length: last - span.firstYear + 1 }, (_, i) => span.firstYear + i);
  }

  /** Adoption across members (count, share of inhabitants at 1 January) and each facility's revenue against its costs. */
  async adoption(year: number) {
    const referenceDate = `${year}-01-01`;
    const register = await this.members.listOn(referenceDate);
    const totalInhabitants = register.reduce((sum, m) => sum + (m.inhabitants ?? 0), 0);
    const inhabitants = new Map(register.map((m) => [m.id, m.inhabitants ?? 0]));
    const memberships = await this.repository.membershipsIn(year);
    const charges = await this.facilityCharges(year);
    return {
      year,
      referenceDate,
      totalMembers: register.length,
      totalInhabitants,
      facilities: (await this.repository.list()).map((f) => {
        const joined = [...new Set(memberships.filter((m) => m.facilityId === f.id).map((m) => m.memberId))];
        const joinedInhabitants = joined.reduce((sum, id) => sum + (inhabitants.get(id) ?? 0), 0);
        const revenueCents = charges
          .flatMap((c) => c.lines)
          .filter((l) => l.facilityCode === f.code)
          .reduce((sum, l) => sum + l.cents, 0);
        return {
          facilityId: f.id,
          code: f.code,
          name: f.name,
          phase: f.phase,
          members: joined.length,
          membersShare: formatPercentNl(shareBasisPoints(joined.length, register.length) ?? 0),
          inhabitants: joinedInhabitants,
          inhabitantsShare: formatPercentNl(shareBasisPoints(joinedInhabitants, totalInhabitants) ?? 0),
          revenueCents,
          costsCents: f.yearlyCostsCents,
          balanceCents: revenueCents - f.yearlyCostsCents,
        };
      }),
    };
  }

  private linesFor(
    m: FacilityMembership,
    f: Facility,
    year: number,
    facts: { inhabitants: number | null; users: number | null },
    memberCode: string,
  ): FacilityChargeLine[] {
    const lines: FacilityChargeLine[] = [];
    const line = (kind: FacilityChargeLine['kind'], cents: number, description: string) => {
      if (cents > 0) lines.push({ facilityCode: f.code, facilityName: f.name, kind, cents, description: `${f.name}: ${description}` });
    };
    // The signed tariff as it stands in this year: a step valid from a year on replaces the yearly part.
    const tariff = tariffIn(m.terms.tariff, year);
    if (Number(m.joinedOn.slice(0, 4)) === year) line('one_off', tariff.oneOffCents, `eenmalige aansluiting (aangesloten op ${formatDateNl(m.joinedOn)})`);
    if (tariff.yearly.kind === 'per_inhabitant' && facts.inhabitants === null) {
      throw DomainError.invalid('year', `no inhabitants recorded on or before ${year}-01-01 for ${memberCode}, which ${f.name} charges per inhabitant`);
    }
    if (tariff.yearly.kind === 'user_bands' && facts.users === null) {
      throw DomainError.invalid('year', `no number of users declared for ${year} or before for ${memberCode} in ${f.name}`);
    }
    const yearly = yearlyAmount(tariff, facts);
    if (yearly) line('yearly', yearly.cents, `jaarbedrag ${year} (${yearly.basis})`);
    if (m.lastDay && Number(m.lastDay.slice(0, 4)) === year)
      line('exit', m.terms.exitCostCents, `kosten van uittreden (lid tot en met ${formatDateNl(m.lastDay)})`);
    return lines;
  }

  private async ownMembership(membershipId: string, account: SignedInStaff): Promise<FacilityMembership> {
    const membership = await this.repository.lockMembership(membershipId);
    if (!membership) throw DomainError.notFound('facility membership', membershipId);
    if (!account.memberId || membership.memberId !== account.memberId)
      throw new DomainError('FORBIDDEN', 'only an official of the member that joined can act on its membership');
    return membership;
  }
}

export { PHASE_NL };
