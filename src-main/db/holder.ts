import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { format } from 'date-fns';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { processIsAlive } from '../kernel/files';

/**
 * Who holds the database for a long write. A write that cannot get the database (another
 * process is importing, migrating or restoring into it) says who and since when, instead of
 * "database is locked": the long writer leaves a note beside the database while it holds it.
 */

export const HOLDER_WORK = ['import', 'migration', 'restore'] as const;
export type HolderWork = (typeof HOLDER_WORK)[number];

const Holder = z.object({
  pid: z.int().positive(),
  work: z.enum(HOLDER_WORK),
  /** What is being written: the imported file's name, the versions migrated between. */
  name: z.string().max(500),
  since: z.iso.datetime(),
});
export type Holder = z.infer<typeof Holder>;

/** `.rapport.sqlite.holder` beside `rapport.sqlite`. */
export const holderPathFor = (file: string): string => join(dirname(file), `.${basename(file)}.holder`);

/**
 * Runs `work` (which holds the write lock) with a note saying so beside the database `file`;
 * removed when it ends, however it ends. A process killed meanwhile leaves the note behind:
 * its process id is then not running, and the note is ignored (and removed at the next open).
 */
export async function holding<T>(
  file: string,
  what: { work: HolderWork; name: string; now: Date },
  work: () => Promise<T>,
): Promise<T> {
  if (file === ':memory:') return work();
  const note = holderPathFor(file);
  const holder: Holder = { pid: process.pid, work: what.work, name: what.name, since: what.now.toISOString() };
  // Written whole under another name and renamed: a reader never sees half a note.
  const temp = `${note}.${process.pid}`;
  writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
  renameSync(temp, note);
  try {
    return await work();
  } finally {
    if (readHolder(file)?.pid === process.pid) rmSync(note, { force: true });
  }
}

/** The note of a process still running that holds the database, or null. */
export function currentHolder(file: string, isAlive: (pid: number) => boolean = processIsAlive): Holder | null {
  const holder = readHolder(file);
  return holder && isAlive(holder.pid) ? holder : null;
}

/** Removes a note whose process is gone (a killed import); called when the database is opened. */
export function clearStaleHolder(file: string, isAlive: (pid: number) => boolean = processIsAlive): void {
  const holder = readHolder(file);
  if (holder && !isAlive(holder.pid)) rmSync(holderPathFor(file), { force: true });
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = Holder.safeParse(JSON.parse(readFileSync(holderPathFor(file), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether `error` is busyError's: a write refused because another connection held the database. */
export const isBusyRefusal = (error: unknown): boolean =>
  error instanceof AppError &&
  (error.message === 'failures.databaseBusy' || error.message.startsWith('failures.databaseHeld.'));

/**
 * What to say when a write found the database held by another connection: who holds it and
 * since when, when a long writer left its note; the general words otherwise.
 */
export function busyError(file: string): AppError {
  const holder = currentHolder(file);
  if (!holder) return new AppError('conflict', 'failures.databaseBusy');
  return new AppError('conflict', `failures.databaseHeld.${holder.work}`, undefined, {
    name: holder.name,
    // The machine's own clock and time zone: the note was written on this machine.
    since: format(new Date(holder.since), 'HH:mm'),
    pid: holder.pid,
  });
}
