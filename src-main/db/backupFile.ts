import type Database from 'better-sqlite3';
import { rm } from 'node:fs/promises';
import {
  checksumPathFor,
  produceFileAtomically,
  sha256OfFile,
  writeChecksumFor,
  type AtomicOptions,
} from '../kernel/files';

/**
 * Copy every page in one step. In steps of 100 pages (the default) a write from another
 * connection between two steps restarts the copy, so a busy database might never finish;
 * one step holds the read lock for the whole copy instead (about 80 ms at 100,000 sales).
 */
export const ALL_AT_ONCE = { progress: (): number => 0x7fffffff };

/**
 * Backs `source` up into `temp` and switches the copy from WAL to a rollback journal: a file
 * that is complete on its own, which any SQLite tool (and our restore) opens without
 * leaving -wal/-shm files beside it. openDatabase turns WAL back on when it is restored.
 */
export async function copyToSelfContained(source: Database.Database, temp: string): Promise<void> {
  await source.backup(temp, ALL_AT_ONCE);
  // Through the source's own connection: a new one would need Electron's native binding.
  source.prepare('ATTACH DATABASE ? AS backup_copy').run(temp);
  try {
    source.pragma('backup_copy.journal_mode = DELETE');
  } finally {
    source.exec('DETACH DATABASE backup_copy');
  }
}

/**
 * Every backup the app makes (`rapport backup`, the copy a restore keeps aside, the snapshot
 * before a migration): a self-contained copy of `source`, written under a temporary name and
 * renamed when complete, with its SHA-256 in `<file>.sha256` beside it for the restore to check.
 *
 * The checksum follows the backup: a kill between the two renames leaves a backup without a
 * checksum, which a restore still accepts after its other checks, never one that contradicts
 * it (an old checksum beside a replaced backup is removed before the backup is renamed).
 */
export async function writeBackupFile(
  source: Database.Database,
  file: string,
  options: AtomicOptions = {},
): Promise<void> {
  let digest = '';
  await produceFileAtomically(
    file,
    async (temp) => {
      await copyToSelfContained(source, temp);
      digest = await sha256OfFile(temp);
      await rm(checksumPathFor(file), { force: true });
    },
    options,
  );
  await writeChecksumFor(file, digest);
}
