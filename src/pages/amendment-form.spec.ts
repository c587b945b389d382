import { DomainError } from '../platform/http/domain-error';
import { amendmentRefusal, figureForInput, parseFigure, resolveCoSponsors } from './amendment-form';

describe('a changed figure typed the Dutch way', () => {
  it.each([
    ['2,9', 2.9],
    ['2,9%', 2.9],
    [' 2.9 % ', 2.9],
    ['-1,25', -1.25],
    ['4', 4],
  ])('percentage %j is %d', (typed, value) => expect(parseFigure('percentage', typed)).toBe(value));

  it.each(['2,999', 'twee', '2,9,1', '', '1e3', '2.900,5'])('percentage %j cannot be read', (typed) => expect(parseFigure('percentage', typed)).toBeNaN());

  it.each([
    ['€ 1.250,00', 125000],
    ['1250', 125000],
    ['1250,5', 125050],
    ['0,07', 7],
    ['1.234.567,89', 123456789],
  ])('amount %j is %d cents', (typed, cents) => expect(parseFigure('amount_cents', typed)).toBe(cents));

  it.each(['1,234', '12.34', '1.2345,00', 'een euro'])('amount %j cannot be read', (typed) => expect(parseFigure('amount_cents', typed)).toBeNaN());

  it.each([
    ['1.000', 1000],
    ['355', 355],
  ])('count %j is %d', (typed, value) => expect(parseFigure('integer', typed)).toBe(value));

  it.each(['1,5', '1.00'])('count %j cannot be read', (typed) => expect(parseFigure('integer', typed)).toBeNaN());

  it('a stored figure is shown to be changed as it is typed', () => {
    expect(figureForInput('percentage', '2.9')).toBe('2,9');
    expect(figureForInput('amount_cents', '125000')).toBe('1.250,00');
    expect(figureForInput('integer', '1000')).toBe('1.000');
    expect(parseFigure('amount_cents', figureForInput('amount_cents', '125050'))).toBe(125050);
  });
});

describe('co-sponsors typed by name or CBS code', () => {
  const register = [
    { id: 'b', cbsCode: 'GM0489', name: 'Barendrecht' },
    { id: 'd', cbsCode: 'GM0498', name: 'Drechterland' },
    { id: 'h', cbsCode: 'GM1507', name: 'Horst aan de Maas' },
  ];

  it('one per line or separated by commas, any case, with or without "gemeente"', () => {
    expect(resolveCoSponsors('Drechterland\ngm1507', register, 'b')).toEqual({ codes: ['GM0498', 'GM1507'], error: null });
    expect(resolveCoSponsors('gemeente horst  aan de maas; GM0498,', register, 'b')).toEqual({ codes: ['GM1507', 'GM0498'], error: null });
    expect(resolveCoSponsors('  \n ', register, 'b')).toEqual({ codes: [], error: null });
  });

  it('refuses an unknown name, the own municipality and a municipality named twice', () => {
    expect(resolveCoSponsors('Drechterland\nAtlantis', register, 'b').error).toBe(
      '‘Atlantis’ is geen gemeente die lid is van de vereniging. Controleer de naam, of gebruik de CBS-code (GM en vier cijfers).',
    );
    expect(resolveCoSponsors('GM0489', register, 'b').error).toBe('Uw eigen gemeente kan geen mede-indiener zijn: zij dient het al in.');
    expect(resolveCoSponsors('Drechterland, GM0498', register, 'b').error).toBe('U noemt Drechterland twee keer.');
    expect(resolveCoSponsors(Array(51).fill('x').join('\n'), register, 'b').error).toBe('Noem hoogstens 50 mede-indieners.');
  });
});

describe("the amendment service's refusals on the pages", () => {
  it('a late submission names the deadline, in the summary at the deadline paragraph', () => {
    const late = new DomainError(
      'DEADLINE_PASSED',
      'amendments and motions were due by 5 juni 2020 om 12:00 (Europe/Amsterdam); received 2020-06-05T10:00:01.000Z',
    );
    expect(amendmentRefusal(late, 'amendment', 'Barendrecht')).toEqual({
      status: 409,
      errors: [
        {
          field: 'termijn',
          fieldId: 'termijn',
          message:
            'Amendementen en moties konden worden ingediend en gewijzigd tot 5 juni 2020 om 12:00. Dat is voorbij: wat u hebt verstuurd, is niet verwerkt.',
        },
      ],
    });
  });

  it('field refusals land at the page field, in Dutch', () => {
    const refusal = amendmentRefusal(DomainError.invalid('coSponsorCodes[1]', 'GM9999 is not a member'), 'motion', 'Barendrecht');
    expect(refusal).toEqual({ status: 400, errors: [{ field: 'coSponsors', message: 'GM9999 is geen gemeente die lid is van de vereniging.' }] });
    expect(amendmentRefusal(new DomainError('DUPLICATE', 'already confirmed'), 'amendment', 'Drechterland').errors[0].message).toBe(
      'Drechterland heeft haar steun voor dit amendement al bevestigd.',
    );
    expect(amendmentRefusal(new DomainError('NOT_EDITABLE', 'MO-2020-001 has been answered by the board'), 'motion', 'Venray').errors[0].message).toBe(
      'Het bestuur heeft al op de motie gereageerd. Wijzigen of intrekken kan niet meer.',
    );
  });

  it('an unknown amendment is not a form refusal: it goes on to the error page', () => {
    const missing = DomainError.notFound('amendment', 'x');
    expect(() => amendmentRefusal(missing, 'amendment', 'Barendrecht')).toThrow(missing);
  });
});
