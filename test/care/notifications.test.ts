import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../src-main/features/care/contract';
import { localIsoDate } from '../../src-main/shared/dates';
import { openDatabase } from '../../src-main/db/connection';
import { addDays } from '../../src-main/shared/dates';
import { dueNotifications, newlyDue, notifiedKey } from '../../src-main/features/care/notifications';
import { DUE_REMINDERS, dueRemindersJob, notificationContent } from '../../src-main/platform/notifications';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';
import { postToBridge, startFixture, type PreviewFixture } from '../preview/support';
import { recorder } from './helpers';

const item = (id: string, dueOn: string, customerName = 'Ada'): FollowUp => ({
  id,
  kind: 'check_in',
  customerId: 1,
  customerName,
  saleId: 1,
  saleTitle: 'Sale',
  dueOn,
  status: 'pending',
  daysOverdue: 0,
  checkInId: Number(id.slice(1)),
  stepDays: 3,
  scheduledOn: dueOn,
  closedOn: null,
  also: [],
});

describe('newlyDue', () => {
  it('is what is due by today and not yet notified for that due date', () => {
    const items = [
      item('c1', '2026-06-10'),
      item('c2', '2026-06-15'),
      item('c3', '2026-06-16'),
      item('c4', '2026-06-12'),
    ];
    const notified = new Set([notifiedKey(item('c1', '2026-06-10')), notifiedKey(item('c4', '2026-06-01'))]);
    expect(newlyDue(items, notified, '2026-06-15').map((i) => i.id)).toEqual(['c2', 'c4']);
  });
});

