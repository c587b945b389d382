import { Injectable } from '@nestjs/common';
import { Templates } from '../text/templates';
import { currentRequest } from './request-context';

export interface PageContext {
  title: string;
  signedIn?: boolean;
  [key: string]: unknown;
}

/** Dutch server-rendered pages: views/pages/<name>.hbs inside views/layouts/page.hbs. */
@Injectable()
export class PageRenderer {
  constructor(private readonly templates: Templates) {}

  render(name: string, context: PageContext): string {
    // Every form carries the browser's form token (see request-context.ts).
    const csrfToken = currentRequest()?.csrfToken ?? '';
    const body = this.templates.render(`pages/${name}`, { ...context, csrfToken });
    return this.templates.render('layouts/page', { signedIn: false, memberOfficial: false, refreshSeconds: null, ...context, csrfToken, body });
  }
}
