import type { Translate } from '../../shared/locales/translate';
import type { FollowUp } from './contract';

/**
 * Follow-ups in words outside the renderer: desktop notifications and calendar events, from
 * the one catalogue in the user's language.
 */

/** "Check in with Ada", "From Pitch perfect: call Ada back". A complaint reads as the in-app reminder does. */
export function followUpTitle(item: FollowUp, t: Translate): string {
  if (item.kind === 'action') return t('notify.followUp.action', { item: item.itemTitle, text: item.text });
  const key = item.kind === 'complaint' ? 'care.reminder.complaint' : `notify.followUp.${item.kind}`;
  return t(key, { name: item.customerName });
}

/** Why it is due, in one sentence (plus the sale's title when there is one). */
export function followUpDetail(item: FollowUp, t: Translate): string {
  const why =
    item.kind === 'check_in'
      ? item.closedOn
        ? t('notify.why.check_inClosed', { days: item.stepDays, date: item.closedOn })
        : t('notify.why.check_in', { days: item.stepDays })
      : item.kind === 'stay_in_touch'
        ? t('notify.why.stay_in_touch', { date: item.lastContactOn, ideal: item.idealDays, max: item.maxDays })
        : item.kind === 'reorder'
          ? t('notify.why.reorder', { usual: item.usualDays, date: item.lastPurchaseOn })
          : item.kind === 'action'
            ? t('notify.why.action', { kind: t(`library.kinds.${item.itemKind}`), item: item.itemTitle })
            : t('notify.why.complaint', { date: item.openedOn, severity: t(`severityWords.${item.severity}`) });
  const also =
    item.kind === 'check_in' && item.also.length > 0
      ? ` ${t('notify.why.also', { what: item.also.map((other) => t(`care.alsoFor.${other.kind}`)).join(', ') })}`
      : '';
  return item.saleTitle ? `${item.saleTitle}\n${why}${also}` : `${why}${also}`;
}
