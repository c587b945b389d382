import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/**
 * The audit trail's writer: every module records its state changes through AuditService, in its own
 * transaction, so the trail is plumbing like the database itself. Reading and verifying it is the
 * audit room's (src/audit/).
 */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
