import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupsFolder, parseBackupName, type VerifyBackup } from '../../src-main/db/backupFolder';
import { verifierFor } from '../../src-main/features/backups';
import { verifyBackupFile } from '../../src-main/features/exchange';
import { checkInThread } from '../../src-main/features/exchange/checkThread';
import { ImportCancelled } from '../../src-main/features/imports/engine';
import { writeChecksumFor } from '../../src-main/kernel/files';
import { backupIn } from '../exchange/backupFixtures';
import { tempDirsPerTest } from '../helpers/store';
import { importFile, salesCsv } from '../imports/helpers';
import { reopeningForEachTest } from './helpers';

/**
 * The slow part of a backup's check (integrity_check, foreign_key_check) runs in a thread of
 * its own, and an import neither waits for it before starting nor keeps a backup when it
 * writes nothing.
 */

const tempDir = tempDirsPerTest();

/** Overwrites a whole page (not the first) at `fraction` of the file: what integrity_check finds, not a short file. */
function damagePage(file: string, fraction = 0.7): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const page = Math.max(1, Math.floor((bytes.length / pageSize) * fraction));
  bytes.fill(0xab, page * pageSize, (page + 1) * pageSize);
  writeFileSync(file, bytes);
}

describe('the check of a backup', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs integrity_check and foreign_key_check off the main thread', async () => {
    const backup = await backupIn(tempDir(), 20_000);
    // Once before, so that what is done once per process (the reference schema) is not watched.
    await verifyBackupFile(backup);
    // Every pragma this thread runs, while the whole check runs. No clock: on a busy machine a
    // timed pause says nothing, while a pragma called here would be the check frozen here.
    const pragma = vi.spyOn(Database.prototype, 'pragma');
    let onThisThread: string[];
    try {
      await expect(verifyBackupFile(backup)).resolves.toBeGreaterThan(0);
      onThisThread = pragma.mock.calls.map(([source]) => String(source));
    } finally {
      pragma.mockRestore();
    }
    // The spy sees this thread's pragmas (the schema's are read here), just not the check's.
    expect(onThisThread.length).toBeGreaterThan(0);
    expect(onThisThread).not.toContain('integrity_check');
    expect(onThisThread).not.toContain('foreign_key_check');
  });

  it('still finds a damaged page, in its thread, with the same refusal', async () => {
    const backup = await backupIn(tempDir(), 300);
    damagePage(backup);
    await writeChecksumFor(backup);
    const pragma = vi.spyOn(Database.prototype, 'pragma');
    await expect(verifyBackupFile(backup)).rejects.toMatchObject({
      message: 'failures.backup.damaged',
      values: { file: backup, problems: expect.stringMatching(/Tree \d+ page \d+|malformed/) },
    });
    expect(pragma.mock.calls.map(([source]) => String(source))).not.toContain('integrity_check');
  });

  it('refuses, never passes, when its thread cannot load SQLite or is stopped', async () => {
    const backup = await backupIn(tempDir(), 50);
    await expect(checkInThread(backup, join(tempDir(), 'missing.node'))).rejects.toThrow(/missing\.node/);
    await expect(verifyBackupFile(backup, { nativeBinding: join(tempDir(), 'missing.node') })).rejects.toMatchObject({
      message: 'failures.backup.cannotOpen',
    });
    await expect(verifyBackupFile(backup, {}, AbortSignal.abort())).rejects.toMatchObject({
      message: 'failures.backup.checkFailed',
      values: { file: backup, reason: 'the check was stopped' },
    });
  });
});

describe('the automatic backup before an import', () => {
  let verify: VerifyBackup = verifierFor();
  const t = reopeningForEachTest(() => ({ verifyBackup: (file, signal) => verify(file, signal) }));
  afterEach(() => {
    verify = verifierFor();
  });
  const backups = (): string[] => (existsSync(backupsFolder(t.file)) ? readdirSync(backupsFolder(t.file)).sort() : []);
  const committedSales = (): number => {
    const other = new Database(t.file, { readonly: true });
    try {
      return other.prepare('SELECT count(*) FROM sales').pluck().get() as number;
    } finally {
      other.close();
    }
  };
  const csv = (name: string, content: string): string => {
    const path = join(t.dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('is checked while the import writes, and its last step waits for the check', async () => {
    let stepWritten = (): void => undefined;
    const written = new Promise<void>((resolve) => {
      stepWritten = resolve;
    });
    let seen: { committed: number; backups: string[] } | null = null;
    // Before, the import waited for this check before its first row: it would never end.
    verify = async (file, signal) => {
      await written;
      await verifierFor()(file, signal);
    };
    // Several 256 KiB chunks: written in steps, the first committed while the check waits.
    const rows = 12_000;
    const result = await importFile(t, csv('s.csv', salesCsv(rows)), {
      progressIntervalMs: 0,
      onProgress: () => {
        if (seen) return;
        seen = { committed: committedSales(), backups: backups() };
        stepWritten();
      },
    });
    expect(seen!.committed).toBeGreaterThan(0);
    expect(seen!.committed).toBeLessThan(rows);
    expect(seen!.backups).toEqual([expect.stringMatching(/before-import/), expect.stringMatching(/sha256$/)]);
    expect(result.inserted).toBe(rows);
    expect(committedSales()).toBe(rows);
    expect(backups().filter((n) => parseBackupName(n))).toHaveLength(1);
  });

  it('damaged between its copy and its check: the import fails, nothing is written, the bad backup is gone', async () => {
    verify = async (file, signal) => {
      damagePage(file);
      await writeChecksumFor(file);
      await verifierFor()(file, signal);
    };
    await expect(importFile(t, csv('s.csv', salesCsv(30)))).rejects.toMatchObject({
      message: 'failures.backup.damaged',
    });
    expect(committedSales()).toBe(0);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    expect(backups()).toEqual([]);
  });

  it('is removed when the import writes nothing: invalid rows, only duplicates, cancelled', async () => {
    const good = csv('good.csv', salesCsv(10));
    expect((await importFile(t, good)).inserted).toBe(10);
    const kept = backups();
    expect(kept.filter((n) => parseBackupName(n))).toHaveLength(1);

    const invalid = csv('bad.csv', `${salesCsv(5)}2026-03-01,Zed,z@example.com,not money,EUR,won,Plan,SPIN,3,D-99\n`);
    expect((await importFile(t, invalid)).inserted).toBe(0);
    expect(backups()).toEqual(kept);

    expect(await importFile(t, good)).toMatchObject({ inserted: 0, duplicates: 10 });
    expect(backups()).toEqual(kept);

    await expect(importFile(t, csv('more.csv', salesCsv(20)), { signal: AbortSignal.abort() })).rejects.toThrow(
      ImportCancelled,
    );
    expect(backups()).toEqual(kept);
    expect(committedSales()).toBe(10);
  });
});
