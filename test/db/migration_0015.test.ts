import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { openPipeline } from '../../src-main/features/metrics/periods';
import {
  checkInsDonePerDay,
  checkInsDuePerDay,
  complaintsClosedPerDay,
  complaintsOpenAt,
} from '../../src-main/features/metrics/facts';
import { databaseAt, rows } from '../helpers/migrations';
import { expectSalesFactsRecomputed } from '../metrics/salesFactsCheck';

/**
 * A version-14 book, whose open_sale_days counts open sales per day only: open sales in two
 * stages, none and two currencies over two days, a won one; complaints open, resolved and closed
 * unresolved.
 */
const V14_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, stage, opened_on, closed_on,
    created_at, updated_at) VALUES
    (1, 'a', 1, 1000, 'EUR', 'open', 'lead', '2026-03-01', NULL, 'x', 'x'),
    (2, 'b', 1, 2500, 'EUR', 'open', 'lead', '2026-03-01', NULL, 'x', 'x'),
    (3, 'c', 1, 700, 'USD', 'open', 'proposal', '2026-03-01', NULL, 'x', 'x'),
    (4, 'd', 1, 400, 'EUR', 'open', NULL, '2026-03-05', NULL, 'x', 'x'),
    (5, 'e', 1, 900, 'EUR', 'won', NULL, '2026-03-01', '2026-03-02', 'x', 'x');
  INSERT INTO complaints (id, customer_id, opened_on, source, category, severity, description, status,
    resolved_on, remind_on, created_at, updated_at) VALUES
    (1, 1, '2026-03-01', 'call', 'product', 'low', 'Late', 'open', NULL, '2026-03-15', 'x', 'x'),
    (2, 1, '2026-03-01', 'call', 'product', 'low', 'Broken', 'resolved', '2026-03-04', '2026-03-15', 'x', 'x'),
    (3, 1, '2026-03-02', 'call', 'billing', 'high', 'Wrong', 'closed_unresolved', '2026-03-04', '2026-03-16', 'x', 'x');
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on,
    created_at, updated_at) VALUES
    (1, 5, 1, 3, '2026-03-05', '2026-03-05', 'done', '2026-03-05', 'x', 'x'),
    (2, 5, 1, 7, '2026-03-09', '2026-03-09', 'done', '2026-03-12', 'x', 'x'),
    (3, 5, 1, 30, '2026-04-01', '2026-03-05', 'skipped', '2026-03-06', 'x', 'x'),
    (4, 5, 1, 60, '2026-05-01', '2026-05-01', 'pending', NULL, 'x', 'x');`;

describe('migration 0015 (pipeline and care facts)', () => {
  it('counts the check-ins per due day and per day done', async () => {
    const m = await databaseAt(14, V14_BOOK);
    await migrate(m.db, 14, 15);
    // Worked out by hand from V14_BOOK.
    expect(rows(m.sqlite, 'check_in_due_days')).toEqual([
      { day: '2026-03-05', on_time: 1, late: 0, skipped: 1, pending: 0 },
      { day: '2026-03-09', on_time: 0, late: 1, skipped: 0, pending: 0 },
      { day: '2026-05-01', on_time: 0, late: 0, skipped: 0, pending: 1 },
    ]);
    expect(rows(m.sqlite, 'check_in_done_days')).toEqual([
      { day: '2026-03-05', done: 1, on_time: 1 },
      { day: '2026-03-12', done: 1, on_time: 0 },
    ]);
    const spring = { from: '2026-03-01', to: '2026-05-31' };
    // The pending one is missed only once its day is past.
    expect(await checkInsDuePerDay(m.db, spring, {}, '2026-05-01')).toEqual([
      { day: '2026-03-05', due: 2, onTime: 1, late: 0, skipped: 1, missed: 0 },
      { day: '2026-03-09', due: 1, onTime: 0, late: 1, skipped: 0, missed: 0 },
    ]);
    expect((await checkInsDuePerDay(m.db, spring, {}, '2026-05-02')).at(-1)).toEqual({
      day: '2026-05-01',
      due: 1,
      onTime: 0,
      late: 0,
      skipped: 0,
      missed: 1,
    });
    expect(await checkInsDonePerDay(m.db, spring, {})).toEqual([
      { day: '2026-03-05', done: 1, onTime: 1 },
      { day: '2026-03-12', done: 1, onTime: 0 },
    ]);
    // The triggers follow a check-in done late after a new due day, and one deleted.
    m.sqlite
      .exec(`UPDATE check_ins SET status = 'done', completed_on = '2026-05-04', due_on = '2026-05-03' WHERE id = 4;
      DELETE FROM check_ins WHERE id = 1;`);
    expect(rows(m.sqlite, 'check_in_done_days')).toEqual([
      { day: '2026-03-12', done: 1, on_time: 0 },
      { day: '2026-05-04', done: 1, on_time: 0 },
    ]);
    await migrate(m.db, 15, LATEST_VERSION);
    await expectSalesFactsRecomputed(m.sqlite, m.db, 'writes after the migration, then the later ones');
  });

  it('counts the open sales per day, stage and currency, with their amounts', async () => {
    const m = await databaseAt(14, V14_BOOK);
    await migrate(m.db, 14, 15);
    // Worked out by hand from V14_BOOK: the won sale is not in the pipeline.
    expect(rows(m.sqlite, 'open_sale_days')).toEqual([
      { day: '2026-03-01', stage: 'lead', currency: 'EUR', sales: 2, amount: 3500 },
      { day: '2026-03-01', stage: 'proposal', currency: 'USD', sales: 1, amount: 700 },
      { day: '2026-03-05', stage: '', currency: 'EUR', sales: 1, amount: 400 },
    ]);
    const pipeline = await openPipeline(m.db, '2026-03-04');
    expect(pipeline.map((p) => [p.stage, p.count, p.amounts])).toEqual([
      ['lead', 2, [{ currency: 'EUR', amount: 3500 }]],
      ['qualified', 0, []],
      ['proposal', 1, [{ currency: 'USD', amount: 700 }]],
      ['negotiation', 0, []],
      // Sale 4 opened after the day looked at.
      ['none', 0, []],
    ]);

    // The triggers follow a stage moved, a sale won and an amount changed.
    m.sqlite.exec(`UPDATE sales SET stage = 'negotiation' WHERE id = 1;
      UPDATE sales SET status = 'won', stage = NULL, closed_on = '2026-03-06' WHERE id = 3;
      UPDATE sales SET amount_minor = 450 WHERE id = 4;`);
    expect(rows(m.sqlite, 'open_sale_days')).toEqual([
      { day: '2026-03-01', stage: 'lead', currency: 'EUR', sales: 1, amount: 2500 },
      { day: '2026-03-01', stage: 'negotiation', currency: 'EUR', sales: 1, amount: 1000 },
      { day: '2026-03-05', stage: '', currency: 'EUR', sales: 1, amount: 450 },
    ]);
    await migrate(m.db, 15, LATEST_VERSION);
    await expectSalesFactsRecomputed(m.sqlite, m.db, 'writes after the migration, then the later ones');
  });

  it('counts the complaints closed per day, whether resolved and after how many days open', async () => {
    const m = await databaseAt(14, V14_BOOK);
    await migrate(m.db, 14, 15);
    expect(rows(m.sqlite, 'complaint_closed_days')).toEqual([
      { day: '2026-03-04', resolved: 0, days: 2, complaints: 1 },
      { day: '2026-03-04', resolved: 1, days: 3, complaints: 1 },
    ]);
    // On to today's version, whose open complaints read the complaints per day (migration 0019).
    await migrate(m.db, 15, LATEST_VERSION);
    // Open at the end of each day: opened by then, not closed by then.
    const open = [];
    for (const day of ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'])
      open.push(await complaintsOpenAt(m.db, day, {}));
    expect(open).toEqual([0, 2, 3, 3, 1]);
    expect(await complaintsOpenAt(m.db, '2026-03-03', { customerId: 2 })).toBe(0);

    // The triggers follow a complaint reopened and one closed.
    m.sqlite.exec(`UPDATE complaints SET status = 'open', resolved_on = NULL WHERE id = 2;
      UPDATE complaints SET status = 'resolved', resolved_on = '2026-03-09' WHERE id = 1;`);
    expect(await complaintsClosedPerDay(m.db, { from: '2026-03-01', to: '2026-03-31' }, {})).toEqual([
      { day: '2026-03-04', resolved: 0, days: 2, n: 1 },
      { day: '2026-03-09', resolved: 1, days: 8, n: 1 },
    ]);
    await expectSalesFactsRecomputed(m.sqlite, m.db, 'writes after the migrations');
  });
});
