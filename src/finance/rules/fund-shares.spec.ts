import { allocateByInhabitants } from './fund-shares';
import { budgetMismatches, BudgetItem, StatedSum } from './budget-check';
import { RuleError } from './exact-decimal';

const FIVE = [
  { cbsCode: 'GM0363', inhabitants: 869709 },
  { cbsCode: 'GM0599', inhabitants: 650459 },
  { cbsCode: 'GM0489', inhabitants: 48654 },
  { cbsCode: 'GM0498', inhabitants: 19775 },
  { cbsCode: 'GM0088', inhabitants: 953 },
];

describe('F1: fund shares by largest remainder', () => {
  it('€ 1,000.00 over five municipalities (1,589,550 inhabitants): three remaining cents, by largest remainder', () => {
    // By hand: 100,000 × n / 1,589,550
    //   Amsterdam 54,714 rest 261,300 (0.164); Rotterdam 40,920 rest 1,514,000 (0.952);
    //   Barendrecht 3,060 rest 1,377,000 (0.866); Drechterland 1,244 rest 99,800 (0.063);
    //   Schiermonnikoog 59 rest 1,516,550 (0.954). Floors add to 99,997: 3 cents remain, to
    //   Schiermonnikoog, Rotterdam and Barendrecht.
    const { shares, remainingCents, denominator } = allocateByInhabitants(100000n, FIVE);
    expect(denominator).toBe(1589550n);
    expect(remainingCents).toBe(3n);
    expect(shares.map((s) => [s.member.cbsCode, s.floorCents, s.remainder, s.shareCents])).toEqual([
      ['GM0363', 54714n, 261300n, 54714n],
      ['GM0599', 40920n, 1514000n, 40921n],
      ['GM0489', 3060n, 1377000n, 3061n],
      ['GM0498', 1244n, 99800n, 1244n],
      ['GM0088', 59n, 1516550n, 60n],
    ]);
    expect(shares.reduce((s, x) => s + x.shareCents, 0n)).toBe(100000n);
  });

  it('equal remainders: the lower CBS code gets the cent', () => {
    // 1 cent over two members of 10 inhabitants: each 0 rest 10; GM0010 before GM0020.
    const { shares } = allocateByInhabitants(1n, [
      { cbsCode: 'GM0020', inhabitants: 10 },
      { cbsCode: 'GM0010', inhabitants: 10 },
    ]);
    expect(shares.map((s) => [s.member.cbsCode, s.shareCents])).toEqual([
      ['GM0020', 0n],
      ['GM0010', 1n],
    ]);
  });

  it('no inhabitants at all is refused', () => {
    expect(() => allocateByInhabitants(100n, [{ cbsCode: 'GM0001', inhabitants: 0 }])).toThrow(RuleError);
  });
});

describe('B1: the 2017 activity list of seed 002 and its slip', () => {
  const euro = (n: number) => BigInt(n) * 100n;
  const structural: [string, number][] = [
    ['Taxatiewijzers WOZ', 1000000],
    ['Digitaal Klantdossier', 611000],
    ['14+Netnummer', 1588000],
    ['Beheer en onderhoud aanpak NUP', 950000],
    ['Realisatie en beheer Gemeentelijke Monitor Sociaal Domein', 193000],
    ['Burgerzakenmodules basisregistratie personen', 350000],
    ['Beheer ISD standaarden en ICT-infrastructuur', 11100000],
    ['Beheer en aanbesteding raamcontracten Sociaal Domein', 250000],
    ['Informatiebeveiligingsdienst IBD', 2000000],
    ['Basisdienstverlening KING', 7500000],
  ];
  const incidental: [string, number][] = [
    ['Operatie BRP', 1000000],
    ['Digitale Agenda', 20260000],
    ['Collectieve I-voorzieningen en dienstverlening', 2000000],
    ['Informatievoorziening Omgevingswet', 1950000],
  ];
  const items: BudgetItem[] = [
    ...structural.map(([name, amount], i) => ({
      line: i + 2,
      name,
      compartment: 'management' as const,
      kind: 'structural' as const,
      year: 2018,
      amountCents: euro(amount),
    })),
    ...incidental.map(([name, amount], i) => ({
      line: i + 13,
      name,
      compartment: 'innovation' as const,
      kind: 'incidental' as const,
      year: 2018,
      amountCents: euro(amount),
    })),
  ];
  const stated: StatedSum[] = [
    { line: 12, label: 'Totaal structureel', scope: { kind: 'structural' }, year: 2018, amountCents: euro(25452000) },
    { line: 17, label: 'Totaal eenmalig', scope: { kind: 'incidental' }, year: 2018, amountCents: euro(25210000) },
    { line: 18, label: 'Totaal 2017', scope: 'total', year: 2018, amountCents: euro(50752000) },
  ];

  it('structural items add to 25,542,000, not the stated 25,452,000: one mismatch of -90,000; the rest is right', () => {
    // 1,000,000 + 611,000 + 1,588,000 + 950,000 + 193,000 + 350,000 + 11,100,000 + 250,000 + 2,000,000 + 7,500,000 = 25,542,000
    // incidental 1,000,000 + 20,260,000 + 2,000,000 + 1,950,000 = 25,210,000; together 50,752,000
    expect(budgetMismatches(items, stated)).toEqual([
      { line: 12, label: 'Totaal structureel', year: 2018, statedCents: euro(25452000), computedCents: euro(25542000), differenceCents: -euro(90000) },
    ]);
  });
});
