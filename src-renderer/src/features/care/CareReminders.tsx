import { useEffect, useRef } from 'react';
import type { FollowUpKind } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { useNotify } from '../../ui/Notifications';
import { dueKey } from './careModel';

/** More than this many items due at once make one summary toast instead of a wall of them. */
const MAX_SEPARATE = 3;

const REMINDERS: Record<FollowUpKind, string> = {
  check_in: 'care.reminder.check_in',
  stay_in_touch: 'care.reminder.stay_in_touch',
  reorder: 'care.reminder.reorder',
  complaint: 'care.reminder.complaint',
};

/**
 * The in-app reminder: main pushes `care.due` when follow-ups become due while the app runs.
 * Each item is announced once per due date, even if main repeats it (after a reload of the
 * page main cannot know what this window has already shown).
 */
export function CareReminders(): null {
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const announced = useRef(new Set<string>());

  useEffect(
    () =>
      api.subscribe('care.due', ({ items }) => {
        const fresh = items.filter((item) => !announced.current.has(dueKey(item)));
        for (const item of fresh) announced.current.add(dueKey(item));
        if (fresh.length > MAX_SEPARATE)
          notify.success('care.reminder.many', { count: fresh.length, formatted: format.number(fresh.length) });
        else for (const item of fresh) notify.success(REMINDERS[item.kind], { name: item.customerName });
      }),
    [api, notify, format],
  );
  return null;
}
