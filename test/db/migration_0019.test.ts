import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import {
  complaintsClosedCountPerDay,
  complaintsOpenAt,
  complaintsOpenedPerDay,
  complaintsPerDayFromComplaints,
} from '../../src-main/features/metrics/facts';
import { databaseAt, rows } from '../helpers/migrations';
import { expectSalesFactsRecomputed } from '../metrics/salesFactsCheck';

/**
 * Migration 0019 (complaints per day). A version-18 book with four complaints: two opened on
 * 1 March (one still open, one resolved on the 4th), one opened and closed unresolved on the
 * 2nd, and one far away in ids (the fill runs 20,000 ids a pass) opened on the 4th.
 */
const V18_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x');
  INSERT INTO complaints (id, customer_id, opened_on, source, category, severity, description, status,
    resolved_on, remind_on, created_at, updated_at) VALUES
    (1, 1, '2026-03-01', 'call', 'product', 'low', 'Late', 'open', NULL, '2026-03-15', 'x', 'x'),
    (2, 1, '2026-03-01', 'call', 'product', 'low', 'Broken', 'resolved', '2026-03-04', '2026-03-15', 'x', 'x'),
    (3, 1, '2026-03-02', 'call', 'billing', 'high', 'Wrong', 'closed_unresolved', '2026-03-02', '2026-03-16', 'x', 'x'),
    (50000, 1, '2026-03-04', 'email', 'service', 'medium', 'Rude', 'in_progress', NULL, '2026-03-10', 'x', 'x');`;

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const DAYS = ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-09'];

describe('migration 0019 (complaints opened and closed per day)', () => {
  it('counts every complaint on the day it was opened and the day it was closed', async () => {
    const m = await databaseAt(18, V18_BOOK);
    await migrate(m.db, 18, 19);
    // Worked out by hand from V18_BOOK.
    expect(rows(m.sqlite, 'complaint_day_counts')).toEqual([
      { day: '2026-03-01', opened: 2, closed: 0 },
      { day: '2026-03-02', opened: 1, closed: 1 },
      { day: '2026-03-04', opened: 1, closed: 1 },
    ]);
    expect(await complaintsOpenedPerDay(m.db, MARCH, {})).toEqual([
      { day: '2026-03-01', n: 2 },
      { day: '2026-03-02', n: 1 },
      { day: '2026-03-04', n: 1 },
    ]);
    expect(await complaintsClosedCountPerDay(m.db, MARCH, {})).toEqual([
      { day: '2026-03-02', n: 1 },
      { day: '2026-03-04', n: 1 },
    ]);
    const open = [];
    for (const day of DAYS) open.push(await complaintsOpenAt(m.db, day, {}));
    expect(open).toEqual([0, 2, 2, 2, 2, 2]);
  });

  it('keeps the counts in step with complaints opened, moved, reopened, closed and deleted', async () => {
    const m = await databaseAt(18, V18_BOOK);
    await migrate(m.db, 18, 19);
    m.sqlite.exec(`
      INSERT INTO complaints (id, customer_id, opened_on, source, category, severity, description, status,
        resolved_on, remind_on, created_at, updated_at) VALUES
        (4, 1, '2026-03-09', 'call', 'product', 'low', 'Again', 'resolved', '2026-03-09', '2026-03-12', 'x', 'x');
      UPDATE complaints SET status = 'open', resolved_on = NULL WHERE id = 2;
      UPDATE complaints SET status = 'resolved', resolved_on = '2026-03-09' WHERE id = 1;
      UPDATE complaints SET opened_on = '2026-03-03' WHERE id = 50000;
      DELETE FROM complaints WHERE id = 3;`);
    expect(rows(m.sqlite, 'complaint_day_counts')).toEqual([
      { day: '2026-03-01', opened: 2, closed: 0 },
      { day: '2026-03-03', opened: 1, closed: 0 },
      { day: '2026-03-09', opened: 1, closed: 2 },
    ]);
    await expectSalesFactsRecomputed(m.sqlite, m.db, 'writes after the migration');
    expect(await complaintsOpenedPerDay(m.db, MARCH, {})).toEqual(
      await complaintsPerDayFromComplaints(m.db, MARCH, {}, 'opened'),
    );
    expect(await complaintsClosedCountPerDay(m.db, MARCH, {})).toEqual(
      await complaintsPerDayFromComplaints(m.db, MARCH, {}, 'closed'),
    );
    for (const day of DAYS) {
      const open = m.sqlite
        .prepare('SELECT count(*) FROM complaints WHERE opened_on <= ? AND (resolved_on IS NULL OR resolved_on > ?)')
        .pluck()
        .get(day, day);
      expect(await complaintsOpenAt(m.db, day, {}), `open on ${day}`).toBe(open);
    }
    m.sqlite.exec('DELETE FROM complaints');
    expect(rows(m.sqlite, 'complaint_day_counts'), 'every complaint deleted').toEqual([]);
  });
});
