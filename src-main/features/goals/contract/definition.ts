import { z } from 'zod';
import { Id, IsoDateSchema } from '../../../shared/domain';
import { GOAL_DIRECTIONS, GOAL_METRICS } from '../choices';
export { GOAL_DIRECTIONS, GOAL_METRICS } from '../choices';

/**
 * Goals with timelines: what a goal is (metric, target, period, working days, milestones)
 * and the shapes of what the pure goal services compute from it (pace, forecast). The
 * database tables, contract operations, CLI and screens build on these.
 *
 * Units: every value is in the metric's own unit — money in integer minor units of the
 * settings currency, counts as counts, rates as fractions 0–1, satisfaction 1–5, NPS −100…100,
 * time spent learning in minutes.
 * Computed values (expected, required per day, forecast) are not rounded here; the caller
 * rounds for display, so sums of rounded parts never drift.
 *
 * Validation messages reuse the existing message keys where one fits; goal-specific checks
 * carry plain English until the goal screens add their own keys.
 */

// ---- metrics ------------------------------------------------------------------------------

export const GoalMetric = z.enum(GOAL_METRICS);
export type GoalMetric = z.infer<typeof GoalMetric>;

export const GoalDirection = z.enum(GOAL_DIRECTIONS);
export type GoalDirection = z.infer<typeof GoalDirection>;

/**
 * How a period's daily points make one number:
 * - `sum`: the total of the daily values (revenue in minor units);
 * - `count`: the total of daily counts of events (deals won, interactions) — a sum of whole numbers;
 * - `average`: Σ value / Σ count over the period (avg deal = revenue / deals; satisfaction = Σ ratings / ratings);
 * - `rate`: Σ successes / Σ trials, a fraction 0–1 (win rate = won / decided);
 * - `latest`: the most recent reading on or before the day asked about (a custom level such as a pipeline size).
 * `sum` and `count` are cumulative: they only add up over a period. The others are levels.
 */
export const AGGREGATIONS = ['sum', 'count', 'average', 'rate', 'latest'] as const;
export const Aggregation = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof Aggregation>;

export const CUMULATIVE_AGGREGATIONS: readonly Aggregation[] = ['sum', 'count'];
export const isCumulative = (aggregation: Aggregation): boolean => CUMULATIVE_AGGREGATIONS.includes(aggregation);

