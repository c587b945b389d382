import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { AuditEvent } from '../platform/audit/audit-event.entity';
import { Transactions } from '../platform/database/transactions';

/** What the audit trail can be narrowed to; every part is optional and they combine with AND. */
export interface AuditFilter {
  /** Exactly this action, e.g. `members.imported`. */
  action?: string;
  /** Actors whose text contains this (an e-mail address, a CBS code, `system`), case-insensitively. */
  actor?: string;
  subjectType?: string;
  subjectId?: string;
  /**
   * The consultation itself, every entry that names it in its details (its proposals) and the entries
   * of its ballots, amendments, motions and decisions, which name only their own subject: the service
   * adds those subjects (ConsultationSubjects).
   */
  consultationId?: string;
  /** From this instant (inclusive). */
  from?: Date;
  /** Before this instant (exclusive). */
  until?: Date;
}

/** Subjects of a consultation's entries that do not name it: the ids of its ballots, amendments and decisions, by subject type. */
export interface ConsultationSubjects {
  types: string[];
  ids: string[];
}

/** `%`, `_` and `\` typed by a person are searched for, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reads of the audit trail (audit_event) for the people who check it; the trail's writer is platform/audit. */
@Injectable()
export class AuditTrailRepository {
  constructor(private readonly tx: Transactions) {}

  /** One page of the entries that match, newest first, and how many match in all: both in SQL. */
  async search(filter: AuditFilter, limit: number, offset: number, subjects: ConsultationSubjects[] = []): Promise<{ items: AuditEvent[]; total: number }> {
    const query = this.tx.manager().createQueryBuilder(AuditEvent, 'a');
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.actor) query.andWhere(`a.actor ILIKE :actor ESCAPE '\\'`, { actor: likePattern(filter.actor) });
    if (filter.subjectType) query.andWhere('a.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) query.andWhere('a.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.consultationId) {
      query.andWhere(
        new Brackets((q) => {
          q.where(`a.subject_type = 'consultation' AND a.subject_id = :consultationId`, { consultationId: filter.consultationId }).orWhere(
            `a.details ->> 'consultationId' = :consultationId`,
          );
          subjects.forEach(({ types, ids }, i) =>
            q.orWhere(`a.subject_type = ANY (:types${i}) AND a.subject_id = ANY (:ids${i})`, { [`types${i}`]: types, [`ids${i}`]: ids }),
          );
        }),
      );
    }
    if (filter.from) query.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.until) query.andWhere('a.occurred_at < :until', { until: filter.until });
    const [items, total] = await query.orderBy('a.id', 'DESC').take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  /** The actions and subject kinds that occur in the trail, for the filter's choices. */
  async kinds(): Promise<{ actions: string[]; subjectTypes: string[] }> {
    const m = this.tx.manager();
    const actions: { action: string }[] = await m.query(`SELECT DISTINCT action FROM audit_event ORDER BY action`);
    const types: { subject_type: string }[] = await m.query(`SELECT DISTINCT subject_type FROM audit_event ORDER BY subject_type`);
    return { actions: actions.map((r) => r.action), subjectTypes: types.map((r) => r.subject_type) };
  }
}
