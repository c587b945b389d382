import { existsSync, readdirSync, readFileSync } from 'fs';
import Handlebars from 'handlebars';
import { dirname, join, relative } from 'path';
import { ASSOCIATION } from './association';
import { formatDateNl, formatDateTimeNl, formatEuroCents, formatIntegerNl } from './dutch-format';

/** The project's root (where views/ lives), both from src/ under ts-jest and from dist/src/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.hbs') ? [join(dir, entry.name)] : [],
  );
}

/**
 * Every Handlebars template of views/ (pages, mails, letters), compiled once at start-up in strict
 * mode: a template that names a missing value fails when rendered in tests, not silently at send time.
 * Templates under views/mails/ are plain text and are not HTML-escaped.
 */
export class Templates {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(root = join(projectRoot(), 'views')) {
    const hb = this.handlebars;
    hb.registerHelper('datum', (value: Date | string) => formatDateNl(value));
    hb.registerHelper('datumtijd', (value: Date | string) => formatDateTimeNl(value));
    hb.registerHelper('euro', (cents: number) => formatEuroCents(cents));
    hb.registerHelper('getal', (value: number) => formatIntegerNl(value));
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
    for (const file of walk(root)) {
      const name = relative(root, file)
        .replace(/\\/g, '/')
        .replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      // Mails are plain text: no HTML escaping, so a title with quotes or "&" reads as typed (the HTML
      // part is made from that text, escaped, by MailTemplates). Everything else is HTML and escaped.
      const noEscape = name.startsWith('mails/');
      if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), source);
      else this.compiled.set(name, hb.compile(source, { strict: true, noEscape }));
    }
  }

  render(name: string, context: object): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`no template views/${name}.hbs`);
    return template({ vereniging: ASSOCIATION, ...context });
  }
}
