import { EXAMPLE_BRACKET_TABLE, integerSquareRoot, schemeErrors, weightOf, WeightingScheme } from './weighting-scheme';

const brackets: WeightingScheme = { kind: 'brackets', brackets: EXAMPLE_BRACKET_TABLE };

describe('weighting schemes', () => {
  describe('bracket table (the example table of the demo)', () => {
    it('gives 1 vote below 5,000 inhabitants and 2 from 5,000', () => {
      expect(weightOf(brackets, 0)).toBe(1);
      expect(weightOf(brackets, 953)).toBe(1); // Schiermonnikoog
      expect(weightOf(brackets, 4999)).toBe(1);
      expect(weightOf(brackets, 5000)).toBe(2);
    });

    it('weighs the 2020 municipalities of the reference scenario', () => {
      expect(weightOf(brackets, 19775)).toBe(3); // Drechterland
      expect(weightOf(brackets, 48654)).toBe(5); // Barendrecht
      expect(weightOf(brackets, 231112)).toBe(10); // Groningen
      expect(weightOf(brackets, 869709)).toBe(12); // Amsterdam
    });
  });

  it('one member one vote gives every member 1', () => {
    expect(weightOf({ kind: 'one_member_one_vote' }, 953)).toBe(1);
    expect(weightOf({ kind: 'one_member_one_vote' }, 869709)).toBe(1);
  });

  describe('linear per 10,000 inhabitants', () => {
    const linear = (rounding: 'up' | 'down' | 'half_up'): WeightingScheme => ({ kind: 'linear', inhabitantsPerVote: 10000, rounding, minimumWeight: 1 });

    it('rounds up per started block, down per full block, or half up', () => {
      expect(weightOf(linear('up'), 48654)).toBe(5);
      expect(weightOf(linear('down'), 48654)).toBe(4);
      expect(weightOf(linear('half_up'), 48654)).toBe(5);
      expect(weightOf(linear('half_up'), 44999)).toBe(4);
      expect(weightOf(linear('half_up'), 45000)).toBe(5);
      expect(weightOf(linear('up'), 50000)).toBe(5);
    });

    it('never goes below the minimum weight', () => {
      expect(weightOf(linear('down'), 953)).toBe(1);
    });
  });

  describe('square root (Penrose)', () => {
    const root = (rounding: 'down' | 'nearest'): WeightingScheme => ({ kind: 'square_root', rounding, minimumWeight: 1 });

    it('takes the exact integer root of a perfect square', () => {
      expect(weightOf(root('down'), 10000)).toBe(100);
      expect(integerSquareRoot(9007199136250225)).toBe(94906265); // 94906265², the largest square below 2^53
      expect(integerSquareRoot(9007199136250224)).toBe(94906264);
    });

    it('rounds to the nearest root exactly at r² + r versus r² + r + 1', () => {
      // r = 100: 10100 = 100.498…² rounds down, 10101 = 100.503…² rounds up
      expect(weightOf(root('nearest'), 10100)).toBe(100);
      expect(weightOf(root('nearest'), 10101)).toBe(101);
      expect(weightOf(root('down'), 10200)).toBe(100);
    });

    it('gives Amsterdam 933 and Schiermonnikoog 31 (nearest)', () => {
      expect(weightOf(root('nearest'), 869709)).toBe(933); // 932.58…
      expect(weightOf(root('nearest'), 953)).toBe(31); // 30.87…
    });
  });

  it('refuses negative or fractional inhabitants', () => {
    expect(() => weightOf(brackets, -1)).toThrow(RangeError);
    expect(() => weightOf(brackets, 1.5)).toThrow(RangeError);
  });

  describe('schemeErrors names the field and the rule', () => {
    it('accepts the example table', () => {
      expect(schemeErrors(brackets)).toEqual([]);
    });

    it('refuses a table that does not start at 0 or does not ascend', () => {
      expect(schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 10, weight: 1 }] }))
        .toEqual([{ field: 'brackets[0].fromInhabitants', rule: 'the first bracket must start at 0' }]);
      expect(schemeErrors({ kind: 'brackets', brackets: [{ fromInhabitants: 0, weight: 2 }, { fromInhabitants: 0, weight: 1 }] })).toEqual([
        { field: 'brackets[1].fromInhabitants', rule: 'must be larger than the bracket before' },
        { field: 'brackets[1].weight', rule: 'must not be smaller than the bracket before' },
      ]);
    });

    it('refuses an unknown kind and a linear scheme without a block size', () => {
      expect(schemeErrors({ kind: 'lottery' })[0].field).toBe('kind');
      expect(schemeErrors({ kind: 'linear', inhabitantsPerVote: 0, rounding: 'sideways', minimumWeight: -1 }).map((e) => e.field))
        .toEqual(['inhabitantsPerVote', 'rounding', 'minimumWeight']);
    });
  });
});
