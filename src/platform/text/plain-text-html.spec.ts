import { escapeHtml, plainTextToHtml } from './plain-text-html';

describe('the HTML part of a mail, made from its text', () => {
  it('escapes quotes, ampersands and angle brackets once', () => {
    expect(escapeHtml(`Motie "Samen sterk" & meer <b>'t</b>`)).toBe('Motie &quot;Samen sterk&quot; &amp; meer &lt;b&gt;&#39;t&lt;/b&gt;');
    expect(plainTextToHtml('Uitslag Motie "Samen sterk" & meer')).toBe('<p>Uitslag Motie &quot;Samen sterk&quot; &amp; meer</p>');
  });

  it('makes paragraphs of blocks and keeps the line breaks inside a block', () => {
    const text =
      'Geachte heer, mevrouw,\n\nRegel een\nregel twee\n\n\nMet vriendelijke groet,\n\nVereniging van Nederlandse Gemeenten\nPostbus 30435, 2500 GK Den Haag\n';
    expect(plainTextToHtml(text)).toBe(
      [
        '<p>Geachte heer, mevrouw,</p>',
        '<p>Regel een<br>\nregel twee</p>',
        '<p>Met vriendelijke groet,</p>',
        '<p>Vereniging van Nederlandse Gemeenten<br>\nPostbus 30435, 2500 GK Den Haag</p>',
      ].join('\n'),
    );
  });

  it('makes a list of lines starting with a dash, an indented line continuing its item', () => {
    const text = 'Berekening:\n- contributie: 48.654 × € 1,52 = € 73.954,08\n  Vastgesteld door: ALV juni 2020\n- korting: € 0,00\nTotaal: € 73.954,08';
    expect(plainTextToHtml(text)).toBe(
      [
        '<p>Berekening:</p>',
        '<ul>',
        '<li>contributie: 48.654 × € 1,52 = € 73.954,08<br>\nVastgesteld door: ALV juni 2020</li>',
        '<li>korting: € 0,00</li>',
        '</ul>',
        '<p>Totaal: € 73.954,08</p>',
      ].join('\n'),
    );
  });

  it('links web addresses, leaving the punctuation after them outside the link', () => {
    expect(plainTextToHtml('De uitslag: https://ledenraadpleging.example/raadplegingen/1/uitslag.')).toBe(
      '<p>De uitslag: <a href="https://ledenraadpleging.example/raadplegingen/1/uitslag">https://ledenraadpleging.example/raadplegingen/1/uitslag</a>.</p>',
    );
    expect(plainTextToHtml('Zie http://x.example/a?b=1&c=2 (of bel)')).toBe(
      '<p>Zie <a href="http://x.example/a?b=1&amp;c=2">http://x.example/a?b=1&amp;c=2</a> (of bel)</p>',
    );
  });

  it('never lets text become markup, not even in an address', () => {
    expect(plainTextToHtml('https://x.example/"><script>alert(1)</script>')).toBe(
      '<p><a href="https://x.example/">https://x.example/</a>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });
});
