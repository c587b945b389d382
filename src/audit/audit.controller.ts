import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can } from '../accounts/staff.guard';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { ApiDoc } from '../platform/http/openapi/api-doc.decorator';
import { Page, pageOf, pageRequest } from '../platform/http/openapi/paging';
import { verifyAuditChain } from '../platform/audit/audit-chain';
import { AuditService } from '../platform/audit/audit.service';
import { AuditEventPage, AuditEventResponse, AuditQueryDto, ChainReportResponse } from './dto/audit.response';

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
  @ApiDoc({ summary: 'Read the audit trail: the newest entries, or every entry about one subject (oldest first)', response: AuditEventPage })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const { subjectType, subjectId } = query;
    if ((subjectType === undefined) !== (subjectId === undefined)) throw DomainError.invalid('subjectId', 'subjectType and subjectId go together');
    const page = pageRequest(query);
    if (subjectType !== undefined && subjectId !== undefined) return pageOf(await this.audit.forSubject(subjectType, subjectId), page);
    return { items: await this.audit.latest(page.size, page.offset), page: page.page, size: page.size, total: await this.audit.count() };
  }

  @Get('verify')
  @Can('audit.read')
  @ApiDoc({
    summary: "Verify the audit trail's hash chain",
    response: ChainReportResponse,
    responseDescription: 'how many entries verified, the first that does not fit, and how many wait to be sealed',
  })
  verify(): Promise<ChainReportResponse> {
    return verifyAuditChain(this.tx.manager());
  }
}
