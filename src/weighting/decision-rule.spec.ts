import { ChoiceKind, decide, DecisionRule, formatPercentNl, shareBasisPoints, SIMPLE_MAJORITY } from './decision-rule';

const choice = (choiceId: string, kind: ChoiceKind, weight: number, members = 1) =>
  ({ choiceId, kind, position: ['for', 'variant'].includes(kind) ? 1 : kind === 'against' ? 8 : 9, members, weight });
const TWO_THIRDS: DecisionRule = { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' }, quorum: null, doubleMajority: false };
const eligible = { eligibleWeight: 100, eligibleMembers: 10 };

describe('decision rules', () => {
  it('a simple majority of the votes cast adopts', () => {
    const d = decide({ ...eligible, choices: [choice('for', 'for', 51), choice('against', 'against', 49)] }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('adopted');
    expect(d.adoptedChoiceId).toBe('for');
  });

  it('a tie is rejected', () => {
    const d = decide({ ...eligible, choices: [choice('for', 'for', 40), choice('against', 'against', 40), choice('abstain', 'abstain', 20)] }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('rejected');
    expect(d.reasons).toEqual(['tie: for equals against, rejected']);
  });

  it('abstentions are left out of the base: 30 for, 20 against, 50 abstain adopts with 60,00%', () => {
    const d = decide({ ...eligible, choices: [choice('for', 'for', 30), choice('against', 'against', 20), choice('abstain', 'abstain', 50)] }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('adopted');
    expect(d.castWeight).toBe(50);
    expect(d.participatingWeight).toBe(100);
    expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([6000, 4000, null]);
  });

  it('no votes cast (only abstentions) is rejected', () => {
    expect(decide({ ...eligible, choices: [choice('for', 'for', 0, 0), choice('against', 'against', 0, 0), choice('abstain', 'abstain', 7)] }, SIMPLE_MAJORITY).outcome).toBe('rejected');
  });

  it('two thirds of 9 is 6, not 7: 6 for and 3 against passes at least 2/3', () => {
    expect(decide({ ...eligible, choices: [choice('for', 'for', 6), choice('against', 'against', 3)] }, TWO_THIRDS).outcome).toBe('adopted');
    expect(decide({ ...eligible, choices: [choice('for', 'for', 5), choice('against', 'against', 4)] }, TWO_THIRDS).outcome).toBe('rejected');
  });

  it('more than two thirds needs 7 of 9', () => {
    const moreThan: DecisionRule = { ...TWO_THIRDS, threshold: { ...TWO_THIRDS.threshold, comparison: 'more_than' } };
    expect(decide({ ...eligible, choices: [choice('for', 'for', 6), choice('against', 'against', 3)] }, moreThan).outcome).toBe('rejected');
    expect(decide({ ...eligible, choices: [choice('for', 'for', 7), choice('against', 'against', 2)] }, moreThan).outcome).toBe('adopted');
  });

  describe('quorum by weight (abstentions count as taking part)', () => {
    const quorum: DecisionRule = { ...SIMPLE_MAJORITY, quorum: { numerator: 1, denominator: 2 } };

    it('is met at exactly half of the eligible weight', () => {
      const d = decide({ ...eligible, choices: [choice('for', 'for', 30), choice('against', 'against', 10), choice('abstain', 'abstain', 10)] }, quorum);
      expect(d.outcome).toBe('adopted');
    });

    it('is not met one vote below half', () => {
      const d = decide({ ...eligible, choices: [choice('for', 'for', 30), choice('against', 'against', 10), choice('abstain', 'abstain', 9)] }, quorum);
      expect(d.outcome).toBe('no_quorum');
    });
  });

  it('a double majority fails when the weight passes but the members do not', () => {
    const double: DecisionRule = { ...SIMPLE_MAJORITY, doubleMajority: true };
    // two large members for (2 × 12 = 24), three small against (3 × 1 = 3)
    const d = decide({ ...eligible, choices: [choice('for', 'for', 24, 2), choice('against', 'against', 3, 3)] }, double);
    expect(d.outcome).toBe('rejected');
    expect(decide({ ...eligible, choices: [choice('for', 'for', 24, 2), choice('against', 'against', 3, 3)] }, SIMPLE_MAJORITY).outcome).toBe('adopted');
  });

  it('the 2020 contribution vote: 62 + 34 against 4 adopts the board proposal', () => {
    const d = decide({
      eligibleWeight: 300, eligibleMembers: 300,
      choices: [
        { choiceId: 'board', kind: 'variant', position: 1, members: 186, weight: 186 },
        { choiceId: 'amended', kind: 'variant', position: 2, members: 102, weight: 102 },
        { choiceId: 'against', kind: 'against', position: 3, members: 12, weight: 12 },
        { choiceId: 'abstain', kind: 'abstain', position: 4, members: 0, weight: 0 },
      ],
    }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('adopted');
    expect(d.adoptedChoiceId).toBe('board');
    expect(d.choices.map((c) => c.shareBasisPoints)).toEqual([6200, 3400, 400, null]);
  });

  it('the amended variant wins when it has the most weight', () => {
    const d = decide({ ...eligible, choices: [choice('board', 'variant', 13), { ...choice('amended', 'variant', 15), position: 2 }, choice('against', 'against', 5)] }, SIMPLE_MAJORITY);
    expect(d.adoptedChoiceId).toBe('amended');
  });

  it('variants that tie at the top adopt nothing', () => {
    const d = decide({ ...eligible, choices: [choice('board', 'variant', 20), { ...choice('amended', 'variant', 20), position: 2 }, choice('against', 'against', 5)] }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('tie_between_variants');
    expect(d.adoptedChoiceId).toBeNull();
  });

  it('all variants together against "against": 30 + 25 beat 45 although neither variant alone does', () => {
    const d = decide({ ...eligible, choices: [choice('board', 'variant', 30), { ...choice('amended', 'variant', 25), position: 2 }, choice('against', 'against', 45)] }, SIMPLE_MAJORITY);
    expect(d.outcome).toBe('adopted');
    expect(d.adoptedChoiceId).toBe('board');
  });

  it('shares round half up to 0.01 percentage point', () => {
    expect(shareBasisPoints(1, 3)).toBe(3333);
    expect(shareBasisPoints(2, 3)).toBe(6667);
    expect(shareBasisPoints(1, 8)).toBe(1250);
    expect(shareBasisPoints(1, 80000)).toBe(0); // 0.00125% -> 0,00%
    expect(shareBasisPoints(1, 20000)).toBe(1); // 0.005% is half a basis point: half up gives 0,01%
    expect(shareBasisPoints(0, 0)).toBeNull();
  });

  it('writes shares Dutch style', () => {
    expect(formatPercentNl(6200)).toBe('62,00%');
    expect(formatPercentNl(9031)).toBe('90,31%');
    expect(formatPercentNl(10000)).toBe('100,00%');
    expect(formatPercentNl(5)).toBe('0,05%');
  });

  it('refuses negative totals', () => {
    expect(() => decide({ ...eligible, choices: [choice('for', 'for', -1)] }, SIMPLE_MAJORITY)).toThrow(RangeError);
  });
});
