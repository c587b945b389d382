import { Injectable } from '@nestjs/common';
import { Templates } from '../text/templates';

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
    const body = this.templates.render(`pages/${name}`, context);
    return this.templates.render('layouts/page', { signedIn: false, ...context, body });
  }
}
