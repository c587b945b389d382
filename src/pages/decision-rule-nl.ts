import type { DecisionRule } from '../weighting';

/** Fractions as a Dutch reader says them; others as digits ("5/8"). */
const FRACTION_NL: Record<string, string> = {
  '1/2': 'de helft',
  '2/3': 'twee derde',
  '3/4': 'drie kwart',
  '3/5': 'drie vijfde',
  '4/5': 'vier vijfde',
  '1/3': 'een derde',
  '1/4': 'een kwart',
};

const fraction = (f: { numerator: number; denominator: number }) => FRACTION_NL[`${f.numerator}/${f.denominator}`] ?? `${f.numerator}/${f.denominator}`;

/**
 * A proposal's decision rule in Dutch, as the ballot and the paper ballot show it under the question:
 * the threshold first (the line a reader needs), then what follows from the rule (abstentions, a tie,
 * a quorum, a double majority, alternatives). The rule itself is src/weighting/decision-rule.ts.
 */
export function decisionRuleNl(rule: DecisionRule, questionType: 'for_against' | 'alternatives'): { threshold: string; details: string[] } {
  const { threshold } = rule;
  const simple = threshold.comparison === 'more_than' && threshold.numerator * 2 === threshold.denominator;
  const share = `${threshold.comparison === 'at_least' ? 'ten minste' : 'meer dan'} ${fraction(threshold)} van de uitgebrachte gewogen stemmen`;
  const text = simple ? 'gewone meerderheid van de uitgebrachte gewogen stemmen' : `gekwalificeerde meerderheid: ${share}`;
  const details = [
    questionType === 'alternatives'
      ? `Alle varianten samen moeten ${share} halen tegenover de stemmen tegen; dan is de variant met de meeste gewogen stemmen aangenomen. Staken de varianten, dan is er geen besluit.`
      : `Aangenomen als de stemmen voor ${share} zijn.`,
    'Onthoudingen tellen niet als uitgebrachte stem.',
  ];
  if (threshold.comparison === 'more_than') details.push('Bij staking van stemmen is het voorstel verworpen.');
  if (rule.quorum) details.push(`Quorum: ten minste ${fraction(rule.quorum)} van het totale stemgewicht moet meedoen (onthoudingen tellen mee).`);
  if (rule.doubleMajority) details.push('Ook het aantal leden moet die meerderheid halen (dubbele meerderheid).');
  return { threshold: text, details };
}
