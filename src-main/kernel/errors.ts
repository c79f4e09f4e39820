import type { ErrorCode, FieldIssue, MessageValues } from '../shared/api';

/**
 * An expected failure a caller can act on. Its message is a catalogue key ('failures.fileExists')
 * with `values` for its placeholders, worded by whoever shows it (the renderer, the CLI) in the
 * user's language; a message that is not a key is shown as it is.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly values?: MessageValues,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** "Sale 12 does not exist.": `what` names the record ('Sale', 'Check-in', 'Import batch'). */
export const notFound = (what: string, id: number): AppError =>
  new AppError('not_found', `failures.notFound.${notFoundKey(what)}`, undefined, { id });

/** What a call its caller cancelled before it started fails with: not run, nothing to show. */
export const cancelled = (): AppError => new AppError('cancelled', 'failures.cancelled');

/** 'Import batch' → 'importBatch', the key under failures.notFound. */
const notFoundKey = (what: string): string =>
  what
    .toLowerCase()
    .split(/[^a-z]+/)
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');

/** Error codes (SQLite's and the system's) that mean the disk or its quota is full. */
const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** Another connection holds the database, or wrote since our snapshot (SQLITE_BUSY_*, SQLITE_LOCKED_*). */
const BUSY = /^SQLITE_(BUSY|LOCKED)/;
const READ_ONLY = new Set(['SQLITE_READONLY', 'EROFS']);
/** A page SQLite could not read as a database page: damage on disk, found by a query (SQLITE_CORRUPT_*). */
const DAMAGED = /^SQLITE_(CORRUPT|NOTADB)/;

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/** Whether SQLite refused because another connection holds the database (or wrote since our snapshot). */
export const isBusyError = (error: unknown): boolean => BUSY.test(String(codeOf(error)));

/** Whether SQLite met a page it cannot read as a database page, or a file that is not a database. */
export const isDamagedError = (error: unknown): boolean => DAMAGED.test(String(codeOf(error)));

/**
 * A failure of the machine rather than of the request — a full disk, a database another
 * process is writing to, a read-only medium, a damaged page — worded for the user (and nothing was saved: the
 * write's transaction or temporary file is gone), instead of SQLite's or the system's message
 * naming an internal temporary path. Null for anything else.
 */
export function environmentError(error: unknown): AppError | null {
  const code = codeOf(error);
  if (typeof code !== 'string') return null;
  if (DISK_FULL.has(code)) return new AppError('conflict', 'failures.diskFull');
  if (BUSY.test(code)) return new AppError('conflict', 'failures.databaseBusy');
  if (READ_ONLY.has(code)) return new AppError('conflict', 'failures.readOnly');
  if (DAMAGED.test(code)) return new AppError('conflict', 'failures.damagedPage');
  return null;
}
