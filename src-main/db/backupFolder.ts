import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../kernel/errors';
import { checksumPathFor } from '../kernel/files';
import { BACKUP_REASONS, type BackupReason } from '../shared/domain';
import { writeBackupFile } from './backupFile';
import type { DB } from './schema';

/**
 * The automatic backups of a database: a folder next to it, `<db file>.backups/` (owner only),
 * holding one self-contained copy per backup named `<UTC time>-<reason>.sqlite` (sortable by
 * name), each with its `.sha256`. Only files with this exact naming are ever listed, restored
 * or deleted here: whatever else the user puts in the folder is left alone.
 */

const NAME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)-(${BACKUP_REASONS.join('|')})\\.sqlite$`);

export const backupsFolder = (dbFile: string): string => `${dbFile}.backups`;

export interface BackupFile {
  /** Its file name: the only way the renderer or the CLI names a backup. */
  id: string;
  at: Date;
  reason: BackupReason;
  bytes: number;
}

/** The time and reason an automatic backup's name carries, or null for any other name. */
export function parseBackupName(name: string): Pick<BackupFile, 'id' | 'at' | 'reason'> | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  const [h, m, s, ms] = time.slice(0, -1).split('-');
  const at = new Date(`${date}T${h}:${m}:${s}.${ms}Z`);
  return Number.isNaN(at.getTime()) ? null : { id: name, at, reason: match[2] as BackupReason };
}

export const backupName = (at: Date, reason: BackupReason): string =>
  `${at.toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;

/** Creates the folder if needed, readable by its owner only. */
export function ensureBackupsFolder(dbFile: string): string {
  const folder = backupsFolder(dbFile);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  return folder;
}

/**
 * A new backup's path: the name for `now`, a millisecond later while a backup of that instant
 * exists (whatever its reason), so that names sort as the backups were made.
 */
export function newBackupPath(dbFile: string, reason: BackupReason, now: Date): string {
  const folder = backupsFolder(dbFile);
  const taken = (at: Date): boolean => BACKUP_REASONS.some((r) => existsSync(join(folder, backupName(at, r))));
  let at = now;
  while (taken(at)) at = new Date(at.getTime() + 1);
  return join(folder, backupName(at, reason));
}

/** The automatic backups in the folder, newest first. */
export function listBackupFiles(dbFile: string): BackupFile[] {
  const folder = backupsFolder(dbFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    const info = parsed && statSync(join(folder, name), { throwIfNoEntry: false });
    if (parsed && info?.isFile()) found.push({ ...parsed, bytes: info.size });
  }
  return found.sort((a, b) => b.id.localeCompare(a.id));
}

/** The path of the backup `id` names, or null when `id` is not one of ours in the folder. */
export function backupPath(dbFile: string, id: string): string | null {
  if (!parseBackupName(id)) return null;
  const file = join(backupsFolder(dbFile), id);
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
}

export interface RetentionRule {
  /** The newest backup of each of the last `daily` days that have one. */
  daily: number;
  /** The newest of each of the last `weekly` weeks (Monday to Sunday, UTC) that have one. */
  weekly: number;
  /** The newest of each of the last `monthly` months that have one. */
  monthly: number;
  /** Past this total size the oldest kept backups go too, never the newest. */
  maxBytes: number;
  /**
   * Every backup younger than this is kept (within the size cap): two imports the same morning
   * each keep the state before them for the rest of the day.
   */
  allWithinMs: number;
}

export const RETENTION: RetentionRule = {
  daily: 7,
  weekly: 4,
  monthly: 6,
  maxBytes: 1024 ** 3,
  allWithinMs: 24 * 60 * 60 * 1000,
};

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
const monthOf = (at: Date): string => at.toISOString().slice(0, 7);
function weekOf(at: Date): string {
  const monday = new Date(at.getTime());
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayOf(monday);
}

/** Newest first: the newest of each of the first `count` periods. */
function newestPerPeriod<T extends { at: Date }>(
  sorted: readonly T[],
  period: (at: Date) => string,
  count: number,
): T[] {
  const seen = new Set<string>();
  const picked: T[] = [];
  for (const backup of sorted) {
    const key = period(backup.at);
    if (seen.has(key)) continue;
    if (seen.size === count) break;
    seen.add(key);
    picked.push(backup);
  }
  return picked;
}

/**
 * Which backups the retention rule lets go at `now` (a pure function, property-tested): every
 * backup that is neither younger than `allWithinMs` nor the newest of one of the last `daily`
 * days, `weekly` weeks or `monthly` months (UTC) with backups; then, while the kept ones exceed
 * `maxBytes`, the oldest kept ones. The newest backup is always kept. Periods count the days
 * (weeks, months) that have backups, not the calendar: a seller away for a month comes back to
 * the backups from before, not to none.
 */
export function backupsToDelete<T extends { id: string; at: Date; bytes: number }>(
  backups: readonly T[],
  now: Date,
  rule: RetentionRule,
): T[] {
  const sorted = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id));
  const kept = new Set<T>([
    ...sorted.slice(0, 1),
    ...sorted.filter((b) => now.getTime() - b.at.getTime() < rule.allWithinMs),
    ...newestPerPeriod(sorted, dayOf, rule.daily),
    ...newestPerPeriod(sorted, weekOf, rule.weekly),
    ...newestPerPeriod(sorted, monthOf, rule.monthly),
  ]);
  let total = sorted.filter((b) => kept.has(b)).reduce((sum, b) => sum + b.bytes, 0);
  for (const backup of [...sorted].reverse()) {
    if (total <= rule.maxBytes || backup === sorted[0]) break;
    if (!kept.has(backup)) continue;
    kept.delete(backup);
    total -= backup.bytes;
  }
  return sorted.filter((b) => !kept.has(b));
}

