import { EXAMPLE_BRACKET_TABLE, integerSquareRoot, Rounding, schemeErrors, weightOf, WeightingScheme } from './weighting-scheme';

const exampleTable: WeightingScheme = { kind: 'brackets', brackets: EXAMPLE_BRACKET_TABLE };
const linear = (rounding: Rounding, inhabitantsPerVote = 10_000, minimumWeight = 1): WeightingScheme => ({
  kind: 'linear',
  inhabitantsPerVote,
  rounding,
  minimumWeight,
});
const root = (rounding: 'down' | 'nearest', minimumWeight = 1): WeightingScheme => ({ kind: 'square_root', rounding, minimumWeight });

describe('weighting schemes (stemgewicht)', () => {
  describe('the example bracket table of the demo', () => {
    it('gives 1 vote up to 4,999 inhabitants and 2 from 5,000', () => {
      expect(weightOf(exampleTable, 0)).toBe(1);
      expect(weightOf(exampleTable, 953)).toBe(1); // Schiermonnikoog
      expect(weightOf(exampleTable, 4_999)).toBe(1);
      expect(weightOf(exampleTable, 5_000)).toBe(2);
    });

    it('changes weight exactly at every bracket boundary', () => {
      const boundaries: [number, number, number][] = [
        [10_000, 2, 3],
        [20_000, 3, 4],
        [30_000, 4, 5],
        [50_000, 5, 6],
        [100_000, 6, 8],
        [200_000, 8, 10],
        [400_000, 10, 12],
      ];
      for (const [from, below, at] of boundaries) {
        expect([weightOf(exampleTable, from - 1), weightOf(exampleTable, from)]).toEqual([below, at]);
      }
    });

    it('weighs municipalities of the 2020 reference scenario', () => {
      expect(weightOf(exampleTable, 19_775)).toBe(3); // Drechterland: 10,000 ≤ n < 20,000
      expect(weightOf(exampleTable, 48_654)).toBe(5); // Barendrecht: 30,000 ≤ n < 50,000
      expect(weightOf(exampleTable, 231_112)).toBe(10); // Groningen: 200,000 ≤ n < 400,000
      expect(weightOf(exampleTable, 869_709)).toBe(12); // Amsterdam: the top bracket
      expect(weightOf(exampleTable, Number.MAX_SAFE_INTEGER)).toBe(12);
    });

    it('is itself a valid scheme', () => {
      expect(schemeErrors(exampleTable)).toEqual([]);
    });
  });

  it('one member one vote gives every member 1, even with 0 inhabitants', () => {
    for (const n of [0, 953, 869_709]) expect(weightOf({ kind: 'one_member_one_vote' }, n)).toBe(1);
  });

  describe('linear, one vote per 10,000 inhabitants', () => {
    it('up: one vote per started block', () => {
      expect(weightOf(linear('up'), 48_654)).toBe(5); // 4.8654 -> 5
      expect(weightOf(linear('up'), 50_000)).toBe(5); // exactly 5 blocks
      expect(weightOf(linear('up'), 50_001)).toBe(6);
    });

    it('down: one vote per full block', () => {
      expect(weightOf(linear('down'), 48_654)).toBe(4);
      expect(weightOf(linear('down'), 49_999)).toBe(4);
      expect(weightOf(linear('down'), 50_000)).toBe(5);
    });

    it('half_up: the nearest whole number, half a block goes up', () => {
      expect(weightOf(linear('half_up'), 44_999)).toBe(4); // 4.4999
      expect(weightOf(linear('half_up'), 45_000)).toBe(5); // 4.5 exactly
      expect(weightOf(linear('half_up'), 48_654)).toBe(5);
      expect(weightOf(linear('half_up', 3), 4)).toBe(1); // 1.33…
      expect(weightOf(linear('half_up', 3), 5)).toBe(2); // 1.66…
    });

    it('never goes below the minimum weight', () => {
      expect(weightOf(linear('down'), 953)).toBe(1); // 0.0953 -> 0 -> minimum 1
      expect(weightOf(linear('down', 10_000, 0), 953)).toBe(0);
      expect(weightOf(linear('up', 10_000, 3), 15_000)).toBe(3); // 2 < minimum 3
    });

    it('is exact with integer arithmetic at the top of the safe range', () => {
      // 2^53 − 1 = 9007199254740991 = 3 × 3002399751580330 + 1
      expect(weightOf(linear('down', 3), Number.MAX_SAFE_INTEGER)).toBe(3_002_399_751_580_330);
      expect(weightOf(linear('up', 3), Number.MAX_SAFE_INTEGER)).toBe(3_002_399_751_580_331);
      expect(weightOf(linear('half_up', 2), Number.MAX_SAFE_INTEGER)).toBe(4_503_599_627_370_496); // …495.5 goes up
      // 2^53 − 1 = 7 × 1286742750677284 + 3: 3/7 is under one half, so half_up goes down
      expect(weightOf(linear('half_up', 7), Number.MAX_SAFE_INTEGER)).toBe(1_286_742_750_677_284);
      expect(weightOf(linear('up', 7), Number.MAX_SAFE_INTEGER - 3)).toBe(1_286_742_750_677_284); // a whole number of blocks
      expect(weightOf(linear('up', 7), Number.MAX_SAFE_INTEGER - 2)).toBe(1_286_742_750_677_285);
    });
  });

  describe('square root (Penrose)', () => {
    it('takes the exact root of perfect squares, also the largest below 2^53', () => {
      expect(weightOf(root('down'), 10_000)).toBe(100);
      expect(weightOf(root('nearest'), 10_000)).toBe(100);
      expect(integerSquareRoot(0)).toBe(0);
      expect(integerSquareRoot(1)).toBe(1);
      expect(integerSquareRoot(3)).toBe(1);
      expect(integerSquareRoot(4)).toBe(2);
      // 94906265² = 9007199136250225 is the largest perfect square that is a safe integer
      expect(integerSquareRoot(9_007_199_136_250_225)).toBe(94_906_265);
      expect(integerSquareRoot(9_007_199_136_250_224)).toBe(94_906_264); // Math.sqrt rounds this up to 94906265
      expect(integerSquareRoot(9_007_198_946_437_695)).toBe(94_906_263); // 94906264² − 1, same trap
      expect(integerSquareRoot(Number.MAX_SAFE_INTEGER)).toBe(94_906_265);
      // 67108863² = 4503599493152769 = 2^52 − 2^27 + 1
      expect(integerSquareRoot(4_503_599_493_152_769)).toBe(67_108_863);
      expect(integerSquareRoot(4_503_599_493_152_768)).toBe(67_108_862);
    });

    it('nearest: r² + r rounds down, r² + r + 1 rounds up', () => {
      // r = 100: 10100 = 100.4987…², 10101 = 100.5037…²
      expect(weightOf(root('nearest'), 10_100)).toBe(100);
      expect(weightOf(root('nearest'), 10_101)).toBe(101);
      expect(weightOf(root('down'), 10_101)).toBe(100);
      expect(weightOf(root('down'), 10_200)).toBe(100); // 101² − 1
      // r = 94906264, the largest r with r² + r + 1 a safe integer
      // Math.sqrt(r² + r) is 94906264.5 in floating point, so Math.round would wrongly give r + 1
      expect(weightOf(root('nearest'), 9_007_199_041_343_960)).toBe(94_906_264); // r² + r
      expect(weightOf(root('nearest'), 9_007_199_041_343_961)).toBe(94_906_265); // r² + r + 1
    });

    it('gives Amsterdam 933 (nearest) or 932 (down) and Schiermonnikoog 31 or 30', () => {
      expect(weightOf(root('nearest'), 869_709)).toBe(933); // 932.58…; 932² = 868624, n − r² = 1085 > 932
      expect(weightOf(root('down'), 869_709)).toBe(932);
      expect(weightOf(root('nearest'), 953)).toBe(31); // 30.87…; 30² = 900, 53 > 30
      expect(weightOf(root('down'), 953)).toBe(30);
    });

    it('never goes below the minimum weight', () => {
      expect(weightOf(root('down'), 0)).toBe(1);
      expect(weightOf(root('down', 0), 0)).toBe(0);
      expect(weightOf(root('nearest', 50), 953)).toBe(50);
    });
  });

  describe('inhabitants must be a non-negative safe integer', () => {
    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses %p', (n) => {
      expect(() => weightOf(exampleTable, n)).toThrow(RangeError);
      expect(() => weightOf(exampleTable, n)).toThrow(/inhabitants/);
    });

    it('refuses to weigh with an invalid scheme', () => {
      expect(() => weightOf(linear('down', 0), 100)).toThrow(RangeError);
    });
  });

  describe('schemeErrors names the field and the rule', () => {
    it('accepts valid schemes of every kind', () => {
      expect(schemeErrors({ kind: 'one_member_one_vote' })).toEqual([]);
      expect(schemeErrors(linear('half_up'))).toEqual([]);
      expect(schemeErrors(root('nearest', 0))).toEqual([]);
      expect(schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 0, weight: 1 }] })).toEqual([]);
    });

    it('refuses what is not a scheme, and an unknown kind', () => {
      expect(schemeErrors(null).map((e) => e.field)).toEqual(['kind']);
      expect(schemeErrors('brackets').map((e) => e.field)).toEqual(['kind']);
      expect(schemeErrors({ kind: 'lottery' })).toEqual([{ field: 'kind', rule: 'kind must be one_member_one_vote, linear, square_root or brackets' }]);
    });

    it('refuses a linear scheme without a positive whole block size, a known rounding and a minimum of at least 0', () => {
      expect(schemeErrors({ kind: 'linear', inhabitantsPerVote: 0, rounding: 'sideways', minimumWeight: -1 }).map((e) => e.field)).toEqual([
        'inhabitantsPerVote',
        'rounding',
        'minimumWeight',
      ]);
      expect(schemeErrors({ kind: 'linear', inhabitantsPerVote: 2_500.5, rounding: 'up', minimumWeight: 1.5 }).map((e) => e.field)).toEqual([
        'inhabitantsPerVote',
        'minimumWeight',
      ]);
      expect(schemeErrors({ kind: 'linear', rounding: 'up', minimumWeight: 1 }).map((e) => e.field)).toEqual(['inhabitantsPerVote']);
    });

    it('refuses a square-root scheme with half_up rounding (only down or nearest)', () => {
      expect(schemeErrors({ kind: 'square_root', rounding: 'half_up', minimumWeight: 1 })).toEqual([
        { field: 'rounding', rule: 'rounding must be down or nearest' },
      ]);
    });

    it('refuses an empty bracket table', () => {
      expect(schemeErrors({ kind: 'brackets', brackets: [] })).toEqual([{ field: 'brackets', rule: 'the bracket table must be a non-empty list' }]);
      expect(schemeErrors({ kind: 'brackets' }).map((e) => e.field)).toEqual(['brackets']);
    });

    it('refuses a table that does not start at 0', () => {
      expect(schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 10, weight: 1 }] })).toEqual([
        { field: 'brackets[0].fromInhabitants', rule: 'the first bracket must start at 0 inhabitants' },
      ]);
    });

    it('refuses brackets that do not strictly ascend or whose weight goes down', () => {
      expect(
        schemeErrors({
          kind: 'brackets',
          brackets: [
            { fromInhabitants: 0, weight: 2 },
            { fromInhabitants: 0, weight: 1 },
          ],
        }),
      ).toEqual([
        { field: 'brackets[1].fromInhabitants', rule: 'fromInhabitants must be larger than that of the bracket before' },
        { field: 'brackets[1].weight', rule: 'weight must not be smaller than that of the bracket before' },
      ]);
    });

    it('names the third bracket when its weight is not a positive whole number', () => {
      const brackets = [
        { fromInhabitants: 0, weight: 1 },
        { fromInhabitants: 5_000, weight: 2 },
        { fromInhabitants: 10_000, weight: 2.5 },
        { fromInhabitants: 20_000, weight: 0 },
      ];
      expect(schemeErrors({ kind: 'brackets', brackets }).map((e) => e.field)).toEqual(['brackets[2].weight', 'brackets[3].weight']);
    });

    it('allows equal weights in consecutive brackets but not a negative or fractional start', () => {
      expect(
        schemeErrors({
          kind: 'brackets',
          brackets: [
            { fromInhabitants: 0, weight: 1 },
            { fromInhabitants: 100, weight: 1 },
          ],
        }),
      ).toEqual([]);
      expect(
        schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 0, weight: 1 }, { fromInhabitants: 99.5, weight: 2 }, null] }).map((e) => e.field),
      ).toEqual(['brackets[1].fromInhabitants', 'brackets[2]']);
    });
  });

  it('refuses a weight or minimum weight beyond what PostgreSQL integer stores', () => {
    expect(schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 0, weight: 3000000000 }] })).toEqual([
      { field: 'brackets[0].weight', rule: 'weight must not be greater than 2147483647' },
    ]);
    expect(schemeErrors({ kind: 'linear', inhabitantsPerVote: 1000, rounding: 'up', minimumWeight: 2 ** 40 })).toEqual([
      { field: 'minimumWeight', rule: 'minimumWeight must not be greater than 2147483647' },
    ]);
  });
});
