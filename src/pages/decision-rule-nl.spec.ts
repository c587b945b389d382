import { decisionRuleNl } from './decision-rule-nl';

const SIMPLE = { threshold: { numerator: 1, denominator: 2, comparison: 'more_than' as const }, quorum: null, doubleMajority: false };

describe('a decision rule in Dutch', () => {
  it('a simple majority: of the weighted votes cast, abstentions outside, a tie rejected', () => {
    expect(decisionRuleNl(SIMPLE, 'for_against')).toEqual({
      threshold: 'gewone meerderheid van de uitgebrachte gewogen stemmen',
      details: [
        'Aangenomen als de stemmen voor meer dan de helft van de uitgebrachte gewogen stemmen zijn.',
        'Onthoudingen tellen niet als uitgebrachte stem.',
        'Bij staking van stemmen is het voorstel verworpen.',
      ],
    });
  });

  it('a qualified majority of at least two thirds with a quorum and a double majority (a tie cannot happen at 2/3, so no tie line)', () => {
    const rule = decisionRuleNl(
      { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' }, quorum: { numerator: 1, denominator: 2 }, doubleMajority: true },
      'for_against',
    );
    expect(rule.threshold).toBe('gekwalificeerde meerderheid: ten minste twee derde van de uitgebrachte gewogen stemmen');
    expect(rule.details).toEqual([
      'Aangenomen als de stemmen voor ten minste twee derde van de uitgebrachte gewogen stemmen zijn.',
      'Onthoudingen tellen niet als uitgebrachte stem.',
      'Quorum: ten minste de helft van het totale stemgewicht moet meedoen (onthoudingen tellen mee).',
      'Ook het aantal leden moet die meerderheid halen (dubbele meerderheid).',
    ]);
  });

  it('alternatives: all variants together, then the variant with the most weight; an unusual fraction in digits', () => {
    const rule = decisionRuleNl({ ...SIMPLE, threshold: { numerator: 5, denominator: 8, comparison: 'more_than' } }, 'alternatives');
    expect(rule.threshold).toBe('gekwalificeerde meerderheid: meer dan 5/8 van de uitgebrachte gewogen stemmen');
    expect(rule.details[0]).toBe(
      'Alle varianten samen moeten meer dan 5/8 van de uitgebrachte gewogen stemmen halen tegenover de stemmen tegen; dan is de variant met de meeste gewogen stemmen aangenomen. Staken de varianten, dan is er geen besluit.',
    );
  });
});