/**
 * Applies the retention rule to the folder. A `damaged` database kept aside by a restore is
 * never deleted. Returns the ids removed.
 */
export async function pruneBackups(dbFile: string, now: Date, rule: RetentionRule = RETENTION): Promise<string[]> {
  const folder = backupsFolder(dbFile);
  const doomed = backupsToDelete(
    listBackupFiles(dbFile).filter((b) => b.reason !== 'damaged'),
    now,
    rule,
  );
  for (const backup of doomed) await removeBackup(join(folder, backup.id));
  return doomed.map((b) => b.id);
}

/**
 * Checks a backup just written (features/exchange's validation of a restore candidate); throws
 * when it fails. `signal` stops a check whose answer nobody waits for any more.
 */
export type VerifyBackup = (file: string, signal?: AbortSignal) => Promise<void>;

/** An automatic backup written and being checked (startBackup). */
export interface StartedBackup {
  file: string;
  /**
   * Settles when the check is done; rejects with its refusal, the backup removed by then.
   * Nobody has to await it: a failure nobody waits for is not an unhandled rejection.
   */
  readonly checked: Promise<void>;
  /** The backup is kept: waits for its check, then applies the retention rule. */
  keep(): Promise<void>;
  /**
   * The action it was to protect wrote nothing: stops its check and removes it with its
   * checksum. Does nothing once keep() was called.
   */
  discard(): Promise<void>;
}

async function removeBackup(file: string): Promise<void> {
  // The checksum first: a kill in between leaves a backup without one, which is still trusted.
  await rm(checksumPathFor(file), { force: true });
  await rm(file, { force: true });
}

/**
 * Writes an automatic backup of `source` into the folder (temporary name, renamed when complete,
 * with its checksum) and starts checking it with `verify` without waiting for the check: the
 * caller decides what waits for it (StartedBackup). `holding` runs the copy (only the copy)
 * while the caller's connection is held. The retention rule waits for keep(): a backup that is
 * discarded makes no older one go.
 */
async function startBackup(
  source: Database.Database,
  dbFile: string,
  reason: BackupReason,
  now: Date,
  verify: VerifyBackup | undefined,
  holding: <T>(copy: () => Promise<T>) => Promise<T>,
): Promise<StartedBackup> {
  const file = newBackupPath(dbFile, reason, now);
  ensureBackupsFolder(dbFile);
  await holding(() => writeBackupFile(source, file));
  const stop = new AbortController();
  const checked = (verify ? verify(file, stop.signal) : Promise.resolve()).catch(async (error: unknown) => {
    await removeBackup(file);
    throw error;
  });
  checked.catch(() => undefined);
  let kept = false;
  return {
    file,
    checked,
    keep: async () => {
      kept = true;
      await checked;
      await pruneBackups(dbFile, now);
    },
    discard: async () => {
      if (kept) return;
      stop.abort();
      await checked.catch(() => undefined);
      await removeBackup(file);
    },
  };
}

/**
 * Writes an automatic backup of `source` into the folder, checks it with `verify`, then applies
 * the retention rule. A backup that fails its check is removed and the failure thrown: the
 * action it was to protect does not go on.
 */
export async function writeAutomaticBackup(
  source: Database.Database,
  dbFile: string,
  reason: BackupReason,
  now: Date,
  verify?: VerifyBackup,
  holding: <T>(copy: () => Promise<T>) => Promise<T> = (copy) => copy(),
): Promise<string> {
  const backup = await startBackup(source, dbFile, reason, now, verify, holding);
  await backup.keep();
  return backup.file;
}

/** What an automatic backup of an open store needs of it (db/connection.ts Store). */
export interface BackupSource {
  readonly db: Kysely<DB>;
  readonly sqlite: Database.Database;
  readonly file: string;
  readonly verifyBackup?: VerifyBackup;
  readonly damaged?: unknown;
}

/**
 * An automatic backup of the open store, its check started (StartedBackup): the copy is made
 * while holding kysely's one connection, as data.backup does, so no transaction of the app is
 * half-way in it; the check (seconds on a large file) runs in a thread of its own on the
 * store's verifier, and the app's queries go on meanwhile. Null for an in-memory database.
 */
export async function startAutomaticBackup(
  store: BackupSource,
  reason: BackupReason,
  now: Date,
): Promise<StartedBackup | null> {
  if (store.file === ':memory:') return null;
  // A damaged database takes no backup (it would not pass its check) and no write after it.
  if (store.damaged) throw new AppError('conflict', 'failures.readOnlyDamaged');
  return startBackup(store.sqlite, store.file, reason, now, store.verifyBackup, (copy) =>
    store.db.connection().execute(copy),
  );
}

/** An automatic backup of the open store, checked and followed by the retention rule (startAutomaticBackup). */
export async function backUpStore(store: BackupSource, reason: BackupReason, now: Date): Promise<string | null> {
  const backup = await startAutomaticBackup(store, reason, now);
  await backup?.keep();
  return backup?.file ?? null;
}
