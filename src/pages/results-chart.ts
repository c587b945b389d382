import { escapeHtml } from '../platform/text/plain-text-html';
import { formatIntegerNl } from '../platform/text/dutch-format';

/** One bar: a choice of a proposal with its weighted votes (and share of the votes cast; null for abstentions). */
export interface ChartBar {
  label: string;
  kind: string;
  members: number;
  weight: number;
  /** "58,62%", or null when the choice is outside the base (abstain) or nothing was cast. */
  share: string | null;
}

/**
 * A horizontal bar chart of the weighted votes per choice, made on the server as inline SVG (no
 * script, prints as it shows). Readable without colour: every bar carries its choice, weighted votes,
 * members and share as text, and the kinds differ by pattern as well as colour (solid, hatched,
 * cross-hatched, dotted) with a dark outline. The SVG is one image to assistive technology: its
 * <title> names it and its <desc> gives every figure, and the same figures are in a table beside it.
 *
 * No viewBox: the SVG is as wide as its box and the bars are percentages of that width, so the text
 * keeps its size on a phone instead of shrinking with the drawing. Long labels and figures wrap over lines.
 * Bar lengths are weighted votes on one scale (the largest choice fills the width); abstentions are
 * drawn on the same scale, and their text says they are not counted in the shares.
 */
const LINE = 20;
const VALUE_LINE = 20;
const BAR = 22;
const GAP = 16;
const WRAP_AT = 36;
const INK = '#1d1d1b';

interface Fill {
  /** The pattern's id suffix; null: a solid fill. */
  pattern: string | null;
  colour: string;
  /** How the pattern reads in words (kept in the SVG for anyone reading its source or a print). */
  name: string;
}

const BLUE = '#003f7d';
const RED = '#a4001d';
const GREY = '#6b6b6b';

/** Solid, hatched, cross-hatched, dotted: the kinds differ by pattern, not by colour alone. */
function fillsFor(bars: ChartBar[]): Fill[] {
  let variants = 0;
  return bars.map((bar) => {
    if (bar.kind === 'against') return { pattern: 'kruis', colour: RED, name: 'kruisarcering' };
    if (bar.kind === 'abstain') return { pattern: 'stip', colour: GREY, name: 'stippen' };
    // for, and the variants in turn: solid, hatched, vertical lines, …
    const styles: Fill[] = [
      { pattern: null, colour: BLUE, name: 'effen' },
      { pattern: 'schuin', colour: BLUE, name: 'schuine arcering' },
      { pattern: 'recht', colour: BLUE, name: 'verticale arcering' },
    ];
    return styles[variants++ % styles.length];
  });
}

function patternDefs(id: string): string {
  return [
    `<pattern id="${id}-schuin" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
    `<rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="${BLUE}"/></pattern>`,
    `<pattern id="${id}-recht" width="6" height="6" patternUnits="userSpaceOnUse">`,
    `<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${BLUE}"/></pattern>`,
    `<pattern id="${id}-kruis" width="8" height="8" patternUnits="userSpaceOnUse">`,
    `<rect width="8" height="8" fill="#ffffff"/><path d="M0 0L8 8M8 0L0 8" stroke="${RED}" stroke-width="2"/></pattern>`,
    `<pattern id="${id}-stip" width="6" height="6" patternUnits="userSpaceOnUse">`,
    `<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="${GREY}"/></pattern>`,
  ].join('');
}

/** Words over lines of at most `width` characters; a word longer than that is cut. */
export function wrapLabel(label: string, width = WRAP_AT): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length; rest = rest.slice(width)) {
      const piece = rest.slice(0, width);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** What a bar says in words: "17 gewogen stemmen (3 leden), 58,62%". */
export function barText(bar: ChartBar): string {
  const votes = `${formatIntegerNl(bar.weight)} ${bar.weight === 1 ? 'gewogen stem' : 'gewogen stemmen'}`;
  const members = `${formatIntegerNl(bar.members)} ${bar.members === 1 ? 'lid' : 'leden'}`;
  const share = bar.share ?? (bar.kind === 'abstain' ? 'telt niet mee' : 'geen stemmen uitgebracht');
  return `${votes} (${members}), ${share}`;
}

/**
 * The chart of one proposal. `id` must be unique on the page (it prefixes the ids of the title,
 * description and patterns); `title` is the chart's accessible name.
 */
export function barChartSvg(id: string, title: string, bars: ChartBar[]): string {
  const fills = fillsFor(bars);
  const largest = Math.max(0, ...bars.map((b) => b.weight));
  let y = 4;
  const rows = bars.map((bar, i) => {
    const fill = fills[i];
    const labelLines = wrapLabel(bar.label);
    const label = labelLines.map((line, n) => `<tspan x="0" y="${y + 15 + n * LINE}">${escapeHtml(line)}</tspan>`).join('');
    y += labelLines.length * LINE;
    const valueLines = wrapLabel(barText(bar));
    const value = valueLines.map((line, n) => `<tspan x="0" y="${y + 15 + n * VALUE_LINE}">${escapeHtml(line)}</tspan>`).join('');
    y += valueLines.length * VALUE_LINE + 2;
    // Percent of the width; a choice without votes gets a 2 px stub so the row still shows a bar.
    const width = largest > 0 && bar.weight > 0 ? `${Math.max(0.5, (bar.weight / largest) * 99).toFixed(2)}%` : '2';
    const paint = fill.pattern ? `url(#${id}-${fill.pattern})` : fill.colour;
    const row = [
      `<g data-keuze="${escapeHtml(bar.label)}" data-vulling="${fill.name}">`,
      `<text font-size="15" font-weight="700" fill="${INK}">${label}</text>`,
      `<text font-size="15" fill="${INK}">${value}</text>`,
      `<rect x="1" y="${y}" width="${width}" height="${BAR}" fill="${paint}" stroke="${INK}" stroke-width="1.5"/>`,
      `</g>`,
    ].join('');
    y += BAR + GAP;
    return row;
  });
  const description = bars.map((bar) => `${bar.label}: ${barText(bar)}`).join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart results-chart" width="100%" height="${y}" role="img"`,
    ` aria-labelledby="${id}-titel" aria-describedby="${id}-beschrijving" focusable="false">`,
    `<title id="${id}-titel">${escapeHtml(title)}</title>`,
    `<desc id="${id}-beschrijving">${escapeHtml(description)}.</desc>`,
    `<defs>${patternDefs(id)}</defs>`,
    ...rows,
    `</svg>`,
  ].join('');
}
