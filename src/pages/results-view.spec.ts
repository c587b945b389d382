import { decide, DecisionRule, SIMPLE_MAJORITY } from '../weighting';
import { outcomeExplanation, pageNumber, phasesOf, spreadsheetSafe } from './results-view';

/** A proposal's published result as the page gets it, decided by the real rules. */
function result(
  choices: [label: string, kind: 'for' | 'variant' | 'against' | 'abstain', members: number, weight: number][],
  rule: DecisionRule,
  eligibleWeight = 33,
) {
  const { choices: lines, ...decision } = decide(
    {
      choices: choices.map(([label, kind, members, weight], position) => ({ choiceId: label, label, kind, position, members, weight })),
      eligibleWeight,
      eligibleMembers: 5,
    },
    rule,
  );
  return {
    outcome: decision.outcome,
    adoptedChoice: decision.adoptedChoiceId,
    choices: lines.map((c) => ({ ...c, label: c.label!, choiceId: c.choiceId, share: null })),
    decision,
  };
}

describe('a result in words', () => {
  it('adopted: the weighted votes for out of those cast, with the share', () => {
    // 17 of 29 = 58,62%
    const p = result(
      [
        ['Voor', 'for', 2, 17],
        ['Tegen', 'against', 1, 12],
        ['Onthouding', 'abstain', 1, 1],
      ],
      SIMPLE_MAJORITY,
    );
    expect(outcomeExplanation(p, 33)).toBe('17 van de 29 gewogen stemmen die zijn uitgebracht, waren voor (58,62%).');
  });

  it('adopted among variants: all variants together, then the one with the most', () => {
    // 12 + 17 = 29 of 30 = 96,67%; the amended proposal has 17
    const p = result(
      [
        ['Voorstel bestuur', 'variant', 1, 12],
        ['Geamendeerd voorstel', 'variant', 2, 17],
        ['Tegen beide voorstellen', 'against', 1, 1],
      ],
      SIMPLE_MAJORITY,
    );
    expect(outcomeExplanation(p, 33)).toBe(
      '29 van de 30 gewogen stemmen die zijn uitgebracht, waren voor de voorstellen samen (96,67%). Aangenomen is het voorstel met de meeste gewogen stemmen: Geamendeerd voorstel (17 gewogen stemmen).',
    );
  });

  it('a tie between for and against is rejected, and says so', () => {
    const p = result(
      [
        ['Voor', 'for', 1, 12],
        ['Tegen', 'against', 1, 12],
      ],
      SIMPLE_MAJORITY,
    );
    expect(p.outcome).toBe('rejected');
    expect(outcomeExplanation(p, 33)).toBe(
      'De stemmen staakten: 12 gewogen stemmen voor en 12 gewogen stemmen tegen. Bij staking van stemmen is een voorstel verworpen.',
    );
  });

  it('nothing cast is rejected', () => {
    const p = result(
      [
        ['Voor', 'for', 0, 0],
        ['Tegen', 'against', 0, 0],
        ['Onthouding', 'abstain', 2, 6],
      ],
      SIMPLE_MAJORITY,
    );
    expect(outcomeExplanation(p, 33)).toBe('Er zijn geen stemmen voor of tegen uitgebracht. Zonder uitgebrachte stemmen is een voorstel verworpen.');
  });

  it('two thirds not reached: the share and the rule', () => {
    // 20 of 31 = 64,52% is less than two thirds
    const p = result(
      [
        ['Voor', 'for', 3, 20],
        ['Tegen', 'against', 1, 11],
      ],
      { ...SIMPLE_MAJORITY, threshold: { numerator: 2, denominator: 3, comparison: 'at_least' } },
    );
    expect(outcomeExplanation(p, 33)).toBe(
      '20 van de 31 gewogen stemmen die zijn uitgebracht, waren voor (64,52%). Dat is niet genoeg volgens de beslisregel.',
    );
  });

  it('a double majority missed by the number of members', () => {
    // by weight 24 of 30 pass, by members 2 of 5 do not
    const p = result(
      [
        ['Voor', 'for', 2, 24],
        ['Tegen', 'against', 3, 6],
      ],
      { ...SIMPLE_MAJORITY, doubleMajority: true },
    );
    expect(outcomeExplanation(p, 33)).toBe(
      '24 van de 30 gewogen stemmen waren voor (80,00%), maar er was ook een meerderheid van het aantal leden nodig: 2 van de 5 leden stemden voor.',
    );
  });

  it('no quorum: the weight that took part against the weight that could', () => {
    // 5 + 1 = 6 of 33 = 18,18% took part; a quorum of one half needs 16,5
    const p = result(
      [
        ['Voor', 'for', 1, 5],
        ['Tegen', 'against', 0, 0],
        ['Onthouding', 'abstain', 1, 1],
      ],
      { ...SIMPLE_MAJORITY, quorum: { numerator: 1, denominator: 2 } },
    );
    expect(outcomeExplanation(p, 33)).toBe(
      'Er namen 6 gewogen stemmen deel (onthoudingen meegeteld) van de 33 die konden stemmen (18,18%). Dat is minder dan het quorum; er is niet besloten.',
    );
  });

  it('variants that tie: nothing adopted, a new vote', () => {
    const p = result(
      [
        ['Voorstel bestuur', 'variant', 1, 12],
        ['Geamendeerd voorstel', 'variant', 1, 12],
        ['Tegen beide voorstellen', 'against', 1, 5],
      ],
      SIMPLE_MAJORITY,
    );
    expect(outcomeExplanation(p, 33)).toBe(
      'De voorstellen samen kregen 24 van de 29 gewogen stemmen (82,76%), maar Voorstel bestuur en Geamendeerd voorstel kregen evenveel gewogen stemmen (elk 12). Er is niets aangenomen; het bestuur schrijft een nieuwe stemming uit.',
    );
  });
});

