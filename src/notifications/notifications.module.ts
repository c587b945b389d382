import { Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox.service';
import { MailMessagesRepository } from './mail-messages.repository';
import { MailTemplates } from './mail-templates';

/** Queues mail from any module's command (modules that send mail import it); delivery lives in the worker (MailJobsModule). */
@Module({ providers: [MailOutbox, MailTemplates, MailMessagesRepository], exports: [MailOutbox, MailTemplates] })
export class NotificationsModule {}
