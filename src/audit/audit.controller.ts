import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Can } from '../accounts/staff.guard';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { verifyAuditChain } from '../platform/audit/audit-chain';
import { AuditService } from '../platform/audit/audit.service';

/** The audit trail, read-only, for administrators, the board and auditors. */
@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  @Get()
  @Can('audit.read')
  @ApiQuery({ name: 'subjectType', required: false })
  @ApiQuery({ name: 'subjectId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100 (newest first)' })
  list(@Query('subjectType') subjectType?: string, @Query('subjectId') subjectId?: string, @Query('limit') limit?: string) {
    if ((subjectType === undefined) !== (subjectId === undefined)) throw DomainError.invalid('subjectId', 'subjectType and subjectId go together');
    if (subjectType !== undefined && subjectId !== undefined) return this.audit.forSubject(subjectType, subjectId);
    const take = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(take) || take < 1 || take > 1000) throw DomainError.invalid('limit', 'must be a whole number from 1 to 1000');
    return this.audit.latest(take);
  }

  @Get('verify')
  @Can('audit.read')
  verify() {
    return verifyAuditChain(this.tx.manager());
  }
}
