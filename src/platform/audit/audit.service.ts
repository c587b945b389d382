import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditEvent } from './audit-event.entity';

/** Who did it: a staff account, the holder of a ballot link, or the system itself (worker, demo seed). */
export type Actor = string;

export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** The audit trail: every state change writes one entry in the same transaction as the change. */
@Injectable()
export class AuditService {
  constructor(private readonly tx: Transactions) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.tx
      .manager()
      .getRepository(AuditEvent)
      .insert({ ...entry, details: (entry.details ?? {}) as never });
  }

  async forSubject(subjectType: string, subjectId: string): Promise<AuditEvent[]> {
    return this.tx.manager().find(AuditEvent, { where: { subjectType, subjectId }, order: { id: 'ASC' } });
  }

  /** Newest first; `offset` skips the newest entries of earlier pages. */
  async latest(limit: number, offset = 0): Promise<AuditEvent[]> {
    return this.tx.manager().find(AuditEvent, { order: { id: 'DESC' }, take: limit, skip: offset });
  }

  count(): Promise<number> {
    return this.tx.manager().count(AuditEvent);
  }
}
