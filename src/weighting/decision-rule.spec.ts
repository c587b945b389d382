import { ChoiceKind, ChoiceTotal, decide, DecisionRule, formatPercentNl, ruleErrors, shareBasisPoints, SIMPLE_MAJORITY } from './decision-rule';

const POSITION: Record<ChoiceKind, number> = { for: 1, variant: 1, against: 8, abstain: 9 };
const choice = (choiceId: string, kind: ChoiceKind, weight: number, members = weight, position = POSITION[kind]): ChoiceTotal => ({
  choiceId,
  kind,
  position,
  members,
  weight,
});
/** A for/against/abstain question with members = weight (one vote each). */
const question = (forW: number, againstW: number, abstainW = 0) => [
  choice('for', 'for', forW),
  choice('against', 'against', againstW),
  choice('abstain', 'abstain', abstainW),
];
const eligible = { eligibleWeight: 100, eligibleMembers: 100 };
const withThreshold = (numerator: number, denominator: number, comparison: 'more_than' | 'at_least'): DecisionRule => ({
  threshold: { numerator, denominator, comparison },
  quorum: null,
  doubleMajority: false,
});
const TWO_THIRDS = withThreshold(2, 3, 'at_least');
const MORE_THAN_TWO_THIRDS = withThreshold(2, 3, 'more_than');

