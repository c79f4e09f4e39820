import { AppError } from '../../../kernel/errors';
import {
  normaliseWord,
  openCsvSource,
  type ReadOptions,
  type RecordSource,
  type RowContext,
  type SourceRecord,
} from '../../imports';

/**
 * Goodreads and Readwise exports are CSV files with fixed English headers. The pipeline reads
 * them (encoding, delimiter, quoting) and maps the headers to fields; this checks first that
 * the file is the export it is said to be, so a wrong file gets "this is not a Goodreads
 * export: it has no column Title" rather than a hint about mapping columns.
 */
export async function openExport(
  path: string,
  options: ReadOptions,
  /** field → the export's header for it. */
  names: Readonly<Record<string, string>>,
  required: readonly string[],
  notThisKey: string,
): Promise<RecordSource> {
  const source = await openCsvSource(path, options);
  const present = new Set(source.headers.map(normaliseWord));
  const missing = required.filter((field) => !present.has(normaliseWord(names[field]!)));
  if (missing.length > 0) {
    source.close();
    throw new AppError('invalid_input', notThisKey, undefined, {
      name: source.name,
      missing: missing.map((f) => names[f]!).join(', '),
    });
  }
  return source;
}

/** The pipeline's header names per field (it compares them normalised) from the export's headers. */
export const headersOf = (names: Readonly<Record<string, string>>): Record<string, readonly string[]> =>
  Object.fromEntries(Object.entries(names).map(([field, header]) => [field, [normaliseWord(header)]]));

/** A field's cell, trimmed; '' when the file has no such column. */
export function cell(record: SourceRecord, ctx: RowContext, field: string): string {
  const column = ctx.columns[field];
  return column === undefined ? '' : (record.fields[column] ?? '').trim();
}

/** A whole number cell: null when empty, undefined when it is not one. */
export function wholeNumber(text: string): number | null | undefined {
  if (text === '') return null;
  return /^-?\d{1,9}$/.test(text) ? Number(text) : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A real calendar day from its parts, as YYYY-MM-DD, or null. */
export function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}