export const METRIC_UNITS = ['money', 'count', 'fraction', 'rating', 'score', 'minutes', 'number'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/** The three sides of the scorecard. */
export const SCORE_CATEGORIES = ['volume', 'quality', 'loyalty'] as const;
export const ScoreCategory = z.enum(SCORE_CATEGORIES);
export type ScoreCategory = z.infer<typeof ScoreCategory>;

export interface MetricInfo {
  /** The natural aggregation: the only one a built-in metric takes; a custom metric's default. */
  readonly aggregation: Aggregation;
  readonly unit: MetricUnit;
  readonly category: ScoreCategory;
  /** Inclusive bounds a target must respect, when the unit has them. */
  readonly min?: number;
  readonly max?: number;
  /**
   * What may narrow it: `sales` products, techniques and customer segments (the default);
   * `segments` customers' segments only (care records carry no product or technique); `none`
   * nothing (the seller's own learning has no sale and no customer).
   */
  readonly filters?: 'sales' | 'segments' | 'none';
}

/**
 * NPS is kept as an `average` of per-answer scores (+100 promoter 9–10, 0 passive 7–8,
 * −100 detractor 0–6): that mean is exactly promoters % − detractors %, and it lets a daily
 * point carry (Σ scores, answers) like every other average.
 *
 * The learning metrics (items finished, minutes spent, pages read, takeaways tried) count on
 * the quality side: what a seller learns shows in how well they sell, not in how much.
 */
export const METRICS: Readonly<Record<GoalMetric, MetricInfo>> = {
  revenue: { aggregation: 'sum', unit: 'money', category: 'volume', min: 0 },
  deals_won: { aggregation: 'count', unit: 'count', category: 'volume', min: 0 },
  win_rate: { aggregation: 'rate', unit: 'fraction', category: 'quality', min: 0, max: 1 },
  avg_deal: { aggregation: 'average', unit: 'money', category: 'volume', min: 0 },
  new_customers: { aggregation: 'count', unit: 'count', category: 'volume', min: 0 },
  repeat_customers: { aggregation: 'count', unit: 'count', category: 'loyalty', min: 0 },
  avg_satisfaction: { aggregation: 'average', unit: 'rating', category: 'quality', min: 1, max: 5 },
  nps: { aggregation: 'average', unit: 'score', category: 'quality', min: -100, max: 100 },
  checkins_on_time: {
    aggregation: 'rate',
    unit: 'fraction',
    category: 'loyalty',
    min: 0,
    max: 1,
    filters: 'segments',
  },
  interactions: { aggregation: 'count', unit: 'count', category: 'loyalty', min: 0, filters: 'segments' },
  items_finished: { aggregation: 'count', unit: 'count', category: 'quality', min: 0, filters: 'none' },
  learning_minutes: { aggregation: 'sum', unit: 'minutes', category: 'quality', min: 0, filters: 'none' },
  pages_read: { aggregation: 'count', unit: 'count', category: 'quality', min: 0, filters: 'none' },
  takeaways_tried: { aggregation: 'count', unit: 'count', category: 'quality', min: 0, filters: 'none' },
  custom: { aggregation: 'sum', unit: 'number', category: 'volume' },
};

// ---- daily series -------------------------------------------------------------------------

/**
 * One day of a metric. `value` is the day's total (sum, count), the numerator (average: Σ of
 * the observations; rate: successes) or the reading (latest). `count` is the denominator of
 * an average or rate (observations, trials); sum, count and latest ignore it.
 */
export const DayPoint = z.object({ value: z.number().finite(), count: z.number().finite().min(0) });
export type DayPoint = z.infer<typeof DayPoint>;

/**
 * A metric's days keyed by `YYYY-MM-DD`, as a GROUP BY day query returns them. Days without
 * a key had nothing (zero for sum/count, no observation for the others). A bare number is a
 * day with one observation: `{ value: n, count: 1 }`. History before the period may be
 * included: pace uses it for seasonality and the forecast resamples it.
 */
export const DailySeries = z.record(IsoDateSchema, z.union([z.number().finite(), DayPoint]));
export type DailySeries = Readonly<Record<string, number | DayPoint>>;

// ---- calendar: periods, working days, breaks ----------------------------------------------

export const RECURRENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export const Recurrence = z.enum(RECURRENCES);
export type Recurrence = z.infer<typeof Recurrence>;

/** Inclusive range of days. */
export const DateRange = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'errors.rangeOrder' });
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/**
 * A goal's period: fixed days, or a calendar week (starting `weekStartsOn`, 1 = Monday),
 * month, quarter or year that repeats from the period containing `since`, each past
 * period's result kept.
 */
export const GoalPeriod = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('fixed'), from: IsoDateSchema, to: IsoDateSchema })
    .refine((p) => p.from <= p.to, { path: ['to'], message: 'errors.rangeOrder' }),
  z.object({
    kind: z.literal('recurring'),
    every: Recurrence,
    since: IsoDateSchema,
    weekStartsOn: z.int().min(0).max(6).default(1),
  }),
]);
export type GoalPeriod = z.infer<typeof GoalPeriod>;

/** Days of the week as Date.getDay numbers them: 0 Sunday … 6 Saturday. */
export const Weekday = z.int().min(0).max(6);
export const DEFAULT_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

export const Break = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    label: z.string().trim().max(120, { error: 'errors.tooLong' }).default(''),
  })
  .refine((b) => b.from <= b.to, { path: ['to'], message: 'errors.rangeOrder' });
