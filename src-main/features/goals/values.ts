import type { Kysely } from 'kysely';
import { localIsoDate } from '../../shared/dates';
import type { GoalValuesImportResult } from './contract/api';
import { DATE_FORMATS, type DateFormat, type DecimalSeparator } from '../imports/contract';
import type { DB } from '../../db/schema';
import { insertValues } from './repository';
import { valuesBetween } from '../metrics';
import { AppError } from '../../kernel/errors';
import { detectDateFormat, parseDay } from '../imports';
import { detectDecimal } from '../imports';
import { openSource, type SourceRecord } from '../imports';
import { customGoal, valueProblem } from './service';
import { describeIssue } from '../../kernel/cli/messages';

/**
 * Custom-metric values from a CSV of `date,value[,note]`, read by the importer's own source
 * (encoding, delimiter, quoting) and its date and decimal detection. A header row is optional:
 * the first row is data when its first cell is a day. All rows or none.
 */

/** A values file is a column of days, not a sales export: this many rows is plenty. */
export const MAX_VALUE_ROWS = 100_000;
const MAX_NOTE = 500;

export interface ValuesFile {
  rows: SourceRecord[];
  delimiter: string;
}

export async function readValuesFile(path: string): Promise<ValuesFile> {
  const source = await openSource(path, {});
  try {
    const rows: SourceRecord[] = [];
    const header = source.headers;
    // A header names its columns; a first row with a day or a number in it is data.
    const isData =
      DATE_FORMATS.some((f) => parseDay(header[0] ?? '', f) !== null) ||
      parseValue(header[1] ?? '', '.') !== null ||
      parseValue(header[1] ?? '', ',') !== null;
    if (isData) rows.push({ line: 1, fields: header });
    for await (const batch of source.batches) {
      rows.push(...batch);
      if (rows.length > MAX_VALUE_ROWS)
        throw new AppError('invalid_input', `${source.name} has more than ${MAX_VALUE_ROWS} rows of values.`);
    }
    return { rows, delimiter: source.delimiter };
  } finally {
    source.close();
  }
}

/**
 * A number as a spreadsheet writes it with `decimal` as the decimal mark: optional minus,
 * digits optionally grouped in thousands by the other mark ("1.234,5" or "1,234.5").
 */
export function parseValue(text: string, decimal: DecimalSeparator): number | null {
  const group = decimal === ',' ? '\\.' : ',';
  const point = decimal === ',' ? ',' : '\\.';
  const shape = new RegExp(`^(-?)(\\d{1,3}(?:${group}\\d{3})+|\\d+)(?:${point}(\\d+))?$`);
  const match = shape.exec(text.trim().replace(/[\s\u00a0\u202f]/g, ''));
  if (!match) return null;
  const value = Number(`${match[1]}${match[2]!.replace(/[.,]/g, '')}.${match[3] ?? '0'}`);
  return Number.isFinite(value) ? value : null;
}

/** With a few bad days among them, the format that reads the most (the others are reported by line). */
function mostRead(days: readonly string[]): DateFormat | null {
  let best: DateFormat | null = null;
  let most = 0;
  for (const format of DATE_FORMATS) {
    const read = days.filter((d) => parseDay(d, format) !== null).length;
    if (read > most) [best, most] = [format, read];
  }
  return best;
}

/**
 * Checks every row against the goal and, unless it is a dry run or any row is wrong, adds the
 * new ones. A row equal to a point already logged (same day, value and note) is a duplicate:
 * importing the same file twice adds nothing the second time.
 */
export async function importValues(
  db: Kysely<DB>,
  input: { goalId: number; file: ValuesFile; dateFormat: DateFormat | undefined; dryRun: boolean },
  now: Date,
): Promise<GoalValuesImportResult> {
  const goal = await customGoal(db, input.goalId);
  const { rows, delimiter } = input.file;
  const days = rows.map((r) => r.fields[0] ?? '');
  const detected = detectDateFormat(days);
  const dateFormat = input.dateFormat ?? detected.format ?? (detected.ambiguous ? null : mostRead(days));
  if (dateFormat === null)
    throw new AppError(
      'invalid_input',
      detected.ambiguous
        ? 'The dates read two ways (03/04/2026 could be 3 April or 4 March): choose the date format.'
        : 'The first column does not hold days in one format (YYYY-MM-DD, dd/MM/yyyy, MM/dd/yyyy or dd.MM.yyyy).',
    );
  const decimal = detectDecimal(rows.map((r) => r.fields[1] ?? '')) ?? '.';
  const today = localIsoDate(now);

  const errors: GoalValuesImportResult['errors'] = [];
  const parsed: { on_date: string; value: number; note: string | null }[] = [];
  for (const { line, fields } of rows) {
    const [rawDate = '', rawValue = '', rawNote = ''] = fields;
    const date = parseDay(rawDate, dateFormat);
    const value = parseValue(rawValue, decimal);
    const note = rawNote.trim() === '' ? null : rawNote.trim();
    const problems: string[] = [];
    if (date === null) problems.push(`"${rawDate}" is not a day written ${dateFormat}`);
    else if (date > today) problems.push(`${date} has not come yet`);
    if (value === null) problems.push(`"${rawValue}" is not a number written with "${decimal}" for decimals`);
    else {
      const problem = valueProblem(goal, value);
      if (problem) problems.push(`the value ${describeIssue(problem)}`);
    }
    if (note !== null && note.length > MAX_NOTE) problems.push(`the note is longer than ${MAX_NOTE} characters`);
    if (fields.length > 3) problems.push(`expected date, value and an optional note, found ${fields.length} columns`);
    if (problems.length > 0) errors.push({ line, message: problems.join('; ') });
    else parsed.push({ on_date: date!, value: value!, note });
  }

  const result = { errors, dryRun: input.dryRun, dateFormat, delimiter, decimal };
  if (errors.length > 0) return { ...result, inserted: 0, duplicates: 0 };
  const dates = parsed.map((p) => p.on_date).sort();
  const existing = new Map<string, number>();
  const key = (p: { on_date: string; value: number; note: string | null }): string =>
    `${p.on_date}\0${p.value}\0${p.note ?? ''}`;
  if (dates.length > 0)
    for (const v of await valuesBetween(db, goal.id, dates[0]!, dates[dates.length - 1]!))
      existing.set(key(v), (existing.get(key(v)) ?? 0) + 1);
  const fresh = parsed.filter((p) => {
    const left = existing.get(key(p)) ?? 0;
    if (left > 0) existing.set(key(p), left - 1);
    return left === 0;
  });
  if (!input.dryRun) {
    const at = now.toISOString();
    for (let i = 0; i < fresh.length; i += 500)
      await insertValues(
        db,
        fresh.slice(i, i + 500).map((p) => ({ goal_id: goal.id, ...p, created_at: at })),
      );
  }
  return { ...result, inserted: fresh.length, duplicates: parsed.length - fresh.length };
}
