/**
 * Reading what an uncompressed PDF of the platform (pdfkit, standard fonts) shows, page by page,
 * without a PDF library: the page objects in the order of the page tree, each page's content stream,
 * and the hex strings of its TJ operators decoded as WinAnsi (the euro sign is 0x80 there).
 */
function objects(pdf: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const m of pdf.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) found.set(Number(m[1]), m[2]);
  return found;
}

function decode(hex: string): string {
  return Array.from(Buffer.from(hex, 'hex'), (b) => (b === 0x80 ? '€' : String.fromCharCode(b))).join('');
}

/** The text of one content stream: one entry per TJ line, joined with spaces. */
export function streamText(stream: string): string {
  return stream
    .split('\n')
    .filter((line) => / TJ$/.test(line))
    .map((line) => [...line.matchAll(/<([0-9a-f]*)>/g)].map((m) => decode(m[1])).join(''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of every page, in page order. */
export function pdfPages(bytes: Buffer): string[] {
  const pdf = bytes.toString('latin1');
  const all = objects(pdf);
  const tree = [...all.values()].find((o) => /\/Type \/Pages\b/.test(o));
  if (!tree) throw new Error('no page tree');
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(tree)![1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((kid) => {
    const page = all.get(kid)!;
    const contents = [...(/\/Contents (\d+) 0 R/.exec(page) ?? [])].slice(1).map(Number);
    return contents.map((id) => streamText(/stream\n([\s\S]*)\nendstream/.exec(all.get(id) ?? '')?.[1] ?? '')).join(' ');
  });
}

/** The text of the whole PDF. */
export function pdfText(bytes: Buffer): string {
  return pdfPages(bytes).join(' ');
}
