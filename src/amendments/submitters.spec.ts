import { joinDutch, submitterName } from './submitters';

describe('naming submitters', () => {
  it('names the 2020 amendments as the letter did', () => {
    const names = [
      submitterName('Barendrecht', []),
      submitterName('Drechterland', [{ confirmed: true }]),
      submitterName('Horst aan de Maas', [{ confirmed: true }, { confirmed: false }]),
    ];
    expect(joinDutch(names)).toBe('Barendrecht, Drechterland c.s. en Horst aan de Maas c.s.');
  });

  it('a co-sponsor that has not confirmed does not make it c.s.', () => {
    expect(submitterName('Venray', [{ confirmed: false }])).toBe('Venray');
    expect(joinDutch(['Venray', 'Peel en Maas'])).toBe('Venray en Peel en Maas');
  });
});
