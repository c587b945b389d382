import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { stringify } from 'csv-stringify';
import type { Readable } from 'stream';
import { AuditService } from '../platform/audit/audit.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { CreateMemberDto, DepartureDto, ImportMembersDto, InhabitantsDto, UpdateMemberDto } from './dto/member.dto';
import { Member } from './member.entity';
import { parseImport, RefusedRow } from './member-import';
import { ChargeableMember, MemberOnDate, MembersRepository } from './members.repository';

export type { ChargeableMember, MemberOnDate } from './members.repository';

export interface ImportReport {
  referenceDate: string;
  dryRun: boolean;
  added: { line: number; code: string; name: string; inhabitants: number; newMember: boolean }[];
  changed: { line: number; code: string; changes: Record<string, { from: unknown; to: unknown }> }[];
  unchanged: number;
  refused: RefusedRow[];
}

/** The member register (ledenregister): municipalities, their secretaries and inhabitants per reference date. */
@Injectable()
export class MembersService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  listOn(date: string): Promise<MemberOnDate[]> {
    return this.repository.findActiveOn(date);
  }

  /** Who a financial arrangement charges for a year: see MembersRepository.findChargeable. */
  chargeable(membersOn: string, referenceDate: string): Promise<ChargeableMember[]> {
    return this.repository.findChargeable(membersOn, referenceDate);
  }

  /** Members by id, in the order of their names (as the register lists them); unknown ids are left out. */
  listByIds(ids: string[]): Promise<Member[]> {
    return this.repository.findByIds([...new Set(ids)]);
  }

  /** Members by CBS code; unknown codes are left out. */
  listByCodes(codes: string[]): Promise<Member[]> {
    return this.repository.findByCodes(codes);
  }

  async get(id: string): Promise<Member & { inhabitants: { referenceDate: string; inhabitants: number; source: string }[] }> {
    const member = await this.repository.findById(id);
    if (!member) throw DomainError.notFound('member', id);
    const history = await this.repository.historyOf(id);
    return { ...member, inhabitants: history.map(({ referenceDate, inhabitants, source }) => ({ referenceDate, inhabitants, source })) };
  }

  async create(input: CreateMemberDto, actor: string): Promise<Member> {
    return this.tx.run(async () => {
      if (await this.repository.findByCode(input.cbsCode)) {
        throw new DomainError('DUPLICATE', `cbsCode: ${input.cbsCode} is already a member`, [{ field: 'cbsCode', rule: 'must be unique' }]);
      }
      const member = await this.repository.insertMember({
        cbsCode: input.cbsCode,
        name: input.name.trim(),
        province: input.province ?? null,
        secretaryName: input.secretaryName,
        secretaryEmail: input.secretaryEmail.toLowerCase(),
        joinedOn: input.joinedOn,
        leftOn: null,
        mergedIntoId: null,
      });
      await this.repository.upsertCount({ memberId: member.id, ...input.inhabitants });
      await this.audit.record({ actor, action: 'member.created', subjectType: 'member', subjectId: member.id, details: { ...input } });
      return member;
    });
  }

  async update(id: string, changes: UpdateMemberDto, actor: string): Promise<Member> {
    const given = Object.keys(changes).filter((key) => changes[key as keyof UpdateMemberDto] !== undefined);
    if (given.length === 0) throw DomainError.invalid('request body', 'must change at least one of name, province, secretaryName, secretaryEmail');
    return this.tx.run(async () => {
      const member = await this.repository.findById(id);
      if (!member) throw DomainError.notFound('member', id);
      const normalised = { ...changes, ...(changes.secretaryEmail ? { secretaryEmail: changes.secretaryEmail.toLowerCase() } : {}) };
      await this.repository.updateMember(id, normalised);
      await this.audit.record({ actor, action: 'member.updated', subjectType: 'member', subjectId: id, details: { before: member, changes: normalised } });
      return { ...member, ...normalised };
    });
  }

  async recordInhabitants(id: string, count: InhabitantsDto, actor: string): Promise<void> {
    await this.tx.run(async () => {
      if (!(await this.repository.findById(id))) throw DomainError.notFound('member', id);
      await this.repository.upsertCount({ memberId: id, ...count });
      await this.audit.record({ actor, action: 'member.inhabitants_recorded', subjectType: 'member', subjectId: id, details: { ...count } });
    });
  }

  /** A member leaves the association, usually by merging into another municipality (herindeling). */
  async depart(id: string, departure: DepartureDto, actor: string): Promise<Member> {
    return this.tx.run(async () => {
      const member = await this.repository.findById(id);
      if (!member) throw DomainError.notFound('member', id);
      if (member.leftOn) throw new DomainError('NOT_EDITABLE', `member ${member.cbsCode} already left on ${member.leftOn}`);
      if (departure.leftOn <= member.joinedOn) throw DomainError.invalid('leftOn', `must be after joinedOn (${member.joinedOn})`);
      let mergedIntoId: string | null = null;
      if (departure.mergedIntoCode) {
        const into = await this.repository.findByCode(departure.mergedIntoCode);
        if (!into) throw DomainError.invalid('mergedIntoCode', `${departure.mergedIntoCode} is not a member`);
        if (into.id === id) throw DomainError.invalid('mergedIntoCode', 'a member cannot merge into itself');
        mergedIntoId = into.id;
      }
      await this.repository.updateMember(id, { leftOn: departure.leftOn, mergedIntoId });
      await this.audit.record({ actor, action: 'member.departed', subjectType: 'member', subjectId: id, details: { ...departure } });
      return { ...member, leftOn: departure.leftOn, mergedIntoId };
    });
  }

  /**
   * Import inhabitants (and new members) for a reference date. A file imports whole or not at all: one
   * refused line refuses the file (422, naming every refused line and field), nothing is written and
   * nothing audited. A dry run writes nothing and reports, refused lines included.
   */
  async import(input: ImportMembersDto, actor: string): Promise<ImportReport> {
    const dryRun = input.dryRun ?? true;
    const parsed = parseImport(input.csv);
    if (parsed.headerError) throw DomainError.invalid('csv', parsed.headerError.replace(/^csv: /, ''));
    const report = await this.tx.run(async () => {
      const report: ImportReport = { referenceDate: input.referenceDate, dryRun, added: [], changed: [], unchanged: 0, refused: [...parsed.refused] };
      const existing = new Map((await this.repository.findByCodes(parsed.rows.map((r) => r.code))).map((m) => [m.cbsCode, m]));
      const counts = new Map((await this.repository.countsOn(input.referenceDate)).map((c) => [c.memberId, c.inhabitants]));
      for (const row of parsed.rows) {
        const member = existing.get(row.code);
        if (!member) {
          if (!row.secretaryName || !row.secretaryEmail || !isEmail(row.secretaryEmail)) {
            report.refused.push({
              line: row.line,
              code: row.code,
              field: row.secretaryName ? 'secretary_email' : 'secretary_name',
              reason: 'unknown member: a new member needs secretary_name and a valid secretary_email',
            });
            continue;
          }
          report.added.push({ line: row.line, code: row.code, name: row.name, inhabitants: row.inhabitants, newMember: true });
          if (!dryRun) {
            const created = await this.repository.insertMember({
              cbsCode: row.code,
              name: row.name,
              province: row.province,
              secretaryName: row.secretaryName,
              secretaryEmail: row.secretaryEmail.toLowerCase(),
              joinedOn: input.referenceDate,
              leftOn: null,
              mergedIntoId: null,
            });
            await this.repository.upsertCount({ memberId: created.id, referenceDate: input.referenceDate, inhabitants: row.inhabitants, source: input.source });
          }
          continue;
        }
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const previous = counts.get(member.id);
        if (previous !== undefined && previous !== row.inhabitants) changes.inhabitants = { from: previous, to: row.inhabitants };
        if (member.name !== row.name) changes.name = { from: member.name, to: row.name };
        if (previous === undefined) {
          report.added.push({ line: row.line, code: row.code, name: row.name, inhabitants: row.inhabitants, newMember: false });
        } else if (Object.keys(changes).length) {
          report.changed.push({ line: row.line, code: row.code, changes });
        } else {
          report.unchanged++;
          continue;
        }
        if (!dryRun) {
          if (changes.name) await this.repository.updateMember(member.id, { name: row.name });
          await this.repository.upsertCount({ memberId: member.id, referenceDate: input.referenceDate, inhabitants: row.inhabitants, source: input.source });
        }
      }
      report.refused.sort((a, b) => a.line - b.line);
      if (report.refused.length) {
        if (dryRun) return report;
        // Throwing rolls back every row this loop wrote.
        throw new DomainError(
          'IMPORT_REFUSED',
          `csv: ${report.refused.length} refusal(s), nothing imported: ${report.refused.map((r) => `line ${r.line} ${r.field}: ${r.reason}`).join('; ')}`,
          report.refused.map((r) => ({ field: `csv line ${r.line} ${r.field}`, rule: r.reason })),
        );
      }
      if (!dryRun) {
        await this.audit.record({
          actor,
          action: 'members.imported',
          subjectType: 'register',
          subjectId: input.referenceDate,
          details: {
            source: input.source,
            added: report.added.length,
            changed: report.changed.length,
            unchanged: report.unchanged,
            refused: report.refused.length,
          },
        });
      }
      return report;
    });
    return report;
  }

  /** The register on a date as CSV, encoded as it is sent (a stream), not built in memory first. */
  async exportCsv(date: string): Promise<Readable> {
    const members = await this.repository.findActiveOn(date);
    return stringify(
      members.map((m) => [m.cbsCode, m.name, m.inhabitants ?? '', m.inhabitantsReferenceDate ?? '', m.province ?? '', m.secretaryName, m.secretaryEmail]),
      { delimiter: ';', header: true, columns: ['code', 'name', 'inhabitants', 'reference_date', 'province', 'secretary_name', 'secretary_email'] },
    );
  }
}
