import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { databaseAt, rows } from '../helpers/migrations';

/**
 * Migration 0017 (rating facts). A version-16 book: Ann answered NPS 9 on a won sale and NPS 4 on a check-in done the same day
 * (the check-in's wins), and satisfaction 2 on an older won sale; Bob rated a lost deal only (no
 * row: a lost deal's rating is about the pitch) and answered NPS 7 then 8 on two check-ins done
 * the same day (the later id wins); Cy, far away in ids (the fill runs 20,000 ids a pass), rated
 * a won sale 5 with no NPS.
 */
const V16_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
    (1, 'Ann', 'ann', 'x', 'x'), (2, 'Bob', 'bob', 'x', 'x'), (40000, 'Cy', 'cy', 'x', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on,
    satisfaction, nps, created_at, updated_at) VALUES
    (1, 'a', 1, 100, 'EUR', 'won', '2026-01-01', '2026-01-01', 2, NULL, 'x', 'x'),
    (2, 'b', 1, 100, 'EUR', 'won', '2026-02-01', '2026-02-01', NULL, 9, 'x', 'x'),
    (3, 'c', 2, 100, 'EUR', 'lost', '2026-02-01', '2026-02-03', 1, 0, 'x', 'x'),
    (4, 'd', 40000, 100, 'EUR', 'won', '2026-03-01', '2026-03-01', 5, NULL, 'x', 'x');
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps,
    created_at, updated_at) VALUES
    (1, 2, 1, 3, '2026-02-04', '2026-02-04', 'done', '2026-02-01', NULL, 4, 'x', 'x'),
    (2, 3, 2, 3, '2026-02-06', '2026-02-06', 'done', '2026-02-10', NULL, 7, 'x', 'x'),
    (3, 3, 2, 7, '2026-02-10', '2026-02-10', 'done', '2026-02-10', NULL, 8, 'x', 'x'),
    (4, 3, 2, 14, '2026-02-17', '2026-02-17', 'pending', NULL, NULL, NULL, 'x', 'x');`;

describe('migration 0017 (rating facts)', () => {
  it("fills each customer's latest NPS and satisfaction from the answers already there", async () => {
    const m = await databaseAt(16, V16_BOOK);
    await migrate(m.db, 16, 17);
    expect(rows(m.sqlite, 'customer_rating_facts')).toEqual([
      { customer_id: 1, nps: 4, nps_on: '2026-02-01', csat: 2, csat_on: '2026-01-01' },
      { customer_id: 2, nps: 8, nps_on: '2026-02-10', csat: null, csat_on: null },
      { customer_id: 40000, nps: null, nps_on: null, csat: 5, csat_on: '2026-03-01' },
    ]);
  });

  it('keeps the table in step with later writes', async () => {
    const m = await databaseAt(16, V16_BOOK);
    await migrate(m.db, 16, 17);
    // Ann's check-in answer goes: the sale's 9 of that day is her latest NPS again.
    m.sqlite.exec('DELETE FROM check_ins WHERE id = 1');
    // Bob's lost deal is won after all: its satisfaction 1 counts; its NPS 0 is older than his check-ins'.
    m.sqlite.exec("UPDATE sales SET status = 'won' WHERE id = 3");
    // Bob's pending check-in is answered later.
    m.sqlite.exec("UPDATE check_ins SET status = 'done', completed_on = '2026-02-20', nps = 3 WHERE id = 4");
    // Cy's sale is re-rated.
    m.sqlite.exec('UPDATE sales SET satisfaction = 3 WHERE id = 4');
    expect(rows(m.sqlite, 'customer_rating_facts')).toEqual([
      { customer_id: 1, nps: 9, nps_on: '2026-02-01', csat: 2, csat_on: '2026-01-01' },
      { customer_id: 2, nps: 3, nps_on: '2026-02-20', csat: 1, csat_on: '2026-02-03' },
      { customer_id: 40000, nps: null, nps_on: null, csat: 3, csat_on: '2026-03-01' },
    ]);
    // A customer without answers left has no row; a customer deleted takes theirs along.
    m.sqlite.exec('UPDATE sales SET satisfaction = NULL WHERE id = 4');
    m.sqlite.exec('DELETE FROM check_ins WHERE customer_id = 2; DELETE FROM sales WHERE customer_id = 2');
    m.sqlite.exec('DELETE FROM customers WHERE id = 2');
    expect(rows(m.sqlite, 'customer_rating_facts')).toEqual([
      { customer_id: 1, nps: 9, nps_on: '2026-02-01', csat: 2, csat_on: '2026-01-01' },
    ]);
  });
});
