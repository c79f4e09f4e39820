import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type {
  DateFormat,
  DecimalSeparator,
  Delimiter,
  Encoding,
  ImportIssue,
  ImportKind,
  ImportUndoResult,
} from './contract';
import type { CsvRecord } from './csv';

/**
 * The one import pipeline (engine.ts) and what plugs into it. The pipeline owns reading
 * (encoding, delimiter, decimal and date-format detection), mapping columns to fields, keyed
 * problems per row, the batch and its transaction, idempotency (the file hash, duplicates),
 * undo, progress and cancel. An importer owns what its kind of record means: its fields, how
 * one record becomes typed data, how that is written, and how a batch is taken back.
 */

/** One record of a source and the physical line where it starts (the header is line 1). */
export type SourceRecord = CsvRecord;

/** How a source file writes text: also how the rejected-rows file is written, so it re-imports as is. */
export interface SourceDialect {
  encoding: Encoding;
  delimiter: Delimiter;
}

/**
 * Where records come from: a CSV file (source.ts) or any other reader (a text file of Kindle
 * highlights would split it into records of fields). The first record is the header.
 */
export interface RecordSource extends SourceDialect {
  name: string;
  size: number;
  headers: string[];
  /** The data records after the header, in the batches the reader has ready; blank ones skipped. */
  batches: AsyncGenerator<SourceRecord[]>;
  bytesRead(): number;
  /** SHA-256 of the whole file; complete once `batches` is exhausted. */
  sha256(): string;
  /** Throws if the file vanished or changed while it was read. */
  checkUnchanged(): void;
  close(): void;
}

export interface ReadOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
}

/** What the pipeline settled about a file, for an importer to read one record with. */
export interface RowContext {
  /** field -> column index. */
  columns: Readonly<Record<string, number>>;
  /** field -> header, to name the column in problems. */
  mapping: Readonly<Record<string, string>>;
  headerCount: number;
  decimal: DecimalSeparator;
  dateFormat: DateFormat;
  /**
   * Set when the first rows fit both dd/MM and MM/dd without a single day that tells them
   * apart: a later row that reads differently is refused rather than silently guessed.
   */
  dayMonthUndecided: boolean;
  /** For rows that name no currency: the option, else the settings currency. */
  defaultCurrency: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; issues: ImportIssue[] };

export type WriteOutcome = { inserted: true; customerCreated: boolean } | { inserted: false };

/**
 * Writes the rows of one import inside its transactions, with prepared statements: per-row Kysely
 * or zod would cost more than the insert (bench/import.ts). `write` answers whether the row
 * was new or already there (the importer's idempotency key: an external id, a fingerprint,
 * an equal value already logged).
 */
export interface BatchWriter<T> {
  write(row: T): WriteOutcome;
  /**
   * Before a step of an import written in steps (engine.ts), when something else wrote to the
   * database since the last step: what the writer remembers of it may have changed meanwhile.
   */
  forget?(): void;
  /** Once, after the last row, inside the last step's transaction. */
  close(): void;
}

/** Batches an importer records in the import history, and how one is taken back. */
export interface BatchHistory {
  kind: ImportKind;
  /** Removes the batch's rows; the pipeline has checked the batch and marked it undone. */
  undo(db: Kysely<DB>, batchId: number): Promise<ImportUndoResult>;
}

interface ImporterBase<T> {
  /** Names the kind; `history.kind` is what import_batches records. */
  kind: string;
  fields: readonly string[];
  required: readonly string[];
  /**
   * Header names per field, most specific first, to suggest a mapping. Without them columns
   * are taken by position (fields[0] is the first column) and the header row is optional:
   * a first record that `isData` is read as a row.
   */
  headers?: Readonly<Record<string, readonly string[]>>;
  isData?: (fields: readonly string[]) => boolean;
  /** The field whose values settle the date format, if any. */
  dateField?: string;
  /** The field whose values settle the decimal separator, if any. */
  numberField?: string;
  /** A file with more records than this is refused. */
  maxRecords?: number;
  /** The reader; a CSV file when absent. */
  open?: (path: string, options: ReadOptions) => Promise<RecordSource>;
  /** One record -> typed data, or keyed problems. Runs per row: no zod parse on the common path. */
  read(record: SourceRecord, ctx: RowContext): RowResult<T>;
}

/** An importer whose batches go into the import history, and can be undone. */
export interface RecordedImporter<T> extends ImporterBase<T> {
  history: BatchHistory;
  writer(sqlite: Database.Database, nowIso: string, batchId: number): BatchWriter<T>;
}

/** An importer whose rows are written without a batch (no history, no undo). */
export interface UnrecordedImporter<T> extends ImporterBase<T> {
  history?: undefined;
  writer(sqlite: Database.Database, nowIso: string): BatchWriter<T>;
}

export type Importer<T> = RecordedImporter<T> | UnrecordedImporter<T>;
