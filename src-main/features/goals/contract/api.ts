import { z } from 'zod';
import { Id, IsoDateSchema, optionalText, Page } from '../../../shared/domain';
import { DateFormat, DecimalSeparator, ImportFile, ImportIssue } from '../../imports/contract';
import { ById, command, Empty, query } from '../../../shared/operations';
import { LibraryKind } from '../../library/contract';
import {
  AGGREGATIONS,
  Forecast,
  ForecastPoint,
  GoalDefinition,
  GoalDirection,
  GoalMetric,
  GoalPeriod,
  GoalStatus,
  Milestone,
  MilestoneState,
  Pace,
  Recurrence,
  ScoreCategory,
  WorkCalendar,
  METRIC_UNITS,
} from './definition';

/**
 * The goals contract: the operations' inputs and replies, built on the goal definition and
 * the pace/forecast shapes of shared/goals.ts. Rules the screens can rely on (and should say):
 *
 * - Units are the metric's own (shared/goals.ts): money in integer minor units of the goal's
 *   `currency` — the settings currency when the goal was created; sales in other currencies
 *   are not converted, they are left out — counts as counts, rates 0–1, satisfaction 1–5,
 *   NPS −100…100, custom metrics as entered.
 * - Working days: one app-wide work calendar (weekdays + planned breaks, `goals.calendar.*`);
 *   a goal may carry its own instead (`calendar` not null).
 * - Changing a goal's target or deadline is allowed and recorded in its history (`changes`),
 *   each marked as easing or not, and drawn on its chart. A goal's metric, direction,
 *   aggregation and kind of period cannot change (it would be another goal: archive it and
 *   create a new one), nor can a fixed goal's start once that day has come.
 * - Recurring goals: each closed period's result is kept as it stood when Rapport first saw the
 *   period closed, and never rewritten; if the data changes later, both `atClose` and `now`
 *   are shown.
 * - Nudges: at most one "behind pace" nudge per goal per day (behind or at risk, in its period).
 * - Forecasts are seeded by the goal's id: the same data gives the same forecast.
 *
 * What each metric counts, per day (defined once for stats, goals and care in features/metrics/definitions.ts):
 * - revenue, avg_deal: won sales by closing day, in the goal's currency only;
 * - deals_won: won sales; win_rate: won / (won + lost), by closing day;
 * - new_customers: customers whose first won sale is that day; repeat_customers: customers
 *   with a second or later won sale in the period (each counted once, on the first such day);
 * - avg_satisfaction, nps: every answer, on a sale when it closed (won or lost) and at completed check-ins;
 * - checkins_on_time: check-ins due that day done by their due date, over those due and decided;
 * - interactions: interactions logged that day; custom: the values logged for the goal.
 * Filters: products and techniques narrow the sales counted (a check-in's answers count
 * through its sale), segments the customers. Interactions and check-ins on time can be
 * narrowed by segment only.
 */

// ---- inputs -------------------------------------------------------------------------------

/** A milestone as a form sends it; `id` keeps an existing one (and its tick) on update. */
const [TargetMilestone, StepMilestone] = Milestone.options;
export const MilestoneInput = z.discriminatedUnion('kind', [
  TargetMilestone.extend({ id: Id.optional() }),
  StepMilestone.extend({ id: Id.optional() }),
]);
export type MilestoneInput = z.input<typeof MilestoneInput>;

/**
 * A goal as created or edited: the core definition, with `calendar` null to follow the
 * app-wide work calendar (the default) and milestones that may name their id.
 */
