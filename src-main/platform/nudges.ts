import type { GoalNudges } from '../features/goals/contract/api';
import { languageOf, translator } from '../shared/locales/translate';
import { LISTED, type NotificationContent } from './notifications';

/**
 * The desktop notification for goals that fell behind pace, in the user's language.
 * Electron-free, like notifications.ts, so the wording is tested under plain Node.
 */
export function nudgeContent(items: GoalNudges['items'], language: string): NotificationContent {
  const t = translator(languageOf(language));
  const lines = items
    .slice(0, LISTED)
    .map((i) => t('notify.goalLine', { title: i.title, status: t(`paceWords.${i.status}`) }));
  if (items.length > LISTED) lines.push(t('notify.more', { count: items.length - LISTED }));
  return { title: t('notify.goalsBehind', { count: items.length }), body: lines.join('\n') };
}
