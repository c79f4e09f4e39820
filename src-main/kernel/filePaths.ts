import { extname, isAbsolute, resolve } from 'node:path';
import { AppError } from './errors';

/**
 * Which paths export, backup, restore, import and the calendar export may use. A path from
 * the renderer is whatever a (possibly compromised) page sends, so: absolute only (a relative
 * one would resolve against main's working folder), only the file types the operation makes
 * (which also rules out -wal/-shm files), and never the live database: a "backup" over it
 * would destroy it.
 */
export type FilePurpose = 'export' | 'backup' | 'restore' | 'import' | 'calendar';

export const EXTENSIONS: Readonly<Record<FilePurpose, readonly string[]>> = {
  export: ['.csv'],
  /** Follow-ups for calendar apps (RFC 5545). */
  calendar: ['.ics'],
  import: ['.csv', '.txt', '.tsv'],
  backup: ['.sqlite', '.sqlite3', '.db', '.bak'],
  restore: ['.sqlite', '.sqlite3', '.db', '.bak'],
};

/** Returns the normalised path, or throws an invalid_input AppError saying what is wrong. */
export function checkFilePath(purpose: FilePurpose, path: string, databaseFile: string): string {
  const bad = (message: string): AppError => new AppError('invalid_input', message);
  if (path.includes('\0')) throw bad('The file name contains a NUL character.');
  if (!isAbsolute(path)) throw bad(`The path must be absolute (got "${path}").`);
  const file = resolve(path);
  const allowed = EXTENSIONS[purpose];
  if (!allowed.includes(extname(file).toLowerCase())) {
    throw bad(`The file must end in ${allowed.join(', ')} (got "${file}").`);
  }
  // Case-insensitive: on macOS and Windows RAPPORT.sqlite is the same file; refusing one
  // legitimate name on Linux is a small price.
  if (file.toLowerCase() === resolve(databaseFile).toLowerCase()) {
    throw bad(`${file} is the database Rapport is using; choose another file.`);
  }
  return file;
}
