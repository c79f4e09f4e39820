import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkInsDonePerDay,
  checkInsDonePerDayFromCheckIns,
  checkInsDuePerDay,
  checkInsDuePerDayFromCheckIns,
  complaintsClosedCountPerDay,
  complaintsClosedPerDay,
  complaintsClosedPerDayFromComplaints,
  complaintsOpenAt,
  complaintsOpenedPerDay,
  complaintsPerDayFromComplaints,
} from '../../src-main/features/metrics/facts';
import { addDays } from '../../src-main/shared/dates';
import { caller } from '../helpers/caller';
import { freshStore } from '../helpers/store';
import { expectSalesFactsRecomputed } from './salesFactsCheck';

/**
 * The care figures kept per day (db/salesFacts.ts: check-ins per due day and per day done,
 * complaints opened and closed per day) after every kind of write to a check-in or a complaint, through the
 * handlers: check-ins made by a won sale, done (on time or late), skipped, snoozed, rescheduled,
 * deleted with their sale; complaints opened, moved along (in progress, resolved or closed
 * unresolved on a day, reopened, closed again), deleted. The tables equal a full recomputation,
 * and the figures read from them equal those read from the rows themselves.
 */

const START = '2026-01-01';
/** The test store's today (FIXED_NOW). */
const TODAY = '2026-06-15';
const open = fc.record({
  kind: fc.constant('open' as const),
  customer: fc.nat({ max: 1 }),
  day: fc.nat({ max: 120 }),
});
const sale = fc.record({
  kind: fc.constant('sale' as const),
  customer: fc.nat({ max: 1 }),
  // Check-ins are planned only for recent sales (cadence.ts planCheckIns): up to today.
  day: fc.integer({ min: 110, max: 165 }),
});
const write = fc.oneof(
  { weight: 2, arbitrary: open },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      pick: fc.nat(),
      status: fc.constantFrom(
        'open' as const,
        'in_progress' as const,
        'resolved' as const,
        'closed_unresolved' as const,
      ),
      after: fc.option(fc.nat({ max: 40 })),
    }),
  },
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  { weight: 3, arbitrary: sale },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('done' as const),
      pick: fc.nat(),
      after: fc.integer({ min: -3, max: 20 }),
    }),
  },
  fc.record({ kind: fc.constant('skip' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('snooze' as const), pick: fc.nat(), days: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('reschedule' as const), pick: fc.nat(), day: fc.nat({ max: 160 }) }),
  fc.record({ kind: fc.constant('deleteSale' as const), pick: fc.nat() }),
);

describe('care figures per day: the kept tables after every kind of write (property, real SQLite, handlers)', () => {
  it('equal a full recomputation, and read the same figures as the check-ins and complaints', async () => {
    const made = new Set<string>();
    const applied = new Map<string, number>();
    await fc.assert(
      // Every run starts with a complaint and a won sale, so moves and check-in writes always have something to act on.
      fc.asyncProperty(fc.tuple(open, sale, fc.array(write, { minLength: 4, maxLength: 14 })), async ([o, s, rest]) => {
        const writes = [o, s, ...rest];
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
            const pending = t.store.sqlite
              .prepare("SELECT id, due_on FROM check_ins WHERE status = 'pending' ORDER BY id")
              .all() as { id: number; due_on: string }[];
            const sales = t.store.sqlite.prepare('SELECT id FROM sales ORDER BY id').pluck().all() as number[];
            if (w.kind === 'open') {
              await call('care.complaints.create', {
                customerId: customers[w.customer]!,
                openedOn: addDays(START, w.day),
                source: 'call',
                category: 'product',
                description: `Complaint ${n}`,
              });
            } else if (w.kind === 'sale') {
              const day = addDays(START, w.day);
              await call('sales.create', {
                title: `Deal ${n}`,
                customerId: customers[w.customer]!,
                amountMinor: 10_000,
                currency: 'EUR',
                status: 'won',
                openedOn: day,
                closedOn: day,
              });
            } else if (w.kind === 'deleteSale') {
              if (sales.length === 0) continue;
              await call('sales.delete', { id: sales[w.pick % sales.length]! });
            } else if (w.kind === 'move' || w.kind === 'delete') {
              if (ids.length === 0) continue;
              const c = ids[w.pick % ids.length]!;
              if (w.kind === 'delete') t.store.sqlite.prepare('DELETE FROM complaints WHERE id = ?').run(c.id);
              else {
                const closing = w.status === 'resolved' || w.status === 'closed_unresolved';
                await call('care.complaints.update', {
                  id: c.id,
                  patch: {
                    status: w.status,
                    ...(closing && w.after !== null ? { resolvedOn: addDays(c.opened_on, w.after) } : {}),
                  },
                });
              }
            } else {
              if (pending.length === 0) continue;
              const k = pending[w.pick % pending.length]!;
              if (w.kind === 'done') {
                const on = addDays(k.due_on, w.after);
                await call('care.checkins.complete', { id: k.id, completedOn: on < TODAY ? on : TODAY, csat: 4 });
              } else if (w.kind === 'skip') await call('care.checkins.skip', { id: k.id });
              else if (w.kind === 'snooze') await call('care.followups.snooze', { id: `c${k.id}`, days: w.days });
              else await call('care.followups.reschedule', { id: `c${k.id}`, dueOn: addDays(START, w.day) });
            }
            made.add(w.kind);
            applied.set(w.kind, (applied.get(w.kind) ?? 0) + 1);
            const after = `after write ${n} (${JSON.stringify(w)})`;
            await expectSalesFactsRecomputed(t.store.sqlite, t.store.db, after);
            const range = { from: START, to: '2026-12-31' };
            expect(await complaintsClosedPerDay(t.store.db, range, {}), after).toEqual(
              await complaintsClosedPerDayFromComplaints(t.store.db, range, {}),
            );
            expect(await complaintsOpenedPerDay(t.store.db, range, {}), after).toEqual(
              await complaintsPerDayFromComplaints(t.store.db, range, {}, 'opened'),
            );
            expect(await complaintsClosedCountPerDay(t.store.db, range, {}), after).toEqual(
              await complaintsPerDayFromComplaints(t.store.db, range, {}, 'closed'),
            );
            expect(await checkInsDonePerDay(t.store.db, range, {}), after).toEqual(
              await checkInsDonePerDayFromCheckIns(t.store.db, range, {}),
            );
            for (const day of ['2026-01-15', '2026-03-01', '2026-06-15']) {
              expect(await checkInsDuePerDay(t.store.db, range, {}, day), `${after}, due as of ${day}`).toEqual(
                await checkInsDuePerDayFromCheckIns(t.store.db, range, {}, day),
              );
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
      { numRuns: 60 },
    );
    expect([...made].sort()).toEqual(
      ['delete', 'deleteSale', 'done', 'move', 'open', 'reschedule', 'sale', 'skip', 'snooze'].sort(),
    );
    // Not vacuous: many check-ins were done and complaints moved along the way.
    expect(applied.get('done')).toBeGreaterThan(20);
    expect(applied.get('move')).toBeGreaterThan(20);
  }, 240_000);
});