describe('dueNotifications', () => {
  let t: TestStore;
  afterEach(() => t.cleanup());
  const check = (asOf: string) => t.store.db.transaction().execute((trx) => dueNotifications(trx, asOf, FIXED_NOW));

  it('notifies each item once per due date, across restarts; a snoozed item again on its new date', async () => {
    t = await freshStore();
    const r = recorder(t);
    const ada = await r.customer('Ada');
    await r.won(ada.id, '2026-06-10'); // check-ins due 06-13, 07-10, 09-08
    expect((await check('2026-06-12')).map((i) => i.dueOn)).toEqual([]);
    expect((await check('2026-06-13')).map((i) => i.dueOn)).toEqual(['2026-06-13']);
    expect(await check('2026-06-13')).toEqual([]);
    expect(await check('2026-06-14')).toEqual([]); // still overdue, already told

    // A restart: the ledger is in the database.
    await t.store.close();
    t = { ...t, store: await openDatabase(t.file, { now: () => FIXED_NOW }) };
    expect(await check('2026-06-14')).toEqual([]);
    expect((await check('2026-07-10')).map((i) => i.dueOn)).toEqual(['2026-07-10']);
  });

  it('reminds again after a snooze, and forgets finished items', async () => {
    t = await freshStore();
    const r = recorder(t);
    const ada = await r.customer('Ada');
    const [, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    expect((await check('2026-06-15')).map((i) => i.id)).toEqual([`c${day3!.id}`]);
    await r.call('care.followups.snooze', { id: `c${day3!.id}`, days: 2 }); // due 06-17
    expect(await check('2026-06-16')).toEqual([]);
    expect((await check('2026-06-17')).map((i) => `${i.id} ${i.dueOn}`)).toEqual([`c${day3!.id} 2026-06-17`]);
    await r.call('care.checkins.complete', { id: day3!.id, completedOn: '2026-06-15' });
    await check('2026-06-17');
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM care_notified').get()).toEqual({ n: 0 });
  });
});

describe('notificationContent', () => {
  it('names one item, or counts several and lists the first three', () => {
    expect(notificationContent([item('c1', '2026-06-15')], 'en')).toEqual({
      title: 'A follow-up is due',
      body: 'Check in with Ada',
    });
    const many = ['Ada', 'Bob', 'Cy', 'Dee', 'Eve'].map((name, i) => item(`c${i + 1}`, '2026-06-15', name));
    expect(notificationContent(many, 'en')).toEqual({
      title: '5 follow-ups are due',
      body: 'Check in with Ada\nCheck in with Bob\nCheck in with Cy\nand 2 more',
    });
    expect(notificationContent(many.slice(0, 2), 'it-IT')).toEqual({
      title: '2 follow-up da fare',
      body: 'Ricontatta Ada\nRicontatta Bob',
    });
  });
});

describe('dueRemindersJob', () => {
  it('passes on what became due, only when there is some, and drops a result once stopped', async () => {
    const notified: FollowUp[][] = [];
    const due: FollowUp[][] = [[], [item('c1', '2026-06-15')], [item('c2', '2026-06-16')]];
    const job = dueRemindersJob({ everyMs: 1000, check: async () => due.shift()!, notify: (i) => notified.push(i) });
    expect(job).toMatchObject({ name: DUE_REMINDERS, everyMs: 1000 });
    expect(job).not.toHaveProperty('startAfterMs');
    const running = new AbortController();
    await job.run(running.signal); // nothing due: nothing said
    await job.run(running.signal);
    expect(notified).toEqual([[item('c1', '2026-06-15')]]);
    running.abort(); // the app is closing while a check runs: its result goes nowhere
    await job.run(running.signal);
    expect(notified).toHaveLength(1);
    expect(due).toEqual([]);
  });

  it('lets a failed check reach the scheduler, which logs it and tries again next time', async () => {
    const job = dueRemindersJob({
      everyMs: 1000,
      check: () => Promise.reject(new Error('database is locked')),
      notify: () => undefined,
    });
    await expect(job.run(new AbortController().signal)).rejects.toThrow('database is locked');
  });
});

describe('the browser preview', () => {
  let fx: PreviewFixture;
  afterEach(() => fx.cleanup());

  it('sends care.due to a page once its first screen is shown, once', async () => {
    fx = await startFixture();
    const { origin, token } = fx.preview;
    const host = new URL(origin).host;
    const invoke = async (channel: string, input: unknown): Promise<{ ok: boolean; value: { id: number } }> => {
      const response = await postToBridge(fx.preview, { channel: `rapport:${channel}`, input });
      return JSON.parse(response.body) as { ok: boolean; value: { id: number } };
    };
    // The preview runs on the real clock: a sale closed five days ago has a day-3 check-in overdue.
    const closed = addDays(localIsoDate(new Date()), -5);
    const customer = await invoke('customers.create', { name: 'Ada' });
    const sale = await invoke('sales.create', {
      title: 'Kit',
      customerId: customer.value.id,
      amountMinor: 100,
      currency: 'EUR',
      status: 'won',
      openedOn: closed,
      closedOn: closed,
    });
    expect(sale.ok).toBe(true);

    /**
     * The events one page gets: until `enough` says so (no clock: the test's own time limit
     * bounds it), or for `quietMs` when asking that something does not come.
     */
    const listen = (enough: ((events: string[]) => boolean) | null, quietMs = 1500): Promise<string[]> =>
      new Promise((resolve, reject) => {
        const events: string[] = [];
        const req = request(
          {
            hostname: '127.0.0.1',
            port: new URL(origin).port,
            path: '/__rapport/events',
            headers: { host, 'x-rapport-token': token },
          },
          (res) => {
            // Connected: the page's first screen has its data, as the shell then says.
            void invoke('app.firstScreenShown', {});
            const done = (): void => {
              req.destroy();
              resolve(events);
            };
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              for (const line of chunk.split('\n')) if (line.startsWith('data: ')) events.push(line.slice(6));
              if (enough?.(events)) done();
            });
            if (!enough) setTimeout(done, quietMs);
          },
        );
        req.on('error', reject);
        req.end();
      });
    // Until the reminder comes, however long a busy machine takes to send it (it used to be
    // "whatever came within 1.5 s", which a loaded machine could miss).
    const first = (await listen((events) => events.some((e) => e.includes('"rapport-event:care.due"')))).map(
      (e) => JSON.parse(e) as { channel: string; payload: { items: FollowUp[] } },
    );
    const due = first.filter((e) => e.channel === 'rapport-event:care.due');
    expect(due).toHaveLength(1);
    expect(due[0]!.payload.items).toEqual([
      expect.objectContaining({
        kind: 'check_in',
        customerName: 'Ada',
        dueOn: addDays(closed, 3),
        saleId: sale.value.id,
      }),
    ]);
    // A second page (or a reload) is not told again.
    expect((await listen(null)).filter((e) => e.includes('care.due'))).toEqual([]);
  });
});
