import type Database from 'better-sqlite3';
import {
  dayIssue,
  parseDay,
  readsDifferently,
  rowIssue,
  type BatchWriter,
  type RowContext,
  type RowResult,
  type SourceRecord,
  type UnrecordedImporter,
  type WriteOutcome,
} from '../imports';
import { DATE_FORMATS, type DecimalSeparator, type ImportIssue } from '../imports/contract';
import type { Goal } from './contract/api';
import { valueProblem } from './service';

/**
 * Custom-metric values from a CSV of `date,value[,note]`, as an importer of the one import
 * pipeline (features/imports): the same reading (encoding, delimiter, quoting, date and
 * decimal detection), keyed problems and transaction. Columns are taken by position; a header
 * row is optional: the first row is data when its first cell is a day or its second a number.
 * All rows or none; no batch is recorded, so there is no undo (values are deleted one by one).
 */

/** A values file is a column of days, not a sales export: this many rows is plenty. */
export const MAX_VALUE_ROWS = 100_000;
const MAX_NOTE = 500;

export interface ValuePoint {
  onDate: string;
  value: number;
  note: string | null;
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

function readPoint(goal: Goal, today: string, record: SourceRecord, ctx: RowContext): RowResult<ValuePoint> {
  const { line, fields } = record;
  const [rawDate = '', rawValue = '', rawNote = ''] = fields.map((f) => f.trim());
  const issues: ImportIssue[] = [];
  const issue = (field: string, key: Parameters<typeof rowIssue>[3], values = {}, got = ''): void => {
    issues.push(rowIssue(line, field, ctx.mapping[field] ?? null, key, values, got));
  };
  const date = rawDate === '' ? null : parseDay(rawDate, ctx.dateFormat);
  if (rawDate === '') issue('date', 'required');
  else if (date === null) issue('date', ...dayIssue(rawDate, ctx.dateFormat), rawDate);
  else if (date > today) issue('date', 'notYet', {}, rawDate);
  else if (ctx.dayMonthUndecided && readsDifferently(rawDate)) issue('date', 'ambiguousDay', {}, rawDate);
  const value = rawValue === '' ? null : parseValue(rawValue, ctx.decimal);
  if (rawValue === '') issue('value', 'required');
  else if (value === null) issue('value', 'notValue', { decimal: ctx.decimal }, rawValue);
  else {
    const problem = valueProblem(goal, value);
    if (problem) issue('value', problem as `errors.${string}`, {}, rawValue);
  }
  const note = rawNote === '' ? null : rawNote;
  if (note !== null && note.length > MAX_NOTE) issue('note', 'tooLong', { max: MAX_NOTE });
  if (fields.length > 3) issue('', 'valueColumns', { n: fields.length });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { onDate: date!, value: value!, note } };
}

/**
 * Adds a goal's points. A row equal to a point already logged (same day, value and note) is a
 * duplicate: importing the same file twice adds nothing the second time. Equal rows inside
 * one file are all new (two equal counts on one day are two points).
 */
class ValuesWriter implements BatchWriter<ValuePoint> {
  /** Points already logged, by day, value and note, with how many times each. */
  private readonly existing = new Map<string, number>();
  private readonly insert: Database.Statement<[number, string, number, string | null, string]>;

  constructor(
    sqlite: Database.Database,
    private readonly goalId: number,
    private readonly nowIso: string,
  ) {
    const rows = sqlite.prepare('SELECT on_date, value, note FROM goal_values WHERE goal_id = ?').all(goalId) as {
      on_date: string;
      value: number;
      note: string | null;
    }[];
    for (const r of rows) {
      const key = ValuesWriter.key(r.on_date, r.value, r.note);
      this.existing.set(key, (this.existing.get(key) ?? 0) + 1);
    }
    this.insert = sqlite.prepare(
      'INSERT INTO goal_values (goal_id, on_date, value, note, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  private static key(day: string, value: number, note: string | null): string {
    return `${day}\0${value}\0${note ?? ''}`;
  }

  write(p: ValuePoint): WriteOutcome {
    const key = ValuesWriter.key(p.onDate, p.value, p.note);
    const left = this.existing.get(key) ?? 0;
    if (left > 0) {
      this.existing.set(key, left - 1);
      return { inserted: false };
    }
    this.insert.run(this.goalId, p.onDate, p.value, p.note, this.nowIso);
    return { inserted: true, customerCreated: false };
  }

  close(): void {}
}

/** The importer of `goal`'s values; a day after `today` has not come yet. */
export function valuesImporter(goal: Goal, today: string): UnrecordedImporter<ValuePoint> {
  return {
    kind: 'goalValues',
    fields: ['date', 'value', 'note'],
    required: ['date', 'value'],
    isData: (first) =>
      DATE_FORMATS.some((f) => parseDay(first[0] ?? '', f) !== null) ||
      parseValue(first[1] ?? '', '.') !== null ||
      parseValue(first[1] ?? '', ',') !== null,
    dateField: 'date',
    numberField: 'value',
    maxRecords: MAX_VALUE_ROWS,
    read: (record, ctx) => readPoint(goal, today, record, ctx),
    writer: (sqlite, nowIso) => new ValuesWriter(sqlite, goal.id, nowIso),
  };
}
