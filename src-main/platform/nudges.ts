import type { GoalNudges } from '../features/goals/contract/api';
import type { NotificationContent } from './notifications';

/**
 * The desktop notification for goals that fell behind pace, in the user's language.
 * Electron-free, like notifications.ts, so the wording is tested under plain Node.
 */
const STRINGS = {
  en: {
    one: 'A goal is behind pace',
    many: (n: number) => `${n} goals are behind pace`,
    behind: 'behind pace',
    at_risk: 'at risk',
    more: (n: number) => `and ${n} more`,
  },
  it: {
    one: 'Un obiettivo è in ritardo',
    many: (n: number) => `${n} obiettivi sono in ritardo`,
    behind: 'in ritardo',
    at_risk: 'a rischio',
    more: (n: number) => `e altri ${n}`,
  },
} as const;

/** Lines shown before "and N more": a notification is a glance, not the list. */
const LISTED = 3;

export function nudgeContent(items: GoalNudges['items'], language: string): NotificationContent {
  const s = STRINGS[language.startsWith('it') ? 'it' : 'en'];
  const lines = items.slice(0, LISTED).map((i) => `${i.title}: ${i.status === 'at_risk' ? s.at_risk : s.behind}`);
  if (items.length > LISTED) lines.push(s.more(items.length - LISTED));
  return { title: items.length === 1 ? s.one : s.many(items.length), body: lines.join('\n') };
}
