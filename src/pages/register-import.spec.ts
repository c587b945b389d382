import { DomainError } from '../platform/http/domain-error';
import { importRefusalMessages, importReasonNl, uploadProblem, uploadText } from './register-import';

const file = (name: string, content: Buffer | string) => {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { originalname: name, size: buffer.length, buffer };
};

describe('the register upload', () => {
  it('takes a CSV text file, and refuses a missing, empty, binary or differently named one with its status', () => {
    expect(uploadProblem(file('leden.csv', 'code;name;inhabitants\nGM0489;Barendrecht;48654\n'))).toBeNull();
    expect(uploadProblem(file('LEDEN.CSV', 'code,name,inhabitants\r\n'))).toBeNull();
    expect(uploadProblem(undefined)?.status).toBe(400);
    expect(uploadProblem(file('', ''))?.status).toBe(400);
    expect(uploadProblem(file('leden.csv', ' \n\n'))).toEqual({ status: 400, message: 'Het bestand is leeg.' });
    expect(uploadProblem(file('leden.xlsx', 'code;name'))?.status).toBe(415);
    // A workbook renamed to .csv is still a zip file: its bytes give it away.
    expect(uploadProblem(file('leden.csv', Buffer.from('504b0304140006000800', 'hex')))?.status).toBe(415);
  });

  it('reads UTF-8, and Windows-1252 as older Excel saves it', () => {
    expect(uploadText(Buffer.from('\ufeffGM1900;Súdwest-Fryslân;90000', 'utf8'))).toBe('GM1900;Súdwest-Fryslân;90000');
    expect(uploadText(Buffer.from('GM1900;S\xfadwest-Frysl\xe2n;90000', 'latin1'))).toBe('GM1900;Súdwest-Fryslân;90000');
  });

  it("names every refused line and column of the service's refusal in Dutch", () => {
    const refusal = new DomainError('IMPORT_REFUSED', 'csv: 2 refusal(s)', [
      { field: 'csv line 3 inhabitants', rule: 'inhabitants must not be greater than 2147483647' },
      { field: 'csv line 5 secretary_email', rule: 'secretary_email is not a valid e-mail address' },
    ]);
    expect(importRefusalMessages(refusal, 'file')).toEqual([
      { field: 'file', message: 'Regel 3, inwoners: mag niet groter zijn dan 2.147.483.647' },
      { field: 'file', message: 'Regel 5, e-mailadres secretaris: is geen geldig e-mailadres' },
    ]);
    const header = DomainError.invalid('csv', 'the header must name the columns code;name;inhabitants (missing: inhabitants)');
    expect(importRefusalMessages(header, 'file')[0].message).toMatch(
      /^De eerste regel van het bestand moet de kolommen code;name;inhabitants noemen \(ontbreekt: inhabitants\)/,
    );
    expect(importReasonNl('something new')).toBe('klopt niet');
  });
});
