import { Band, contributionOf, raiseBands, raiseRate, checkBands } from './contribution-rules';
import { formatPercentageNl, formatRateNl, parseEuroRate, parsePercentage, RuleError } from './exact-decimal';

/** The 2024 rates (DOMAIN.md): up to 5,000 € 1.92; 5,000-25,000 € 1.76; 25,000-200,000 € 1.52; 200,000 and more € 0.75. */
const RATES_2024: Band[] = [
  { fromInhabitants: 0, rate: 19200n },
  { fromInhabitants: 5000, rate: 17600n },
  { fromInhabitants: 25000, rate: 15200n },
  { fromInhabitants: 200000, rate: 7500n },
];

const cents = (n: bigint) => n;

describe('exact decimals', () => {
  it('reads euros and percentages without floating point', () => {
    expect(parseEuroRate('rate', '1.92')).toBe(19200n);
    expect(parseEuroRate('rate', '0.7793')).toBe(7793n);
    expect(parsePercentage('value', '3.9')).toBe(390n);
    expect(parsePercentage('value', 2.9)).toBe(290n);
    expect(parsePercentage('value', '-1.25')).toBe(-125n);
  });

  it('refuses too many decimals and text, naming the field', () => {
    expect(() => parseEuroRate('bands[0].ratePerInhabitant', '1.92001')).toThrow(new RuleError('bands[0].ratePerInhabitant', 'has at most 4 decimals'));
    expect(() => parsePercentage('raise', '3,9')).toThrow(RuleError);
    expect(() => parsePercentage('raise', '1e3')).toThrow(RuleError);
  });

  it('writes rates and percentages Dutch style', () => {
    expect(formatRateNl(19900n)).toBe('€ 1,99');
    expect(formatRateNl(19949n)).toBe('€ 1,9949');
    expect(formatRateNl(7500n)).toBe('€ 0,75');
    expect(formatPercentageNl(390n)).toBe('3,9%');
    expect(formatPercentageNl(1000n)).toBe('10%');
  });
});

describe('C3: raising the rates by the adopted percentage', () => {
  it('€ 1.92 + 3.9% = € 1.99488: € 1.99 to the cent (half up or down), € 1.9949 to the hundredth cent', () => {
    expect(raiseRate(19200n, 390n, 'cent_half_up')).toBe(19900n);
    expect(raiseRate(19200n, 390n, 'cent_down')).toBe(19900n);
    expect(raiseRate(19200n, 390n, 'hundredth_cent_half_up')).toBe(19949n);
  });

  it('€ 0.75 + 3.9% = € 0.77925: half up € 0.78, down € 0.77, to the hundredth cent € 0.7793', () => {
    expect(raiseRate(7500n, 390n, 'cent_half_up')).toBe(7800n);
    expect(raiseRate(7500n, 390n, 'cent_down')).toBe(7700n);
    expect(raiseRate(7500n, 390n, 'hundredth_cent_half_up')).toBe(7793n);
  });

  it('the demo 2020 band of 25,000-200,000 (€ 1.28): +3.9% = € 1.32992 -> € 1.33; +2.9% = € 1.31712 -> € 1.32', () => {
    expect(raiseRate(12800n, 390n, 'cent_half_up')).toBe(13300n);
    expect(raiseRate(12800n, 290n, 'cent_half_up')).toBe(13200n);
  });

  it('refuses a raise outside -50%..+50%', () => {
    expect(() => raiseBands(RATES_2024, 5001n, 'cent_half_up')).toThrow(new RuleError('raise', 'a raise must be between -50% and +50%'));
    expect(raiseBands(RATES_2024, -5000n, 'cent_half_up')[0].rate).toBe(9600n);
  });
});

