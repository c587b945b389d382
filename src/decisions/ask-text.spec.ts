import { parseAsks } from './ask-text';

describe('the asks of a motion, read from its text', () => {
  it('one ask per bullet; a wrapped line continues its ask; the preamble is not an ask', () => {
    const text = [
      'De leden verzoeken het bestuur zich in te zetten voor:',
      '- Een door het kabinet gefinancierde voorziening voor gemeenten om ernstige tekorten op te',
      'vangen voor de jaren 2018, 2019 en 2020',
      '',
      '- Het meebewegen van het macrobudget met volumegroei en cao-ontwikkelingen',
      '- Een onderzoeksvoorstel naar de sturingsmogelijkheden in de Wmo, voor de ALV van 5 juni 2019',
    ].join('\n');
    expect(parseAsks(text)).toEqual([
      {
        text: 'Een door het kabinet gefinancierde voorziening voor gemeenten om ernstige tekorten op te vangen voor de jaren 2018, 2019 en 2020',
        dueFor: null,
      },
      { text: 'Het meebewegen van het macrobudget met volumegroei en cao-ontwikkelingen', dueFor: null },
      { text: 'Een onderzoeksvoorstel naar de sturingsmogelijkheden in de Wmo, voor de ALV van 5 juni 2019', dueFor: 'ALV van 5 juni 2019' },
    ]);
  });

  it('numbered and lettered lists count as bullets', () => {
    expect(parseAsks('Verzoekt het bestuur:\n1. eerst dit;\n2) dan dat\na. en ook zo').map((a) => a.text)).toEqual(['eerst dit', 'dan dat', 'en ook zo']);
  });

  it('a text without bullets is one ask', () => {
    expect(parseAsks('  De ALV verzoekt het bestuur\nde contributie te bezien.  ')).toEqual([
      { text: 'De ALV verzoekt het bestuur de contributie te bezien.', dueFor: null },
    ]);
  });
});
