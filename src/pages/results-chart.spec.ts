import { barChartSvg, barText, ChartBar, wrapLabel } from './results-chart';

// 12 + 5 for, 12 against, 1 abstaining: cast 29; 17 / 29 = 58,62%, 12 / 29 = 41,38%.
const BARS: ChartBar[] = [
  { label: 'Voor', kind: 'for', members: 2, weight: 17, share: '58,62%' },
  { label: 'Tegen', kind: 'against', members: 1, weight: 12, share: '41,38%' },
  { label: 'Onthouding', kind: 'abstain', members: 1, weight: 1, share: null },
];

describe('the bar chart of a result', () => {
  it('says every figure of a bar in words', () => {
    expect(BARS.map(barText)).toEqual(['17 gewogen stemmen (2 leden), 58,62%', '12 gewogen stemmen (1 lid), 41,38%', '1 gewogen stem (1 lid), telt niet mee']);
    expect(barText({ label: 'Voor', kind: 'for', members: 0, weight: 0, share: null })).toBe('0 gewogen stemmen (0 leden), geen stemmen uitgebracht');
  });

  it('is one image named by its title and described with every figure', () => {
    const svg = barChartSvg('uitslag-1', 'Gewogen stemmen per keuze bij voorstel 1', BARS);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="uitslag-1-titel" aria-describedby="uitslag-1-beschrijving"/);
    expect(svg).toContain('<title id="uitslag-1-titel">Gewogen stemmen per keuze bij voorstel 1</title>');
    expect(svg).toContain(
      '<desc id="uitslag-1-beschrijving">Voor: 17 gewogen stemmen (2 leden), 58,62%; Tegen: 12 gewogen stemmen (1 lid), 41,38%; Onthouding: 1 gewogen stem (1 lid), telt niet mee.</desc>',
    );
  });

  it('draws the bars on one scale of weighted votes, the largest across the width', () => {
    const widths = [...barChartSvg('c', 'x', BARS).matchAll(/<rect x="1" y="\d+" width="([^"]+)"/g)].map((m) => m[1]);
    // 17 fills 99% of the width; 12 / 17 × 99 = 69,88%; 1 / 17 × 99 = 5,82%
    expect(widths).toEqual(['99.00%', '69.88%', '5.82%']);
    const none = [...barChartSvg('c', 'x', [{ ...BARS[0], weight: 0, members: 0, share: null }]).matchAll(/<rect x="1" y="\d+" width="([^"]+)"/g)];
    expect(none.map((m) => m[1])).toEqual(['2']);
  });

  it('tells the kinds apart by pattern too, not by colour alone', () => {
    const svg = barChartSvg('c', 'x', [
      { label: 'Voorstel bestuur', kind: 'variant', members: 1, weight: 12, share: '60,00%' },
      { label: 'Geamendeerd voorstel', kind: 'variant', members: 1, weight: 6, share: '30,00%' },
      ...BARS.slice(1),
    ]);
    expect([...svg.matchAll(/data-vulling="([^"]+)"/g)].map((m) => m[1])).toEqual(['effen', 'schuine arcering', 'kruisarcering', 'stippen']);
    expect(svg).toContain('fill="url(#c-schuin)"');
    expect(svg).toContain('fill="url(#c-kruis)"');
  });

  it('escapes labels and wraps long ones over lines', () => {
    const svg = barChartSvg('c', 'Motie "Samen sterk" & meer', [{ label: 'A & B <c>', kind: 'for', members: 1, weight: 1, share: '100,00%' }]);
    expect(svg).toContain('<title id="c-titel">Motie &quot;Samen sterk&quot; &amp; meer</title>');
    expect(svg).toContain('>A &amp; B &lt;c&gt;</tspan>');
    expect(wrapLabel('Geamendeerd voorstel Barendrecht, Drechterland c.s. en Horst aan de Maas c.s. (2,9%)')).toEqual([
      'Geamendeerd voorstel Barendrecht,',
      'Drechterland c.s. en Horst aan de',
      'Maas c.s. (2,9%)',
    ]);
    expect(wrapLabel('x'.repeat(40), 36)).toEqual(['x'.repeat(36), 'xxxx']);
    // The figures wrap too, so a large result still fits a phone's width.
    const large = barChartSvg('c', 'x', [{ label: 'Voor', kind: 'for', members: 123, weight: 1234, share: '56,67%' }]);
    expect(large).toMatch(
      /<text font-size="15" fill="#1d1d1b"><tspan x="0" y="\d+">1\.234 gewogen stemmen \(123 leden\),<\/tspan><tspan x="0" y="\d+">56,67%<\/tspan><\/text>/,
    );
  });
});
