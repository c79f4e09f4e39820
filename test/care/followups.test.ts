import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUp, FollowUpList } from '../../src-main/features/care/contract';
import type { TestStore } from '../helpers/store';
import { atRiskOf } from '../../src-main/features/care/atRisk';
import { loadCareState } from '../../src-main/features/care/followups';
import { customersChangedAfter } from '../../src-main/features/care/plainFollowUps';
import { type Recorder, storeWithRecorder } from './helpers';

// FIXED_NOW is 2026-06-15; customers created by these tests were added that day.
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

const all = (list: FollowUpList): FollowUp[] => [...list.overdue, ...list.today, ...list.week, ...list.later];
async function item(id: string, asOf: string): Promise<FollowUp | undefined> {
  return all(await r.call('care.followups.list', { asOf })).find((i) => i.id === id);
}
const rules = (...list: object[]) => r.call('care.contactRules.set', { rules: list as never });

describe('stay in touch', () => {
  it('is fine until the ideal interval, due soon up to the maximum, overdue beyond', async () => {
    const ada = await r.customer('Ada');
    await rules({ scope: 'default', idealDays: 30, maxDays: 60 });
    const id = `s${ada.id}`;
    expect(await item(id, '2026-07-14')).toMatchObject({
      kind: 'stay_in_touch',
      dueOn: '2026-07-15',
      status: 'fine',
      lastContactOn: '2026-06-15',
      daysSinceContact: 29,
      daysOverdue: -1,
    });
    expect(await item(id, '2026-07-15')).toMatchObject({ status: 'due_soon', daysOverdue: 0 });
    expect(await item(id, '2026-08-14')).toMatchObject({ status: 'due_soon', daysSinceContact: 60 });
    expect(await item(id, '2026-08-15')).toMatchObject({ status: 'overdue', daysSinceContact: 61, daysOverdue: 31 });
    const list = await r.call('care.followups.list', { asOf: '2026-08-15' });
    expect(list.overdue.map((i) => i.id)).toEqual([id]);
  });

  it('any interaction, completed check-in or won sale resets the clock; a skipped check-in does not', async () => {
    const ada = await r.customer('Ada');
    // 40 days: a reminder within MERGE_DAYS of a check-in would ride on it (tested in noise.test.ts).
    await rules({ scope: 'default', idealDays: 40, maxDays: 60 });
    const id = `s${ada.id}`;
    // A sale closed before the customer was added to the book still counts: it happened.
    const sale = await r.won(ada.id, '2026-06-12');
    expect(await item(id, '2026-07-01')).toMatchObject({ lastContactOn: '2026-06-12', dueOn: '2026-07-22' });
    const [day3, day30] = await r.call('care.checkins.list', { saleId: sale.id });
    await r.call('care.checkins.skip', { id: day3!.id });
    expect(await item(id, '2026-07-01')).toMatchObject({ lastContactOn: '2026-06-12' });

    await r.call('care.interactions.create', {
      customerId: ada.id,
      kind: 'email',
      occurredOn: '2026-06-15',
      summary: 'Sent the manual',
    });
    expect(await item(id, '2026-07-01')).toMatchObject({ lastContactOn: '2026-06-15', dueOn: '2026-07-25' });

    // Later dates from here on: move the clock with asOf and record completion days up to it.
    await t.store.sqlite
      .prepare("UPDATE check_ins SET status = 'done', completed_on = '2026-07-12' WHERE id = ?")
      .run(day30!.id);
    expect(await item(id, '2026-07-20')).toMatchObject({ lastContactOn: '2026-07-12', dueOn: '2026-08-21' });
    // Seen from before that day, the check-in had not happened yet.
    expect(await item(id, '2026-07-01')).toMatchObject({ lastContactOn: '2026-06-15' });
  });

  it('without any contact, the clock starts on the day the customer was added', async () => {
    const ada = await r.customer('Ada');
    await rules({ scope: 'default', idealDays: 30, maxDays: 60 });
    expect(await item(`s${ada.id}`, '2026-06-20')).toMatchObject({ lastContactOn: '2026-06-15', dueOn: '2026-07-15' });
  });

  it("a customer's own rule beats a tag's (the strictest), which beats the segment's, which beats the default", async () => {
    const plain = await r.customer('Plain');
    const retail = await r.customer('Retail', { segment: 'Retail' });
    const vip = await r.customer('Vip', { segment: 'Retail', tags: ['vip', 'newsletter'] });
    const own = await r.customer('Own', { segment: 'Retail', tags: ['vip'] });
    const none = await r.customer('Nobody', { segment: 'Consumer' });
    await rules(
      { scope: 'segment', value: 'Retail', idealDays: 20, maxDays: 40 },
      { scope: 'tag', value: 'newsletter', idealDays: 50, maxDays: 90 },
      { scope: 'tag', value: 'vip', idealDays: 7, maxDays: 14 },
      { scope: 'customer', customerId: own.id, idealDays: 3, maxDays: 5 },
      { scope: 'segment', value: 'Consumer', idealDays: 100, maxDays: 200 },
    );
    const list = all(await r.call('care.followups.list', { asOf: '2026-06-15' }));
    const interval = (customerId: number) => {
      const found = list.find((i) => i.kind === 'stay_in_touch' && i.customerId === customerId);
      return found?.kind === 'stay_in_touch' ? [found.idealDays, found.maxDays] : null;
    };
    expect(interval(plain.id)).toBeNull(); // no default rule: nothing to keep up
    expect(interval(retail.id)).toEqual([20, 40]);
    expect(interval(vip.id)).toEqual([7, 14]);
    expect(interval(own.id)).toEqual([3, 5]);
    expect(interval(none.id)).toEqual([100, 200]);
    expect(await r.call('care.contactRules.get')).toHaveLength(5);
  });

  it('refuses bad rules and keeps the old ones', async () => {
    await rules({ scope: 'default', idealDays: 30, maxDays: 60 });
    expect(() => rules({ scope: 'default', idealDays: 30, maxDays: 10 })).toThrow(/contactMaxBelowIdeal/);
    expect(() => rules({ scope: 'tag', idealDays: 3, maxDays: 10 })).toThrow(/errors.required/);
    expect(() =>
      rules({ scope: 'default', idealDays: 1, maxDays: 2 }, { scope: 'default', idealDays: 3, maxDays: 4 }),
    ).toThrow(/duplicateRule/);
    await expect(rules({ scope: 'customer', customerId: 404, idealDays: 1, maxDays: 2 })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'rules.0.customerId', message: 'errors.unknownCustomer' }],
    });
    expect(await r.call('care.contactRules.get')).toEqual([
      { scope: 'default', value: null, customerId: null, customerName: null, idealDays: 30, maxDays: 60 },
    ]);
  });
});

