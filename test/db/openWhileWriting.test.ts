import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { freshStore } from '../helpers/store';
import { importFile, salesCsv, writeCsv } from '../imports/helpers';

/**
 * Issue 15, point 5: while another process holds the write lock (a long import), opening the
 * database to read it (`rapport stats`, the app's start) must not wait for that lock and fail
 * with "database is locked": opening writes nothing it does not have to.
 */
describe('opening while another process writes', () => {
  it('opens at once and reads, although the planner statistics are stale, and refreshes them later', async () => {
    const t = await freshStore();
    try {
      await importFile(t, writeCsv(t, 'many.csv', salesCsv(4000)));
      // Statistics as stale as they get: none at all.
      t.store.sqlite.exec('DELETE FROM sqlite_stat1');
      await t.store.close();

      const writer = new Database(t.file);
      writer.exec('BEGIN IMMEDIATE');
      writer.exec("UPDATE settings SET value = value WHERE key = 'language'");
      // Before: the open's statistics refresh queued behind the writer and failed after the busy timeout.
      const reader = await openDatabase(t.file);
      try {
        expect(reader.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(4000);
        expect(reader.sqlite.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get()).toBe(0);
      } finally {
        writer.exec('ROLLBACK');
        writer.close();
        await reader.close();
      }
      // With the writer gone, the next open brings the statistics back.
      const next = await openDatabase(t.file);
      expect(next.sqlite.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get()).toBeGreaterThan(0);
      await next.close();
    } finally {
      await t.cleanup().catch(() => undefined);
    }
  });
});
