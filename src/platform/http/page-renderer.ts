import { Injectable } from '@nestjs/common';
import { Templates } from '../text/templates';
import { navigationFor } from './navigation';
import { currentRequest } from './request-context';

export interface PageContext {
  title: string;
  signedIn?: boolean;
  [key: string]: unknown;
}

/**
 * Dutch server-rendered pages: views/pages/<name>.hbs inside views/layouts/page.hbs. The layout gets
 * the menu of whoever is signed in (read by the guard of the page) and the form token.
 */
@Injectable()
export class PageRenderer {
  constructor(private readonly templates: Templates) {}

  render(name: string, context: PageContext): string {
    const request = currentRequest();
    // Every form carries the browser's form token (see request-context.ts).
    const csrfToken = request?.csrfToken ?? '';
    const viewer = request?.viewer ?? null;
    const body = this.templates.render(`pages/${name}`, { ...context, csrfToken });
    return this.templates.render('layouts/page', {
      refreshSeconds: null,
      ...context,
      signedIn: viewer !== null || context.signedIn === true,
      viewer,
      navigation: navigationFor(viewer?.role, request?.path ?? '/'),
      csrfToken,
      body,
    });
  }
}
