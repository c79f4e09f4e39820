import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUp, FollowUpList } from '../../src-main/features/care/contract';
import { exportCalendar } from '../../src-main/features/care/ics';
import { dueNotifications } from '../../src-main/features/care/notifications';
import { notificationContent } from '../../src-main/platform/notifications';
import { AppError } from '../../src-main/kernel/errors';
import { FIXED_NOW, type TestStore } from '../helpers/store';
import { type Recorder, storeWithRecorder } from './helpers';

/**
 * A library item's action items (a seminar note's `- [ ]` lines) are follow-ups of the
 * seller's own: each open one with a due date, until it is ticked. FIXED_NOW is 2026-06-15.
 */
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

const all = (list: FollowUpList): FollowUp[] => [...list.overdue, ...list.today, ...list.week, ...list.later];
const list = (asOf = '2026-06-15') => r.call('care.followups.list', { asOf });
const ids = async (asOf?: string) => all(await list(asOf)).map((i) => i.id);

/** A seminar with its action items (text, due date or null, done), as the notes reader stores them. */
async function seminar(title: string, actions: [string, string | null, boolean?][]): Promise<number[]> {
  const { id } = await r.call('library.create', { kind: 'seminar', title });
  const insert = t.store.sqlite.prepare(
    `INSERT INTO library_actions (item_id, position, text, due_on, done_at, created_at) VALUES (?, ?, ?, ?, ?, 'x')`,
  );
  return actions.map(([text, due, done], position) =>
    Number(insert.run(id, position, text, due, done ? '2026-06-01T10:00:00.000Z' : null).lastInsertRowid),
  );
}

