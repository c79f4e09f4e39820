import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintsClosedPerDay,
  complaintsClosedPerDayFromComplaints,
  complaintsOpenAt,
} from '../../src-main/features/metrics/facts';
import { addDays } from '../../src-main/shared/dates';
import { caller } from '../helpers/caller';
import { freshStore } from '../helpers/store';
import { expectSalesFactsRecomputed } from './salesFactsCheck';

/**
 * Complaints closed per day (complaint_closed_days, db/salesFacts.ts) after every kind of write to
 * a complaint, through the handlers: opened, moved along (in progress, resolved or closed
 * unresolved on a day, reopened, closed again), given a new day, deleted. The table equals a full
 * recomputation, and the figures read from it equal those read from the complaints themselves.
 */

const START = '2026-01-01';
const write = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), customer: fc.nat({ max: 1 }), day: fc.nat({ max: 120 }) }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    status: fc.constantFrom('open' as const, 'in_progress' as const, 'resolved' as const, 'closed_unresolved' as const),
    after: fc.option(fc.nat({ max: 40 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('complaints closed per day: the kept table after every kind of write (property, real SQLite, handlers)', () => {
  it('equals a full recomputation, and reads the same figures as the complaints', async () => {
    const made = new Set<string>();
    let closedRows = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
        const t = await freshStore();
        try {
          const call = caller(t);
          const customers = [
            (await call('customers.create', { name: 'Ann' })).id,
            (await call('customers.create', { name: 'Bob' })).id,
          ];
          for (const [n, w] of writes.entries()) {
            const ids = t.store.sqlite.prepare('SELECT id, opened_on FROM complaints ORDER BY id').all() as {
              id: number;
              opened_on: string;
            }[];
            if (w.kind === 'open') {
              await call('care.complaints.create', {
                customerId: customers[w.customer]!,
                openedOn: addDays(START, w.day),
                source: 'call',
                category: 'product',
                description: `Complaint ${n}`,
              });
            } else if (ids.length === 0) continue;
            else if (w.kind === 'move') {
              const c = ids[w.pick % ids.length]!;
              const closing = w.status === 'resolved' || w.status === 'closed_unresolved';
              await call('care.complaints.update', {
                id: c.id,
                patch: {
                  status: w.status,
                  ...(closing && w.after !== null ? { resolvedOn: addDays(c.opened_on, w.after) } : {}),
                },
              });
            } else t.store.sqlite.prepare('DELETE FROM complaints WHERE id = ?').run(ids[w.pick % ids.length]!.id);
            made.add(w.kind);
            const after = `after write ${n} (${JSON.stringify(w)})`;
            await expectSalesFactsRecomputed(t.store.sqlite, t.store.db, after);
            closedRows += t.store.sqlite.prepare('SELECT count(*) FROM complaint_closed_days').pluck().get() as number;
            const range = { from: START, to: '2026-12-31' };
            expect(await complaintsClosedPerDay(t.store.db, range, {}), after).toEqual(
              await complaintsClosedPerDayFromComplaints(t.store.db, range, {}),
            );
            for (const day of ['2026-01-15', '2026-03-01', '2026-06-15']) {
              const open = t.store.sqlite
                .prepare(
                  'SELECT count(*) FROM complaints WHERE opened_on <= ? AND (resolved_on IS NULL OR resolved_on > ?)',
                )
                .pluck()
                .get(day, day);
              expect(await complaintsOpenAt(t.store.db, day, {}), `${after}, open on ${day}`).toBe(open);
            }
          }
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
    expect([...made].sort()).toEqual(['delete', 'move', 'open']);
    // Not vacuous: closed complaints were counted along the way.
    expect(closedRows).toBeGreaterThan(20);
  }, 240_000);
});
