// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/kernel/errors';
import { fails, type FakeHandlers } from '../fakeApi';
import {
  actionItem,
  checkInItem,
  complaintItem,
  followUpListFixture,
  reorderItem,
  saleFixture,
  stayInTouchItem,
} from '../fixtures';
import { fixToday, listItemTexts, renderApp } from '../renderApp';

// Today is fixed (Date only; timers stay real for user-event): 27 November 2026, local time.
fixToday(new Date(2026, 10, 27, 10, 0));

const full = followUpListFixture({
  overdue: [stayInTouchItem(), reorderItem(), checkInItem()],
  today: [complaintItem()],
  later: [
    checkInItem({
      id: 'c12',
      checkInId: 12,
      customerId: 6,
      customerName: 'Paolo Galli',
      stepDays: 90,
      dueOn: '2027-01-24',
      daysOverdue: -58,
    }),
  ],
  counts: { overdue: 3, today: 1, week: 0, later: 40 },
  noNextStep: {
    items: [{ customerId: 9, customerName: 'Luca Neri', lastContactOn: '2026-10-28', daysSinceContact: 30 }],
    total: 1,
  },
});

const base: FakeHandlers = {
  'care.followups.list': () => full,
  'care.followups.count': (input) => ({ asOf: input?.asOf ?? '2026-11-27', overdue: 3, today: 1, due: 4 }),
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
};

const item = (name: RegExp): HTMLElement => screen.getByRole('listitem', { name });

