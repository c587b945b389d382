import { actionNl, actorNl, chainReportNl } from './audit-labels';

describe('the audit trail in Dutch', () => {
  it('names actions, also the phase a consultation moves to', () => {
    expect(actionNl('members.imported')).toBe('Ledenregister geïmporteerd');
    expect(actionNl('consultation.voting_open')).toBe('Raadpleging: stemming geopend');
    expect(actionNl('something.new')).toBe('something.new');
  });

  it('says who: a named account, the holder of a ballot, the system', () => {
    const names = new Map([['bestuur@vng.example', 'Bestuur VNG']]);
    expect(actorNl('staff:bestuur@vng.example', names)).toEqual({ who: 'Bestuur VNG', how: 'bestuur@vng.example' });
    expect(actorNl('staff:oud@vng.example', names)).toEqual({ who: 'oud@vng.example', how: 'account' });
    expect(actorNl('ballot:GM0489:secretary:a@barendrecht.example', names)).toEqual({
      who: 'a@barendrecht.example',
      how: 'stemformulier GM0489, gemeentesecretaris',
    });
    expect(actorNl('system:closing', names)).toEqual({ who: 'Het systeem', how: 'closing' });
  });

  it('reports a whole chain, a broken one and what waits to be sealed', () => {
    expect(chainReportNl({ entries: 1234, firstBroken: null, unsealed: 0, oldestUnsealedAt: null })).toEqual({
      whole: true,
      headline: 'De keten is heel: alle 1.234 verzegelde regels kloppen (verzegeld tot en met regel 1.234).',
      lines: ['Er wachten geen regels op verzegeling.'],
    });
    const broken = chainReportNl({
      entries: 41,
      firstBroken: { id: '97', chainSeq: '42', reason: 'its previous hash does not match the entry before it' },
      unsealed: 2,
      oldestUnsealedAt: '2020-06-26T10:00:00.000Z',
    });
    expect(broken.whole).toBe(false);
    expect(broken.headline).toBe(
      'De keten klopt tot en met regel 41. Regel 42 past niet: de verwijzing naar de regel ervoor klopt niet: er is een regel tussengevoegd, weggehaald of verwisseld.',
    );
    expect(broken.lines).toEqual(['2 regels wachten nog op verzegeling (de oudste van 26 juni 2020 om 12:00); de worker verzegelt binnen een paar seconden.']);
  });
});
