import type { FollowUp } from '../features/care/contract';
import { followUpTitle } from '../features/care';
import { languageOf, translator } from '../shared/locales/translate';

/**
 * Desktop reminders for follow-ups that become due while the app runs. Electron-free (the
 * shell passes its Notification class in), so the wording and the polling are tested under
 * plain Node; the browser preview uses the same poller and only emits the event.
 */

export interface NotificationContent {
  title: string;
  body: string;
}

/** Lines shown before "and N more": a notification is a glance, not the list. */
export const LISTED = 3;

/** One notification for a batch: several items due at once would otherwise stack up. */
export function notificationContent(items: readonly FollowUp[], language: string): NotificationContent {
  const t = translator(languageOf(language));
  const lines = items.slice(0, LISTED).map((i) => followUpTitle(i, t));
  if (items.length > LISTED) lines.push(t('notify.more', { count: items.length - LISTED }));
  return { title: t('notify.followUpsDue', { count: items.length }), body: lines.join('\n') };
}

export interface DueNotifierOptions {
  /** Records and returns what became due since the last check (services/care/notifications.ts). */
  check: () => Promise<FollowUp[]>;
  /** Called with the newly due items, only when there are some. */
  notify: (items: FollowUp[]) => void;
  everyMs: number;
  /** Check right away (default); false waits for the first tick() or the first interval. */
  immediate?: boolean;
  log: (message: string, error?: unknown) => void;
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (handle: unknown) => void;
}

export interface DueNotifier {
  /** Checks now (also what the timer calls); never throws, never overlaps a running check. */
  tick(): Promise<void>;
  stop(): void;
}

/** Checks at start (unless told to wait) and then every `everyMs` while the app runs. */
export function startDueNotifier(options: DueNotifierOptions): DueNotifier {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= (async () => {
      try {
        const items = await options.check();
        if (items.length > 0 && !stopped) options.notify(items);
      } catch (error) {
        options.log('Could not check for due follow-ups', error);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = (options.setInterval ?? setInterval)(() => void tick(), options.everyMs);
  // A reminder timer must not keep a closing process alive.
  timer.unref?.();
  if (options.immediate !== false) void tick();
  return {
    tick,
    stop: () => {
      stopped = true;
      (options.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout)))(timer);
    },
  };
}

/** How often the app looks for newly due follow-ups: due dates are days, minutes are plenty. */
export const NOTIFY_EVERY_MS = 5 * 60_000;
