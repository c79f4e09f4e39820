import { useCallback, useEffect, useRef } from 'react';
import type { EventPayload } from '../../../../src-main/shared/api';
import { useApi } from '../../api/ApiProvider';
import { useAfterFirstLook } from '../../shell/FirstLook';
import { useNotify } from '../../ui/Notifications';
import { useGoalFormat } from './useGoalFormat';

/** More goals behind at once make one summary toast instead of a wall of them. */
const MAX_SEPARATE = 3;

type Behind = EventPayload<'goals.behind'>['items'][number];

/**
 * The behind-pace nudge: main pushes `goals.behind` from the reminder poll (at most once per
 * goal per day, recorded in the backend). A window that reloads may get the same day's nudge
 * again from a repeat; each goal is announced here once per day. One goal links to its page,
 * several to the goals.
 */
export function GoalReminders(): null {
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const announced = useRef(new Set<string>());

  const announce = useCallback(
    (items: Behind[]) => {
      if (items.length > MAX_SEPARATE)
        notify.reminder(
          'goals.nudge.many',
          { count: items.length, formatted: format.number(items.length) },
          { to: '/goals', labelKey: 'goals.nudge.openAll' },
        );
      else
        for (const item of items) {
          const measure = { unit: item.unit, currency: item.currency };
          notify.reminder(
            item.status === 'at_risk' ? 'goals.nudge.at_risk' : 'goals.nudge.behind',
            {
              title: item.title,
              actual: format.maybe(item.actual, measure),
              expected: format.value(item.expected, measure),
            },
            { to: `/goals/${item.goalId}`, labelKey: 'goals.nudge.open' },
          );
        }
    },
    [notify, format],
  );
  const deliver = useAfterFirstLook(announce);

  useEffect(
    () =>
      api.subscribe('goals.behind', ({ asOf, items }) => {
        const fresh = items.filter((item) => !announced.current.has(`${item.goalId}@${asOf}`));
        for (const item of fresh) announced.current.add(`${item.goalId}@${asOf}`);
        deliver(fresh);
      }),
    [api, deliver],
  );
  return null;
}
