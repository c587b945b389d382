import { Injectable } from '@nestjs/common';
import { Templates } from '../platform/text/templates';

export interface RenderedMail {
  subject: string;
  text: string;
}

@Injectable()
export class MailTemplates {
  constructor(private readonly templates: Templates) {}

  render(template: string, context: Record<string, unknown>, ballotUrl: string | null): RenderedMail {
    const full = { ...context, ballotUrl };
    return {
      subject: this.templates.render(`mails/${template}.subject`, full).trim(),
      text: this.templates.render(`mails/${template}`, full),
    };
  }
}
