/** A run's data file: one row of variables per iteration, from CSV (with a header row) or a JSON array of objects. */
import { parse } from 'csv-parse/sync';
import { RUN_LIMITS } from '../../shared/api/runner';
import { AppFailure } from '../core/failure';

export type DataRow = Readonly<Record<string, string>>;

function cell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Reads rows from the file's text; JSON when it starts with `[`, else CSV. Throws AppFailure (invalid_input). */
export function parseDataFile(text: string, name: string): DataRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let rows: DataRow[];
  if (/^\s*\[/.test(body)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new AppFailure('invalid_input', `${name}: not valid JSON`);
    }
    if (!Array.isArray(json) || !json.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row)))
      throw new AppFailure('invalid_input', `${name}: a JSON data file must be an array of objects`);
    rows = json.map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, cell(value)])),
    );
  } else {
    try {
      rows = parse(body, { columns: true, bom: true, skip_empty_lines: true, trim: false }) as DataRow[];
    } catch (error) {
      throw new AppFailure(
        'invalid_input',
        `${name}: not a CSV file (${error instanceof Error ? error.message : error})`,
      );
    }
  }
  if (rows.length === 0) throw new AppFailure('invalid_input', `${name}: no data rows`);
  if (rows.length > RUN_LIMITS.dataRows)
    throw new AppFailure('invalid_input', `${name}: more than ${RUN_LIMITS.dataRows} rows`);
  return rows;
}
