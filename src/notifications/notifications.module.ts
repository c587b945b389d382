import { Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox.service';
import { MailTemplates } from './mail-templates';

/** Queues mail from any module's command (modules that send mail import it); delivery lives in the worker (MailJobsModule). */
@Module({ providers: [MailOutbox, MailTemplates], exports: [MailOutbox, MailTemplates] })
export class NotificationsModule {}
