import { useEffect, useRef } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useNotify } from '../../ui/Notifications';
import { useGoalFormat } from './useGoalFormat';

/** More goals behind at once make one summary toast instead of a wall of them. */
const MAX_SEPARATE = 3;

/**
 * The behind-pace nudge: main pushes `goals.behind` from the reminder poll (at most once per
 * goal per day, recorded in the backend). A window that reloads may get the same day's nudge
 * again from a repeat; each goal is announced here once per day.
 */
export function GoalReminders(): null {
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const announced = useRef(new Set<string>());

  useEffect(
    () =>
      api.subscribe('goals.behind', ({ asOf, items }) => {
        const fresh = items.filter((item) => !announced.current.has(`${item.goalId}@${asOf}`));
        for (const item of fresh) announced.current.add(`${item.goalId}@${asOf}`);
        if (fresh.length > MAX_SEPARATE)
          notify.success('goals.nudge.many', { count: fresh.length, formatted: format.number(fresh.length) });
        else
          for (const item of fresh) {
            const measure = { unit: item.unit, currency: item.currency };
            notify.success(item.status === 'at_risk' ? 'goals.nudge.at_risk' : 'goals.nudge.behind', {
              title: item.title,
              actual: format.maybe(item.actual, measure),
              expected: format.value(item.expected, measure),
            });
          }
      }),
    [api, notify, format],
  );
  return null;
}
