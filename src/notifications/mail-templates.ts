import { Injectable } from '@nestjs/common';
import { plainTextToHtml } from '../platform/text/plain-text-html';
import { Templates } from '../platform/text/templates';

export interface RenderedMail {
  subject: string;
  /** The text part, as the template wrote it (not HTML-escaped). */
  text: string;
  /** The HTML part: the same text, escaped, as paragraphs, lists and links in views/layouts/mail.hbs. */
  html: string;
}

/**
 * Every mail is written once, as a plain-text template (views/mails/<name>.hbs and
 * <name>.subject.hbs), and goes out as text and HTML (multipart/alternative): a new mail needs no
 * HTML template of its own.
 */
@Injectable()
export class MailTemplates {
  constructor(private readonly templates: Templates) {}

  render(template: string, context: Record<string, unknown>, ballotUrl: string | null): RenderedMail {
    const full = { ...context, ballotUrl };
    const subject = this.templates.render(`mails/${template}.subject`, full).trim();
    const text = this.templates.render(`mails/${template}`, full);
    const html = this.templates.render('layouts/mail', { subject, body: plainTextToHtml(text) });
    return { subject, text, html };
  }
}
