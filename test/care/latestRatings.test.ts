import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestRatings } from '../../src-main/features/care/facts';
import type { TestStore } from '../helpers/store';
import { type Recorder, storeWithRecorder } from './helpers';

// FIXED_NOW is 2026-06-15.
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

describe('a customer’s latest answers as of a day (what the at-risk list reads)', () => {
  it('takes the latest day; on one day the later check-in, and a check-in before a sale', async () => {
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-06-01', { nps: 9, satisfaction: 5 });
    // Two calls on the 10th: the earlier check-in answered higher, the later one lower. (A new
    // sale supersedes the customer's pending check-ins, so each is answered before the next sale.)
    const [, first] = await r.wonWithCheckIns(ada.id, '2026-06-02');
    await r.call('care.checkins.complete', { id: first!.id, completedOn: '2026-06-10', nps: 8, csat: 4 });
    const [, second] = await r.wonWithCheckIns(ada.id, '2026-06-03');
    expect(first!.id).toBeLessThan(second!.id);
    await r.call('care.checkins.complete', { id: second!.id, completedOn: '2026-06-10', nps: 3, csat: 2 });
    // On the 12th a sale rated 10 and a check-in rated 1: the check-in is the later conversation.
    const [renewal, third] = await r.wonWithCheckIns(ada.id, '2026-06-12');
    await r.call('sales.update', {
      id: renewal.id,
      sale: {
        title: 'Renewal',
        customerId: ada.id,
        amountMinor: 500,
        currency: 'EUR',
        status: 'won',
        openedOn: '2026-06-12',
        closedOn: '2026-06-12',
        nps: 10,
        satisfaction: 5,
      },
    });
    await r.call('care.checkins.complete', { id: third!.id, completedOn: '2026-06-12', nps: 1 });

    const asOf = async (day: string) => (await latestRatings(t.store.db, day)).get(ada.id);
    expect(await asOf('2026-05-31')).toBeUndefined();
    expect(await asOf('2026-06-09')).toEqual({
      nps: { on: '2026-06-01', value: 9 },
      csat: { on: '2026-06-01', value: 5 },
    });
    expect(await asOf('2026-06-11')).toEqual({
      nps: { on: '2026-06-10', value: 3 },
      csat: { on: '2026-06-10', value: 2 },
    });
    // The check-in of the 12th gave no satisfaction: the sale's of that day is the latest.
    expect(await asOf('2026-06-15')).toEqual({
      nps: { on: '2026-06-12', value: 1 },
      csat: { on: '2026-06-12', value: 5 },
    });
  });
});
