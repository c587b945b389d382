import { DomainError } from '../platform/http/domain-error';
import { formatIntegerNl } from '../platform/text/dutch-format';
import type { FieldMessage } from './page-form';

/** The largest register file the page takes: the API's limit on the CSV text (the 342 members of 2024 are about 40 kB). */
export const REGISTER_FILE_LIMIT_BYTES = 2_000_000;

/** The columns of the register file, as the import report and its refusals name them. */
const COLUMN_NL: Record<string, string> = {
  code: 'CBS-code',
  name: 'naam',
  inhabitants: 'inwoners',
  province: 'provincie',
  secretary_name: 'naam secretaris',
  secretary_email: 'e-mailadres secretaris',
};

const REASON_NL: [RegExp, (m: RegExpExecArray) => string][] = [
  [/CBS municipality code/, () => 'is geen CBS-gemeentecode (GM en vier cijfers, bijvoorbeeld GM0489)'],
  [/appears more than once/, () => 'staat al eerder in dit bestand'],
  [/is missing$/, () => 'ontbreekt'],
  [/must be a whole number/, () => 'moet een heel getal zijn, zonder punten of spaties'],
  [/must not be negative/, () => 'mag niet negatief zijn'],
  [/must not be greater than (\d+)/, (m) => `mag niet groter zijn dan ${formatIntegerNl(m[1])}`],
  [/not a valid e-mail address/, () => 'is geen geldig e-mailadres'],
  [/^unknown member/, () => 'deze gemeente is nog geen lid: geef voor een nieuw lid de naam en een geldig e-mailadres van de secretaris'],
];

export function columnNl(column: string): string {
  return COLUMN_NL[column] ?? column;
}

/** A refused line's reason in Dutch ("inhabitants must be a whole number" becomes "moet een heel getal zijn, …"). */
export function importReasonNl(reason: string): string {
  for (const [pattern, dutch] of REASON_NL) {
    const match = pattern.exec(reason);
    if (match) return dutch(match);
  }
  return 'klopt niet';
}

/** One refused line of the file, as the page lists it. */
export interface RefusedLineNl {
  line: number;
  code: string;
  column: string;
  reason: string;
}

export function refusedLineNl(r: { line: number; code: string; field: string; reason: string }): RefusedLineNl {
  return { line: r.line, code: r.code, column: columnNl(r.field), reason: importReasonNl(r.reason) };
}

/**
 * The service's refusal of a file, in Dutch at the file field: every refused line and column of an
 * import that was refused whole (IMPORT_REFUSED names them as `csv line <n> <column>`), or what is
 * wrong with the file as a whole (its first line, or CSV it cannot read).
 */
export function importRefusalMessages(error: DomainError, fileField: string): FieldMessage[] {
  if (error.code === 'IMPORT_REFUSED') {
    return error.fieldErrors.map((e) => {
      const at = /^csv line (\d+) (\S+)$/.exec(e.field);
      const where = at ? `Regel ${at[1]}, ${columnNl(at[2])}` : 'Het bestand';
      return { field: fileField, message: `${where}: ${importReasonNl(e.rule)}` };
    });
  }
  const rule = error.fieldErrors.find((e) => e.field === 'csv')?.rule ?? error.message;
  const missing = /missing: ([^)]+)\)/.exec(rule);
  if (missing) {
    return [
      {
        field: fileField,
        message: `De eerste regel van het bestand moet de kolommen code;name;inhabitants noemen (ontbreekt: ${missing[1]}). Gebruik het bestand dat de export geeft als voorbeeld.`,
      },
    ];
  }
  const line = /line (\d+)/i.exec(rule);
  return [
    {
      field: fileField,
      message: `Het bestand is geen leesbaar CSV-bestand${line ? ` (rond regel ${line[1]})` : ''}, bijvoorbeeld door een aanhalingsteken dat niet wordt gesloten.`,
    },
  ];
}

/** What is wrong with an uploaded file before it is read as a register, or null; the status says why (missing, wrong kind, empty). */
export function uploadProblem(file: { originalname: string; size: number; buffer: Buffer } | undefined): { status: number; message: string } | null {
  if (!file || (file.originalname === '' && file.size === 0)) return { status: 400, message: 'Kies het CSV-bestand met het ledenregister.' };
  if (!/\.(csv|txt)$/i.test(file.originalname)) {
    return {
      status: 415,
      message: 'Dit is geen CSV-bestand. Kies een bestand dat eindigt op .csv, bijvoorbeeld uit Excel opgeslagen als "CSV UTF-8 (door komma\'s gescheiden)".',
    };
  }
  // Text has no control bytes besides tab, line feed and carriage return; a workbook, PDF or image has many.
  if (file.buffer.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) {
    return {
      status: 415,
      message: 'Dit bestand bevat geen tekst maar binaire gegevens, zoals een Excel-werkmap of een afbeelding. Sla het op als CSV en kies het opnieuw.',
    };
  }
  if (file.buffer.toString('latin1').trim() === '') return { status: 400, message: 'Het bestand is leeg.' };
  return null;
}

/** The file's text: UTF-8 (with or without byte order mark), else Windows-1252 as older Excel versions save CSV. */
export function uploadText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}
