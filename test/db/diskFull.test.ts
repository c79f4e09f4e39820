import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/ipc/register';
import { environmentError } from '../../src-main/kernel/errors';
import { translator } from '../../src-main/shared/locales/translate';
import { storeForEachTest } from '../helpers/store';
import { contentHash, salesCsv } from '../imports/helpers';

/**
 * A full disk (issue 15, point 4), made real with SQLite's own limit on the file's size
 * (max_page_count): SQLite answers SQLITE_FULL exactly as on a full disk, and rolls the
 * transaction back by itself. The user hears that the disk is full and that nothing was saved;
 * the database is exactly as before and takes writes again once there is room.
 */
const t = storeForEachTest();
const silent = (): void => undefined;

/** Lets the database grow by at most `pages` pages from its size now. */
function fillDisk(pages = 0): void {
  const size = t.store.sqlite.pragma('page_count', { simple: true }) as number;
  t.store.sqlite.pragma(`max_page_count = ${size + pages}`);
}
const freeDisk = (): void => void t.store.sqlite.pragma('max_page_count = 4294967294');

const sale = (i: number) => ({
  title: `Renewal ${i}`,
  newCustomer: { name: `Customer ${i}`, email: `c${i}@example.com`, notes: 'x'.repeat(900) },
  amountMinor: 120000 + i,
  currency: 'EUR',
  status: 'won',
  openedOn: '2026-06-01',
  closedOn: '2026-06-10',
  notes: 'y'.repeat(900),
});

describe('a full disk', () => {
  it('refuses an import in words (not "cannot rollback") and keeps the database as it was', async () => {
    const path = join(t.dir, 'many.csv');
    writeFileSync(path, salesCsv(3000));
    const before = contentHash(t.store.sqlite);
    fillDisk(2);
    const reply = await dispatch(
      t.handlers,
      'import.run',
      { path, kind: 'sales', options: {}, skipInvalid: false, dryRun: false },
      silent,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'conflict', message: 'failures.diskFull' } });
    freeDisk();
    expect(contentHash(t.store.sqlite)).toBe(before);
    expect(t.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // With room again, the same import goes through.
    const again = await dispatch(
      t.handlers,
      'import.run',
      { path, kind: 'sales', options: {}, skipInvalid: false, dryRun: false },
      silent,
    );
    expect(again).toMatchObject({ ok: true, value: { inserted: 3000 } });
  });

  it('refuses the sale that does not fit; the ones saved before it stay, whole', async () => {
    fillDisk(6);
    const saved: number[] = [];
    let refusal: unknown = null;
    for (let i = 0; i < 200 && refusal === null; i++) {
      const reply = await dispatch(t.handlers, 'sales.create', sale(i), silent);
      if (reply.ok) saved.push(i);
      else refusal = reply.error;
    }
    expect(refusal).toEqual({ code: 'conflict', message: 'failures.diskFull' });
    freeDisk();
    const titles = t.store.sqlite.prepare('SELECT title FROM sales ORDER BY id').pluck().all();
    expect(titles).toEqual(saved.map((i) => `Renewal ${i}`));
    // Each saved sale kept its customer and its check-ins; the refused one left nothing.
    expect(t.store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(saved.length);
    expect(t.store.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(t.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await dispatch(t.handlers, 'sales.create', sale(999), silent)).ok).toBe(true);
  });

  it('a system ENOSPC (a real one, from writing to /dev/full) is the same message, in both languages', () => {
    let error: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (e) {
      error = e;
    }
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const mapped = environmentError(error);
    expect(mapped).toMatchObject({ code: 'conflict', message: 'failures.diskFull' });
    expect(translator('en')(mapped!.message)).toBe(
      'The disk is full: nothing was saved. Free some space and try again.',
    );
    expect(translator('it')(mapped!.message)).toMatch(/^Il disco è pieno: non è stato salvato niente\./);
  });

  it('other failures keep their own handling', () => {
    expect(environmentError(new Error('boom'))).toBeNull();
    expect(environmentError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeNull();
    expect(environmentError({ code: 'SQLITE_BUSY' })).toMatchObject({ message: 'failures.databaseBusy' });
    expect(environmentError({ code: 'EROFS' })).toMatchObject({ message: 'failures.readOnly' });
    expect(environmentError({ code: 'SQLITE_CORRUPT_INDEX' })).toMatchObject({ message: 'failures.damagedPage' });
  });
});