describe('action items in the follow-ups', () => {
  it('lists each open one with a due date, on its date, from its item; undated and done ones are not listed', async () => {
    const [call, undated, done, later] = await seminar('Closing Summit 2026', [
      ['Call the three lost customers', '2026-06-12'],
      ['Reread the slides', null],
      ['Send the thank-you note', '2026-06-10', true],
      ['Try the summary close', '2026-07-01'],
    ]);
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-06-10'); // a check-in due 06-13
    const follow = await list();
    expect(follow.overdue.map((i) => i.id)).toEqual([`a${call}`, 'c1']);
    expect(follow.later.map((i) => i.id)).toContain(`a${later}`);
    expect(await ids()).not.toContain(`a${undated}`);
    expect(await ids()).not.toContain(`a${done}`);
    expect(follow.overdue[0]).toEqual({
      id: `a${call}`,
      kind: 'action',
      customerId: null,
      customerName: null,
      saleId: null,
      saleTitle: null,
      dueOn: '2026-06-12',
      status: 'open',
      daysOverdue: 3,
      actionId: call,
      itemId: (await r.call('library.list', {})).items[0]!.id,
      itemTitle: 'Closing Summit 2026',
      itemKind: 'seminar',
      text: 'Call the three lost customers',
    });
    // Kinds filter; and a customer's own list has none (they are nobody's).
    const only = await r.call('care.followups.list', { asOf: '2026-06-15', kinds: ['action'] });
    expect(all(only).map((i) => i.kind)).toEqual(['action', 'action']);
    expect(
      all(await r.call('care.followups.list', { asOf: '2026-06-15', customerId: ada.id })).map((i) => i.kind),
    ).toEqual(['check_in', 'check_in', 'check_in']);
  });

  it('sorts after the customers’ items due the same day, by item title', async () => {
    await seminar('Zeta workshop', [['Z', '2026-06-15']]);
    await seminar('Alpha workshop', [['A', '2026-06-15']]);
    const ada = await r.customer('Ada');
    await r.call('care.complaints.create', {
      customerId: ada.id,
      openedOn: '2026-06-08',
      source: 'call',
      category: 'product',
      description: 'Broken',
    }); // reminds on 06-15
    expect((await list()).today.map((i) => (i.kind === 'action' ? i.text : i.kind))).toEqual(['complaint', 'A', 'Z']);
  });

  it('leave the list when ticked, through the follow-up or in the library, and come back when unticked', async () => {
    const [first, second] = await seminar('Negotiation day', [
      ['Draft the walk-away number', '2026-06-15'],
      ['Practise silence', '2026-06-16'],
    ]);
    const done = await r.call('care.followups.done', { id: `a${first}` });
    expect(done).toMatchObject({
      id: `a${first}`,
      kind: 'action',
      checkIn: null,
      complaint: null,
      interaction: null,
      action: { id: first, text: 'Draft the walk-away number', done: true },
    });
    await r.call('library.actionSet', { id: second!, done: true });
    expect(await ids()).toEqual([]);
    await r.call('library.actionSet', { id: first!, done: false });
    expect(await ids()).toEqual([`a${first}`]);
    // The item's page says the same.
    const item = await r.call('library.get', { id: done.action!.itemId });
    expect(item.actions.map((a) => [a.text, a.done])).toEqual([
      ['Draft the walk-away number', false],
      ['Practise silence', true],
    ]);
  });

  it('is done with nothing else: an outcome, a concern or ratings are refused, and so is one not on the list', async () => {
    const [open, undated, ticked] = await seminar('Workshop', [
      ['Open one', '2026-06-15'],
      ['No date', null],
      ['Done already', '2026-06-14', true],
    ]);
    const refused = (input: object) =>
      r.call('care.followups.done', { id: `a${open}`, ...input }).catch((e: unknown) => e as AppError);
    expect(await refused({ outcome: 'Went well' })).toMatchObject({
      code: 'invalid_input',
      message: 'library.learning.actionTakesNothing',
      issues: [{ path: 'outcome' }],
    });
    expect(await refused({ concern: 'Hm' })).toMatchObject({ issues: [{ path: 'concern' }] });
    expect(await refused({ csat: 4 })).toMatchObject({ message: 'failures.ratingsAtCheckInsOnly' });
    for (const id of [undated, ticked])
      await expect(r.call('care.followups.done', { id: `a${id}` })).rejects.toMatchObject({
        code: 'not_found',
        message: 'failures.notCurrentFollowUp',
      });
    await expect(r.call('care.followups.done', { id: 'a999' })).rejects.toMatchObject({ code: 'not_found' });
    // Nothing was ticked by the refusals.
    expect(await ids()).toEqual([`a${open}`]);
  });

  it('moves its due date when snoozed or rescheduled', async () => {
    const [action] = await seminar('Workshop', [['Follow up with the speaker', '2026-06-12']]);
    expect(await r.call('care.followups.snooze', { id: `a${action}`, days: 7, asOf: '2026-06-15' })).toEqual({
      id: `a${action}`,
      dueOn: '2026-06-22',
    });
    expect((await list()).week.map((i) => [i.id, i.dueOn])).toEqual([[`a${action}`, '2026-06-22']]);
    await r.call('care.followups.reschedule', { id: `a${action}`, dueOn: '2026-06-30' });
    const item = await r.call('library.get', { id: (await r.call('library.list', {})).items[0]!.id });
    expect(item.actions[0]!.dueOn).toBe('2026-06-30');
  });

  it('counts in the badge once due, and never makes anyone at risk', async () => {
    await seminar('Workshop', [
      ['Overdue', '2026-06-10'],
      ['Today', '2026-06-15'],
      ['Tomorrow', '2026-06-16'],
      ['Undated', null],
    ]);
    expect(await r.call('care.followups.count', { asOf: '2026-06-15' })).toEqual({
      asOf: '2026-06-15',
      overdue: 1,
      today: 1,
      due: 2,
    });
    expect((await r.call('care.atRisk', { asOf: '2026-06-15' })).total).toBe(0);
    // The customers with nothing ahead are not changed by them either.
    const ada = await r.customer('Ada');
    expect((await list()).noNextStep.items.map((c) => c.customerId)).toEqual([ada.id]);
  });

  it('notifies once per due date, in words that say what and from where', async () => {
    await seminar('Closing Summit', [['Call Marco back', '2026-06-15']]);
    const check = (asOf: string) => t.store.db.transaction().execute((trx) => dueNotifications(trx, asOf, FIXED_NOW));
    const fresh = await check('2026-06-15');
    expect(fresh.map((i) => i.kind)).toEqual(['action']);
    expect(await check('2026-06-15')).toEqual([]);
    expect(notificationContent(fresh, 'en')).toEqual({
      title: 'A follow-up is due',
      body: 'From Closing Summit: Call Marco back',
    });
    expect(notificationContent(fresh, 'it').body).toBe('Da Closing Summit: Call Marco back');
  });

  it('goes to the calendar as an all-day event, and is cancelled there once ticked', async () => {
    const [action] = await seminar('Closing Summit', [['Call Marco back', '2026-06-18']]);
    const file = join(t.dir, 'followups.ics');
    const exportTo = () =>
      t.store.db
        .transaction()
        .execute((trx) => exportCalendar(trx, file, { asOf: '2026-06-15', overwrite: true }, FIXED_NOW));
    expect(await exportTo()).toMatchObject({ events: 1, cancelled: 0 });
    const events = () =>
      new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getAllSubcomponents('vevent').map((c) => {
        const e = new ICAL.Event(c);
        return [e.uid, e.summary, e.description, e.startDate.toString(), String(c.getFirstPropertyValue('status'))];
      });
    expect(events()).toEqual([
      [
        `action-${action}@rapport.local`,
        'From Closing Summit: Call Marco back',
        'An action item from your library (Seminar: Closing Summit).',
        '2026-06-18',
        'CONFIRMED',
      ],
    ]);
    await r.call('care.followups.done', { id: `a${action}` });
    expect(await exportTo()).toMatchObject({ events: 0, cancelled: 1 });
    expect(events()[0]![4]).toBe('CANCELLED');
  });
});
