import { parse } from 'csv-parse/sync';
import { CBS_CODE, CBS_CODE_RULE } from './dto/member.dto';

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
  if (missing.length) return { rows: [], refused: [], headerError: `csv: the header must name the columns ${REQUIRED.join(';')} (missing: ${missing.join(', ')})` };
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
    const refuse = (reason: string) => refused.push({ line, code, reason });
    if (!CBS_CODE.test(code)) return refuse(`code ${CBS_CODE_RULE}`);
    if (seen.has(code)) return refuse('code appears more than once in this file');
    seen.add(code);
    const name = col(record, 'name');
    if (!name) return refuse('name is missing');
    const rawInhabitants = col(record, 'inhabitants');
    if (rawInhabitants === '') return refuse('inhabitants is missing');
    if (!/^-?\d+$/.test(rawInhabitants)) return refuse('inhabitants must be a whole number');
    const inhabitants = Number(rawInhabitants);
    if (inhabitants < 0) return refuse('inhabitants must not be negative');
    if (!Number.isSafeInteger(inhabitants) || inhabitants > 2_147_483_647) return refuse('inhabitants is too large');
    rows.push({
      line, code, name, inhabitants,
      province: col(record, 'province') || null,
      secretaryName: col(record, 'secretary_name') || null,
      secretaryEmail: col(record, 'secretary_email') || null,
    });
  });
  return { rows, refused };
}