export type Break = z.infer<typeof Break>;

/** Which days count as working days: the weekdays worked, minus planned breaks (holidays). */
export const WorkCalendar = z.object({
  weekdays: z
    .array(Weekday)
    .min(1, { error: 'errors.weekdaysRequired' })
    .max(7, { error: 'errors.invalid' })
    .refine((days) => new Set(days).size === days.length, { message: 'errors.invalid' })
    .default([...DEFAULT_WEEKDAYS]),
  breaks: z.array(Break).max(366).default([]),
});
export interface WorkCalendar {
  readonly weekdays: readonly number[];
  readonly breaks: readonly (DateRange & { readonly label?: string })[];
}
export const DEFAULT_CALENDAR: WorkCalendar = { weekdays: DEFAULT_WEEKDAYS, breaks: [] };

// ---- milestones ---------------------------------------------------------------------------

const Title = z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' });

/**
 * A point on a goal's timeline: an intermediate target by a date (reached automatically when
 * the metric gets there, or ticked by hand), or a checklist step that is always ticked.
 * `doneOn` is the day it was ticked; automatic milestones compute theirs.
 */
export const Milestone = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('target'),
    title: Title,
    date: IsoDateSchema,
    target: z.number().finite(),
    auto: z.boolean().default(true),
    doneOn: IsoDateSchema.nullable().default(null),
  }),
  z.object({
    kind: z.literal('step'),
    title: Title,
    date: IsoDateSchema,
    doneOn: IsoDateSchema.nullable().default(null),
  }),
]);
export type Milestone = z.infer<typeof Milestone>;

export const MilestoneState = z.object({
  title: z.string(),
  kind: z.enum(['target', 'step']),
  date: z.string(),
  target: z.number().nullable(),
  reached: z.boolean(),
  /** The day it was reached or ticked; null while it is not. */
  reachedOn: z.string().nullable(),
  /** Its date has passed without it being reached. */
  overdue: z.boolean(),
});
export type MilestoneState = z.infer<typeof MilestoneState>;

// ---- the goal -----------------------------------------------------------------------------

export const GoalFilters = z.object({
  productIds: z.array(Id).max(100).default([]),
  segments: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  techniqueIds: z.array(Id).max(100).default([]),
});

/** A target outside its metric's range, said in the metric's own terms. */
const TARGET_RANGE: Readonly<Record<MetricUnit, string>> = {
  money: 'errors.goalNegative',
  count: 'errors.goalNegative',
  number: 'errors.goalNegative',
  fraction: 'errors.goalPercent',
  rating: 'errors.satisfaction',
  score: 'errors.goalScore',
  minutes: 'errors.goalNegative',
};

/** What may narrow a goal's metric (MetricInfo.filters). */
export const metricFilters = (metric: GoalMetric): 'sales' | 'segments' | 'none' => METRICS[metric].filters ?? 'sales';

