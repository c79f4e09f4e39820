import type { FollowUp } from '../features/care/contract';
import { followUpTitle } from '../features/care';
import type { Job } from '../kernel/scheduler';
import { languageOf, translator } from '../shared/locales/translate';

/**
 * Desktop reminders for follow-ups that become due while the app runs. Electron-free (the
 * shell passes its Notification class in), so the wording and the reminder job are tested under
 * plain Node; the browser preview uses the same job and only emits the event.
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

export interface DueRemindersOptions {
  /** Records and returns what became due since the last run (features/care/notifications.ts). */
  check: () => Promise<FollowUp[]>;
  /** Called with the newly due items, only when there are some. */
  notify: (items: FollowUp[]) => void;
  everyMs: number;
}

export const DUE_REMINDERS = 'due reminders';

/**
 * The scheduler job that reminds of follow-ups becoming due while the app runs. It has no
 * start run: the shell runs it (scheduler.run) once a page is there to show what is due.
 */
export function dueRemindersJob(options: DueRemindersOptions): Job {
  return {
    name: DUE_REMINDERS,
    everyMs: options.everyMs,
    run: async (signal) => {
      const items = await options.check();
      if (items.length > 0 && !signal.aborted) options.notify(items);
    },
  };
}

/** How often the app looks for newly due follow-ups: due dates are days, minutes are plenty. */
export const NOTIFY_EVERY_MS = 5 * 60_000;