describe('reorder rhythm', () => {
  async function buyer() {
    const ada = await r.customer('Ada');
    // Purchases 45, 47 and 48 days apart: usually every 47 days (the median gap).
    for (const day of ['2026-01-01', '2026-02-15', '2026-04-03', '2026-05-21'])
      await t.store.sqlite
        .prepare(
          `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
           VALUES ('Reorder', ?, 100, 'EUR', 'won', ?, ?, 'x', 'x')`,
        )
        .run(ada.id, day, day);
    return ada;
  }

  it('suggests a contact when the usual interval has passed ("usually every ~47 days; it has been 52")', async () => {
    const ada = await buyer();
    expect(await item(`r${ada.id}`, '2026-07-01')).toMatchObject({
      kind: 'reorder',
      status: 'expected',
      dueOn: '2026-07-07',
      usualDays: 47,
      daysSincePurchase: 41,
      purchases: 4,
    });
    expect(await item(`r${ada.id}`, '2026-07-12')).toMatchObject({
      status: 'late',
      usualDays: 47,
      daysSincePurchase: 52,
      lastPurchaseOn: '2026-05-21',
      daysOverdue: 5,
    });
  });

  it('needs three purchase days, stays quiet while a sale is open, and lets a lapsed rhythm go', async () => {
    const ada = await buyer();
    // Seen before the third purchase day there is no rhythm yet.
    expect(await item(`r${ada.id}`, '2026-03-01')).toBeUndefined();
    // 3 × 47 = 141 days after the last purchase the rhythm no longer says anything.
    expect(await item(`r${ada.id}`, '2026-10-09')).toMatchObject({ status: 'late', daysSincePurchase: 141 });
    expect(await item(`r${ada.id}`, '2026-10-10')).toBeUndefined();
    await r.call('sales.create', {
      title: 'Next order',
      customerId: ada.id,
      amountMinor: 1,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-06-10',
    });
    expect(await item(`r${ada.id}`, '2026-07-12')).toBeUndefined();
  });
});