describe('deciding a proposal (gewogen stemming)', () => {
  describe('simple majority of the weighted votes cast', () => {
    it('51 for against 49 adopts the for choice', () => {
      const d = decide({ ...eligible, choices: question(51, 49) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('adopted');
      expect(d.adoptedChoiceId).toBe('for');
      expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([5100, 4900, null]);
      expect(d.reasons).toEqual(['for 51 of 100 weighted votes cast is more than 1/2, adopted']);
    });

    it('a tie is rejected', () => {
      const d = decide({ ...eligible, choices: question(40, 40, 20) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('rejected');
      expect(d.adoptedChoiceId).toBeNull();
      expect(d.reasons).toEqual(['tie: for equals against, rejected']);
    });

    it('abstentions are left out of the base: 30 for, 20 against, 50 abstain adopts with 60,00%', () => {
      const d = decide({ ...eligible, choices: question(30, 20, 50) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('adopted');
      expect([d.forWeight, d.againstWeight, d.abstainWeight, d.castWeight, d.participatingWeight]).toEqual([30, 20, 50, 50, 100]);
      expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([6000, 4000, null]);
    });

    it('no votes cast is rejected: only abstentions, or nobody voted', () => {
      const onlyAbstentions = decide({ ...eligible, choices: question(0, 0, 7) }, SIMPLE_MAJORITY);
      expect(onlyAbstentions.outcome).toBe('rejected');
      expect(onlyAbstentions.reasons).toEqual(['no votes cast, rejected']);
      expect(onlyAbstentions.choices.map((c) => c.shareBasisPoints)).toEqual([null, null, null]);
      expect(decide({ ...eligible, choices: [] }, SIMPLE_MAJORITY).outcome).toBe('rejected');
    });
  });

  describe('qualified majorities', () => {
    it('two thirds of 9 is 6, not 7: at least 2/3 adopts 6 for and 3 against, rejects 5 against 4', () => {
      expect(decide({ ...eligible, choices: question(6, 3) }, TWO_THIRDS).outcome).toBe('adopted');
      expect(decide({ ...eligible, choices: question(5, 4) }, TWO_THIRDS).outcome).toBe('rejected');
      expect(decide({ ...eligible, choices: question(5, 4) }, TWO_THIRDS).reasons).toEqual(['for 5 of 9 weighted votes cast is not at least 2/3, rejected']);
    });

    it('more than two thirds of 9 needs 7', () => {
      expect(decide({ ...eligible, choices: question(6, 3) }, MORE_THAN_TWO_THIRDS).outcome).toBe('rejected');
      expect(decide({ ...eligible, choices: question(7, 2) }, MORE_THAN_TWO_THIRDS).outcome).toBe('adopted');
    });

    it('two thirds is exact where floating point is not (2^53 − 1 votes cast)', () => {
      // 2/3 × 9007199254740991 = 6004799503160660.67, so at least 2/3 needs 6004799503160661;
      // 6004799503160660 / 9007199254740991 >= 2/3 is true in floating point, wrongly.
      const cast = Number.MAX_SAFE_INTEGER;
      const big = { eligibleWeight: cast, eligibleMembers: 2 };
      const vote = (forW: number) => [choice('for', 'for', forW, 1), choice('against', 'against', cast - forW, 1)];
      expect(decide({ ...big, choices: vote(6_004_799_503_160_660) }, TWO_THIRDS).outcome).toBe('rejected');
      expect(decide({ ...big, choices: vote(6_004_799_503_160_661) }, TWO_THIRDS).outcome).toBe('adopted');
    });

    it('unanimity is at least 1/1: one vote against rejects', () => {
      const unanimity = withThreshold(1, 1, 'at_least');
      expect(decide({ ...eligible, choices: question(99, 0, 1) }, unanimity).outcome).toBe('adopted');
      expect(decide({ ...eligible, choices: question(99, 1) }, unanimity).outcome).toBe('rejected');
    });
  });

  describe('quorum of half the eligible weight (abstentions count as taking part)', () => {
    const quorum: DecisionRule = { ...SIMPLE_MAJORITY, quorum: { numerator: 1, denominator: 2 } };

    it('is met at exactly half of the eligible weight: 30 + 10 + 10 abstain of 100', () => {
      const d = decide({ ...eligible, choices: question(30, 10, 10) }, quorum);
      expect(d.outcome).toBe('adopted');
      expect(d.turnoutWeightBasisPoints).toBe(5000);
    });

    it('is not met one vote below half: 30 + 10 + 9 abstain of 100', () => {
      const d = decide({ ...eligible, choices: question(30, 10, 9) }, quorum);
      expect(d.outcome).toBe('no_quorum');
      expect(d.adoptedChoiceId).toBeNull();
      expect(d.reasons).toEqual(['quorum not reached: 49 of 100 eligible weight took part, at least 1/2 needed']);
    });

    it('of an odd eligible weight 101 needs 51, since 50 is below 50.5', () => {
      expect(decide({ eligibleWeight: 101, eligibleMembers: 101, choices: question(40, 10, 1) }, quorum).outcome).toBe('adopted');
      expect(decide({ eligibleWeight: 101, eligibleMembers: 101, choices: question(40, 10, 0) }, quorum).outcome).toBe('no_quorum');
    });

    it('is reached with abstentions, which still stay out of the base: 10 for, 5 against, 40 abstain', () => {
      const d = decide({ ...eligible, choices: question(10, 5, 40) }, quorum);
      expect(d.outcome).toBe('adopted');
      expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([6667, 3333, null]);
    });

    it('comes before the threshold: a unanimous vote without quorum is not decided', () => {
      expect(decide({ ...eligible, choices: question(20, 0) }, quorum).outcome).toBe('no_quorum');
    });
  });

  describe('double majority (weight and number of members)', () => {
    const double: DecisionRule = { ...SIMPLE_MAJORITY, doubleMajority: true };
    // two large members for (2 × 12 = 24), three small ones against (3 × 1 = 3)
    const largeFor = [choice('for', 'for', 24, 2), choice('against', 'against', 3, 3)];

    it('rejects when the weight passes but the members do not: 24 of 27 weight, 2 of 5 members', () => {
      const d = decide({ ...eligible, choices: largeFor }, double);
      expect(d.outcome).toBe('rejected');
      expect(d.reasons).toEqual(['double majority not reached: 2 of 5 members for is not more than 1/2, rejected']);
      expect(decide({ ...eligible, choices: largeFor }, SIMPLE_MAJORITY).outcome).toBe('adopted');
    });

    it('adopts when both pass, and a tie in members is rejected', () => {
      expect(decide({ ...eligible, choices: [choice('for', 'for', 24, 3), choice('against', 'against', 3, 2)] }, double).outcome).toBe('adopted');
      expect(decide({ ...eligible, choices: [choice('for', 'for', 24, 2), choice('against', 'against', 3, 2)] }, double).outcome).toBe('rejected');
    });
  });

  describe('alternatives (board proposal and amended proposal)', () => {
    const variants = (board: number, amended: number, against: number, abstain = 0) => [
      choice('board', 'variant', board, board, 1),
      choice('amended', 'variant', amended, amended, 2),
      choice('against', 'against', against, against, 3),
      choice('abstain', 'abstain', abstain, abstain, 4),
    ];

    it('the 2020 contribution vote: 62 + 34 against 4 adopts the board proposal', () => {
      const d = decide(
        {
          eligibleWeight: 450,
          eligibleMembers: 355,
          choices: [
            choice('board', 'variant', 186, 150, 1),
            choice('amended', 'variant', 102, 83, 2),
            choice('against', 'against', 12, 10, 3),
            choice('abstain', 'abstain', 0, 0, 4),
          ],
        },
        SIMPLE_MAJORITY,
      );
      expect(d.outcome).toBe('adopted');
      expect(d.adoptedChoiceId).toBe('board');
      expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([6200, 3400, 400, null]);
      expect([d.forWeight, d.castWeight, d.participatingMembers]).toEqual([288, 300, 243]);
      expect(d.turnoutMembersBasisPoints).toBe(6845); // 243 of 355 = 68.4507…%
      expect(d.turnoutWeightBasisPoints).toBe(6667); // 300 of 450 = 66.666…%
      expect(d.reasons).toEqual(['for 288 of 300 weighted votes cast is more than 1/2; variant board has the most weight (186), adopted']);
    });

    it('the amended proposal is adopted when it has the most weight', () => {
      const d = decide({ ...eligible, choices: variants(13, 15, 5) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('adopted');
      expect(d.adoptedChoiceId).toBe('amended');
    });

    it('all variants together count against "against": 30 + 25 beat 45 although neither alone does', () => {
      const d = decide({ ...eligible, choices: variants(30, 25, 45) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('adopted');
      expect(d.adoptedChoiceId).toBe('board');
    });

    it('variants that tie at the top adopt nothing: the board holds a new vote', () => {
      const d = decide({ ...eligible, choices: variants(20, 20, 5) }, SIMPLE_MAJORITY);
      expect(d.outcome).toBe('tie_between_variants');
      expect(d.adoptedChoiceId).toBeNull();
      expect(d.reasons[0]).toMatch(/variants board, amended tie at 20/);
    });

    it('reasons name the variants by their label, not their id', () => {
      const labelled = (choices: ChoiceTotal[]) =>
        choices.map((c) => ({ ...c, label: { board: 'Voorstel bestuur (3,9%)', amended: 'Geamendeerd voorstel (2,9%)' }[c.choiceId] }));
      const adopted = decide({ ...eligible, choices: labelled(variants(13, 15, 5)) }, SIMPLE_MAJORITY);
      expect(adopted.reasons).toEqual([
        'for 28 of 33 weighted votes cast is more than 1/2; variant "Geamendeerd voorstel (2,9%)" has the most weight (15), adopted',
      ]);
      const tie = decide({ ...eligible, choices: labelled(variants(20, 20, 5)) }, SIMPLE_MAJORITY);
      expect(tie.reasons[0]).toContain('variants "Voorstel bestuur (3,9%)", "Geamendeerd voorstel (2,9%)" tie at 20');
    });

    it('variants that tie but together lose to against are simply rejected', () => {
      expect(decide({ ...eligible, choices: variants(10, 10, 25) }, SIMPLE_MAJORITY).outcome).toBe('rejected');
      expect(decide({ ...eligible, choices: variants(10, 10, 20) }, SIMPLE_MAJORITY).reasons).toEqual(['tie: for equals against, rejected']);
    });

    it('orders the results by position whatever the input order', () => {
      const d = decide({ ...eligible, choices: [...variants(30, 25, 45)].reverse() }, SIMPLE_MAJORITY);
      expect(d.choices.map((c) => c.choiceId)).toEqual(['board', 'amended', 'against', 'abstain']);
    });
  });

  describe('shares of the weighted votes cast, half up to 0.01 percentage point', () => {
    it('1 of 3 is 33,33% and 2 of 3 is 66,67%', () => {
      expect(shareBasisPoints(1, 3)).toBe(3333);
      expect(shareBasisPoints(2, 3)).toBe(6667);
      expect(shareBasisPoints(1, 8)).toBe(1250);
      expect(shareBasisPoints(9031, 10_000)).toBe(9031); // "verworpen met 90,31%"
    });

    it('rounds exactly half a basis point up, anything below down', () => {
      expect(shareBasisPoints(1, 20_000)).toBe(1); // 0.005% -> 0,01%
      expect(shareBasisPoints(1, 20_001)).toBe(0); // 0.004999…% -> 0,00%
      expect(shareBasisPoints(1, 80_000)).toBe(0);
      expect(shareBasisPoints(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(10_000);
    });

    it('is null when nothing was cast, and refuses negative or fractional numbers', () => {
      expect(shareBasisPoints(0, 0)).toBeNull();
      expect(() => shareBasisPoints(-1, 3)).toThrow(RangeError);
      expect(() => shareBasisPoints(1, 2.5)).toThrow(RangeError);
    });

    it('writes shares Dutch style', () => {
      expect(formatPercentNl(6200)).toBe('62,00%');
      expect(formatPercentNl(9031)).toBe('90,31%');
      expect(formatPercentNl(10_000)).toBe('100,00%');
      expect(formatPercentNl(5)).toBe('0,05%');
      expect(formatPercentNl(0)).toBe('0,00%');
      expect(formatPercentNl(123_456)).toBe('1.234,56%');
      expect(() => formatPercentNl(-1)).toThrow(RangeError);
      expect(() => formatPercentNl(12.5)).toThrow(RangeError);
    });
  });

  describe('refuses input that cannot be counted', () => {
    it.each([
      ['a negative weight', { ...eligible, choices: [choice('for', 'for', -1, 1)] }],
      ['fractional members', { ...eligible, choices: [choice('for', 'for', 1, 0.5)] }],
      ['a negative eligible weight', { eligibleWeight: -1, eligibleMembers: 1, choices: [] }],
      ['a repeated choice id', { ...eligible, choices: [choice('x', 'for', 1), choice('x', 'against', 1)] }],
      ["both 'for' and variants", { ...eligible, choices: [choice('for', 'for', 1), choice('board', 'variant', 1)] }],
      ['more weight taking part than eligible', { ...eligible, choices: question(60, 41) }],
    ])('%s', (_name, input) => {
      expect(() => decide(input, SIMPLE_MAJORITY)).toThrow(RangeError);
    });

    it('a rule with denominator 0', () => {
      expect(() => decide({ ...eligible, choices: question(1, 0) }, withThreshold(1, 0, 'more_than'))).toThrow(RangeError);
    });
  });

  describe('ruleErrors names the field and the rule', () => {
    it('accepts simple majority, two thirds, more than two thirds, unanimity and a quorum', () => {
      for (const rule of [SIMPLE_MAJORITY, TWO_THIRDS, MORE_THAN_TWO_THIRDS, withThreshold(1, 1, 'at_least')]) expect(ruleErrors(rule)).toEqual([]);
      expect(ruleErrors({ ...SIMPLE_MAJORITY, quorum: { numerator: 1, denominator: 2 }, doubleMajority: true })).toEqual([]);
      expect(ruleErrors({ threshold: SIMPLE_MAJORITY.threshold, doubleMajority: false })).toEqual([]); // no quorum given = none
    });

    it('refuses at least one half (a tie would pass) and anything below one half', () => {
      expect(ruleErrors(withThreshold(1, 2, 'at_least')).map((e) => e.field)).toEqual(['threshold.comparison']);
      expect(ruleErrors(withThreshold(1, 3, 'more_than'))).toEqual([{ field: 'threshold', rule: 'threshold must be at least one half of the votes cast' }]);
    });

    it('refuses thresholds above 1, more than 1/1, zero or fractional parts and an unknown comparison', () => {
      expect(ruleErrors(withThreshold(3, 2, 'at_least')).map((e) => e.field)).toEqual(['threshold']);
      expect(ruleErrors(withThreshold(1, 1, 'more_than')).map((e) => e.field)).toEqual(['threshold.comparison']);
      expect(ruleErrors(withThreshold(1, 0, 'more_than')).map((e) => e.field)).toEqual(['threshold.denominator']);
      expect(ruleErrors(withThreshold(0.5, 1, 'more_than')).map((e) => e.field)).toEqual(['threshold.numerator']);
      expect(ruleErrors({ ...SIMPLE_MAJORITY, threshold: { numerator: 1, denominator: 2, comparison: 'over' } }).map((e) => e.field)).toEqual([
        'threshold.comparison',
      ]);
    });

    it('refuses a quorum above 1, a missing doubleMajority, and what is not a rule at all', () => {
      expect(ruleErrors({ ...SIMPLE_MAJORITY, quorum: { numerator: 3, denominator: 2 } })).toEqual([
        { field: 'quorum', rule: 'quorum must not be more than 1' },
      ]);
      expect(ruleErrors({ threshold: SIMPLE_MAJORITY.threshold, quorum: null, doubleMajority: 'yes' }).map((e) => e.field)).toEqual(['doubleMajority']);
      expect(ruleErrors(null).map((e) => e.field)).toEqual(['threshold', 'doubleMajority']);
    });
  });
});
