import { Injectable } from '@nestjs/common';
import { AmendmentsService } from '../amendments/amendments.service';
import { BallotsService } from '../ballots/ballots.service';
import { DecisionsService } from '../decisions/decisions.service';
import { ChainReport, verifyAuditChain } from '../platform/audit/audit-chain';
import { AuditEvent } from '../platform/audit/audit-event.entity';
import { Transactions } from '../platform/database/transactions';
import { AuditFilter, AuditTrailRepository, ConsultationSubjects } from './audit-trail.repository';

export type { AuditFilter } from './audit-trail.repository';

/** Reading and checking the audit trail: who did what and when, filtered and paged, and the hash chain verified. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: AuditTrailRepository,
    private readonly ballots: BallotsService,
    private readonly amendments: AmendmentsService,
    private readonly decisions: DecisionsService,
  ) {}

  async search(filter: AuditFilter, page: { size: number; offset: number }): Promise<{ items: AuditEvent[]; total: number }> {
    // A vote's entries are about its ballot, an amendment's about itself: a consultation's trail takes them in.
    const id = filter.consultationId;
    const subjects: ConsultationSubjects[] = id
      ? [
          { types: ['ballot'], ids: await this.ballots.ballotIdsOf(id) },
          { types: ['amendment', 'motion'], ids: await this.amendments.idsOf(id) },
          { types: ['decision'], ids: await this.decisions.idsOf(id) },
        ]
      : [];
    return this.repository.search(filter, page.size, page.offset, subjects);
  }

  kinds(): Promise<{ actions: string[]; subjectTypes: string[] }> {
    return this.repository.kinds();
  }

  /** Recomputes the hash chain (see verifyAuditChain): sealed up to which entry, the first that does not fit, what waits to be sealed. */
  verify(): Promise<ChainReport> {
    return verifyAuditChain(this.tx.manager());
  }
}
