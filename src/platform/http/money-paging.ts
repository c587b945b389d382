/**
 * Long lists on the money pages (a row per member: 355 in 2020) come in pages of `size` rows, so a
 * page stays readable on a phone, where each row becomes a card. `?pagina=` picks the page; anything
 * that is not a page number shows the first, a number past the end the last.
 */
export interface Paging {
  page: number;
  pages: number;
  size: number;
  offset: number;
  total: number;
  /** "Gemeente 51 tot en met 100 van 355", for the table's caption; null when everything fits on one page. */
  rangeNl: string | null;
  previousHref: string | null;
  nextHref: string | null;
}

export const PAGE_SIZE = 50;

export function paging(asked: unknown, total: number, href: (page: number) => string, size = PAGE_SIZE): Paging {
  const pages = Math.max(1, Math.ceil(total / size));
  const wanted = typeof asked === 'string' && /^\d{1,6}$/.test(asked) && Number(asked) > 0 ? Number(asked) : 1;
  const page = Math.min(wanted, pages);
  const offset = (page - 1) * size;
  return {
    page,
    pages,
    size,
    offset,
    total,
    rangeNl: pages > 1 ? `${offset + 1} tot en met ${Math.min(offset + size, total)} van ${total}` : null,
    previousHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pages ? href(page + 1) : null,
  };
}
