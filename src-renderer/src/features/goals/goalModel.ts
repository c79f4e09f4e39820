import type { Input } from '../../../../src-main/shared/api';
import type { Language } from '../../../../src-main/shared/domain';
import {
  EARLY_PERIOD,
  metricFilters,
  METRICS,
  STATUS_THRESHOLDS,
  type GoalDirection,
  type GoalMetric,
  type GoalStatus,
  type MetricUnit,
  type Recurrence,
  type ScoreCategory,
} from '../../../../src-main/features/goals/contract/definition';
import {
  GoalInput,
  type Goal,
  type GoalData,
  type GoalMilestone,
} from '../../../../src-main/features/goals/contract/api';
import { formatFor } from '../../../../src-main/shared/format';
import { formatAmountInput, parseLocaleAmount } from '../../i18n/amount';
import { LOCALES } from '../../i18n';
import type { FieldErrors, Validation } from '../../ui/errors';

/*
 * The goal form as typed (text for numbers, so half-typed input is never lost), its checks
 * (the very schema the backend parses with, field paths as the schema names them), and the
 * small rules the goal screens state: units, status thresholds, what counts as easing.
 */

// ---- numbers as people type them ----------------------------------------------------------

/**
 * A number typed in `language`: "1.234,5" or "1234,5" in Italian, "1,234.5" in English, and
 * the other decimal mark when it cannot be a thousands mark ("4.3" on an Italian keypad). A
 * group of exactly three digits after the language's own thousands mark is thousands: "1.000"
 * is one thousand to an Italian. Null when the text is not a number.
 */