describe('the follow-ups list', () => {
  it('buckets by due date: overdue, today, the next 7 days, later; counts stay complete under the limit', async () => {
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-06-05'); // check-ins due 06-08, 07-05, 09-03
    const bob = await r.customer('Bob');
    await r.won(bob.id, '2026-06-12'); // due 06-15, 07-12, 09-10
    const cy = await r.customer('Cy');
    await r.won(cy.id, '2026-06-19', { openedOn: '2026-06-01' }); // due 06-22 (asOf + 7), …
    const list = await r.call('care.followups.list', { asOf: '2026-06-15' });
    const due = (bucket: FollowUp[]) => bucket.map((i) => `${i.customerName} ${i.dueOn}`);
    expect(due(list.overdue)).toEqual(['Ada 2026-06-08']);
    expect(due(list.today)).toEqual(['Bob 2026-06-15']);
    expect(due(list.week)).toEqual(['Cy 2026-06-22']);
    expect(due(list.later)).toEqual([
      'Ada 2026-07-05',
      'Bob 2026-07-12',
      'Cy 2026-07-19',
      'Ada 2026-09-03',
      'Bob 2026-09-10',
      'Cy 2026-09-17',
    ]);
    expect(list.counts).toEqual({ overdue: 1, today: 1, week: 1, later: 6 });
    expect(list.overdue[0]).toMatchObject({ kind: 'check_in', status: 'pending', stepDays: 3, daysOverdue: 7 });

    const limited = await r.call('care.followups.list', { asOf: '2026-06-15', limit: 2 });
    expect(limited.later).toHaveLength(2);
    expect(limited.counts.later).toBe(6);
    expect(await r.call('care.followups.count', { asOf: '2026-06-15' })).toEqual({
      asOf: '2026-06-15',
      overdue: 1,
      today: 1,
      due: 2,
    });
    // The day after the week: later.
    expect((await r.call('care.followups.list', { asOf: '2026-06-14' })).week.map((i) => i.dueOn)).toEqual([
      '2026-06-15',
    ]);
  });

  it('lists customers with no next step, most recently in touch first, and leaves archived ones out', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const cy = await r.customer('Cy');
    const dee = await r.customer('Dee');
    await r.won(ada.id, '2026-06-10'); // has check-ins ahead
    await r.call('care.interactions.create', {
      customerId: bob.id,
      kind: 'call',
      occurredOn: '2026-06-14',
      summary: 'Hi',
    });
    await r.call('customers.setArchived', { id: dee.id, archived: true });
    const list = await r.call('care.followups.list', { asOf: '2026-06-20' });
    expect(list.noNextStep).toEqual({
      total: 2,
      items: [
        { customerId: cy.id, customerName: 'Cy', lastContactOn: '2026-06-15', daysSinceContact: 5 },
        { customerId: bob.id, customerName: 'Bob', lastContactOn: '2026-06-14', daysSinceContact: 6 },
      ],
    });
  });

  it('reminds of a complaint once it has been open for a week', async () => {
    const ada = await r.customer('Ada');
    const complaint = await r.call('care.complaints.create', {
      customerId: ada.id,
      openedOn: '2026-06-10',
      source: 'email',
      category: 'billing',
      description: 'Charged twice',
    });
    expect(await item(`k${complaint.id}`, '2026-06-17')).toMatchObject({
      kind: 'complaint',
      dueOn: '2026-06-17',
      daysOpen: 7,
      status: 'open',
      severity: 'medium',
      category: 'billing',
    });
    await r.call('care.complaints.update', { id: complaint.id, patch: { status: 'in_progress' } });
    expect(await item(`k${complaint.id}`, '2026-06-17')).toMatchObject({ status: 'in_progress' });
    await r.call('care.complaints.update', { id: complaint.id, patch: { status: 'resolved', resolution: 'Refunded' } });
    expect(await item(`k${complaint.id}`, '2026-06-17')).toBeUndefined();
  });
});

