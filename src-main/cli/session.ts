import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, type OpenOptions } from '../db/connection';
import type { VerifyBackup } from '../db/backupFolder';
import { lazyHandlers } from '../ipc/features';
import { defaultDatabasePath } from '../platform/paths';
import { checkInput, type CliIO, type GlobalOptions, type Session } from '../kernel/cli/context';

/** `--db`, else `RAPPORT_DB`, else the desktop app's own database (platform/paths.ts). */
export function databasePath(io: CliIO, explicit: string | undefined): string {
  return resolve(explicit ?? defaultDatabasePath(io.env, io.platform, io.home));
}

/** The desktop app's database, ignoring RAPPORT_DB: what the help calls "the default". */
export function appDatabasePath(io: CliIO): string {
  return defaultDatabasePath({ ...io.env, RAPPORT_DB: undefined }, io.platform, io.home);
}

/**
 * Opens the database for one command and always closes it. The folder is created first: on
 * a fresh machine the CLI may run before the app ever has. openDatabase refuses a file from
 * a newer Rapport (or not a database) before writing anything; that DatabaseError reaches
 * main.ts, which reports it with exit code 1.
 */
export async function withSession<T>(
  io: CliIO,
  options: GlobalOptions,
  version: string,
  fn: (session: Session) => Promise<T>,
  { alone = false }: Pick<OpenOptions, 'alone'> = {},
): Promise<T> {
  const file = databasePath(io, options.db);
  mkdirSync(dirname(file), { recursive: true });
  // The backups feature (its checks read a whole backup) is loaded only when an open writes one.
  const verifyBackup: VerifyBackup = async (backup, signal) =>
    (await import('../features/backups')).verifierFor()(backup, signal);
  const store = await openDatabase(file, { now: io.now, verifyBackup, alone });
  try {
    // Loaded channel by channel: a command loads only the features (and contracts) it calls.
    const handlers = lazyHandlers(store, { now: io.now, version, platform: io.platform }, { check: checkInput });
    return await fn({ store, handlers });
  } finally {
    await store.close();
  }
}
