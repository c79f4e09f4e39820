// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FakeHandlers } from './fakeApi';
import {
  checkInItem,
  complaintItem,
  emptyHomeFixture,
  reorderItem,
  saleFixture,
  settingsFixture,
  stayInTouchItem,
} from './fixtures';
import { behindNudge } from './goals/fixtures';
import { fixToday, renderApp } from './renderApp';

/**
 * The in-app reminders (follow-ups due, goals behind pace) are bad news to act on: they look
 * like a warning rather than a success, take the seller to what they are about, say "overdue"
 * for what is overdue, and on the very first run wait until the seller has looked around.
 */
fixToday(new Date(2026, 10, 27, 10, 0));

const base: FakeHandlers = {
  'care.followups.count': () => ({ asOf: '2026-11-27', overdue: 3, today: 1, due: 4 }),
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'customers.list': () => ({ items: [], total: 0 }),
  'products.list': () => [],
  'techniques.list': () => [],
  'home.summary': () => emptyHomeFixture(),
};

const many = [
  stayInTouchItem(),
  reorderItem(),
  complaintItem({ daysOverdue: 0, dueOn: '2026-11-27' }),
  checkInItem({ id: 'c20', checkInId: 20 }),
];

const behind = (goalId: number, title: string) => behindNudge(goalId, title, { from: '2026-11-01', to: '2026-11-30' });

const notices = (): HTMLElement => screen.getByRole('region', { name: /Notifications|Notifiche/ });

/** The toast that says `text`, as the whole toast element. */
const toastSaying = async (text: string | RegExp): Promise<HTMLElement> => {
  const title = await within(notices()).findByText(text);
  const toast = title.closest('.toast');
  if (!(toast instanceof HTMLElement)) throw new Error('no toast');
  return toast;
};

describe('reminders about bad news', () => {
  it('follow-ups due look like a reminder, not a success, say how many are overdue and link to Follow-ups', async () => {
    const { bridge } = renderApp(base);
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    const toast = await toastSaying('4 follow-ups are due, 3 of them overdue');
    expect(toast.classList.contains('toast-success')).toBe(false);
    expect(toast.classList.contains('toast-reminder')).toBe(true);
    expect(toast.querySelector('[data-icon="check"]')).toBeNull();
    expect(toast.querySelector('[data-icon="bell"]')).not.toBeNull();
    expect(within(toast).getByRole('link', { name: 'Open follow-ups' }).getAttribute('href')).toBe('/followups');
  });

  it('goals behind pace link to Goals, and a single one to its own page', async () => {
    const { bridge, user } = renderApp(base);
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    act(() =>
      bridge.emit('goals.behind', { asOf: '2026-11-27', items: [1, 2, 3, 4].map((id) => behind(id, `Goal ${id}`)) }),
    );
    const toast = await toastSaying('4 goals are behind pace');
    expect(toast.classList.contains('toast-reminder')).toBe(true);
    expect(toast.querySelector('[data-icon="check"]')).toBeNull();
    expect(within(toast).getByRole('link', { name: 'Open goals' }).getAttribute('href')).toBe('/goals');

    act(() => bridge.emit('goals.behind', { asOf: '2026-11-28', items: [behind(7, 'November revenue')] }));
    const one = await toastSaying(/“November revenue” is behind pace/);
    expect(within(one).getByRole('link', { name: 'Open the goal' }).getAttribute('href')).toBe('/goals/7');
    await user.click(within(one).getByRole('link', { name: 'Open the goal' }));
    // Following the link is acting on the reminder: it goes.
    expect(within(notices()).queryByText(/“November revenue”/)).toBeNull();
  });

  it('Italian says "scaduti" for what is overdue', async () => {
    const { bridge } = renderApp(base, { settings: { language: 'it' } });
    await screen.findByRole('heading', { name: 'Vendite', level: 1 });
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    const toast = await toastSaying('4 follow-up da fare, 3 già scaduti');
    expect(within(toast).getByRole('link', { name: 'Apri i follow-up' })).toBeTruthy();
    act(() =>
      bridge.emit('care.due', {
        asOf: '2026-11-28',
        items: [checkInItem({ id: 'c30', checkInId: 30 }), ...many.map((item) => ({ ...item, id: `${item.id}b` }))],
      }),
    );
    expect(await within(notices()).findByText('5 follow-up da fare, 4 già scaduti')).toBeTruthy();
  });

  it('says nothing of overdue when everything is due today', async () => {
    const { bridge } = renderApp(base);
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    const today = [1, 2, 3, 4].map((n) =>
      checkInItem({ id: `c${n}`, checkInId: n, daysOverdue: 0, dueOn: '2026-11-27' }),
    );
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: today }));
    expect(await within(notices()).findByText('4 follow-ups are due')).toBeTruthy();
  });
});

describe('the very first run', () => {
  const firstRun = (): ReturnType<typeof renderApp> =>
    renderApp(
      { ...base, 'onboarding.start': () => settingsFixture({ onboarded: true }) },
      { route: '/', settings: { onboarded: false } },
    );

  it('holds the reminders until the seller opens a second screen, then shows them', async () => {
    const { bridge, user, settled } = firstRun();
    await user.click(await screen.findByRole('button', { name: /^Explore with sample data./ }));
    await screen.findByRole('heading', { name: 'Home', level: 1 });
    act(() => {
      bridge.emit('care.due', { asOf: '2026-11-27', items: many });
      bridge.emit('goals.behind', { asOf: '2026-11-27', items: [1, 2, 3, 4].map((id) => behind(id, `Goal ${id}`)) });
    });
    // Held, not merely late: every call has been answered and rendered.
    await settled();
    expect(within(notices()).queryByText(/follow-ups are due/)).toBeNull();
    expect(within(notices()).queryByText(/goals are behind pace/)).toBeNull();

    await user.click(screen.getByRole('link', { name: 'Customers' }));
    expect(await within(notices()).findByText('4 follow-ups are due, 3 of them overdue')).toBeTruthy();
    expect(within(notices()).getByText('4 goals are behind pace')).toBeTruthy();
  });

  it('holds them for a few minutes at most', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(2026, 10, 27, 10, 0));
    const { bridge, user } = firstRun();
    await user.click(await screen.findByRole('button', { name: /^Explore with sample data./ }));
    await screen.findByRole('heading', { name: 'Home', level: 1 });
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    act(() => vi.advanceTimersByTime(60_000));
    expect(within(notices()).queryByText(/follow-ups are due/)).toBeNull();
    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(within(notices()).getByText('4 follow-ups are due, 3 of them overdue')).toBeTruthy();
  });

  it('shows the reminders main sent while the window was still loading its settings', async () => {
    // Main announces at the window's load, before the screens that show it exist.
    const { bridge } = renderApp(base);
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    expect(await within(notices()).findByText('4 follow-ups are due, 3 of them overdue')).toBeTruthy();
  });

  it('does not hold them when the book was set up before', async () => {
    const { bridge } = renderApp(base);
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    act(() => bridge.emit('care.due', { asOf: '2026-11-27', items: many }));
    expect(await within(notices()).findByText('4 follow-ups are due, 3 of them overdue')).toBeTruthy();
  });
});