export const GoalDefinition = z
  .object({
    title: Title,
    metric: GoalMetric,
    /** For a custom metric: what it measures ("calls made"), shown next to its numbers. */
    customName: z.string().trim().max(80, { error: 'errors.tooLong' }).nullable().default(null),
    direction: GoalDirection.default('at_least'),
    /** Omitted: the metric's natural aggregation. Only a custom metric may choose. */
    aggregation: Aggregation.optional(),
    target: z.number().finite(),
    period: GoalPeriod,
    calendar: WorkCalendar.default({ weekdays: [...DEFAULT_WEEKDAYS], breaks: [] }),
    milestones: z.array(Milestone).max(50).default([]),
    filters: GoalFilters.default({ productIds: [], segments: [], techniqueIds: [] }),
    /** The scorecard side a custom metric counts toward; built-in metrics have their own. */
    category: ScoreCategory.optional(),
    /** Weight in the scorecard, relative to the other goals of its side. */
    weight: z
      .number({ error: 'errors.goalWeight' })
      .positive({ error: 'errors.goalWeight' })
      .max(100, { error: 'errors.goalWeight' })
      .default(1),
  })
  .superRefine((goal, ctx) => {
    const info = METRICS[goal.metric];
    if (goal.metric !== 'custom') {
      if (goal.aggregation !== undefined && goal.aggregation !== info.aggregation)
        ctx.addIssue({
          code: 'custom',
          path: ['aggregation'],
          message: 'errors.invalid',
        });
      if (goal.customName !== null) ctx.addIssue({ code: 'custom', path: ['customName'], message: 'errors.invalid' });
    } else if (goal.customName === null) {
      ctx.addIssue({ code: 'custom', path: ['customName'], message: 'errors.required' });
    }
    if ((info.min !== undefined && goal.target < info.min) || (info.max !== undefined && goal.target > info.max))
      ctx.addIssue({ code: 'custom', path: ['target'], message: TARGET_RANGE[info.unit] });
    if ((info.unit === 'money' || info.unit === 'count') && !Number.isInteger(goal.target))
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'errors.wholeNumber',
      });
    const period = goal.period;
    if (period.kind === 'fixed')
      goal.milestones.forEach((m, i) => {
        if (m.date < period.from || m.date > period.to)
          ctx.addIssue({ code: 'custom', path: ['milestones', i, 'date'], message: 'errors.milestoneOutsidePeriod' });
      });
  });
export type GoalDefinitionInput = z.input<typeof GoalDefinition>;
export type GoalDefinition = z.output<typeof GoalDefinition>;

/** The aggregation a goal uses: its own for a custom metric, else the metric's. */
export function goalAggregation(goal: Pick<GoalDefinition, 'metric' | 'aggregation'>): Aggregation {
  return goal.aggregation ?? METRICS[goal.metric].aggregation;
}

/** A change of target or deadline, kept in the goal's history and marked on its chart. */
export const GoalChange = z.object({
  on: IsoDateSchema,
  field: z.enum(['target', 'deadline']),
  /** Target values, or deadlines as `YYYY-MM-DD`. */
  from: z.union([z.number(), IsoDateSchema]),
  to: z.union([z.number(), IsoDateSchema]),
  note: z.string().trim().max(500, { error: 'errors.tooLong' }).default(''),
});
export type GoalChange = z.infer<typeof GoalChange>;

// ---- status -------------------------------------------------------------------------------

export const GOAL_STATUSES = ['achieved', 'ahead', 'on_track', 'behind', 'at_risk', 'missed'] as const;
export const GoalStatus = z.enum(GOAL_STATUSES);
export type GoalStatus = z.infer<typeof GoalStatus>;

/**
 * Status thresholds, stated in the UI. The pace gap is how far the actual value is from the
 * value expected by today, as a share of that expected value, signed so that positive is
 * good (above pace for "at least", below it for "at most"):
 * - ahead: gap ≥ +10 %;
 * - on track: −5 % ≤ gap < +10 %;
 * - behind: −20 % ≤ gap < −5 %;
 * - at risk: gap < −20 %.
 * Achieved and missed are final: the period is over (or a cumulative total has already
 * reached an "at least" target, or gone past an "at most" limit, which no later day undoes).
 * Early in a period (EARLY_PERIOD) a shortfall is not yet judged: see there.
 */
export const STATUS_THRESHOLDS = { ahead: 0.1, onTrack: -0.05, behind: -0.2 } as const;

/**
 * The first working days of a period, in which a goal below pace still shows on track (and
 * so sends no reminder): the first fifth of the period's working days, at most its first 10.
 * A few days say little — 4 deals instead of 6 expected is ordinary day-to-day luck, yet a
 * 32 % gap — so a status that alarms needs a fifth of a short period or two working weeks of
 * a long one behind it. Being ahead is said at once; stated in the UI with the thresholds.
 */