describe('the phases of a consultation', () => {
  const base = {
    kind: 'ledenraadpleging',
    amendmentDeadline: new Date('2020-06-05T10:00:00Z'),
    votingOpenedAt: new Date('2020-06-11T08:00:00Z'),
    votingDeadline: new Date('2020-06-26T10:00:00Z'),
    resultsPublishedAt: null,
    ratifiedAt: null,
  };

  it('while voting: amendments done, voting now, result and ratification still to come (Amsterdam time)', () => {
    expect(phasesOf({ ...base, status: 'voting_open' }, null).map((p) => [p.name, p.stateNl, p.when])).toEqual([
      ['Amendementen en moties indienen', 'afgerond', 'tot 5 juni 2020 om 12:00'],
      ['Definitieve voorstellen gepubliceerd', 'afgerond', 'met de reactie van het bestuur op amendementen en moties'],
      ['Stemmen', 'nu', 'geopend op 11 juni 2020 om 10:00, stemmen kan tot 26 juni 2020 om 12:00'],
      ['Uitslag', 'nog niet', 'het bestuur maakt de uitslag bekend na het sluiten van de stemming'],
      ['Bekrachtiging van de uitslag', 'nog niet', 'door de eerstvolgende Algemene Ledenvergadering'],
    ]);
  });

  it('ratified: every step done; an assembly (ALV) has no ratification step', () => {
    const ratified = phasesOf(
      { ...base, status: 'ratified', resultsPublishedAt: new Date('2020-06-29T08:00:00Z'), ratifiedAt: new Date('2020-09-25T12:00:00Z') },
      base.votingDeadline,
    );
    expect(ratified.map((p) => p.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(ratified[4].when).toBe('bekrachtigd op 25 september 2020 om 14:00');
    expect(phasesOf({ ...base, kind: 'alv', amendmentDeadline: null, status: 'voting_closed' }, base.votingDeadline).map((p) => [p.name, p.state])).toEqual([
      ['Definitieve voorstellen gepubliceerd', 'done'],
      ['Stemmen', 'done'],
      ['Uitslag', 'current'],
    ]);
  });
});

describe('small rules of the result pages', () => {
  it('a page number is a whole number from 1', () => {
    expect([undefined, '', '1', '4', '0', '-1', '1.5', 'x', '9999999', ['2']].map(pageNumber)).toEqual([
      1,
      1,
      1,
      4,
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
  });

  it('a CSV cell a spreadsheet would run as a formula is quoted with an apostrophe', () => {
    expect(['=1+1', '+31 70', '-x', '@SUM(A1)', 'Amsterdam', "'s-Hertogenbosch"].map(spreadsheetSafe)).toEqual([
      "'=1+1",
      "'+31 70",
      "'-x",
      "'@SUM(A1)",
      'Amsterdam',
      "'s-Hertogenbosch",
    ]);
  });
});