describe('quick actions', () => {
  it('snooze and reschedule move any kind of follow-up', async () => {
    const ada = await r.customer('Ada');
    // 40 days: not within MERGE_DAYS of the day-30 check-in (07-05), so a reminder of its own.
    await rules({ scope: 'default', idealDays: 40, maxDays: 60 });
    const [, day3] = await r.wonWithCheckIns(ada.id, '2026-06-05');
    const complaint = await r.call('care.complaints.create', {
      customerId: ada.id,
      openedOn: '2026-06-15',
      source: 'call',
      category: 'service',
      description: 'Slow answers',
    });
    // Overdue (06-08): snoozing 2 days means two days from today.
    expect(await r.call('care.followups.snooze', { id: `c${day3!.id}`, days: 2 })).toEqual({
      id: `c${day3!.id}`,
      dueOn: '2026-06-17',
    });
    // Still ahead (06-22): two days after its date.
    expect(await r.call('care.followups.snooze', { id: `k${complaint.id}`, days: 2 })).toMatchObject({
      dueOn: '2026-06-24',
    });
    // Computed: stay in touch, last contact the sale (06-05), so due 07-15.
    expect(await item(`s${ada.id}`, '2026-06-15')).toMatchObject({ dueOn: '2026-07-15' });
    expect(await r.call('care.followups.snooze', { id: `s${ada.id}`, days: 10 })).toMatchObject({
      dueOn: '2026-07-25',
    });
    expect(await item(`s${ada.id}`, '2026-06-15')).toMatchObject({ dueOn: '2026-07-25' });
    expect(await r.call('care.followups.reschedule', { id: `s${ada.id}`, dueOn: '2026-07-01' })).toMatchObject({
      dueOn: '2026-07-01',
    });
    expect(await item(`s${ada.id}`, '2026-06-15')).toMatchObject({ dueOn: '2026-07-01' });
    // A new contact moves the computed date; the old snooze no longer applies.
    await r.call('care.interactions.create', {
      customerId: ada.id,
      kind: 'visit',
      occurredOn: '2026-06-15',
      summary: 'x',
    });
    await r.call('care.interactions.create', {
      customerId: ada.id,
      kind: 'visit',
      occurredOn: '2026-06-15',
      summary: 'Coffee',
    });
    expect(await item(`s${ada.id}`, '2026-06-16')).toMatchObject({ lastContactOn: '2026-06-15', dueOn: '2026-07-25' });

    expect(await item(`c${day3!.id}`, '2026-06-15')).toMatchObject({ dueOn: '2026-06-17', scheduledOn: '2026-06-08' });
    expect(await item(`k${complaint.id}`, '2026-06-15')).toMatchObject({ dueOn: '2026-06-24' });
    await expect(r.call('care.followups.snooze', { id: `r${ada.id}`, days: 1 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(() => r.call('care.followups.snooze', { id: 'x1', days: 1 })).toThrow(/followUpId/);
  });

  it('done completes a check-in, logs an interaction for stay in touch, resolves a complaint', async () => {
    const ada = await r.customer('Ada');
    await rules({ scope: 'default', idealDays: 30, maxDays: 60 });
    const [, day3] = await r.wonWithCheckIns(ada.id, '2026-06-12');

    const checkIn = await r.call('care.followups.done', { id: `c${day3!.id}`, csat: 2, nps: 4, concern: 'Too slow' });
    expect(checkIn.checkIn).toMatchObject({ status: 'done', csat: 2, nps: 4 });
    expect(checkIn.complaint).toMatchObject({ source: 'check_in', description: 'Too slow' });

    const touch = await r.call('care.followups.done', {
      id: `s${ada.id}`,
      interactionKind: 'call',
      on: '2026-06-14',
    });
    expect(touch.interaction).toMatchObject({ kind: 'call', occurredOn: '2026-06-14', summary: 'Stayed in touch' });
    await expect(r.call('care.followups.done', { id: `s${ada.id}`, csat: 5 })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'csat' }],
    });

    const resolved = await r.call('care.followups.done', {
      id: `k${checkIn.complaint!.id}`,
      outcome: 'Sped up the rollout',
    });
    expect(resolved.complaint).toMatchObject({
      status: 'resolved',
      resolution: 'Sped up the rollout',
      resolvedOn: '2026-06-15',
      daysToResolve: 0,
    });
    await expect(r.call('care.followups.done', { id: `k${checkIn.complaint!.id}` })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(r.call('care.followups.done', { id: 'c999' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('at-risk customers', () => {
  it('lists every reason and clears when the complaint is resolved and a better answer comes in', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    await r.customer('Fine Co');
    await rules({ scope: 'customer', customerId: bob.id, idealDays: 2, maxDays: 3 });
    const sale = await r.won(ada.id, '2026-06-05'); // day-3 check-in due 06-08: overdue on 06-15
    const [day3, day30] = await r.call('care.checkins.list', { saleId: sale.id });
    expect((await r.call('care.atRisk', { asOf: '2026-06-15' })).items).toEqual([
      {
        customerId: ada.id,
        customerName: 'Ada',
        reasons: [{ code: 'overdue_check_in', count: 1, checkInId: day3!.id, dueOn: '2026-06-08', daysOverdue: 7 }],
      },
    ]);

    const { complaint } = await r.call('care.checkins.complete', {
      id: day3!.id,
      csat: 2,
      nps: 5,
      concern: 'Missing cable',
      concernSeverity: 'high',
    });
    const risk = await r.call('care.atRisk', { asOf: '2026-06-20' });
    expect(risk.items.map((c) => c.customerName)).toEqual(['Ada', 'Bob']);
    expect(risk.items[0]!.reasons).toEqual([
      {
        code: 'open_complaint',
        count: 1,
        complaintId: complaint!.id,
        openedOn: '2026-06-15',
        daysOpen: 5,
        severity: 'high',
      },
      { code: 'low_nps', nps: 5, on: '2026-06-15' },
      { code: 'low_csat', csat: 2, on: '2026-06-15' },
    ]);
    expect(risk.items[1]!.reasons).toEqual([
      { code: 'no_contact', lastContactOn: '2026-06-15', daysSinceContact: 5, maxDays: 3 },
    ]);

    await r.call('care.complaints.update', { id: complaint!.id, patch: { status: 'resolved', resolution: 'Sent' } });
    await t.store.sqlite
      .prepare("UPDATE check_ins SET status = 'done', completed_on = '2026-06-18', csat = 5, nps = 9 WHERE id = ?")
      .run(day30!.id);
    const after = await r.call('care.atRisk', { asOf: '2026-06-20', customerId: ada.id });
    expect(after).toEqual({ items: [], total: 0 });
  });

  it('takes the latest answer: a better one at a later check-in, or on the same day, clears a low one', async () => {
    const ada = await r.customer('Ada');
    const sale = await r.won(ada.id, '2026-06-10', { satisfaction: 2, nps: 3 });
    const reasons = async () => (await r.call('care.atRisk', { asOf: '2026-06-15' })).items[0]?.reasons ?? [];
    // (and its day-3 check-in, due 06-13, is overdue)
    expect((await reasons()).map((x) => x.code)).toEqual(['low_nps', 'low_csat', 'overdue_check_in']);
    const [day3] = await r.call('care.checkins.list', { saleId: sale.id });
    // Answered again on the day of the sale itself: the check-in is the later conversation.
    await t.store.sqlite
      .prepare("UPDATE check_ins SET status = 'done', completed_on = '2026-06-10', nps = 9 WHERE id = ?")
      .run(day3!.id);
    expect((await reasons()).map((x) => x.code)).toEqual(['low_csat']);
    // A lost deal's rating is about the pitch, not the relationship.
    await r.call('sales.create', {
      title: 'Lost pitch',
      customerId: ada.id,
      amountMinor: 1,
      currency: 'EUR',
      status: 'lost',
      openedOn: '2026-06-12',
      closedOn: '2026-06-12',
      satisfaction: 5,
    });
    expect((await reasons()).map((x) => x.code)).toEqual(['low_csat']);
  });

  it('as of a past day, counts each customer as they stood then, whatever came since', async () => {
    const talk = (customerId: number, occurredOn: string) =>
      r.call('care.interactions.create', { customerId, kind: 'call', occurredOn, summary: 'Talked' });
    // Added on 1 April, first in touch after the day asked about: silent since they were added.
    const cleo = await r.customer('Cleo');
    t.store.sqlite.prepare("UPDATE customers SET created_at = '2026-04-01T09:00:00.000Z' WHERE id = ?").run(cleo.id);
    await talk(cleo.id, '2026-06-05');
    // In touch on 20 April, and again since.
    const dan = await r.customer('Dan');
    await talk(dan.id, '2026-04-20');
    await talk(dan.id, '2026-06-10');
    // A low NPS on her sale, a better one at a check-in since.
    const eve = await r.customer('Eve');
    const [, day3] = await r.wonWithCheckIns(eve.id, '2026-05-20');
    await t.store.sqlite.prepare('UPDATE sales SET nps = 3 WHERE customer_id = ?').run(eve.id);
    await r.call('care.checkins.complete', { id: day3!.id, completedOn: '2026-06-02', nps: 9, csat: 5 });
    // A high NPS on her sale, a low one at a check-in since.
    const ivy = await r.customer('Ivy');
    const [, ivyDay3] = await r.wonWithCheckIns(ivy.id, '2026-05-20');
    await t.store.sqlite.prepare('UPDATE sales SET nps = 9 WHERE customer_id = ?').run(ivy.id);
    await r.call('care.checkins.complete', { id: ivyDay3!.id, completedOn: '2026-06-02', nps: 2 });
    // Nothing since: as the kept facts say.
    const finn = await r.customer('Finn');
    await talk(finn.id, '2026-05-01');
    // Silent then and still now, by his own stricter rule: one reason, not two.
    const hal = await r.customer('Hal');
    await talk(hal.id, '2026-04-01');
    await talk(hal.id, '2026-06-05');
    // A sale won since: worked out from his rows.
    const gus = await r.customer('Gus');
    await talk(gus.id, '2026-04-01');
    await r.won(gus.id, '2026-06-01');
    const complaint = await r.call('care.complaints.create', {
      customerId: gus.id,
      openedOn: '2026-05-25',
      source: 'call',
      category: 'service',
      severity: 'low',
      description: 'Late',
    });

    // Check-ins skipped since, which are no contact: as the kept facts say, not "in touch since".
    const jo = await r.customer('Jo');
    const [, ...joCheckIns] = await r.wonWithCheckIns(jo.id, '2026-05-29');
    for (const k of joCheckIns) if (k.dueOn < '2026-06-15') await r.call('care.checkins.skip', { id: k.id });

    await rules(
      { scope: 'default', idealDays: 10, maxDays: 20 },
      { scope: 'customer', customerId: hal.id, idealDays: 2, maxDays: 5 },
    );

    const changed = await customersChangedAfter(t.store.db, '2026-05-31');
    expect(changed?.sold).toEqual([gus.id]);
    expect(changed?.contacted.sort((a, b) => a - b)).toEqual([cleo.id, dan.id, eve.id, ivy.id, hal.id]);
    const past = await r.call('care.atRisk', { asOf: '2026-05-31' });
    const silent = (customerId: number, name: string, lastContactOn: string, days: number, maxDays = 20) => ({
      customerId,
      customerName: name,
      reasons: [{ code: 'no_contact', lastContactOn, daysSinceContact: days, maxDays }],
    });
    const gusThen = silent(gus.id, 'Gus', '2026-04-01', 60);
    expect(past).toEqual({
      items: [
        {
          ...gusThen,
          reasons: [
            {
              code: 'open_complaint',
              count: 1,
              complaintId: complaint.id,
              openedOn: '2026-05-25',
              daysOpen: 6,
              severity: 'low',
            },
            ...gusThen.reasons,
          ],
        },
        silent(cleo.id, 'Cleo', '2026-04-01', 60),
        silent(dan.id, 'Dan', '2026-04-20', 41),
        { customerId: eve.id, customerName: 'Eve', reasons: [{ code: 'low_nps', nps: 3, on: '2026-05-20' }] },
        silent(finn.id, 'Finn', '2026-05-01', 30),
        silent(hal.id, 'Hal', '2026-04-01', 60, 5),
      ],
      total: 6,
    });
    // The JS rules over every customer's rows as of that day say the same, a page at a time too.
    const state = await loadCareState(t.store.db, '2026-05-31', undefined, {
      ratings: true,
      checkInsDueBy: '2026-05-31',
      actions: false,
    });
    expect(past.items).toEqual(atRiskOf(state));
    for (const limit of [1, 2])
      expect(await r.call('care.atRisk', { asOf: '2026-05-31', limit })).toEqual({
        items: past.items.slice(0, limit),
        total: 6,
      });
    // Today Gus's complaint is open and his first check-in overdue, Finn and Hal are still silent, and Ivy gave a low NPS.
    const today = await r.call('care.atRisk', { asOf: '2026-06-15' });
    expect(today.items.map((a) => [a.customerName, a.reasons.map((x) => x.code)])).toEqual([
      ['Gus', ['open_complaint', 'overdue_check_in']],
      ['Finn', ['no_contact']],
      ['Hal', ['no_contact']],
      ['Ivy', ['low_nps']],
    ]);
  });

  it('counts a low rating given on the sale itself, and late reorders', async () => {
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-01-10', { satisfaction: 1 });
    await r.won(ada.id, '2026-02-10');
    await r.won(ada.id, '2026-03-10', { nps: 10 });
    const risk = await r.call('care.atRisk', { asOf: '2026-05-01' });
    expect(risk.items[0]!.reasons).toEqual([
      { code: 'low_csat', csat: 1, on: '2026-01-10' },
      { code: 'late_reorder', usualDays: 30, daysSincePurchase: 52, lastPurchaseOn: '2026-03-10' },
    ]);
  });
});