export function parseLocaleNumber(text: string, language: Language): number | null {
  // Large enough to be grouped in every locale (Italian leaves four digits ungrouped).
  const parts = new Intl.NumberFormat(LOCALES[language]).formatToParts(1_234_567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  const match = /^(-?)([\d.,]+)$/.exec(compact);
  if (!match) return null;
  const [, sign, body = ''] = match;
  const escape = (s: string): string => s.replace(/[.]/g, '\\.');
  const grouped = new RegExp(`^\\d{1,3}(?:${escape(group)}\\d{3})+(?:${escape(decimal)}\\d+)?$`);
  let plain: string;
  if (grouped.test(body)) plain = body.split(group).join('').replace(decimal, '.');
  else if (/^\d+$/.test(body)) plain = body;
  else if (new RegExp(`^\\d+${escape(decimal)}\\d+$`).test(body)) plain = body.replace(decimal, '.');
  else if (new RegExp(`^\\d+${escape(group)}\\d+$`).test(body)) plain = body.replace(group, '.');
  else return null;
  const value = Number(`${sign}${plain}`);
  return Number.isFinite(value) ? value : null;
}

/** A number as a person would type it back in `language` (no grouping, up to 6 decimals). */
function numberInput(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/**
 * A target (or milestone target) typed in the metric's own words: money in major units of the
 * currency, rates as percentages, the rest as plain numbers. Null when it is not one.
 */
export function parseTarget(text: string, unit: MetricUnit, currency: string, language: Language): number | null {
  if (unit === 'money') return parseLocaleAmount(text, currency, language);
  const value = parseLocaleNumber(text, language);
  if (value === null) return null;
  // 40 % is stored as 0.4; rounding keeps 0.1 + 0.2 style noise out of what is saved.
  return unit === 'fraction' ? Math.round(value * 1e6) / 1e8 : value;
}

export function targetText(value: number, unit: MetricUnit, currency: string, language: Language): string {
  if (unit === 'money') return formatAmountInput(value, currency, language);
  return numberInput(unit === 'fraction' ? Math.round(value * 1e8) / 1e6 : value, language);
}

// ---- values in the metric's unit ---------------------------------------------------------

/**
 * Formats a value of a goal's metric for people: money with its currency, rates as percent,
 * counts with at most one decimal (an expected 27.8 deals is honest; 28 would not be) and
 * two significant digits under one (0.035 books a day), satisfaction with two, NPS signed,
 * minutes as minutes.
 */
export function formatValue(
  value: number,
  unit: MetricUnit,
  currency: string | null,
  locale: string,
  { compact = false }: { compact?: boolean } = {},
): string {
  const format = formatFor(locale);
  switch (unit) {
    case 'money': {
      const code = currency ?? 'EUR';
      return compact ? format.compactMoney(value, code) : format.money(value, code);
    }
    case 'fraction':
      return format.percent(value, 1);
    case 'rating':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
    case 'score':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(value);
    case 'minutes':
      return format.minutes(value, compact);
    default:
      if (compact) return format.compactNumber(value);
      // Under one, two significant digits: 0.035 books a day is not 0.
      if (value !== 0 && Math.abs(value) < 1)
        return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(value);
      return new Intl.NumberFormat(locale, {
        useGrouping: 'always',
        maximumFractionDigits: unit === 'count' ? 1 : 2,
      }).format(value);
  }
}

export function formatChance(probability: number, locale: string): string {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (probability > 0 && probability < 0.005) return `<${percent.format(0.01)}`;
  if (probability < 1 && probability > 0.995) return `>${percent.format(0.99)}`;
  return percent.format(probability);
}

/** The thresholds the status is drawn with, as whole percentages to state next to it. */
export const THRESHOLD_PERCENTS = {
  ahead: Math.round(STATUS_THRESHOLDS.ahead * 100),
  onTrack: Math.round(-STATUS_THRESHOLDS.onTrack * 100),
  behind: Math.round(-STATUS_THRESHOLDS.behind * 100),
  earlyShare: Math.round(EARLY_PERIOD.share * 100),
  earlyDays: EARLY_PERIOD.maxWorkingDays,
} as const;

/** Badge tone per status: good news, fine, worry, alarm, done-and-bad. */
export const STATUS_TONES: Record<GoalStatus, 'good' | 'fine' | 'warn' | 'bad' | 'over'> = {
  achieved: 'good',
  ahead: 'good',
  on_track: 'fine',
  behind: 'warn',
  at_risk: 'bad',
  missed: 'over',
};

// ---- the form ------------------------------------------------------------------------------

export interface MilestoneRow {
  /** A React key: rows come and go, so their position cannot be their key. */
  key: number;
  id?: number;
  kind: 'target' | 'step';
  title: string;
  date: string;
  target: string;
  /** Kept as loaded: an existing hand-ticked target milestone stays one. */
  auto: boolean;
}

export interface GoalFormValues {
  title: string;
  metric: GoalMetric;
  customName: string;
  direction: GoalDirection;
  target: string;
  periodKind: 'fixed' | 'recurring';
  from: string;
  to: string;
  every: Recurrence;
  since: string;
  productIds: number[];
  segments: string[];
  techniqueIds: number[];
  milestones: MilestoneRow[];
  /** Only a custom metric chooses its side; built-in metrics have their own. */
  category: ScoreCategory;
  weight: string;
  /** Why the target or deadline moved (editing only); kept with the change. */
  note: string;
}

const GOAL_FORM_FIELDS = [
  'title',
  'metric',
  'customName',
  'target',
  'period.from',
  'period.to',
  'period.since',
  'period.every',
  'filters.productIds',
  'filters.segments',
  'filters.techniqueIds',
  'filters',
  'category',
  'weight',
  'note',
];
/** The form shows these next to a control; the rest go above it. */
export const isGoalFormField = (path: string): boolean =>
  GOAL_FORM_FIELDS.includes(path) || path.startsWith('milestones.');

export const PERIOD_PRESETS = ['month', 'quarter', 'year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The calendar month, quarter or year `today` is in, first day to last: what "this month"
 * means to a seller setting a goal (not the next 30 days from today).
 */
export function presetPeriod(preset: PeriodPreset, today: string): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = preset === 'month' ? month : preset === 'quarter' ? month - ((month - 1) % 3) : 1;
  const last = preset === 'month' ? month : preset === 'quarter' ? first + 2 : 12;
  // Day 0 of the month after `last` is the last day of `last`.
  const end = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(end)}` };
}

export function emptyGoalForm(today: string): GoalFormValues {
  return {
    title: '',
    metric: 'revenue',
    customName: '',
    direction: 'at_least',
    target: '',
    periodKind: 'fixed',
    from: today,
    to: '',
    every: 'monthly',
    since: today,
    productIds: [],
    segments: [],
    techniqueIds: [],
    milestones: [],
    category: 'volume',
    weight: '1',
    note: '',
  };
}

export function formFromGoal(goal: Goal, milestones: readonly GoalMilestone[], language: Language): GoalFormValues {
  const currency = goal.currency ?? 'EUR';
  const period = goal.period;
  return {
    title: goal.title,
    metric: goal.metric,
    customName: goal.customName ?? '',
    direction: goal.direction,
    target: targetText(goal.target, goal.unit, currency, language),
    periodKind: period.kind,
    from: period.kind === 'fixed' ? period.from : period.since,
    to: period.kind === 'fixed' ? period.to : '',
    every: period.kind === 'recurring' ? period.every : 'monthly',
    since: period.kind === 'recurring' ? period.since : period.from,
    productIds: [...goal.filters.productIds],
    segments: [...goal.filters.segments],
    techniqueIds: [...goal.filters.techniqueIds],
    milestones: milestones.map((m, key) => ({
      key,
      id: m.id,
      kind: m.kind,
      title: m.title,
      date: m.date,
      target: m.target === null ? '' : targetText(m.target, goal.unit, currency, language),
      auto: m.auto,
    })),
    category: goal.category,
    weight: numberInput(goal.weight, language),
    note: '',
  };
}

export interface GoalFormContext {
  language: Language;
  /** The settings currency: a new money goal's; an existing one keeps its own. */
  currency: string;
}

/** The form's values as the contract's GoalInput, checked by the contract's own schema. */
export function validateGoal(values: GoalFormValues, ctx: GoalFormContext): Validation<GoalData> {
  const unit = METRICS[values.metric].unit;
  const errors: FieldErrors = {};
  const number = (text: string, path: string, parse: (t: string) => number | null): number => {
    if (text.trim() === '') {
      errors[path] = 'errors.required';
      return Number.NaN;
    }
    const value = parse(text);
    if (value === null) errors[path] = unit === 'money' && path !== 'weight' ? 'errors.amount' : 'errors.invalid';
    return value ?? Number.NaN;
  };
  const targetOf = (text: string, path: string): number =>
    number(text, path, (t) => parseTarget(t, unit, ctx.currency, ctx.language));

  const custom = values.metric === 'custom';
  const narrowedBy = metricFilters(values.metric);
  const segmentOnly = narrowedBy === 'segments';
  // A custom metric's values are logged by hand and the seller's learning has no sale or
  // customer: nothing narrows them.
  const unfiltered = custom || narrowedBy === 'none';
  const input: Input<'goals.create'> = {
    title: values.title,
    metric: values.metric,
    customName: custom ? values.customName.trim() || null : null,
    direction: values.direction,
    target: targetOf(values.target, 'target'),
    period:
      values.periodKind === 'fixed'
        ? { kind: 'fixed', from: values.from, to: values.to }
        : { kind: 'recurring', every: values.every, since: values.since },
    milestones: values.milestones.map((m, i) =>
      m.kind === 'target'
        ? {
            ...(m.id === undefined ? {} : { id: m.id }),
            kind: 'target',
            title: m.title,
            date: m.date,
            target: targetOf(m.target, `milestones.${i}.target`),
            auto: m.auto,
          }
        : { ...(m.id === undefined ? {} : { id: m.id }), kind: 'step', title: m.title, date: m.date },
    ),
    filters: {
      productIds: unfiltered || segmentOnly ? [] : values.productIds,
      segments: unfiltered ? [] : values.segments,
      techniqueIds: unfiltered || segmentOnly ? [] : values.techniqueIds,
    },
    ...(custom ? { category: values.category } : {}),
    weight: number(values.weight, 'weight', (t) => parseLocaleNumber(t, ctx.language)),
  };
  const parsed = GoalInput.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
    }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

/**
 * What an edit changes that the goal's history records, and whether it makes the goal
 * easier: a lower "at least" target, a higher "at most" one, a later deadline (chart.ts's rule).
 */
export function changesOf(
  goal: Goal,
  input: Pick<GoalData, 'target' | 'period'>,
): { target: boolean; deadline: boolean; easing: boolean } {
  const target = input.target !== goal.target;
  const before = goal.period;
  const after = input.period;
  const deadline = before.kind === 'fixed' && after.kind === 'fixed' && after.to !== before.to;
  const lowerTarget = goal.direction === 'at_least' ? input.target < goal.target : input.target > goal.target;
  const laterDeadline = deadline && before.kind === 'fixed' && after.kind === 'fixed' && after.to > before.to;
  return { target, deadline, easing: (target && lowerTarget) || laterDeadline };
}
