import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Store } from '../../src-main/db/connection';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { backupDatabase } from '../../src-main/features/exchange/backup';
import { FIXED_NOW } from '../helpers/store';

/** What the backup and restore tests build on: databases with sample sales, and real backups of them. */

export const openAt = (file: string): Promise<Store> => openDatabase(file, { now: () => FIXED_NOW });

export const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A closed database at `file` holding `sales` sample sales. */
export async function sampleDatabase(file: string, sales: number, seed = 1): Promise<void> {
  const store = await openAt(file);
  await store.db
    .transaction()
    .execute((trx) =>
      generateSampleData(trx, store.sqlite, { sales, seed, endDate: '2026-06-01', currency: 'EUR' }, FIXED_NOW),
    );
  await store.close();
}

/** A backup made by the app (with its checksum) of a fresh sample database, as `dir/name`. */
export async function backupIn(dir: string, sales: number, name = 'backup.sqlite'): Promise<string> {
  const source = join(dir, `source-${name}`);
  await sampleDatabase(source, sales, 2);
  const store = await openAt(source);
  await backupDatabase(store.db, store.sqlite, join(dir, name));
  await store.close();
  return join(dir, name);
}
