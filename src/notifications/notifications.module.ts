import { Global, Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox.service';
import { MailTemplates } from './mail-templates';

/** Queues mail from any module's command (global); delivery lives in the worker (MailJobsModule). */
@Global()
@Module({ providers: [MailOutbox, MailTemplates], exports: [MailOutbox, MailTemplates] })
export class NotificationsModule {}
