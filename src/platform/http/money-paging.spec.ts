import { paging } from './money-paging';

const href = (p: number) => `/lijst?pagina=${p}`;

describe('paging of the long lists on the money pages', () => {
  it('355 members, fifty to a page: eight pages, the last holding five', () => {
    expect(paging(undefined, 355, href)).toMatchObject({
      page: 1,
      pages: 8,
      offset: 0,
      rangeNl: '1 tot en met 50 van 355',
      previousHref: null,
      nextHref: '/lijst?pagina=2',
    });
    expect(paging('8', 355, href)).toMatchObject({
      page: 8,
      offset: 350,
      rangeNl: '351 tot en met 355 van 355',
      previousHref: '/lijst?pagina=7',
      nextHref: null,
    });
  });

  it('a list that fits on one page says no range and links nowhere', () => {
    expect(paging('1', 50, href)).toMatchObject({ page: 1, pages: 1, rangeNl: null, previousHref: null, nextHref: null });
    expect(paging(undefined, 0, href)).toMatchObject({ page: 1, pages: 1, offset: 0, rangeNl: null });
  });

  it('what is not a page number shows the first page; a number past the end the last', () => {
    for (const asked of ['0', '-1', '2.5', 'twee', '', ['2'], '1234567']) expect(paging(asked, 355, href).page).toBe(1);
    expect(paging('99', 355, href)).toMatchObject({ page: 8, offset: 350 });
  });
});