describe('C1, C2, C4: a register of five municipalities under both band settings (2024 rates)', () => {
  // Worked by hand:
  // whole population: each pays its own band's rate on all its inhabitants
  //   Amsterdam 869,709 × 0.75 = 652,281.75; Rotterdam 650,459 × 0.75 = 487,844.25;
  //   Barendrecht 48,654 × 1.52 = 73,954.08; Drechterland 19,775 × 1.76 = 34,804.00;
  //   Schiermonnikoog 953 × 1.92 = 1,829.76
  // per band: 5,000 × 1.92 = 9,600; 20,000 × 1.76 = 35,200; 175,000 × 1.52 = 266,000; then
  //   Amsterdam 669,709 × 0.75 = 502,281.75 -> 9,600 + 35,200 + 266,000 + 502,281.75 = 813,081.75
  //   Rotterdam 450,459 × 0.75 = 337,844.25 -> 648,644.25
  //   Barendrecht 9,600 + 35,200 + 23,654 × 1.52 (= 35,954.08) = 80,754.08
  //   Drechterland 9,600 + 14,775 × 1.76 (= 26,004.00) = 35,604.00
  //   Schiermonnikoog 953 × 1.92 = 1,829.76 (within the first band)
  const cases: [string, number, bigint, bigint][] = [
    ['Amsterdam', 869709, 65228175n, 81308175n],
    ['Rotterdam', 650459, 48784425n, 64864425n],
    ['Barendrecht', 48654, 7395408n, 8075408n],
    ['Drechterland', 19775, 3480400n, 3560400n],
    ['Schiermonnikoog', 953, 182976n, 182976n],
  ];

  it.each(cases)('%s (%i inhabitants): whole population %s cents, per band %s cents', (_, inhabitants, whole, perBand) => {
    expect(contributionOf(RATES_2024, 'whole_population', inhabitants, 'cent_half_up').totalCents).toBe(cents(whole));
    expect(contributionOf(RATES_2024, 'per_band', inhabitants, 'cent_half_up').totalCents).toBe(cents(perBand));
  });

  it('per band shows one line per band, adding up to the total', () => {
    const barendrecht = contributionOf(RATES_2024, 'per_band', 48654, 'cent_half_up');
    expect(barendrecht.lines.map((l) => [l.fromInhabitants, l.toInhabitants, l.inhabitants, l.amountCents])).toEqual([
      [0, 5000, 5000, 960000n],
      [5000, 25000, 20000, 3520000n],
      [25000, 200000, 23654, 3595408n],
    ]);
  });

  it('C1: exactly 5,000 inhabitants is in the band that starts at 5,000 (5,000 × 1.76 = 8,800.00)', () => {
    expect(contributionOf(RATES_2024, 'whole_population', 5000, 'cent_half_up').totalCents).toBe(880000n);
    expect(contributionOf(RATES_2024, 'whole_population', 4999, 'cent_half_up').totalCents).toBe(959808n); // 4,999 × 1.92 = 9,598.08
  });

  it('C4: with a four-decimal rate, each line is rounded by the amount rule: 953 × € 1.9949 = € 1,901.1397', () => {
    const bands = [{ fromInhabitants: 0, rate: 19949n }];
    expect(contributionOf(bands, 'whole_population', 953, 'cent_half_up').totalCents).toBe(190114n);
    expect(contributionOf(bands, 'whole_population', 953, 'cent_down').totalCents).toBe(190113n);
  });

  it('C1/C5: a band table must start at 0, increase, and have rates above € 0 up to € 100', () => {
    expect(() => checkBands('bands', [{ fromInhabitants: 5, rate: 100n }])).toThrow(
      new RuleError('bands[0].fromInhabitants', 'the first band starts at 0 inhabitants'),
    );
    expect(() =>
      checkBands('bands', [
        { fromInhabitants: 0, rate: 100n },
        { fromInhabitants: 0, rate: 100n },
      ]),
    ).toThrow(new RuleError('bands[1].fromInhabitants', 'bands must start at increasing numbers of inhabitants'));
    expect(() => checkBands('bands', [{ fromInhabitants: 0, rate: -1n }])).toThrow(
      new RuleError('bands[0].ratePerInhabitant', 'must be more than € 0 and at most € 100 per inhabitant'),
    );
    expect(() => checkBands('bands', [{ fromInhabitants: 0, rate: 1_000_001n }])).toThrow(RuleError);
  });
});

describe("Barendrecht's 2021 contribution (48,654 inhabitants) from the demo 2020 rates", () => {
  // Demo 2020 rates (an example, labelled so): 1.61 / 1.48 / 1.28 / 0.63, whole population.
  const demo2020: Band[] = [
    { fromInhabitants: 0, rate: 16100n },
    { fromInhabitants: 5000, rate: 14800n },
    { fromInhabitants: 25000, rate: 12800n },
    { fromInhabitants: 200000, rate: 6300n },
  ];
  it('at +3.9%: rate € 1.33, 48,654 × 1.33 = € 64,709.82', () => {
    const bands = raiseBands(demo2020, 390n, 'cent_half_up');
    expect(bands.map((b) => b.rate)).toEqual([16700n, 15400n, 13300n, 6500n]); // 1.67279, 1.53772, 1.32992, 0.65457
    expect(contributionOf(bands, 'whole_population', 48654, 'cent_half_up').totalCents).toBe(6470982n);
  });
  it('at +2.9%: rate € 1.32, 48,654 × 1.32 = € 64,223.28', () => {
    const bands = raiseBands(demo2020, 290n, 'cent_half_up');
    expect(bands.map((b) => b.rate)).toEqual([16600n, 15200n, 13200n, 6500n]); // 1.65669, 1.52292, 1.31712, 0.64827
    expect(contributionOf(bands, 'whole_population', 48654, 'cent_half_up').totalCents).toBe(6422328n);
  });
});