describe('the follow-ups screen', () => {
  it('lists each bucket with the reason in plain words and the due date both ways', async () => {
    const { bridge } = renderApp(base, { route: '/followups' });
    expect(await screen.findByRole('heading', { name: /Overdue/, level: 2 })).toBeTruthy();
    expect(bridge.callsTo('care.followups.list')[0]).toEqual({ asOf: '2026-11-27', limit: 50 });

    const stay = item(/Stay in touch,\s*Marco Rossi/);
    expect(within(stay).getByText('No contact for 75 days (max 60)')).toBeTruthy();
    expect(within(stay).getByText('29 days overdue')).toBeTruthy();
    expect(within(stay).getByText('29 Oct 2026')).toBeTruthy();
    expect(within(stay).getByRole('link', { name: 'Marco Rossi' }).getAttribute('href')).toBe('/customers/4');

    expect(
      within(item(/Reorder,\s*Ottica Verdi/)).getByText('Usually buys every ~47 days; it has been 52'),
    ).toBeTruthy();
    expect(within(item(/Check-in,\s*Giulia Bianchi/)).getByText('Day-30 check-in after “Workshop”')).toBeTruthy();
    const complaint = item(/Complaint,\s*Giulia Bianchi/);
    expect(within(complaint).getByText('Delivery complaint, high severity, open 9 days')).toBeTruthy();
    expect(within(complaint).getByText('Due today')).toBeTruthy();
    expect(within(complaint).getByRole('button', { name: /Resolve/ })).toBeTruthy();

    // "Later" holds 40 but only one came back: the screen says so and offers the rest.
    const later = screen.getByRole('region', { name: /Later/ });
    expect(within(later).getByText('In 58 days')).toBeTruthy();
    expect(within(later).getByText('Showing 1 of 40')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /This week/ })).toBeNull();

    const idle = screen.getByRole('region', { name: /Customers with no next step/ });
    expect(within(idle).getByText('Last contact 30 days ago, on 28 Oct 2026')).toBeTruthy();
  });

  it('asks for every item when the user wants all of them, and only the kinds ticked', async () => {
    const { user, bridge } = renderApp(base, { route: '/followups' });
    await user.click(await screen.findByRole('button', { name: 'Show all' }));
    await user.click(screen.getByRole('checkbox', { name: 'Check-ins' }));
    await user.click(screen.getByRole('checkbox', { name: 'Complaints' }));
    await waitFor(() =>
      expect(bridge.callsTo('care.followups.list').at(-1)).toEqual({
        asOf: '2026-11-27',
        kinds: ['check_in', 'complaint'],
        limit: 2000,
      }),
    );
  });

  it('draws a long bucket only near the window, each item numbered among all, and Tab goes on past it', async () => {
    const later = Array.from({ length: 300 }, (_, i) =>
      checkInItem({ id: `c${1000 + i}`, checkInId: 1000 + i, customerName: `Customer ${i + 1}`, daysOverdue: -10 }),
    );
    const { user } = renderApp(
      {
        ...base,
        'care.followups.list': () =>
          followUpListFixture({ later, counts: { overdue: 0, today: 0, week: 0, later: 300 } }),
      },
      { route: '/followups' },
    );
    const bucket = await screen.findByRole('region', { name: /Later/ });
    // The whole bucket is not drawn even once: the first items, then a window once the virtualizer's code is here.
    const list = (): HTMLElement => within(bucket).getByRole('list');
    expect(within(list()).getAllByRole('listitem').length).toBeLessThanOrEqual(100);
    // The virtualizer's code loads with the first long list: on a busy machine, seconds.
    await waitFor(() => expect(within(list()).getAllByRole('listitem')[0]!.getAttribute('aria-setsize')).toBe('300'), {
      timeout: 10_000,
    });
    const drawn = within(list()).getAllByRole('listitem');
    // The first items down to the window's end plus ten, not all 300.
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(60);
    expect(drawn.map((li) => li.getAttribute('aria-posinset'))).toEqual(drawn.map((_, i) => String(i + 1)));
    expect(within(list()).queryByText('Customer 300')).toBeNull();

    // Tab from the last part of the last drawn item lands in the next one, drawn for it.
    const last = drawn.at(-1)!;
    const parts = within(last).getAllByRole('button');
    parts.at(-1)!.focus();
    await user.tab();
    await waitFor(() =>
      expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe(String(drawn.length + 1)),
    );
    expect(within(document.activeElement!.closest('li')!).getByText(`Customer ${drawn.length + 1}`)).toBeTruthy();
  });

  it('shows the count due by tonight on the sidebar, with words for screen readers', async () => {
    renderApp(base, { route: '/sales' });
    const link = await screen.findByRole('link', { name: /Follow-ups/ });
    await waitFor(() => expect(link.textContent).toContain('4'));
    expect(within(link).getByText('4 due today or overdue')).toBeTruthy();
  });

  it('shows 999+ past 999 due, and the exact count in the words for screen readers', async () => {
    renderApp(
      { ...base, 'care.followups.count': () => ({ asOf: '2026-11-27', overdue: 11_000, today: 917, due: 11_917 }) },
      { route: '/sales' },
    );
    const link = await screen.findByRole('link', { name: /Follow-ups/ });
    await waitFor(() => expect(link.textContent).toContain('999+'));
    expect(within(link).getByText('11,917 due today or overdue')).toBeTruthy();
    expect(link.querySelector('.nav-badge > [aria-hidden="true"]')?.textContent).toBe('999+');
  });

  it('shows no badge when nothing is due or the count cannot be had', async () => {
    renderApp(
      { ...base, 'care.followups.count': fails('internal', 'care.followups.count is not available yet.') },
      { route: '/sales' },
    );
    const link = await screen.findByRole('link', { name: /Follow-ups/ });
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    expect(link.textContent).toBe('Follow-ups');
  });

  it('says when everything is done, and when a filter hides everything', async () => {
    const { user } = renderApp(
      { ...base, 'care.followups.list': () => followUpListFixture() },
      { route: '/followups' },
    );
    expect(await screen.findByRole('heading', { name: "You're all caught up" })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Reorders' }));
    expect(await screen.findByRole('heading', { name: 'Nothing of these kinds' })).toBeTruthy();
  });

  it('shows a failed load with the reason and tries again on request', async () => {
    let fail = true;
    const { user, bridge } = renderApp(
      {
        ...base,
        'care.followups.list': () => {
          if (fail) throw new AppError('internal', 'database is locked');
          return full;
        },
      },
      { route: '/followups' },
    );
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("Couldn't load your follow-ups")).toBeTruthy();
    expect(within(alert).getByText('database is locked')).toBeTruthy();
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: /Overdue/ })).toBeTruthy();
    expect(bridge.callsTo('care.followups.list')).toHaveLength(2);
  });

  it('shows a spinner while the list loads', async () => {
    renderApp({ ...base, 'care.followups.list': () => new Promise(() => undefined) }, { route: '/followups' });
    expect(await screen.findByRole('img', { name: 'Loading…' })).toBeTruthy();
  });

  it('snoozes by a day or a week, and says until when', async () => {
    const { user, bridge } = renderApp(
      { ...base, 'care.followups.snooze': ({ id, days }) => ({ id, dueOn: days === 7 ? '2026-12-04' : '2026-11-28' }) },
      { route: '/followups' },
    );
    await screen.findByRole('heading', { name: /Overdue/ });
    const stay = item(/Stay in touch,\s*Marco Rossi/);
    await user.click(within(stay).getByRole('button', { name: 'Snooze' }));
    const menu = within(stay).getByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['1 day', '1 week', 'Pick a date…']);
    // The first entry has focus; the arrow key moves to the next, Enter picks it.
    expect(document.activeElement?.textContent).toBe('1 day');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(bridge.callsTo('care.followups.snooze')).toEqual([{ id: 's4', days: 7 }]);
    expect(await screen.findByText('Snoozed until 4 Dec 2026')).toBeTruthy();
    expect(within(stay).queryByRole('menu')).toBeNull();
  });

  it('moves an item to a picked day, refusing a day that is not one', async () => {
    const { user, bridge } = renderApp(
      { ...base, 'care.followups.reschedule': ({ id, dueOn }) => ({ id, dueOn }) },
      { route: '/followups' },
    );
    await screen.findByRole('heading', { name: /Overdue/ });
    const check = item(/Check-in,\s*Giulia Bianchi/);
    await user.click(within(check).getByRole('button', { name: 'Snooze' }));
    await user.click(within(check).getByRole('menuitem', { name: 'Pick a date…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Move to another day' });
    const date = within(dialog).getByLabelText('New date') as HTMLInputElement;
    expect(date.value).toBe('28/11/2026');
    await user.clear(date);
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(date.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Enter a valid date',
    );
    expect(bridge.callsTo('care.followups.reschedule')).toEqual([]);
    await user.type(date, '2026-12-15');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(bridge.callsTo('care.followups.reschedule')).toEqual([{ id: 'c11', dueOn: '2026-12-15' }]);
    expect(await screen.findByText('Moved to 15 Dec 2026')).toBeTruthy();
  });

  it('exports the follow-ups to the calendar file the user picks, and does nothing when they cancel', async () => {
    let picked: string | null = null;
    const { user, bridge } = renderApp(
      {
        ...base,
        'dialog.saveFile': () => ({ path: picked }),
        'care.ics.export': ({ path }) => ({ path, events: 12, cancelled: 1, bytes: 4096 }),
      },
      { route: '/followups' },
    );
    const button = await screen.findByRole('button', { name: 'Export to calendar…' });
    await user.click(button);
    await waitFor(() => expect(bridge.callsTo('dialog.saveFile')).toHaveLength(1));
    expect(bridge.callsTo('care.ics.export')).toEqual([]);
    picked = '/home/ada/rapport-followups-2026-11-27.ics';
    await user.click(button);
    expect(await screen.findByText('12 follow-ups exported to rapport-followups-2026-11-27.ics')).toBeTruthy();
    expect(bridge.callsTo('dialog.saveFile')[1]).toEqual({ purpose: 'export-ics' });
    expect(bridge.callsTo('care.ics.export')).toEqual([{ path: picked, overwrite: true }]);
  });

  it('speaks Italian', async () => {
    renderApp(base, { route: '/followups', settings: { language: 'it' } });
    expect(await screen.findByRole('heading', { name: /In ritardo/ })).toBeTruthy();
    const stay = item(/Farsi sentire,\s*Marco Rossi/);
    expect(within(stay).getByText('Nessun contatto da 75 giorni (massimo 60)')).toBeTruthy();
    expect(within(stay).getByText('In ritardo di 29 giorni')).toBeTruthy();
    expect(
      within(item(/Riordino,\s*Ottica Verdi/)).getByText('Di solito compra ogni ~47 giorni; ne sono passati 52'),
    ).toBeTruthy();
    expect(within(item(/Check-in,\s*Giulia/)).getByText('Check-in a 30 giorni dalla vendita «Workshop»')).toBeTruthy();
    expect(
      within(item(/Reclamo,\s*Giulia/)).getByText('Reclamo sulla consegna, gravità alta, aperto da 9 giorni'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Esporta nel calendario…' })).toBeTruthy();
  });
});

describe('the in-app reminder', () => {
  it('toasts each item that becomes due once, and asks for the badge again', async () => {
    const { bridge } = renderApp(base, { route: '/sales' });
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    await waitFor(() => expect(bridge.callsTo('care.followups.count')).toHaveLength(1));
    const due = { asOf: '2026-11-27', items: [checkInItem({ daysOverdue: 0, dueOn: '2026-11-27' })] };
    act(() => bridge.emit('care.due', due));
    act(() => bridge.emit('care.due', due));
    expect(await screen.findByText('Check-in due with Giulia Bianchi')).toBeTruthy();
    expect(screen.getAllByText('Check-in due with Giulia Bianchi')).toHaveLength(1);
    await waitFor(() => expect(bridge.callsTo('care.followups.count').length).toBeGreaterThanOrEqual(2));

    // A new due date is a new reminder; many at once make one toast.
    const many = [stayInTouchItem(), reorderItem(), complaintItem(), checkInItem({ id: 'c20', checkInId: 20 })];
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    expect(await screen.findByText(/^4 follow-ups are due, \d of them overdue$/)).toBeTruthy();
    expect(screen.queryByText('Time to get in touch with Marco Rossi')).toBeNull();
  });
});

describe('a check-in that covers other reminders', () => {
  it('says what else the call is for (issue #10, point 13)', async () => {
    const list = followUpListFixture({ overdue: [checkInItem({ also: [reorderItem(), stayInTouchItem()] })] });
    renderApp({ ...base, 'care.followups.list': () => list }, { route: '/followups' });
    expect(
      await screen.findByText('Day-30 check-in after “Workshop”; also the reorder and staying in touch'),
    ).toBeTruthy();
    expect(screen.getAllByRole('listitem', { name: /Giulia Bianchi/ })).toHaveLength(1);
  });
});

describe('the at-risk view', () => {
  const atRisk: FakeHandlers = {
    ...base,
    'care.atRisk': () => ({
      items: [
        {
          customerId: 4,
          customerName: 'Marco Rossi',
          reasons: [
            { code: 'low_nps', nps: 4, on: '2026-11-02' },
            { code: 'low_csat', csat: 2, on: '2026-11-02' },
            { code: 'late_reorder', usualDays: 47, daysSincePurchase: 52, lastPurchaseOn: '2026-10-06' },
            { code: 'no_contact', lastContactOn: '2026-09-13', daysSinceContact: 75, maxDays: 60 },
            { code: 'open_complaint', count: 1, complaintId: 3, openedOn: '2026-11-27', daysOpen: 0, severity: 'low' },
          ],
        },
      ],
      total: 3,
    }),
  };

  it('lists each customer with every reason as a chip, and how many are left out', async () => {
    const { bridge } = renderApp(atRisk, { route: '/followups/at-risk' });
    const reasons = await screen.findByRole('list', { name: 'Reasons' });
    expect(listItemTexts(reasons)).toEqual([
      'Low NPS: 4',
      'Low satisfaction: 2/5',
      'Reorder late: 52 days (usually 47)',
      'No contact for 75 days (max 60)',
      'Open complaint (opened today)',
    ]);
    expect(within(reasons).getAllByRole('listitem')[3]!.getAttribute('title')).toBe('13 Sept 2026');
    expect(screen.getByText('3 customers showing a sign they may leave')).toBeTruthy();
    expect(screen.getByText('Showing 1 of 3')).toBeTruthy();
    expect(bridge.callsTo('care.atRisk')[0]).toEqual({ asOf: '2026-11-27', limit: 200 });
  });

  it('says a reason that shows several times once, with how many (issue #10, point 13)', async () => {
    const reasons = [
      { code: 'open_complaint', count: 2, complaintId: 3, openedOn: '2026-11-18', daysOpen: 9, severity: 'high' },
      { code: 'overdue_check_in', count: 3, checkInId: 11, dueOn: '2026-11-15', daysOverdue: 12 },
    ] as const;
    const items = [{ customerId: 4, customerName: 'Marco Rossi', reasons: [...reasons] }];
    renderApp({ ...atRisk, 'care.atRisk': () => ({ items, total: 1 }) }, { route: '/followups/at-risk' });
    const chips = within(await screen.findByRole('list', { name: 'Reasons' })).getAllByRole('listitem');
    expect(chips.map((chip) => chip.textContent)).toEqual(['2 open complaints', '3 overdue check-ins']);
    // The oldest one's date is the tooltip, as for any chip.
    expect(chips[0]!.getAttribute('title')).toBe('18 Nov 2026');
    expect(chips[1]!.getAttribute('title')).toBe('15 Nov 2026');
  });

  it('opens "Log a call" for the customer on the row', async () => {
    const { user } = renderApp(atRisk, { route: '/followups/at-risk' });
    await user.click(await screen.findByRole('button', { name: 'Log a call' }));
    expect(await screen.findByRole('dialog', { name: 'Log an interaction with Marco Rossi' })).toBeTruthy();
  });

  it('says when nobody is at risk, and when the list cannot be had', async () => {
    renderApp({ ...base, 'care.atRisk': () => ({ items: [], total: 0 }) }, { route: '/followups/at-risk' });
    expect(await screen.findByRole('heading', { name: 'No customer at risk' })).toBeTruthy();
    cleanup();
    renderApp(
      { ...base, 'care.atRisk': fails('internal', 'database is locked') },
      { route: '/followups/at-risk', settings: { language: 'it' } },
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Impossibile caricare i clienti a rischio');
    expect(alert.textContent).toContain('database is locked');
  });
});

describe('action items among the follow-ups', () => {
  const withAction: FakeHandlers = {
    ...base,
    'care.followups.list': () =>
      followUpListFixture({
        overdue: [stayInTouchItem(), actionItem()],
        counts: { overdue: 2, today: 0, week: 0, later: 0 },
      }),
  };

  it('shows what to do and the library item it came from, with no customer and no call to log', async () => {
    renderApp(withAction, { route: '/followups' });
    await screen.findByRole('heading', { name: /Overdue/ });
    const action = item(/Action item,\s*From “Closing Summit 2026”/);
    expect(within(action).getByText('Call the three customers who said no in October')).toBeTruthy();
    expect(within(action).getByText('1 day overdue')).toBeTruthy();
    expect(within(action).getByRole('link', { name: 'From “Closing Summit 2026”' }).getAttribute('href')).toBe(
      '/library/12',
    );
    expect(within(action).queryByRole('button', { name: 'Log a call' })).toBeNull();
    expect(within(action).getByRole('button', { name: 'Snooze' })).toBeTruthy();
    // The kinds filter offers them too.
    expect(screen.getByRole('checkbox', { name: 'Action items' })).toBeTruthy();
  });

  it('ticks one with Done at once (nothing to ask) and says so', async () => {
    const { user, bridge } = renderApp(
      {
        ...withAction,
        'care.followups.done': ({ id }) => ({
          id,
          kind: 'action',
          checkIn: null,
          complaint: null,
          interaction: null,
          action: {
            id: 5,
            itemId: 12,
            text: 'Call the three customers who said no in October',
            dueOn: '2026-11-26',
            done: true,
          },
        }),
      },
      { route: '/followups' },
    );
    await screen.findByRole('heading', { name: /Overdue/ });
    await user.click(within(item(/Action item/)).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(bridge.callsTo('care.followups.done')).toEqual([{ id: 'a5' }]));
    expect(await screen.findByText('Done: Call the three customers who said no in October')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('toasts one that becomes due with what to do and where it came from', async () => {
    const { bridge } = renderApp(base, { route: '/sales' });
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: [actionItem({ daysOverdue: 0 })] }));
    expect(
      await screen.findByText('From Closing Summit 2026: Call the three customers who said no in October'),
    ).toBeTruthy();
  });

  it('says when ticking fails', async () => {
    const { user } = renderApp(
      {
        ...withAction,
        'care.followups.done': fails('not_found', 'failures.notCurrentFollowUp', undefined, { id: 'a5' }),
      },
      { route: '/followups' },
    );
    await screen.findByRole('heading', { name: /Overdue/ });
    await user.click(within(item(/Action item/)).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText("Couldn't tick the action item")).toBeTruthy();
  });
});
