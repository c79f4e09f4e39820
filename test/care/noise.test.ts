import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUp, FollowUpList } from '../../src-main/features/care/contract';
import type { TestStore } from '../helpers/store';
import { type Recorder, storeWithRecorder, stepsOf } from './helpers';

/**
 * Issue #10, point 13: a customer who buys every month. FIXED_NOW is 2026-06-15; Ada buys on
 * 17 March, 16 April, 16 May and 15 June (every 30 days; check-ins at days 3, 30 and 90).
 * Before: on 15 July the day-90 check-in of the April sale, the day-30 check-in of the June
 * sale and the reorder reminder were three items for her, and the at-risk list said
 * "overdue check-in" once per check-in.
 */
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

const all = (list: FollowUpList): FollowUp[] => [...list.overdue, ...list.today, ...list.week, ...list.later];
const MONTHLY = ['2026-03-17', '2026-04-16', '2026-05-16', '2026-06-15'];

async function monthlyBuyer(order: readonly string[] = MONTHLY) {
  const ada = await r.customer('Ada');
  const sales = new Map<string, number>();
  for (const day of order) sales.set(day, (await r.won(ada.id, day)).id);
  return { ada, sale: (day: string) => sales.get(day)! };
}

describe('a newer sale supersedes older check-ins near its own', () => {
  it('leaves one item a day for a customer who buys every month', async () => {
    const { ada } = await monthlyBuyer();
    const items = all(await r.call('care.followups.list', { asOf: '2026-06-15', customerId: ada.id }));
    const perDay = new Map<string, string[]>();
    for (const i of items) perDay.set(i.dueOn, [...(perDay.get(i.dueOn) ?? []), i.id]);
    for (const [day, ids] of perDay) expect(ids, day).toHaveLength(1);
    // 15 July: the June sale's day-30 check-in, which also covers the reorder due that day.
    const july = items.filter((i) => i.dueOn === '2026-07-15');
    expect(july).toEqual([
      expect.objectContaining({
        kind: 'check_in',
        stepDays: 30,
        also: [expect.objectContaining({ kind: 'reorder', usualDays: 30, dueOn: '2026-07-15' })],
      }),
    ]);
  });

  it('removes only pending check-ins within 14 days of a newer sale’s, whichever sale is recorded first', async () => {
    for (const order of [MONTHLY, [...MONTHLY].reverse()]) {
      await t.cleanup();
      ({ t, r } = await storeWithRecorder());
      const { sale } = await monthlyBuyer(order);
      // March: day 90 (15 June) is 3 days from June's day 3. April: day 90 (15 July) is June's day 30.
      expect(stepsOf(t, sale('2026-03-17'))).toEqual([]);
      expect(stepsOf(t, sale('2026-04-16'))).toEqual([]);
      // May: day 30 (15 June) goes, day 90 (14 August) is 30 days from June's: it stays.
      expect(stepsOf(t, sale('2026-05-16'))).toEqual([{ step: 90, due: '2026-08-14', status: 'pending' }]);
      expect(stepsOf(t, sale('2026-06-15')).map((s) => s.step)).toEqual([3, 30, 90]);
    }
  });

  it('keeps history: a done check-in of an older sale stays, and superseded ones are not counted as missed', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    // Ada's May sale: day 3 on 06-02, done that day; day 30 on 06-29, day 90 on 08-28.
    const adaMay = await r.won(ada.id, '2026-05-30');
    const [day3] = await r.call('care.checkins.list', { saleId: adaMay.id });
    await r.call('care.checkins.complete', { id: day3!.id, completedOn: '2026-06-02', csat: 5 });
    // Bob's May sale: day 3 on 06-02, never made.
    const bobMay = await r.won(bob.id, '2026-05-30');
    // Both buy again on 06-01: check-ins on 06-04, 07-01 and 08-30.
    await r.won(ada.id, '2026-06-01');
    await r.won(bob.id, '2026-06-01');
    expect(stepsOf(t, adaMay.id)).toEqual([{ step: 3, due: '2026-06-02', status: 'done' }]);
    expect(stepsOf(t, bobMay.id)).toEqual([]);
    // Due in June by today (06-15): Ada's done day 3 and both 06-04 check-ins (missed); Bob's
    // superseded day 3 is not one of them.
    const stats = await r.call('care.metrics', { from: '2026-06-01', to: '2026-06-30' });
    expect(stats.checkIns).toMatchObject({ due: 3, onTime: 1, missed: 2, skipped: 0 });
  });
});

describe('at-risk reasons', () => {
  it('says each reason once, with how many', async () => {
    const { ada } = await monthlyBuyer();
    const { items } = await r.call('care.atRisk', { asOf: '2026-07-20', customerId: ada.id });
    const reasons = items[0]!.reasons;
    expect(reasons.map((x) => x.code)).toEqual(['overdue_check_in', 'late_reorder']);
    // June's day 3 (18 June) and day 30 (15 July): one reason, the oldest first.
    expect(reasons[0]).toMatchObject({ count: 2, dueOn: '2026-06-18', daysOverdue: 32 });
  });
});
