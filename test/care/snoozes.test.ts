import { afterEach, describe, expect, it } from 'vitest';
import { readSnoozes, saveSnoozes, type SnoozeRow } from '../../src-main/features/care/rulesRepository';
import { generateSample } from '../helpers/sample';
import { freshStore, type TestStore } from '../helpers/store';
import { expectDueDaysRecomputed } from './dueDaysCheck';

/**
 * saveSnoozes writes many snoozes in few statements (the sample book snoozes thousands at once):
 * each replaces the one its customer had of its kind, and the due days follow every row.
 */
let t: TestStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const byKey = (rows: readonly SnoozeRow[]) =>
  rows.map((s) => `${s.customerId}/${s.kind}/${s.basisOn}/${s.dueOn}`).sort();

describe('saveSnoozes', () => {
  it('writes more snoozes than one statement holds, replaces a customer’s snooze of the same kind, and keeps the due days exact', async () => {
    t = await freshStore();
    await generateSample(t, { sales: 2400 });
    const customers = t.store.sqlite.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
    expect(customers.length).toBeGreaterThan(500);
    const before = await readSnoozes(t.store.db);

    const first = customers.map((customerId, i) => ({
      customerId,
      kind: i % 2 === 0 ? ('reorder' as const) : ('stay_in_touch' as const),
      basisOn: '2026-06-01',
      dueOn: '2026-07-01',
    }));
    await t.store.db.transaction().execute((trx) => saveSnoozes(trx, first));
    // The same customers again, half of them with the other kind: those now have both.
    const again = customers.map((customerId, i) => ({
      customerId,
      kind: i % 4 < 2 ? ('reorder' as const) : ('stay_in_touch' as const),
      basisOn: '2026-06-10',
      dueOn: '2026-08-15',
    }));
    await t.store.db.transaction().execute((trx) => saveSnoozes(trx, again));

    // The last written of each customer and kind.
    const expected = new Map([...before, ...first, ...again].map((s) => [`${s.customerId}/${s.kind}`, s]));
    expect(byKey(await readSnoozes(t.store.db))).toEqual(byKey([...expected.values()]));
    expectDueDaysRecomputed(t.store.sqlite, 'snoozes saved in bulk');
  });

  it('rejects a snooze of a customer that does not exist, and its transaction writes none of them', async () => {
    t = await freshStore();
    await generateSample(t, { sales: 400 });
    const before = await readSnoozes(t.store.db);
    const [customerId] = t.store.sqlite
      .prepare('SELECT id FROM customers ORDER BY id LIMIT 1')
      .pluck()
      .all() as number[];
    const snoozes: SnoozeRow[] = [
      { customerId: customerId!, kind: 'reorder', basisOn: '2026-06-01', dueOn: '2026-07-01' },
      { customerId: 999_999, kind: 'reorder', basisOn: '2026-06-01', dueOn: '2026-07-01' },
    ];
    await expect(t.store.db.transaction().execute((trx) => saveSnoozes(trx, snoozes))).rejects.toThrow(/FOREIGN KEY/);
    expect(byKey(await readSnoozes(t.store.db))).toEqual(byKey(before));
    expectDueDaysRecomputed(t.store.sqlite, 'a rejected bulk snooze');
  });
});
