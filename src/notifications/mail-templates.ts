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
    const { subject, text } = this.textOf(template, context, ballotUrl);
    const html = this.templates.render('layouts/mail', { subject, body: plainTextToHtml(text) });
    return { subject, text, html };
  }

  /**
   * Renders subject and text only, to fail a command whose mail template breaks (the HTML part is made
   * from that text by code, not by a template of the mail's own): a third less work per mail when a
   * vote opens for every member in one transaction.
   */
  check(template: string, context: Record<string, unknown>, ballotUrl: string | null): void {
    this.textOf(template, context, ballotUrl);
  }

  private textOf(template: string, context: Record<string, unknown>, ballotUrl: string | null): { subject: string; text: string } {
    const full = { ...context, ballotUrl };
    return { subject: this.templates.render(`mails/${template}.subject`, full).trim(), text: this.templates.render(`mails/${template}`, full) };
  }
}