export const EARLY_PERIOD = { share: 0.2, maxWorkingDays: 10 } as const;

/** Whether `elapsed` of `total` working days is still too early to call a goal behind. */
export function isEarlyInPeriod(elapsed: number, total: number): boolean {
  return elapsed <= Math.min(total * EARLY_PERIOD.share, EARLY_PERIOD.maxWorkingDays);
}

// ---- pace ---------------------------------------------------------------------------------

/**
 * How the expected value by today is drawn:
 * - `linear`: the target spread evenly over the period's working days;
 * - `seasonal`: spread by the seller's own seasonality (a year or more of history);
 * - `flat`: averages and rates must sit at the target all along;
 * - `trend`: a latest-value goal moves in a straight line from the reading before the period to the target.
 */
export const PACE_MODELS = ['linear', 'seasonal', 'flat', 'trend'] as const;
export type PaceModel = (typeof PACE_MODELS)[number];

export const WorkingDaysCount = z.object({ total: z.int(), elapsed: z.int(), remaining: z.int() });

export const Pace = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  model: z.enum(PACE_MODELS),
  target: z.number(),
  /** The metric over the period through `asOf` (levels: null until the first observation). */
  actual: z.number().nullable(),
  expected: z.number(),
  /** actual − expected, in the metric's unit. */
  difference: z.number().nullable(),
  /** (actual − expected) / |expected|, positive when doing better; null when nothing to compare. */
  gap: z.number().nullable(),
  status: GoalStatus,
  /** 0–1; see pace.ts for what it means per direction and aggregation. */
  progress: z.number().min(0).max(1),
  workingDays: WorkingDaysCount,
  /** What each remaining working day needs (at least) or may use (at most); null when none remain. */
  requiredPerDay: z.number().nullable(),
  requiredPerWeek: z.number().nullable(),
  /** Working days ahead of the pace line (never negative); null where days of progress mean nothing. */
  bufferDays: z.int().min(0).nullable(),
  /** The period is over: achieved or missed stands. */
  final: z.boolean(),
});
export type Pace = z.infer<typeof Pace>;

// ---- forecast -----------------------------------------------------------------------------

export const FORECAST_METHODS = ['block_bootstrap', 'insufficient_history', 'final'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** The facts a sentence about the forecast is built from, in the user's language. */
export const ForecastBasis = z.object({
  method: z.enum(FORECAST_METHODS),
  /** Simulated futures drawn. */
  samples: z.int(),
  /** Consecutive working days copied together, so runs of good and bad weeks stay together. */
  blockLength: z.int(),
  /** Working days of the seller's own data resampled (history before the period and the period so far). */
  historyWorkingDays: z.int(),
  historyFrom: z.string().nullable(),
  historyTo: z.string().nullable(),
  /** The fewest working days of data a forecast is made from. */
  minimumWorkingDays: z.int(),
  remainingWorkingDays: z.int(),
  /** The interval's lower and upper quantiles, e.g. 0.1 and 0.9. */
  interval: z.tuple([z.number(), z.number()]),
});
export type ForecastBasis = z.infer<typeof ForecastBasis>;

export const ForecastPoint = z.object({ date: z.string(), low: z.number(), median: z.number(), high: z.number() });
export type ForecastPoint = z.infer<typeof ForecastPoint>;

export const Forecast = z.object({
  /** Chance of meeting the target by the deadline, 0–1; null when there is too little data. */
  probability: z.number().min(0).max(1).nullable(),
  /** Median simulated end value. */
  projected: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Per remaining working day: the cone for the chart. */
  path: z.array(ForecastPoint),
  /**
   * The plain linear-pace projection to compare with: the period's run rate so far carried
   * to the deadline, and whether that reaches the target (a yes/no forecast).
   */
  linear: z.object({ projected: z.number().nullable(), meetsTarget: z.boolean().nullable() }),
  basis: ForecastBasis,
});
export type Forecast = z.infer<typeof Forecast>;
