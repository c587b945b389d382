import {
  breakEvenTariff,
  creditNotesOnDissolution,
  distribute,
  formatBasisPoints,
  formatTariff,
  indexAmount,
  lineAmountCents,
  memberCharge,
  percentageToBasisPoints,
  splitInstalments,
  TariffLine,
} from './subscription-money';

// The 2018 tariffs of member letter U201700258: AKJ 44 ct, Kindertelefoon 23 ct, Sensoor 25 ct.
const AKJ: TariffLine = { providerCode: 'akj', providerName: 'Stichting AKJ', service: 'Vertrouwenswerk Jeugd', tariffHundredthsOfCent: 4400 };
const KT: TariffLine = { providerCode: 'kindertelefoon', providerName: 'Stichting De Kindertelefoon', service: 'Kindertelefoon', tariffHundredthsOfCent: 2300 };
const SENSOOR: TariffLine = { providerCode: 'sensoor', providerName: 'Stichting Sensoor', service: 'Luisterend Oor', tariffHundredthsOfCent: 2500 };
const member = (inhabitants: number, variant: 'full' | 'reduced' = 'full') => ({
  memberId: 'm',
  cbsCode: 'GM9001',
  memberName: 'Testgemeente',
  inhabitants,
  variant,
});

describe('the subscription money rules', () => {
  it('a municipality of 50,000 inhabitants with all three providers pays 92 ct × 50,000 = € 46,000.00 for 2018, in two equal instalments', () => {
    const charge = memberCharge(member(50_000), 2018, [AKJ, KT, SENSOOR]);
    // 44 ct × 50,000 = € 22,000.00; 23 ct × 50,000 = € 11,500.00; 25 ct × 50,000 = € 12,500.00
    expect(charge.lines.map((l) => l.amountCents)).toEqual([2_200_000, 1_150_000, 1_250_000]);
    expect(charge.totalCents).toBe(4_600_000);
    expect(charge.instalmentsCents).toEqual([2_300_000, 2_300_000]);
    expect(charge.lines[0].description).toBe('Stichting AKJ (Vertrouwenswerk Jeugd) 2018: 50.000 inwoners × € 0,44');
  });

  it('one without Sensoor pays 67 ct × 50,000 = € 33,500.00', () => {
    const charge = memberCharge(member(50_000, 'reduced'), 2018, [AKJ, KT]);
    expect(charge.totalCents).toBe(3_350_000);
    expect(charge.instalmentsCents).toEqual([1_675_000, 1_675_000]);
  });

  it('an odd total: the second instalment takes the extra cent, and the two add up exactly', () => {
    // 67 ct × 50,001 = 3,350,067 ct: 1,675,033 + 1,675,034
    const charge = memberCharge(member(50_001, 'reduced'), 2018, [AKJ, KT]);
    expect(charge.totalCents).toBe(3_350_067);
    expect(charge.instalmentsCents).toEqual([1_675_033, 1_675_034]);
    expect(splitInstalments(100, 3)).toEqual([33, 33, 34]);
    expect(splitInstalments(-3_350_067)).toEqual([-1_675_033, -1_675_034]);
  });

  it("Tilburg's € 196,700 a year at 92 ct (DOMAIN.md, rounded) means about 213,804 inhabitants: € 196,699.68", () => {
    // DOMAIN.md rounds to € 196,700; 92 × 213,804 = 19,669,968 ct.
    expect(memberCharge(member(213_804), 2018, [AKJ, KT, SENSOOR]).totalCents).toBe(19_669_968);
  });

  it('LINE_ROUNDING: a line with a fractional tariff rounds half up to a whole cent', () => {
    expect(lineAmountCents(3, 4450)).toBe(134); // 3 × 44,50 ct = 133,5 ct -> 134
    expect(lineAmountCents(1, 4449)).toBe(44); // 44,49 ct -> 44
  });

  it('INDEXATION_ROUNDING: 2,25% on 44 ct gives 44,99 ct; -0,50% on 23 ct gives 22,89 ct (22,885 rounds up)', () => {
    expect(indexAmount(4400, 225)).toBe(4499);
    expect(indexAmount(2300, -50)).toBe(2289);
    expect(indexAmount(750_000_000, 225)).toBe(766_875_000); // € 7.5 m + 2,25% = € 7,668,750.00
    expect(() => indexAmount(4400, -10_000)).toThrow(RangeError);
  });

  it('percentages are read exactly, without floating point', () => {
    expect(percentageToBasisPoints(2.25)).toBe(225);
    expect(percentageToBasisPoints(-0.5)).toBe(-50);
    expect(percentageToBasisPoints(3)).toBe(300);
    expect(() => percentageToBasisPoints(1.234)).toThrow(RangeError);
    expect(formatBasisPoints(-50)).toBe('-0,50%');
    expect(formatTariff(4499)).toBe('€ 0,4499');
    expect(formatTariff(9200)).toBe('€ 0,92');
  });

  it('BREAK_EVEN_ROUNDING: the budget over the inhabitants that take the provider, rounded up to 0,01 ct', () => {
    // € 7.5 m over the 17,427,806 inhabitants of 2020: 43,0346… ct -> 43,04 ct
    expect(breakEvenTariff(750_000_000, 17_427_806)).toBe(4304);
    // € 237,500 over 450,000 inhabitants: 52,777… ct -> 52,78 ct
    expect(breakEvenTariff(23_750_000, 450_000)).toBe(5278);
    expect(breakEvenTariff(44_000_000, 1_000_000)).toBe(4400);
    expect(breakEvenTariff(1, 0)).toBeNull();
  });

  it('OFFICE_SHARE_ROUNDING: the office cost of € 500 is taken from the providers in proportion, and adds up exactly', () => {
    // 50,000 × 2,200,000 / 4,600,000 = 23,913.04; × 1,150,000 = 12,500; × 1,250,000 = 13,586.96
    // floors add up to 49,999: the one cent left goes to the largest remainder (Sensoor, .96)
    const report = distribute(
      [
        { providerCode: 'akj', collectedCents: 2_200_000 },
        { providerCode: 'kindertelefoon', collectedCents: 1_150_000 },
        { providerCode: 'sensoor', collectedCents: 1_250_000 },
      ],
      50_000,
    );
    expect(report.map((r) => r.officeShareCents)).toEqual([23_913, 12_500, 13_587]);
    expect(report.map((r) => r.payableCents)).toEqual([2_176_087, 1_137_500, 1_236_413]);
    expect(report.reduce((s, r) => s + r.payableCents + r.officeShareCents, 0)).toBe(4_600_000);
  });

  it('the office takes nothing when nothing was collected, and never more than was collected', () => {
    expect(distribute([{ providerCode: 'akj', collectedCents: 0 }], 50_000)).toEqual([
      { providerCode: 'akj', collectedCents: 0, officeShareCents: 0, payableCents: 0 },
    ]);
    expect(distribute([{ providerCode: 'akj', collectedCents: 100 }], 50_000)[0]).toMatchObject({ officeShareCents: 100, payableCents: 0 });
  });

  it('a dissolution credits every invoice exactly: each line and each instalment negated', () => {
    const full = memberCharge(member(50_000), 2018, [AKJ, KT, SENSOOR]);
    const reduced = memberCharge(member(50_001, 'reduced'), 2018, [AKJ, KT]);
    const credits = creditNotesOnDissolution(
      [
        { invoiceId: 'F-1', memberId: 'a', lines: full.lines, instalmentsCents: full.instalmentsCents },
        { invoiceId: 'F-2', memberId: 'b', lines: reduced.lines, instalmentsCents: reduced.instalmentsCents },
      ],
      '2017-06-02',
    );
    expect(credits.map((c) => c.totalCents)).toEqual([-4_600_000, -3_350_067]);
    expect(credits[1].instalmentsCents).toEqual([-1_675_033, -1_675_034]);
    expect(credits[0].lines.map((l) => l.amountCents)).toEqual([-2_200_000, -1_150_000, -1_250_000]);
    expect(credits[0].lines[0].description).toBe(
      'Creditering wegens ontbinding per 2017-06-02: Stichting AKJ (Vertrouwenswerk Jeugd) 2018: 50.000 inwoners × € 0,44',
    );
  });
});
