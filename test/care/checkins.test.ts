import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { undoBatch } from '../../src-main/features/imports/batches';
import { FIXED_NOW, type TestStore } from '../helpers/store';
import { importFile, writeCsv } from '../imports/helpers';
import { type Recorder, storeWithRecorder, stepsOf } from './helpers';

// FIXED_NOW is 2026-06-15: a check-in dated before 2026-06-01 (14 days back) is not created.
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

const one = <T>(sql: string, ...params: unknown[]): T => t.store.sqlite.prepare(sql).get(...params) as T;

describe('check-ins follow the sale', () => {
  it('a won sale gets one check-in per default cadence day after its close date', async () => {
    const ada = await r.customer('Ada');
    const sale = await r.won(ada.id, '2026-06-10');
    expect(stepsOf(t, sale.id)).toEqual([
      { step: 3, due: '2026-06-13', status: 'pending' },
      { step: 30, due: '2026-07-10', status: 'pending' },
      { step: 90, due: '2026-09-08', status: 'pending' },
    ]);
    const row = one<Record<string, unknown>>('SELECT * FROM check_ins WHERE step_days = 3');
    expect(row).toMatchObject({ customer_id: ada.id, scheduled_on: '2026-06-13', completed_on: null });
  });

  it('an open or lost sale has none; winning it schedules them, reopening removes the pending ones', async () => {
    const ada = await r.customer('Ada');
    const open = await r.call('sales.create', {
      title: 'Pitch',
      customerId: ada.id,
      amountMinor: 500,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-06-01',
    });
    expect(stepsOf(t, open.id)).toEqual([]);
    const base = { title: 'Pitch', customerId: ada.id, amountMinor: 500, currency: 'EUR', openedOn: '2026-06-01' };
    await r.call('sales.update', { id: open.id, sale: { ...base, status: 'won', closedOn: '2026-06-12' } });
    expect(stepsOf(t, open.id).map((s) => s.due)).toEqual(['2026-06-15', '2026-07-12', '2026-09-10']);

    // The day-3 call happened; then the deal fell through after all.
    const [first] = await r.call('care.checkins.list', { saleId: open.id });
    await r.call('care.checkins.complete', { id: first!.id, csat: 4 });
    await r.call('sales.update', { id: open.id, sale: { ...base, status: 'lost', closedOn: '2026-06-14' } });
    expect(stepsOf(t, open.id)).toEqual([{ step: 3, due: '2026-06-15', status: 'done' }]);

    // Won again: the done step stays as it was, the others come back on the new date.
    await r.call('sales.update', { id: open.id, sale: { ...base, status: 'won', closedOn: '2026-06-14' } });
    expect(stepsOf(t, open.id)).toEqual([
      { step: 3, due: '2026-06-15', status: 'done' },
      { step: 30, due: '2026-07-14', status: 'pending' },
      { step: 90, due: '2026-09-12', status: 'pending' },
    ]);
  });

  it('a new close date moves pending check-ins (dropping a snooze); done ones stay; a title edit moves nothing', async () => {
    const ada = await r.customer('Ada');
    const [sale, day3, day30] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    await r.call('care.checkins.complete', { id: day3!.id, completedOn: '2026-06-14' });
    await r.call('care.followups.snooze', { id: `c${day30!.id}`, days: 5 });
    expect(stepsOf(t, sale.id)[1]!.due).toBe('2026-07-15');

    const edit = { title: 'Renamed', customerId: ada.id, amountMinor: 10000, currency: 'EUR', status: 'won' as const };
    await r.call('sales.update', { id: sale.id, sale: { ...edit, openedOn: '2026-06-10', closedOn: '2026-06-10' } });
    expect(stepsOf(t, sale.id)[1]!.due).toBe('2026-07-15');

    await r.call('sales.update', { id: sale.id, sale: { ...edit, openedOn: '2026-06-01', closedOn: '2026-06-05' } });
    expect(stepsOf(t, sale.id)).toEqual([
      { step: 3, due: '2026-06-13', status: 'done' },
      { step: 30, due: '2026-07-05', status: 'pending' },
      { step: 90, due: '2026-09-03', status: 'pending' },
    ]);
    // Same ids: a calendar that imported them updates the events instead of duplicating them.
    const [, moved] = await r.call('care.checkins.list', { saleId: sale.id });
    expect(moved!.id).toBe(day30!.id);
    expect(moved!.scheduledOn).toBe('2026-07-05');
  });

  it('moving the close date far back drops the pending check-ins that would now be long past', async () => {
    const ada = await r.customer('Ada');
    const sale = await r.won(ada.id, '2026-06-10');
    const edit = { title: 'Old deal', customerId: ada.id, amountMinor: 1, currency: 'EUR', status: 'won' as const };
    await r.call('sales.update', { id: sale.id, sale: { ...edit, openedOn: '2026-03-01', closedOn: '2026-03-10' } });
    // Day 3 (03-13) and day 30 (04-09) are more than 14 days ago; day 90 (06-08) is not.
    expect(stepsOf(t, sale.id)).toEqual([{ step: 90, due: '2026-06-08', status: 'pending' }]);
  });

  it('deleting the sale removes its pending check-ins and keeps the done ones as history', async () => {
    const ada = await r.customer('Ada');
    const [sale, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    await r.call('care.checkins.complete', { id: day3!.id, nps: 9 });
    await r.call('sales.delete', { id: sale.id });
    const left = await r.call('care.checkins.list', { customerId: ada.id });
    expect(left).toEqual([expect.objectContaining({ id: day3!.id, saleId: null, status: 'done', nps: 9 })]);
  });

  it('moving a sale to another customer takes its check-ins, history included, along', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const [sale, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    await r.call('care.checkins.complete', { id: day3!.id });
    const edit = { title: 'x', amountMinor: 1, currency: 'EUR', status: 'won' as const, openedOn: '2026-06-10' };
    await r.call('sales.update', { id: sale.id, sale: { ...edit, customerId: bob.id, closedOn: '2026-06-10' } });
    expect((await r.call('care.checkins.list', { saleId: sale.id })).map((c) => c.customerId)).toEqual([
      bob.id,
      bob.id,
      bob.id,
    ]);
  });

  it('recording an old sale schedules only the check-ins still worth making', async () => {
    const ada = await r.customer('Ada');
    expect(stepsOf(t, (await r.won(ada.id, '2024-11-02')).id)).toEqual([]);
    expect(stepsOf(t, (await r.won(ada.id, '2026-05-20')).id).map((s) => s.step)).toEqual([30, 90]);
    // Closed ten days ago: the day-3 call is a week late but still worth making.
    expect(stepsOf(t, (await r.won(ada.id, '2026-06-05')).id)).toEqual([
      { step: 3, due: '2026-06-08', status: 'pending' },
      { step: 30, due: '2026-07-05', status: 'pending' },
      { step: 90, due: '2026-09-03', status: 'pending' },
    ]);
  });
});

describe('cadence overrides', () => {
  it('segment beats product beats default; an empty cadence means no check-ins', async () => {
    const kit = await r.product('Hardware kit');
    const plan = await r.product('Subscription');
    await r.call('care.cadence.set', {
      defaultDays: [3, 30, 90],
      products: [
        { productId: kit.id, days: [7, 60] },
        { productId: plan.id, days: [] },
      ],
      segments: [{ segment: 'Enterprise', days: [14, 45, 180, 1] }],
    });
    expect(await r.call('care.cadence.get')).toEqual({
      defaultDays: [3, 30, 90],
      products: [
        { productId: kit.id, productName: 'Hardware kit', days: [7, 60] },
        { productId: plan.id, productName: 'Subscription', days: [] },
      ],
      segments: [{ segment: 'Enterprise', days: [1, 14, 45, 180] }],
    });
    const big = await r.customer('Big Co', { segment: 'Enterprise' });
    const small = await r.customer('Small Co', { segment: 'Small business' });
    const steps = async (customerId: number, productId: number | null): Promise<number[]> =>
      stepsOf(t, (await r.won(customerId, '2026-06-14', { productId })).id).map((s) => s.step);

    expect(await steps(big.id, kit.id)).toEqual([1, 14, 45, 180]); // segment wins over product
    expect(await steps(big.id, null)).toEqual([1, 14, 45, 180]);
    expect(await steps(small.id, kit.id)).toEqual([7, 60]); // no segment override: product
    expect(await steps(small.id, plan.id)).toEqual([]); // product says: no check-ins
    expect(await steps(small.id, null)).toEqual([3, 30, 90]); // default
  });

  it('refuses a cadence naming an unknown product or repeating a day, and keeps the old one', async () => {
    await r.call('care.cadence.set', { defaultDays: [5] });
    await expect(
      r.call('care.cadence.set', { defaultDays: [3], products: [{ productId: 999, days: [1] }] }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'products.0.productId' }] });
    expect(() => r.call('care.cadence.set', { defaultDays: [3, 3] })).toThrow();
    expect((await r.call('care.cadence.get')).defaultDays).toEqual([5]);
  });
});

