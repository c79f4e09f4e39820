import type { MetricUnit } from './contract/definition';
import type { GoalSummary } from './contract/api';

/** Money is whole minor units in JSON; other values lose only float noise. */
const exact = (unit: MetricUnit, x: number | null): number | null =>
  x === null ? null : unit === 'money' ? Math.round(x) : Math.round(x * 1e6) / 1e6;

/** The stable `goals show --json` shape (and each item of `goals list --json`). */
export function goalJson(s: GoalSummary) {
  const { goal, pace, forecast } = s;
  const v = (x: number | null): number | null => exact(goal.unit, x);
  return {
    id: goal.id,
    title: goal.title,
    metric: goal.metric,
    target: v(goal.target),
    current: v(pace.actual),
    progress: exact('fraction', pace.progress),
    expected_now: v(pace.expected),
    status: pace.status,
    required_per_day: v(pace.requiredPerDay),
    buffer_days: pace.bufferDays,
    forecast: {
      probability: exact('fraction', forecast.probability),
      projected: v(forecast.projected),
      low: v(forecast.low),
      high: v(forecast.high),
    },
    milestones: s.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      date: m.date,
      target: v(m.target),
      reached: m.reached,
      reached_on: m.reachedOn,
      overdue: m.overdue,
    })),
  };
}

export type GoalJson = ReturnType<typeof goalJson>;
