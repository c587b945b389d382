/**
 * The HTML part of a mail, made from its text part: every mail template is written once, as plain
 * text, and this turns the rendered text into simple, accessible HTML. The text is escaped first, so
 * nothing in it (a title with quotes or an ampersand, a name with "<") can become markup.
 *
 * - Blocks separated by an empty line become paragraphs; the line breaks inside a block are kept
 *   (`<br>`), because mails break lines on purpose (address blocks, one figure per line).
 * - Lines starting with "- " become a list (`<ul>`); an indented line right after an item continues it.
 * - http(s) addresses become links; punctuation right after an address stays outside the link.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ADDRESS = /\bhttps?:\/\/[^\s<>"']+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;
const LIST_ITEM = /^\s*[-•]\s+(.*)$/;

/** One line: escaped, with its web addresses as links. */
function inline(line: string): string {
  let html = '';
  let done = 0;
  for (const match of line.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING_PUNCTUATION, '');
    html += escapeHtml(line.slice(done, match.index)) + `<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>`;
    done = match.index + address.length;
  }
  return html + escapeHtml(line.slice(done));
}

function block(lines: string[]): string {
  const parts: string[] = [];
  let paragraph: string[] = [];
  let items: string[][] | null = null;
  const flushParagraph = () => {
    if (paragraph.length) parts.push(`<p>${paragraph.join('<br>\n')}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (items) parts.push(`<ul>\n${items.map((item) => `<li>${item.join('<br>\n')}</li>`).join('\n')}\n</ul>`);
    items = null;
  };
  for (const line of lines) {
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      (items ??= []).push([inline(item[1])]);
    } else if (items && /^\s/.test(line)) {
      items[items.length - 1].push(inline(line.trim()));
    } else {
      flushList();
      paragraph.push(inline(line.trim()));
    }
  }
  flushParagraph();
  flushList();
  return parts.join('\n');
}

/** The text of a mail as the body of its HTML part (paragraphs, lists, links; everything escaped). */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0)
    .map(block)
    .join('\n');
}
