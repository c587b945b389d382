import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { PG_INTEGER_MAX } from '../platform/http/input-rules';
import { CBS_CODE, CBS_CODE_RULE } from '../platform/http/input-rules';

/** One row of a register import, checked on its own (no database): code;name;inhabitants[;province;secretary_name;secretary_email]. */
export interface ImportRow {
  line: number;
  code: string;
  name: string;
  inhabitants: number;
  province: string | null;
  secretaryName: string | null;
  secretaryEmail: string | null;
}

export interface RefusedRow {
  line: number;
  code: string;
  /** The column at fault: code, name, inhabitants, secretary_name or secretary_email. */
  field: string;
  reason: string;
}

const REQUIRED = ['code', 'name', 'inhabitants'];

export function parseImport(csv: string): { rows: ImportRow[]; refused: RefusedRow[]; headerError?: string } {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(csv, { delimiter, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], refused: [], headerError: `csv: ${(error as Error).message}` };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length)
    return { rows: [], refused: [], headerError: `csv: the header must name the columns ${REQUIRED.join(';')} (missing: ${missing.join(', ')})` };
  const col = (record: string[], name: string) => {
    const index = header.indexOf(name);
    return index >= 0 ? (record[index] ?? '').trim() : '';
  };

  const rows: ImportRow[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const code = col(record, 'code').toUpperCase();
    // Every fault of a line is named, not only the first.
    const faults: RefusedRow[] = [];
    const refuse = (field: string, reason: string) => faults.push({ line, code, field, reason });
    if (!CBS_CODE.test(code)) refuse('code', `code ${CBS_CODE_RULE}`);
    else if (seen.has(code)) refuse('code', 'code appears more than once in this file');
    seen.add(code);
    const name = col(record, 'name');
    if (!name) refuse('name', 'name is missing');
    const rawInhabitants = col(record, 'inhabitants');
    const inhabitants = Number(rawInhabitants);
    if (rawInhabitants === '') refuse('inhabitants', 'inhabitants is missing');
    else if (!/^-?\d+$/.test(rawInhabitants)) refuse('inhabitants', 'inhabitants must be a whole number');
    else if (inhabitants < 0) refuse('inhabitants', 'inhabitants must not be negative');
    else if (!Number.isSafeInteger(inhabitants) || inhabitants > PG_INTEGER_MAX)
      refuse('inhabitants', `inhabitants must not be greater than ${PG_INTEGER_MAX}`);
    const secretaryEmail = col(record, 'secretary_email');
    if (secretaryEmail && !isEmail(secretaryEmail)) refuse('secretary_email', 'secretary_email is not a valid e-mail address');
    if (faults.length) {
      refused.push(...faults);
      return;
    }
    rows.push({
      line,
      code,
      name,
      inhabitants,
      province: col(record, 'province') || null,
      secretaryName: col(record, 'secretary_name') || null,
      secretaryEmail: col(record, 'secretary_email') || null,
    });
  });
  return { rows, refused };
}