describe('completing a check-in', () => {
  it('records outcome and ratings; a concern opens a complaint prefilled from it', async () => {
    const ada = await r.customer('Ada');
    const [sale, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    const { checkIn, complaint } = await r.call('care.checkins.complete', {
      id: day3!.id,
      completedOn: '2026-06-14',
      outcome: 'Installed, one unit scratched',
      csat: 3,
      nps: 6,
      concern: 'One unit arrived scratched',
      concernCategory: 'delivery',
      concernSeverity: 'high',
    });
    expect(checkIn).toMatchObject({
      status: 'done',
      completedOn: '2026-06-14',
      csat: 3,
      nps: 6,
      concern: 'One unit arrived scratched',
      complaintId: complaint!.id,
    });
    expect(complaint).toMatchObject({
      customerId: ada.id,
      saleId: sale.id,
      checkInId: day3!.id,
      openedOn: '2026-06-14',
      source: 'check_in',
      category: 'delivery',
      severity: 'high',
      description: 'One unit arrived scratched',
      status: 'open',
      remindOn: '2026-06-21',
    });
  });

  it('cannot complete twice, skip a done one, or be done on a day still to come', async () => {
    const ada = await r.customer('Ada');
    const [, day3, day30] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    await expect(r.call('care.checkins.complete', { id: day30!.id, completedOn: '2026-06-16' })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'completedOn', message: 'errors.futureDate' }],
    });
    await r.call('care.checkins.complete', { id: day3!.id });
    await expect(r.call('care.checkins.complete', { id: day3!.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(r.call('care.checkins.skip', { id: day3!.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await r.call('care.checkins.skip', { id: day30!.id })).toMatchObject({
      status: 'skipped',
      completedOn: '2026-06-15',
    });
    await expect(r.call('care.checkins.skip', { id: 999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('writes the check-in and its complaint in one transaction: if the complaint fails, the check-in stays pending', async () => {
    const ada = await r.customer('Ada');
    const [, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    // A fault injected after the check-in update, inside the same action.
    t.store.sqlite.exec(
      "CREATE TEMP TRIGGER fail_complaints BEFORE INSERT ON main.complaints BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(r.call('care.checkins.complete', { id: day3!.id, csat: 2, concern: 'Broken' })).rejects.toThrow(
      /disk full/,
    );
    expect(one('SELECT status, csat, concern FROM check_ins WHERE id = ?', day3!.id)).toEqual({
      status: 'pending',
      csat: null,
      concern: null,
    });
    expect(one('SELECT count(*) AS n FROM complaints')).toEqual({ n: 0 });
  });
});

describe('imported sales', () => {
  const importCsv = (body: string) => importFile(t, writeCsv(t, 'sales.csv', body));

  it('get check-ins only where they are still ahead (or a few days late); undo removes the pending ones', async () => {
    const result = await importCsv(
      'Date,Customer,Amount,Status\n' +
        '2023-04-02,Ada,100.00,won\n' + // history: nothing
        '2026-03-20,Ada,100.00,won\n' + // day 90 = 06-18 still ahead
        '2026-06-12,Bob,50.00,won\n' + // all three
        '2026-06-13,Bob,50.00,lost\n',
    );
    expect(result).toMatchObject({ inserted: 4, errors: [] });
    const rows = t.store.sqlite
      .prepare(
        'SELECT s.closed_on, k.step_days, k.due_on FROM check_ins k JOIN sales s ON s.id = k.sale_id ORDER BY 1, 2',
      )
      .all();
    expect(rows).toEqual([
      { closed_on: '2026-03-20', step_days: 90, due_on: '2026-06-18' },
      { closed_on: '2026-06-12', step_days: 3, due_on: '2026-06-15' },
      { closed_on: '2026-06-12', step_days: 30, due_on: '2026-07-12' },
      { closed_on: '2026-06-12', step_days: 90, due_on: '2026-09-10' },
    ]);
    await t.store.db.transaction().execute((trx) => undoBatch(trx, result.batch_id!, FIXED_NOW));
    expect(one('SELECT count(*) AS n FROM check_ins')).toEqual({ n: 0 });
  });

  it('a dry run or a rejected file schedules nothing', async () => {
    await importFile(t, writeCsv(t, 'dry.csv', 'Date,Customer,Amount,Status\n2026-06-12,Bob,50.00,won\n'), {
      dryRun: true,
    });
    await importCsv('Date,Customer,Amount,Status\n2026-06-12,Bob,50.00,won\n2026-06-12,Eve,lots,won\n');
    expect(one('SELECT count(*) AS n FROM check_ins')).toEqual({ n: 0 });
  });
});
