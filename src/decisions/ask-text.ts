/**
 * The asks (verzoeken) of a motion or resolution, read from its text: every bullet line ("-", "•",
 * "*", "1.", "a)") starts an ask, and the lines under it continue it; what comes before the first
 * bullet is the preamble. A text without bullets is one ask. No I/O.
 */
export interface ParsedAsk {
  text: string;
  /** "ALV van 5 juni 2019" when the ask names the assembly it is due for. */
  dueFor: string | null;
}

const BULLET = /^\s*(?:[-•*·–]|\d{1,2}[.)]|[a-z][.)])\s+/;
const DUE_ASSEMBLY = /\b(?:voor|uiterlijk in|in) de ((?:Buitengewone )?(?:B?ALV|ledenvergadering) van \d{1,2} [a-z]+ \d{4})/i;

export function parseAsks(text: string): ParsedAsk[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const asks: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (BULLET.test(line)) {
      if (current) asks.push(current.join(' '));
      current = [line.replace(BULLET, '').trim()];
    } else if (current) {
      if (line.trim() === '') {
        continue;
      }
      current.push(line.trim());
    }
  }
  if (current) asks.push(current.join(' '));
  const found = asks.map((a) => a.replace(/\s+/g, ' ').replace(/[;,]$/, '').trim()).filter((a) => a !== '');
  const all = found.length ? found : [text.replace(/\s+/g, ' ').trim()];
  return all.map((ask) => ({ text: ask, dueFor: DUE_ASSEMBLY.exec(ask)?.[1] ?? null }));
}