export const GoalInput = z
  .object({
    ...GoalDefinition.shape,
    calendar: WorkCalendar.nullable().default(null),
    milestones: z.array(MilestoneInput).max(50).default([]),
  })
  .superRefine(
    (goal, ctx) => {
      // The core's cross-field rules (aggregation, target bounds and units, milestones inside
      // the period), asked of the core schema itself so there is one copy of them.
      const core = GoalDefinition.safeParse({ ...goal, calendar: goal.calendar ?? undefined });
      if (!core.success)
        for (const issue of core.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    },
    { when: (payload) => payload.issues.length === 0 },
  );
export type GoalInput = z.input<typeof GoalInput>;
export type GoalData = z.output<typeof GoalInput>;

export const GoalUpdate = z.object({
  id: Id,
  goal: GoalInput,
  /** Why the target or deadline moved; kept with the change. */
  note: optionalText(500),
});

export const GOAL_LIST_STATES = ['active', 'archived', 'all'] as const;

export const GoalListQuery = z.object({
  /** The day the goals are looked at; today unless given. */
  asOf: IsoDateSchema.optional(),
  status: z.array(GoalStatus).max(6).optional(),
  metric: GoalMetric.optional(),
  category: ScoreCategory.optional(),
  archived: z.enum(GOAL_LIST_STATES).default('active'),
});

export const GoalGetQuery = z.object({ id: Id, asOf: IsoDateSchema.optional() });

export const MilestoneTick = z.object({
  /** The milestone's id (GoalMilestone.id). */
  id: Id,
  done: z.boolean(),
  /** The day it was done; today unless given. Ignored when unticking. */
  on: IsoDateSchema.optional(),
});

export const GoalValueInput = z.object({
  goalId: Id,
  date: IsoDateSchema,
  value: z.number({ error: 'errors.invalid' }).finite({ error: 'errors.invalid' }),
  note: optionalText(500),
});
export type GoalValueInput = z.input<typeof GoalValueInput>;

export const GoalValueQuery = z.object({
  goalId: Id,
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});

/**
 * A CSV of `date,value` (a header row is optional; a third column is kept as the note), read
 * from a file the user picked in the dialog with purpose 'import'. Encoding, delimiter and
 * decimal separator are detected as for sales imports; dates that read two ways
 * (03/04/2026) need `dateFormat`. All rows or none; a row equal to a point already logged
 * (same day, value and note) is counted as a duplicate and not added again.
 */
export const GoalValuesImport = z.object({
  goalId: Id,
  path: ImportFile,
  dateFormat: DateFormat.optional(),
  dryRun: z.boolean().default(false),
});

export const TIMELINE_ZOOMS = ['month', 'quarter', 'year'] as const;
export const TimelineZoom = z.enum(TIMELINE_ZOOMS);
export type TimelineZoom = z.infer<typeof TimelineZoom>;

export const TimelineQuery = z.object({
  /** The window is the month, quarter or year containing this day; today unless given. */
  date: IsoDateSchema.optional(),
  zoom: TimelineZoom.default('quarter'),
  status: z.array(GoalStatus).max(6).optional(),
  metric: GoalMetric.optional(),
  category: ScoreCategory.optional(),
  archived: z.enum(GOAL_LIST_STATES).default('active'),
});

/** How much each side counts; relative to each other. */
export const ScoreWeights = z
  .object({
    volume: z.number().min(0).max(100),
    quality: z.number().min(0).max(100),
    loyalty: z.number().min(0).max(100),
  })
  .refine((w) => w.volume + w.quality + w.loyalty > 0, { message: 'errors.invalid' });
export type ScoreWeights = z.infer<typeof ScoreWeights>;

export const ScorecardQuery = z
  .object({
    every: Recurrence.default('monthly'),
    /** The periods containing `from` through the one containing `to` (default: the last 12). */
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    asOf: IsoDateSchema.optional(),
    /** Default: volume 0.4, quality 0.3, loyalty 0.3 (services/goals/scorecard.ts). */
    weights: ScoreWeights.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'errors.rangeOrder',
  });

export const NudgeQuery = z.object({ asOf: IsoDateSchema.optional() }).optional();

// ---- replies ------------------------------------------------------------------------------

export const GoalFiltersOut = z.object({
  productIds: z.array(Id),
  segments: z.array(z.string()),
  techniqueIds: z.array(Id),
});

export const Goal = z.object({
  id: Id,
  title: z.string(),
  metric: GoalMetric,
  customName: z.string().nullable(),
  direction: GoalDirection,
  aggregation: z.enum(AGGREGATIONS),
  unit: z.enum(METRIC_UNITS),
  /** The currency of a money goal's target and values; null for other metrics. */
  currency: z.string().nullable(),
  target: z.number(),
  period: GoalPeriod,
  /** The goal's own work calendar; null when it follows the app-wide one. */
  calendar: WorkCalendar.nullable(),
  filters: GoalFiltersOut,
  category: ScoreCategory,
  weight: z.number(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Goal = z.infer<typeof Goal>;

export const GoalMilestone = MilestoneState.extend({ id: Id, auto: z.boolean() });
export type GoalMilestone = z.infer<typeof GoalMilestone>;

export const ForecastSummary = z.object({
  probability: z.number().nullable(),
  projected: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  method: z.enum(['block_bootstrap', 'insufficient_history', 'final']),
});

export const Streaks = z.object({
  achieved: z.int(),
  missed: z.int(),
  /** Achieved periods in a row, ending with the latest closed period. */
  current: z.int(),
  longest: z.int(),
  /** Missed periods in a row, ending with the latest closed period. */
  currentMissed: z.int(),
});

export const GOAL_PHASES = ['upcoming', 'active', 'ended'] as const;

/** A goal with where it stands in the period it is looked at (the current one when recurring). */
export const GoalSummary = z.object({
  goal: Goal,
  asOf: z.string(),
  /** The period evaluated: a fixed goal's, or a recurring goal's period containing asOf. */
  period: z.object({ from: z.string(), to: z.string() }),
  phase: z.enum(GOAL_PHASES),
  pace: Pace,
  forecast: ForecastSummary,
  milestones: z.array(GoalMilestone),
  /** Recurring goals: closed periods achieved and missed, and the runs (by the outcomes recorded at close). */
  streaks: Streaks.nullable(),
});
export type GoalSummary = z.infer<typeof GoalSummary>;

export const GoalList = z.object({ asOf: z.string(), items: z.array(GoalSummary) });
export type GoalList = z.infer<typeof GoalList>;

/** One recorded change of target or deadline. */
export const GoalChangeEntry = z.object({
  id: Id,
  on: z.string(),
  field: z.enum(['target', 'deadline']),
  /** Targets as numbers, deadlines as `YYYY-MM-DD`. */
  from: z.union([z.number(), z.string()]),
  to: z.union([z.number(), z.string()]),
  /** Made the goal easier: a lower "at least" target, a higher "at most" one, a later deadline. */
  easing: z.boolean(),
  note: z.string().nullable(),
});
export type GoalChangeEntry = z.infer<typeof GoalChangeEntry>;

const ChartPoint = z.object({ date: z.string(), value: z.number().nullable() });

/**
 * The detail chart's data (services/goals/chart.ts), plain: chart.js draws it. Lines are per
 * calendar day, so weekends and breaks show as flat stretches.
 */
export const GoalChart = z.object({
  from: z.string(),
  to: z.string(),
  today: z.string(),
  /** The metric at the end of each day from the start through today (or the end). */
  actual: z.array(ChartPoint),
  /** The ideal pace line, every day of the period. */
  pace: z.array(ChartPoint),
  /** From today's actual out to the deadline: the forecast's interval and median per working day. */
  cone: z.array(ForecastPoint),
  /** The target in effect, as steps: each point holds until the next (draw stepped). */
  target: z.array(ChartPoint),
  milestones: z.array(MilestoneState.extend({ value: z.number().nullable() })),
  /** Planned breaks inside the period, to shade. */
  breaks: z.array(z.object({ from: z.string(), to: z.string(), label: z.string() })),
  /** Target and deadline changes; easing = made the goal easier. */
  events: z.array(
    z.object({
      date: z.string(),
      field: z.enum(['target', 'deadline']),
      from: z.union([z.number(), z.string()]),
      to: z.union([z.number(), z.string()]),
      easing: z.boolean(),
      note: z.string(),
    }),
  ),
});
export type GoalChart = z.infer<typeof GoalChart>;

/** The chart's accessible table: one row per week (its last day in the period). */
export const ChartTableRow = z.object({
  date: z.string(),
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const PERIOD_OUTCOMES = ['achieved', 'missed'] as const;
export const PeriodOutcome = z.enum(PERIOD_OUTCOMES);

/** One closed period of a goal: as recorded when first seen closed, and as the data says now. */
export const PeriodResult = z.object({
  from: z.string(),
  to: z.string(),
  /** The target in force at the period's end. */
  target: z.number(),
  /** `recordedAt` is null only when looked at from a day after today (not really closed yet). */
  atClose: z.object({
    value: z.number().nullable(),
    progress: z.number(),
    outcome: PeriodOutcome,
    recordedAt: z.string().nullable(),
  }),
  now: z.object({ value: z.number().nullable(), progress: z.number(), outcome: PeriodOutcome }),
  /** The data changed since the period closed (value or outcome differ). */
  changed: z.boolean(),
});
export type PeriodResult = z.infer<typeof PeriodResult>;

export const GoalHistory = z.object({
  /** Closed periods, newest first (a fixed goal has at most one). */
  periods: z.array(PeriodResult),
  streaks: Streaks,
});
export type GoalHistory = z.infer<typeof GoalHistory>;

export const GoalDetail = GoalSummary.extend({
  /** The full forecast: cone, linear comparison and the facts its explanation is made of. */
  forecastDetail: Forecast,
  /** The work calendar the goal is paced on (its own or the app-wide one). */
  calendar: WorkCalendar,
  changes: z.array(GoalChangeEntry),
  chart: GoalChart,
  chartTable: z.array(ChartTableRow),
  history: GoalHistory,
});
export type GoalDetail = z.infer<typeof GoalDetail>;

export const GoalValue = z.object({
  id: Id,
  goalId: Id,
  date: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type GoalValue = z.infer<typeof GoalValue>;
export const GoalValuePage = Page(GoalValue);

export const GoalValuesImportResult = z.object({
  inserted: z.int(),
  duplicates: z.int(),
  /**
   * Every problem (up to 1000) with its line, as a message key and values like the problems of an import;
   * when there is any, nothing was written.
   */
  errors: z.array(ImportIssue),
  dryRun: z.boolean(),
  dateFormat: DateFormat.nullable(),
  delimiter: z.string(),
  decimal: DecimalSeparator,
});
export type GoalValuesImportResult = z.infer<typeof GoalValuesImportResult>;

/** Positions are shares of the window's width: 0 its first day's start, 1 its last day's end. */
export const TimelineBar = z.object({
  /** The goal's id; a recurring goal has one bar per period in the window. */
  id: Id,
  title: z.string(),
  metric: GoalMetric,
  status: GoalStatus,
  progress: z.number(),
  from: z.string(),
  to: z.string(),
  start: z.number(),
  end: z.number(),
  /** The goal begins before or ends after the window. */
  continuesBefore: z.boolean(),
  continuesAfter: z.boolean(),
  milestones: z.array(z.object({ date: z.string(), title: z.string(), reached: z.boolean(), at: z.number() })),
});
export type TimelineBar = z.infer<typeof TimelineBar>;

/**
 * The learning plan: a library item queued with the day the seller means to finish it by,
 * at its place on the axis (the middle of that day). `done` once finished (any day), else
 * `overdue` once the day has passed, else `planned`. Abandoned items are off the plan.
 */
export const PLAN_STATES = ['planned', 'done', 'overdue'] as const;
export const PlannedItem = z.object({
  itemId: Id,
  title: z.string(),
  kind: LibraryKind,
  plannedOn: z.string(),
  finishedOn: z.string().nullable(),
  state: z.enum(PLAN_STATES),
  at: z.number(),
});
export type PlannedItem = z.infer<typeof PlannedItem>;

/** All goals on one axis (services/goals/chart.ts timeline). */
export const GoalTimeline = z.object({
  zoom: TimelineZoom,
  window: z.object({ from: z.string(), to: z.string() }),
  /** Anchors for the previous and next window. */
  previous: z.string(),
  next: z.string(),
  /** The day looked at. */
  asOf: z.string(),
  /** Where the today line goes, or null when today is outside the window. */
  today: z.number().nullable(),
  ticks: z.array(z.object({ date: z.string(), at: z.number() })),
  bars: z.array(TimelineBar),
  /**
   * Library items planned to be finished inside the window, by target day. Left out (empty)
   * when the goals are narrowed by status or by a metric other than a learning one.
   */
  plan: z.array(PlannedItem),
});
export type GoalTimeline = z.infer<typeof GoalTimeline>;

const SideScore = z.object({
  /** 0–100; null when the side has no goal in the period. */
  score: z.number().nullable(),
  goals: z.int(),
});

/**
 * A goal counts in the period its own period ends in: a monthly goal every month, a
 * quarterly one in its quarter's last month, a fixed goal in the month of its deadline.
 * Closed periods score as recorded at close; a goal still running scores its progress so far.
 */
export const ScorecardPeriod = z.object({
  from: z.string(),
  to: z.string(),
  /** 0–100: the sides' scores weighted by `weights` over the sides present. */
  score: z.number().nullable(),
  sides: z.object({ volume: SideScore, quality: SideScore, loyalty: SideScore }),
  achieved: z.int(),
  missed: z.int(),
  /** Goals whose period is still running. */
  open: z.int(),
  goals: z.array(
    z.object({
      goalId: Id,
      title: z.string(),
      category: ScoreCategory,
      weight: z.number(),
      /** The goal's own period. */
      from: z.string(),
      to: z.string(),
      progress: z.number(),
      status: GoalStatus,
    }),
  ),
});

export const Scorecard = z.object({
  every: Recurrence,
  weights: z.object({ volume: z.number(), quality: z.number(), loyalty: z.number() }),
  /** Oldest first; periods without goals are left out. */
  periods: z.array(ScorecardPeriod),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const GoalNudge = z.object({
  goalId: Id,
  title: z.string(),
  status: GoalStatus,
  actual: z.number().nullable(),
  expected: z.number(),
  target: z.number(),
  unit: z.enum(METRIC_UNITS),
  currency: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
});
export const GoalNudges = z.object({ asOf: z.string(), items: z.array(GoalNudge) });
export type GoalNudges = z.infer<typeof GoalNudges>;

/**
 * Goals with their pace and forecast, the detail chart and period history, easing recorded,
 * milestones ticked, custom-metric values logged or imported (the path comes from
 * dialog.openFile with purpose 'import', like import.preview), the timeline, the scorecard,
 * the work calendar and the behind-pace nudges. The views record a period's result the first
 * time they see it closed, and the nudges which goals were nudged: bookkeeping, not a change
 * to a goal, so they stay queries.
 */
export const goalsOps = {
  'goals.list': query(GoalListQuery, GoalList),
  'goals.get': query(GoalGetQuery, GoalDetail),
  'goals.create': command(GoalInput, Goal, { writes: ['goals'] }),
  'goals.update': command(GoalUpdate, Goal, { writes: ['goals'] }),
  'goals.archive': command(z.object({ id: Id, archived: z.boolean() }), Goal, { writes: ['goals'] }),
  'goals.milestones.tick': command(MilestoneTick, GoalMilestone, { writes: ['goals'] }),
  'goals.values.log': command(GoalValueInput, GoalValue, { writes: ['goals'] }),
  'goals.values.list': query(GoalValueQuery, GoalValuePage),
  'goals.values.delete': command(ById, z.object({ id: Id }), { writes: ['goals'] }),
  'goals.values.import': command(GoalValuesImport, GoalValuesImportResult, { writes: ['goals'] }),
  'goals.timeline': query(TimelineQuery, GoalTimeline),
  'goals.scorecard': query(ScorecardQuery, Scorecard),
  'goals.calendar.get': query(Empty, WorkCalendar),
  'goals.calendar.set': command(WorkCalendar, WorkCalendar, { writes: ['goals'] }),
  // Behind-pace goals not yet nudged today; each is recorded, so at most once per goal per day.
  'goals.nudges': query(NudgeQuery, GoalNudges),
} as const;
