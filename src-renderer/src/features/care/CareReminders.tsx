import { useCallback, useEffect, useRef } from 'react';
import type { FollowUp, FollowUpKind } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { useAfterFirstLook } from '../../shell/FirstLook';
import { useNotify } from '../../ui/Notifications';
import { dueKey } from './careModel';
import { clipped } from './careText';

/** More than this many items due at once make one summary toast instead of a wall of them. */
const MAX_SEPARATE = 3;

const REMINDERS: Record<FollowUpKind, string> = {
  check_in: 'care.reminder.check_in',
  stay_in_touch: 'care.reminder.stay_in_touch',
  reorder: 'care.reminder.reorder',
  complaint: 'care.reminder.complaint',
  action: 'care.reminder.action',
};

const TO_FOLLOW_UPS = { to: '/followups', labelKey: 'care.reminder.open' };

/**
 * The in-app reminder: main pushes `care.due` when follow-ups become due while the app runs.
 * Each item is announced once per due date, even if main repeats it (after a reload of the
 * page main cannot know what this window has already shown). The summary says how many are
 * already overdue, since that is what asks to be dealt with first.
 */
export function CareReminders(): null {
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const announced = useRef(new Set<string>());

  const announce = useCallback(
    (items: FollowUp[]) => {
      if (items.length > MAX_SEPARATE) {
        const overdue = items.filter((item) => item.daysOverdue > 0).length;
        const total = format.number(items.length);
        if (overdue === 0)
          notify.reminder('care.reminder.many', { count: items.length, formatted: total }, TO_FOLLOW_UPS);
        else
          notify.reminder(
            'care.reminder.manyOverdue',
            { count: overdue, formatted: format.number(overdue), total },
            TO_FOLLOW_UPS,
          );
      } else
        for (const item of items)
          notify.reminder(
            REMINDERS[item.kind],
            item.kind === 'action' ? { item: item.itemTitle, text: clipped(item.text) } : { name: item.customerName },
            TO_FOLLOW_UPS,
          );
    },
    [notify, format],
  );
  const deliver = useAfterFirstLook(announce);

  useEffect(
    () =>
      api.subscribe('care.due', ({ items }) => {
        const fresh = items.filter((item) => !announced.current.has(dueKey(item)));
        for (const item of fresh) announced.current.add(dueKey(item));
        deliver(fresh);
      }),
    [api, deliver],
  );
  return null;
}
