import { act, cleanup, render, waitFor, within, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { i18n } from 'i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { EventName, EventPayload } from '../../src-main/shared/api';
import type { Language } from '../../src-main/shared/domain';
import type { Settings } from '../../src-main/features/settings/contract';
import { App } from '../../src-renderer/src/App';
import { createApiClient } from '../../src-renderer/src/api/client';
import { createI18n, type Catalogues } from '../../src-renderer/src/i18n';
import { CATALOGUES } from '../../src-main/shared/locales';
import { componentsArrived, componentsArriving, preloadComponents } from '../../src-renderer/src/shell/lazyNamed';
import { createFakeBridge, type FakeBridge, type FakeHandlers } from './fakeApi';
import { settingsFixture } from './fixtures';

export interface RenderedApp extends RenderResult {
  bridge: FakeBridge;
  user: UserEvent;
  i18n: i18n;
  /**
   * Resolves once the screen has stopped loading: its code has arrived (screens and dialogs load
   * when first shown), every call the renderer made has been answered and React has rendered the answers (and answered the calls those renders made, and so on).
   * No clock: a busy machine makes it slower, never wrong. Then read the screen with getBy*.
   */
  settled(): Promise<void>;
}

// Screens and dialogs load when first shown (shell/lazyNamed). The tests load them all before
// they start instead, as they loaded the one bundle before it was split: none then suspends,
// and a screen's first showing costs no module transform inside a test's findBy* window.
beforeAll(() => preloadComponents());

/**
 * Mounts the whole renderer on a fake API at `route`. Settings come from `settings` unless the
 * test brings its own `settings.get`; `settings.update` merges and echoes by default.
 */
export function renderApp(
  handlers: FakeHandlers,
  {
    route = '/sales',
    settings = {},
    catalogues = CATALOGUES,
  }: {
    route?: string;
    settings?: Partial<Settings>;
    /** The words the window starts with (every language's unless the test says otherwise). */
    catalogues?: Catalogues;
  } = {},
): RenderedApp {
  let current = settingsFixture(settings);
  const bridge = createFakeBridge({
    'settings.get': () => current,
    'settings.update': (patch) => (current = { ...current, ...patch }),
    ...handlers,
  });
  const language: Language = current.language;
  const i18n = createI18n(language, catalogues);
  const user = userEvent.setup();
  const result = render(
    <MemoryRouter initialEntries={[route]}>
      <App client={createApiClient(bridge)} i18n={i18n} />
    </MemoryRouter>,
  );
  const settled = async (): Promise<void> => {
    for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
      await act(async () => {
        await componentsArrived();
        await bridge.idle();
      });
      if (document.querySelector(LOADING_SCREEN)) {
        // Code that arrived outside act() is shown by React's own scheduler, a little later; then
        // one turn of the event loop lets the screen's effects make their calls.
        await waitFor(() => screenShown(), { timeout: 10_000 });
        await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
        continue;
      }
      if (bridge.pending() === 0 && !componentsArriving()) return;
    }
    throw new Error(`The screen was still loading after ${MAX_SETTLE_ROUNDS} rounds of answers`);
  };
  latestSettled = settled;
  return { ...result, bridge, user, i18n, settled };
}

let latestSettled: (() => Promise<void>) | null = null;

/**
 * Reads the screen once the app rendered last has settled (see RenderedApp.settled): for
 * helpers that do not hold the app. Instead of findBy* with a longer timeout on a busy machine.
 */
export async function whenSettled<T>(read: () => T): Promise<T> {
  if (!latestSettled) throw new Error('Nothing was rendered with renderApp yet');
  await latestSettled();
  return read();
}

/** What stands in for a screen or dialog whose code is on its way (shell/PageLoading). */
const LOADING_SCREEN = '[data-arriving]';

function screenShown(): void {
  if (document.querySelector(LOADING_SCREEN)) throw new Error('A screen or dialog has not been shown yet');
}

/** Rounds of calls answered then rendered; a screen that needs more is calling in a loop. */
const MAX_SETTLE_ROUNDS = 50;

/**
 * Sends main's `event` once the renderer listens for it. A screen subscribes in an effect that can
 * run just after its heading shows on a busy machine, and an event sent before then is lost.
 */
export async function emitWhenHeard<E extends EventName>(
  bridge: FakeBridge,
  event: E,
  payload: EventPayload<E>,
): Promise<void> {
  await waitFor(() => {
    if (!bridge.listening(event)) throw new Error(`Nothing listens to ${event} yet`);
  });
  act(() => bridge.emit(event, payload));
}

/**
 * Every test of the calling file runs on `today` (local time; Date only, so user-event keeps
 * real timers) and unmounts what it rendered afterwards. `noCanvas`: jsdom has no canvas, so
 * charts get no 2D context and draw nothing (their data is tested in the model tests).
 */
export function fixToday(today: Date, { noCanvas = false }: { noCanvas?: boolean } = {}): void {
  beforeEach(() => {
    vi.setSystemTime(today);
    if (noCanvas) vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    cleanup();
    if (noCanvas) vi.restoreAllMocks();
    vi.useRealTimers();
  });
}

/** The text of each list item in `container`, in order: a row of chips, a list of entries. */
export const listItemTexts = (container: HTMLElement): (string | null)[] =>
  within(container)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
