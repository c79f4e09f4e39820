import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { takeBackInterruptedImports } from '../../src-main/db/importSteps';
import { databaseAt, rows } from '../helpers/migrations';

/** A version-12 book with one import batch and its sale and customer. */
const V12_BOOK = `
  INSERT INTO import_batches (id, kind, source_name, source_sha256, created_at, inserted)
    VALUES (1, 'sales', 'crm.csv', 'abc', '2026-11-01T09:00:00.000Z', 1);
  INSERT INTO customers (id, name, name_key, created_at, updated_at, import_batch_id)
    VALUES (1, 'Ann', 'ann', 'x', 'x', 1);
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
    updated_at, import_batch_id)
    VALUES (1, 'a', 1, 1000, 'EUR', 'won', '2026-01-05', '2026-01-15', 'x', 'x', 1);`;

describe('migration 0013 (imports written in steps)', () => {
  it('marks every batch already there as whole: the next open takes none of them back', async () => {
    const m = await databaseAt(12, V12_BOOK);
    await migrate(m.db, 12, 13);
    expect(rows(m.sqlite, 'import_batches')).toMatchObject([{ id: 1, running_pid: null }]);
    // Even with every process taken for gone.
    expect(takeBackInterruptedImports(m.sqlite, () => false)).toEqual([]);
    expect(m.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
  });

  it('takes back a batch marked running whose process is gone, and only that one', async () => {
    const m = await databaseAt(12, V12_BOOK);
    // Taking back runs as a database opens, so on the latest schema (later tables count the batch too).
    await migrate(m.db, 12, LATEST_VERSION);
    m.sqlite.exec(`
      INSERT INTO import_batches (id, kind, source_name, source_sha256, created_at, running_pid)
        VALUES (2, 'sales', 'cut.csv', '', '2026-11-02T09:00:00.000Z', 999999),
               (3, 'sales', 'live.csv', '', '2026-11-02T10:00:00.000Z', ${process.pid});
      INSERT INTO sales_facts_deferred VALUES (2), (3);
      INSERT INTO technique_facts_deferred VALUES (2), (3);
      INSERT INTO customers (id, name, name_key, created_at, updated_at, import_batch_id)
        VALUES (2, 'Cut', 'cut', 'x', 'x', 2), (3, 'Live', 'live', 'x', 'x', 3);
      INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
        updated_at, import_batch_id)
        VALUES (2, 'b', 2, 500, 'EUR', 'won', '2026-01-06', '2026-01-16', 'x', 'x', 2),
               (3, 'c', 1, 700, 'EUR', 'won', '2026-01-07', '2026-01-17', 'x', 'x', 2),
               (4, 'd', 3, 900, 'EUR', 'won', '2026-01-08', '2026-01-18', 'x', 'x', 3);`);
    expect(takeBackInterruptedImports(m.sqlite, (pid) => pid === process.pid)).toEqual([2]);
    // Batch 2's sales and its customer are gone; Ann (batch 1) keeps her sale; the live batch is untouched.
    expect(m.sqlite.prepare('SELECT id FROM sales ORDER BY id').pluck().all()).toEqual([1, 4]);
    expect(m.sqlite.prepare('SELECT id FROM customers ORDER BY id').pluck().all()).toEqual([1, 3]);
    expect(m.sqlite.prepare('SELECT id FROM import_batches ORDER BY id').pluck().all()).toEqual([1, 3]);
    expect(m.sqlite.prepare('SELECT batch_id FROM sales_facts_deferred').pluck().all()).toEqual([3]);
    expect(m.sqlite.prepare('SELECT batch_id FROM technique_facts_deferred').pluck().all()).toEqual([3]);
  });
});
