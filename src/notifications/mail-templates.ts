import { Injectable } from '@nestjs/common';
import { Templates } from '../platform/text/templates';

/** The association's address block, on every letter and mail. */
export const ASSOCIATION = {
  naam: 'Vereniging van Nederlandse Gemeenten',
  postadres: 'Postbus 30435, 2500 GK Den Haag',
  bezoekadres: 'Nassaulaan 12, 2514 JS Den Haag',
  telefoon: '070 373 83 93',
  website: 'www.vng.nl',
};

export interface RenderedMail {
  subject: string;
  text: string;
}

@Injectable()
export class MailTemplates {
  constructor(private readonly templates: Templates) {}

  render(template: string, context: Record<string, unknown>, ballotUrl: string | null): RenderedMail {
    const full = { ...context, ballotUrl, vereniging: ASSOCIATION };
    return {
      subject: this.templates.render(`mails/${template}.subject`, full).trim(),
      text: this.templates.render(`mails/${template}`, full),
    };
  }
}
