import { extname, isAbsolute, resolve } from 'node:path';
import type { MessageValues } from '../shared/api';
import { AppError } from './errors';

/**
 * Which paths export, backup, restore, import and the calendar export may use. A path from
 * the renderer is whatever a (possibly compromised) page sends, so: absolute only (a relative
 * one would resolve against main's working folder), only the file types the operation makes
 * (which also rules out -wal/-shm files), and never the live database: a "backup" over it
 * would destroy it.
 */
export type FilePurpose =
  'export' | 'backup' | 'restore' | 'import' | 'calendar' | 'report' | 'coach' | 'coach-pdf' | 'coach-csv';

export const EXTENSIONS: Readonly<Record<FilePurpose, readonly string[]>> = {
  export: ['.csv'],
  /** Follow-ups for calendar apps (RFC 5545). */
  calendar: ['.ics'],
  import: ['.csv', '.txt', '.tsv'],
  backup: ['.sqlite', '.sqlite3', '.db', '.bak'],
  restore: ['.sqlite', '.sqlite3', '.db', '.bak'],
  /** A coach report: PDF, the CSV sections' zip, or JSON. */
  report: ['.pdf', '.zip', '.json'],
  /** A seller's JSON report opened in the coach workspace, and the workspace's combined summary. */
  coach: ['.json'],
  'coach-pdf': ['.pdf'],
  'coach-csv': ['.csv'],
};

/**
 * Returns the normalised path, or throws an invalid_input AppError saying what is wrong (on
 * `field` when given, so a command line names its option). `extensions` narrows the purpose's.
 */
export function checkFilePath(
  purpose: FilePurpose,
  path: string,
  databaseFile: string,
  { field, extensions }: { field?: string; extensions?: readonly string[] } = {},
): string {
  const bad = (key: string, values?: MessageValues): AppError =>
    new AppError(
      'invalid_input',
      `failures.${key}`,
      field === undefined ? undefined : [{ path: field, message: `failures.${key}`, values }],
      values,
    );
  if (path.includes('\0')) throw bad('pathNul');
  if (!isAbsolute(path)) throw bad('pathRelative', { path });
  const file = resolve(path);
  const allowed = extensions ?? EXTENSIONS[purpose];
  if (!allowed.includes(extname(file).toLowerCase())) {
    throw bad('pathExtension', { extensions: allowed.join(', '), file });
  }
  // Case-insensitive: on macOS and Windows RAPPORT.sqlite is the same file; refusing one
  // legitimate name on Linux is a small price.
  if (file.toLowerCase() === resolve(databaseFile).toLowerCase()) {
    throw bad('pathIsDatabase', { file });
  }
  return file;
}
