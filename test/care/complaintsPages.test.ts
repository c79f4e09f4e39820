import { describe, expect, it } from 'vitest';
import { ComplaintQuery } from '../../src-main/features/care/contract';
import { freshStore } from '../helpers/store';

/**
 * The complaints list reads its page through the index of its order (migration 0015
 * complaints_attention) and counts without joins: for every filter and page it must return what
 * the straightforward query returns, written here: active ones first, oldest first, then by id.
 */

const STATUSES = ['open', 'in_progress', 'resolved', 'closed_unresolved'] as const;

describe('complaints list: pages read at the source', () => {
  it('equal the straightforward query for every filter and page', async () => {
    const t = await freshStore();
    try {
      const { sqlite } = t.store;
      const customer = sqlite.prepare(
        "INSERT INTO customers (name, name_key, created_at, updated_at) VALUES (?, lower(?), 'x', 'x')",
      );
      for (const name of ['Ann', 'Bob', 'Cy']) customer.run(name, name);
      const complaint = sqlite.prepare(
        `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, status,
           resolved_on, remind_on, created_at, updated_at)
         VALUES (?, ?, 'call', 'product', 'low', 'Late', ?, ?, ?, 'x', 'x')`,
      );
      // Opening days shared by many (ties go by id), every status, on all three customers.
      for (let i = 0; i < 240; i++) {
        const status = STATUSES[(i * 7) % 4]!;
        const opened = `2026-0${1 + (i % 5)}-1${i % 3}`;
        const done = status === 'resolved' || status === 'closed_unresolved';
        complaint.run(1 + (i % 3), opened, status, done ? '2026-06-01' : null, '2026-06-10');
      }
      let compared = 0;
      for (const status of ['active', 'closed', 'all'] as const)
        for (const customerId of [undefined, 2])
          for (const [limit, offset] of [
            [100, 0],
            [50, 0],
            [7, 55],
            [30, 110],
            [500, 0],
            [10, 400],
          ] as const) {
            const input = ComplaintQuery.parse({ status, customerId, limit, offset });
            const page = await t.handlers['care.complaints.list'](input);
            const rows = sqlite
              .prepare(
                `SELECT id FROM complaints
                 WHERE (? = 'all' OR (? = 'active') = (status IN ('open', 'in_progress'))) AND (? IS NULL OR customer_id = ?)
                 ORDER BY status IN ('open', 'in_progress') DESC, opened_on, id`,
              )
              .pluck()
              .all(status, status, customerId ?? null, customerId ?? null) as number[];
            const what = JSON.stringify(input);
            expect(page.total, what).toBe(rows.length);
            expect(
              page.items.map((c) => c.id),
              what,
            ).toEqual(rows.slice(offset, offset + limit));
            compared += page.items.length;
          }
      expect(compared).toBeGreaterThan(1000);
    } finally {
      await t.cleanup();
    }
  });
});
