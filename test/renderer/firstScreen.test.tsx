// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src-main/shared/api';
import { FIRST_SCREEN_WAIT_MS } from '../../src-renderer/src/shell/FirstScreen';
import { fails, type FakeHandlers } from './fakeApi';
import { emptyHomeFixture, saleFixture } from './fixtures';
import { fixToday, renderApp } from './renderApp';

/**
 * Main answers one request at a time, and with a large history the badge's count and the
 * reminders' check are slow: sent with the screen's own query they made its rows wait. The
 * shell sends them once the first screen's queries are answered (or failed), or after
 * FIRST_SCREEN_WAIT_MS when the screen takes longer than that.
 */
fixToday(new Date(2026, 10, 27, 10, 0));

/** What happened, in order: `asked <channel>` when a handler is called, `answered <channel>` when its reply is sent. */
function recorder() {
  const log: string[] = [];
  const held: (() => void)[] = [];
  const asked = (channel: Channel) => log.push(`asked ${channel}`);
  return {
    log,
    /** A handler whose reply waits until release(), logged when asked and when answered. */
    heldUntilRelease<T>(channel: Channel, reply: () => T): () => Promise<T> {
      return () => {
        asked(channel);
        return new Promise<T>((resolve) =>
          held.push(() => {
            log.push(`answered ${channel}`);
            resolve(reply());
          }),
        );
      };
    },
    logged<T>(channel: Channel, reply: () => T): () => T {
      return () => {
        asked(channel);
        return reply();
      };
    },
    release: () => held.splice(0).forEach((answer) => answer()),
  };
}

const badge = (): HTMLElement | null =>
  screen.getByRole('link', { name: /Follow-ups/ }).querySelector<HTMLElement>('.nav-badge');

function handlersWith(record: ReturnType<typeof recorder>, page: FakeHandlers): FakeHandlers {
  return {
    'customers.list': () => ({ items: [], total: 0 }),
    'products.list': () => [],
    'techniques.list': () => [],
    'care.followups.count': record.logged('care.followups.count', () => ({
      asOf: '2026-11-27',
      overdue: 3,
      today: 1,
      due: 4,
    })),
    'app.firstScreenShown': record.logged('app.firstScreenShown', () => null),
    ...page,
  };
}

describe('the first screen', () => {
  it("gets its data before the badge's count and the reminders' check are asked for; the badge then shows", async () => {
    const record = recorder();
    const { bridge, settled } = renderApp(
      handlersWith(record, {
        'sales.list': record.heldUntilRelease('sales.list', () => ({ items: [saleFixture()], total: 1 })),
      }),
      { route: '/sales' },
    );
    await waitFor(() => expect(record.log).toContain('asked sales.list'));
    // Well past the moment the sidebar mounted: still nothing asked but the screen's own query.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bridge.callsTo('care.followups.count')).toEqual([]);
    expect(bridge.callsTo('app.firstScreenShown')).toEqual([]);
    expect(badge()).toBeNull();

    record.release();
    await settled();
    expect(record.log.slice(0, 2)).toEqual(['asked sales.list', 'answered sales.list']);
    // Both are sent together once the screen has its rows; either may reach main first.
    expect(record.log.slice(2).sort()).toEqual(['asked app.firstScreenShown', 'asked care.followups.count']);
    expect(screen.getByText(saleFixture().title)).toBeTruthy();
    expect(within(badge()!).getByText('4')).toBeTruthy();
  });

  it('a screen whose query failed lets them go too', async () => {
    const record = recorder();
    const { bridge, settled } = renderApp(handlersWith(record, { 'home.summary': fails('internal', 'disk error') }), {
      route: '/home',
    });
    await settled();
    const channels = bridge.calls.map((call) => call.channel);
    expect(channels.indexOf('home.summary')).toBeGreaterThanOrEqual(0);
    expect(channels.indexOf('care.followups.count')).toBeGreaterThan(channels.indexOf('home.summary'));
    expect(channels.indexOf('app.firstScreenShown')).toBeGreaterThan(channels.indexOf('home.summary'));
    expect(within(badge()!).getByText('4')).toBeTruthy();
  });

  it(`a screen still loading after ${FIRST_SCREEN_WAIT_MS} ms holds them no longer`, async () => {
    const record = recorder();
    const { bridge } = renderApp(
      handlersWith(record, { 'home.summary': record.heldUntilRelease('home.summary', emptyHomeFixture) }),
      { route: '/home' },
    );
    await waitFor(() => expect(record.log).toContain('asked home.summary'));
    const askedAt = performance.now();
    await waitFor(() => expect(bridge.callsTo('care.followups.count')).toHaveLength(1), {
      timeout: FIRST_SCREEN_WAIT_MS + 5_000,
    });
    expect(performance.now() - askedAt).toBeGreaterThanOrEqual(FIRST_SCREEN_WAIT_MS - 500);
    expect(record.log).not.toContain('answered home.summary');
    await waitFor(() => expect(bridge.callsTo('app.firstScreenShown')).toHaveLength(1));
    expect(within(badge()!).getByText('4')).toBeTruthy();
    record.release();
  });

  it('main hears about the first screen once, not again for the next screens', async () => {
    const record = recorder();
    const { bridge, user, settled } = renderApp(
      handlersWith(record, {
        'home.summary': () => emptyHomeFixture(),
        'sales.list': () => ({ items: [saleFixture()], total: 1 }),
      }),
      { route: '/home' },
    );
    await settled();
    expect(bridge.callsTo('app.firstScreenShown')).toHaveLength(1);
    await user.click(screen.getByRole('link', { name: 'Sales' }));
    await screen.findByRole('heading', { name: 'Sales', level: 1 });
    await settled();
    expect(bridge.callsTo('app.firstScreenShown')).toHaveLength(1);
    expect(bridge.callsTo('care.followups.count')).toHaveLength(1);
  });
});
