/**
 * Reading a budget (begroting) from CSV or JSON into line items and stated sums. Pure: no I/O.
 *
 * CSV, semicolon-separated, one column per year after the first four:
 *   type;compartment;kind;name;2018
 *   activity;management;structural;Taxatiewijzers WOZ;1.000.000
 *   subtotal;;structural;Totaal structureel;25.452.000
 *   total;;;Totaal 2017;50.752.000
 * type is activity, subtotal (of a kind or of a compartment) or total; amounts in euros, Dutch style
 * ("1.000.000" or "1.000.000,50") or plain digits.
 */
import { parse } from 'csv-parse/sync';
import { ACTIVITY_KINDS, ActivityKind, BudgetItem, Compartment, COMPARTMENTS, StatedSum } from '../rules/budget-check';
import { RuleError } from '../rules/exact-decimal';

export interface ParsedBudget {
  items: BudgetItem[];
  stated: StatedSum[];
}

/** "1.000.000" -> 100000000 cents; "1.000.000,50" -> 100000050; "250000" -> 25000000. */
export function parseEuroAmount(field: string, text: string): bigint {
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RuleError(field, 'must be an amount in euros, e.g. 1.000.000 or 1.000.000,50, not negative');
  return BigInt(match[1].replaceAll('.', '')) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

export function parseBudgetCsv(csv: string, firstYear: number, lastYear: number): ParsedBudget {
  let rows: string[][];
  try {
    rows = parse(csv, { delimiter: ';', skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new RuleError('csv', `cannot be read as semicolon-separated values (${(error as Error).message.split('\n')[0]})`);
  }
  const [header, ...lines] = rows;
  if (!header || header.slice(0, 4).join(';').toLowerCase() !== 'type;compartment;kind;name') {
    throw new RuleError('csv', 'the first line must be type;compartment;kind;name followed by one column per year');
  }
  const years = header.slice(4).map((y, i) => {
    const year = Number(y);
    if (!Number.isInteger(year) || year < firstYear || year > lastYear)
      throw new RuleError(`csv line 1 column ${i + 5}`, `must be a year of the budget (${firstYear}-${lastYear})`);
    return year;
  });
  if (years.length === 0) throw new RuleError('csv', 'needs at least one year column');
  const result: ParsedBudget = { items: [], stated: [] };
  lines.forEach((cells, index) => {
    const line = index + 2;
    const [type, compartment, kind, name] = cells;
    if (!name) throw new RuleError(`csv line ${line} name`, 'must not be empty');
    const amounts = years.map((year, i) => ({ year, amountCents: parseEuroAmount(`csv line ${line} ${year}`, cells[4 + i] ?? '') }));
    if (type === 'activity') {
      if (!COMPARTMENTS.includes(compartment as Compartment)) throw new RuleError(`csv line ${line} compartment`, `must be one of ${COMPARTMENTS.join(', ')}`);
      if (!ACTIVITY_KINDS.includes(kind as ActivityKind)) throw new RuleError(`csv line ${line} kind`, `must be one of ${ACTIVITY_KINDS.join(', ')}`);
      for (const a of amounts) result.items.push({ line, name, compartment: compartment as Compartment, kind: kind as ActivityKind, ...a });
    } else if (type === 'subtotal' || type === 'total') {
      let scope: StatedSum['scope'] = 'total';
      if (type === 'subtotal') {
        if (ACTIVITY_KINDS.includes(kind as ActivityKind) && !compartment) scope = { kind: kind as ActivityKind };
        else if (COMPARTMENTS.includes(compartment as Compartment) && !kind) scope = { compartment: compartment as Compartment };
        else throw new RuleError(`csv line ${line}`, 'a subtotal names either a kind or a compartment');
      }
      for (const a of amounts) result.stated.push({ line, label: name, scope, ...a });
    } else {
      throw new RuleError(`csv line ${line} type`, 'must be activity, subtotal or total');
    }
  });
  if (result.items.length === 0) throw new RuleError('csv', 'contains no activity');
  return result;
}
