import Database from 'better-sqlite3';
import type { Store } from '../../db/connection';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  backupPath,
  backupsFolder,
  listBackupFiles,
  backUpStore,
  type BackupFile,
  type VerifyBackup,
} from '../../db/backupFolder';
import { AppError } from '../../kernel/errors';
import type { Job } from '../../kernel/scheduler';
import { localIsoDate } from '../../shared/dates';
import { changeMark } from '../../db/changeMark';
import { verifyBackupFile } from '../exchange';
import type { AutomaticBackup } from './contract';

/** The check every automatic backup passes once written: exchange's validation of a restore candidate. */
export const verifierFor =
  (nativeBinding?: string): VerifyBackup =>
  async (file, signal) => {
    await verifyBackupFile(file, nativeBinding ? { nativeBinding } : {}, signal);
  };

/** Sales and customers in a backup, read through a read-only connection; null when it cannot be read. */
function countsIn(file: string, nativeBinding?: string): { sales: number | null; customers: number | null } {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const row = sqlite
      .prepare('SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM customers) AS customers')
      .get() as { sales: number; customers: number };
    return row;
  } catch {
    return { sales: null, customers: null };
  } finally {
    sqlite?.close();
  }
}

const describe = (dbFile: string, backup: BackupFile, nativeBinding?: string): AutomaticBackup => ({
  id: backup.id,
  createdAt: backup.at.toISOString(),
  reason: backup.reason,
  bytes: backup.bytes,
  ...countsIn(join(backupsFolder(dbFile), backup.id), nativeBinding),
});

/** The automatic backups of `dbFile`, newest first. */
export function listAutomaticBackups(dbFile: string, nativeBinding?: string): AutomaticBackup[] {
  return listBackupFiles(dbFile).map((backup) => describe(dbFile, backup, nativeBinding));
}

/**
 * The newest automatic backup that passes a restore's checks, or null: what the banner of a
 * damaged database offers. Checked newest first, so usually one file is read.
 */
export async function newestGoodBackup(dbFile: string, nativeBinding?: string): Promise<string | null> {
  for (const backup of listBackupFiles(dbFile)) {
    if (backup.reason === 'damaged') continue;
    try {
      await verifierFor(nativeBinding)(join(backupsFolder(dbFile), backup.id));
      return backup.id;
    } catch {
      // Not trustworthy: the next older one.
    }
  }
  return null;
}

/** The file of the backup `id` names; failures.backups.unknown for anything else (a path, `../`, a name not ours). */
export function automaticBackupFile(dbFile: string, id: string): string {
  const file = backupPath(dbFile, id);
  if (!file) throw new AppError('not_found', 'failures.backups.unknown', undefined, { id });
  return file;
}

/**
 * Whether the database was written after its newest automatic backup (of any reason) was: a
 * change made while the app was closed, by the CLI, that no connection mark of this session
 * can see. Both files' modification times on the same clock: the database file, which a
 * write's checkpoint updates (the last connection to close folds its -wal in), and its -wal
 * when that still holds commits (a -wal that is empty was only opened, not written). A plain
 * open writes nothing, so it does not count; a database never backed up counts as written.
 */
function writtenSinceNewestBackup(dbFile: string): boolean {
  const newest = listBackupFiles(dbFile)[0];
  const backedUpAt = newest && statSync(join(backupsFolder(dbFile), newest.id), { throwIfNoEntry: false })?.mtimeMs;
  if (backedUpAt === undefined) return true;
  const writtenAt = (file: string): number => {
    const info = statSync(file, { throwIfNoEntry: false });
    return info && info.size > 0 ? info.mtimeMs : 0;
  };
  return Math.max(writtenAt(dbFile), writtenAt(`${dbFile}-wal`)) > backedUpAt;
}

/**
 * The daily backup of an open store: at most one per calendar day (the seller's), and only when
 * the database changed since its last automatic backup.
 *
 * How a change is seen: db/changeMark.ts, on the store's own long-lived connection. It is per
 * connection, so it says nothing about what happened before the store was opened: for that the
 * first look compares the files' modification times with the newest backup's
 * (writtenSinceNewestBackup), and a change found there stays pending until a daily backup is
 * made.
 */
export function dailyBackup(store: Store, now: () => Date): () => Promise<string | null> {
  let mark = changeMark(store.sqlite);
  let writtenWhileClosed: boolean | null = null;
  return async () => {
    const at = now();
    const today = localIsoDate(at);
    writtenWhileClosed ??= writtenSinceNewestBackup(store.file);
    // Read between the app's transactions: inside one, its own uncommitted rows would count.
    const current = await store.db.connection().execute(async () => changeMark(store.sqlite));
    if (current === mark && !writtenWhileClosed) return null;
    if (listBackupFiles(store.file).some((b) => b.reason === 'daily' && localIsoDate(b.at) === today)) return null;
    const file = await backUpStore(store, 'daily', at);
    mark = current;
    writtenWhileClosed = false;
    return file;
  };
}

/** The scheduler's job name for the daily backup. */
export const DAILY_BACKUP = 'daily backup';

/**
 * The daily backup as a scheduler job (kernel/scheduler.ts) of the app and the preview: it looks
 * every half hour, first a minute after start, and backs up at most once a day (`backUp`: the
 * database thread's dailyBackup of whichever store is open).
 */
export function dailyBackupJob(backUp: () => Promise<unknown>): Job {
  return {
    name: DAILY_BACKUP,
    everyMs: 30 * 60 * 1000,
    startAfterMs: 60 * 1000,
    run: async () => {
      await backUp();
    },
  };
}
