import { Injectable } from '@nestjs/common';
import { BallotsService } from '../ballots/ballots.service';
import { ChainReport, verifyAuditChain } from '../platform/audit/audit-chain';
import { AuditEvent } from '../platform/audit/audit-event.entity';
import { Transactions } from '../platform/database/transactions';
import { AuditFilter, AuditTrailRepository } from './audit-trail.repository';

export type { AuditFilter } from './audit-trail.repository';

/** Reading and checking the audit trail: who did what and when, filtered and paged, and the hash chain verified. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: AuditTrailRepository,
    private readonly ballots: BallotsService,
  ) {}

  async search(filter: AuditFilter, page: { size: number; offset: number }): Promise<{ items: AuditEvent[]; total: number }> {
    // A vote's entries are about its ballot: a consultation's trail takes in those of its ballots.
    const ballotIds = filter.consultationId ? await this.ballots.ballotIdsOf(filter.consultationId) : [];
    return this.repository.search(filter, page.size, page.offset, ballotIds);
  }

  kinds(): Promise<{ actions: string[]; subjectTypes: string[] }> {
    return this.repository.kinds();
  }

  /** Recomputes the hash chain (see verifyAuditChain): sealed up to which entry, the first that does not fit, what waits to be sealed. */
  verify(): Promise<ChainReport> {
    return verifyAuditChain(this.tx.manager());
  }
}
