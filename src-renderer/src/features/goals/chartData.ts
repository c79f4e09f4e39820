import { addDays, daysBetween } from '../../../../src-main/shared/dates';
import { SCORE_CATEGORIES, type ScoreCategory } from '../../../../src-main/features/goals/contract/definition';
import type { GoalChart, GoalDetail, Scorecard } from '../../../../src-main/features/goals/contract/api';

/*
 * From the backend's chart data (src-main/features/goals/chart.ts) to what chart.js draws:
 * datasets of {x, y} points, where x is the day's number counted from the period's first day,
 * and the positions of the things drawn between the lines (breaks, target changes, today).
 * Pure, so it is tested without a canvas; the chart component only adds colours and formatting.
 */

export interface ChartPalette {
  actual: string;
  pace: string;
  target: string;
  forecast: string;
  range: string;
  milestone: string;
  surface: string;
}

export interface GoalChartLabels {
  actual: string;
  pace: string;
  target: string;
  forecast: string;
  range: string;
  milestones: string;
}

export interface Point {
  x: number;
  y: number | null;
}

export interface MilestonePoint extends Point {
  title: string;
  reached: boolean;
}

/** A chart.js line dataset, only the options we set. */
export interface LineDataset {
  /** What the dataset is, for the component and the tests (chart.js ignores it). */
  role: 'rangeLow' | 'rangeHigh' | 'forecast' | 'pace' | 'target' | 'actual' | 'milestones';
  label: string;
  data: Point[] | MilestonePoint[];
  borderColor: string;
  backgroundColor: string | string[];
  borderWidth: number;
  borderDash?: number[];
  pointRadius: number | number[];
  pointHoverRadius?: number;
  pointStyle?: string;
  pointBackgroundColor?: string[];
  pointBorderColor?: string;
  fill: false | '-1';
  stepped?: 'before';
  showLine?: boolean;
  /** Shown in the legend; the range's lower edge is drawn but has no entry of its own. */
  inLegend: boolean;
  /** chart.js draws higher orders first: the range sits below the lines, milestones on top. */
  order: number;
}

export interface GoalChartData {
  datasets: LineDataset[];
  /** The x axis: first and last day of the period and where its ticks go. */
  x: { min: number; max: number; ticks: number[] };
  /** The x of today, or null when today is outside the period. */
  today: number | null;
  /** Planned breaks, from the start of their first day to the end of their last. */
  breaks: { from: number; to: number; label: string }[];
  /** Target and deadline changes; easing ones are marked differently. */
  events: { x: number; field: 'target' | 'deadline'; easing: boolean }[];
}

/** The legend reads as the eye does: what happened, what should have, the target, what may yet. */
export const LEGEND_ORDER: readonly LineDataset['role'][] = [
  'actual',
  'pace',
  'target',
  'forecast',
  'rangeHigh',
  'milestones',
];

/** The day at `x` (x = 0 is `from`). */
export const dateAt = (from: string, x: number): string => addDays(from, Math.round(x));

/**
 * Ticks on Mondays for a period up to two months, on the 1st and 16th up to four, else on the
 * 1st of each month: a handful either way, on days people count by.
 */
export function chartTicks(from: string, to: string): number[] {
  const span = daysBetween(from, to);
  const ticks: number[] = [];
  for (let x = 0; x <= span; x++) {
    const date = addDays(from, x);
    const day = date.slice(8);
    const tick =
      span <= 62
        ? new Date(`${date}T12:00:00Z`).getUTCDay() === 1
        : span <= 124
          ? day === '01' || day === '16'
          : day === '01';
    if (tick) ticks.push(x);
  }
  return ticks;
}

export function goalChartData(chart: GoalChart, palette: ChartPalette, labels: GoalChartLabels): GoalChartData {
  const x = (date: string): number => daysBetween(chart.from, date);
  const line = (points: readonly { date: string; value: number | null }[]): Point[] =>
    points.map((p) => ({ x: x(p.date), y: p.value }));
  const paceAt = new Map(chart.pace.map((p) => [p.date, p.value]));
  const milestones: MilestonePoint[] = chart.milestones.map((m) => ({
    x: x(m.date),
    // A checklist step has no value of its own: it sits on the ideal line of its day.
    y: m.value ?? paceAt.get(m.date) ?? null,
    title: m.title,
    reached: m.reached,
  }));
  const span = daysBetween(chart.from, chart.to);
  const today = x(chart.today);

  const datasets: LineDataset[] = [
    {
      role: 'rangeLow',
      label: labels.range,
      data: chart.cone.map((p) => ({ x: x(p.date), y: p.low })),
      borderColor: 'transparent',
      backgroundColor: 'transparent',
      borderWidth: 0,
      pointRadius: 0,
      fill: false,
      inLegend: false,
      order: 6,
    },
    {
      role: 'rangeHigh',
      label: labels.range,
      data: chart.cone.map((p) => ({ x: x(p.date), y: p.high })),
      borderColor: 'transparent',
      backgroundColor: palette.range,
      borderWidth: 0,
      pointRadius: 0,
      fill: '-1',
      inLegend: chart.cone.length > 0,
      order: 5,
    },
    {
      role: 'forecast',
      label: labels.forecast,
      data: chart.cone.map((p) => ({ x: x(p.date), y: p.median })),
      borderColor: palette.forecast,
      backgroundColor: palette.forecast,
      borderWidth: 1.5,
      borderDash: [2, 3],
      pointRadius: 0,
      fill: false,
      inLegend: chart.cone.length > 0,
      order: 4,
    },
    {
      role: 'pace',
      label: labels.pace,
      data: line(chart.pace),
      borderColor: palette.pace,
      backgroundColor: palette.pace,
      borderWidth: 1.5,
      borderDash: [6, 4],
      pointRadius: 0,
      fill: false,
      inLegend: true,
      order: 3,
    },
    {
      role: 'target',
      label: labels.target,
      data: line(chart.target),
      borderColor: palette.target,
      backgroundColor: palette.target,
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
      stepped: 'before',
      inLegend: true,
      order: 2,
    },
    {
      role: 'actual',
      label: labels.actual,
      data: line(chart.actual),
      borderColor: palette.actual,
      backgroundColor: palette.actual,
      borderWidth: 2.5,
      pointRadius: 0,
      pointHoverRadius: 4,
      fill: false,
      inLegend: true,
      order: 1,
    },
    {
      role: 'milestones',
      label: labels.milestones,
      data: milestones,
      borderColor: palette.milestone,
      backgroundColor: palette.milestone,
      borderWidth: 1.5,
      pointStyle: 'rectRot',
      pointRadius: milestones.map(() => 6),
      pointHoverRadius: 8,
      // Reached milestones are filled in, the others hollow.
      pointBackgroundColor: milestones.map((m) => (m.reached ? palette.milestone : palette.surface)),
      pointBorderColor: palette.milestone,
      fill: false,
      showLine: false,
      inLegend: milestones.length > 0,
      order: 0,
    },
  ];

  return {
    datasets,
    x: { min: 0, max: span, ticks: chartTicks(chart.from, chart.to) },
    today: today >= 0 && today <= span ? today : null,
    breaks: chart.breaks.map((b) => ({ from: x(b.from) - 0.5, to: x(b.to) + 0.5, label: b.label })),
    events: chart.events
      .filter((e) => e.date >= chart.from && e.date <= chart.to)
      .map((e) => ({ x: x(e.date), field: e.field, easing: e.easing })),
  };
}

type TableRow = GoalDetail['chartTable'][number];

/**
 * The chart's table: the backend's weekly rows (each week's last day), plus a row for today
 * when it falls inside the period between two of them, so the table says where things stand
 * now and not only as of last Sunday. Today's values are the chart's own for that day.
 */
export function tableRows(rows: readonly TableRow[], chart: GoalChart): (TableRow & { today: boolean })[] {
  const marked = rows.map((row) => ({ ...row, today: row.date === chart.today }));
  const inside = chart.today >= chart.from && chart.today <= chart.to;
  if (!inside || marked.some((row) => row.today)) return marked;
  const at = (points: readonly { date: string; value: number | null }[]): number | null =>
    points.find((p) => p.date === chart.today)?.value ?? null;
  const today = {
    date: chart.today,
    actual: at(chart.actual),
    expected: at(chart.pace),
    low: null,
    high: null,
    today: true,
  };
  const after = marked.findIndex((row) => row.date > chart.today);
  return after === -1 ? [...marked, today] : [...marked.slice(0, after), today, ...marked.slice(after)];
}

// ---- scorecard ------------------------------------------------------------------------------

export interface ScorecardPalette {
  score: string;
  /** The inside of the hollow point that marks the unfinished period. */
  surface: string;
  volume: string;
  quality: string;
  loyalty: string;
  /** The sides' bars are filled with their colour seen through. */
  fill: (color: string) => string;
}

export interface ScorecardDataset {
  role: 'score' | ScoreCategory;
  /** The weighted score is a line over the sides' bars. */
  type: 'line' | 'bar';
  label: string;
  /** 0–100 per period; null where the side had no goal (no bar, and the line breaks). */
  data: (number | null)[];
  borderColor: string;
  backgroundColor: string;
  borderWidth: number;
  pointRadius?: number;
  /** Per point: the unfinished period's point is hollow (the surface colour inside its ring). */
  pointBackgroundColor?: string[];
  spanGaps?: false;
  /** chart.js draws higher orders first: the line goes over the bars. */
  order: number;
}

/** One slot on the scorecard's time axis: a period with its score, or an empty one (null). */
export interface ScorecardSlot {
  from: string;
  to: string;
  period: Scorecard['periods'][number] | null;
}

const MONTHS: Record<Exclude<Scorecard['every'], 'weekly'>, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The first day of the period after the one starting on `from`. */
function nextStart(from: string, every: Scorecard['every']): string {
  if (every === 'weekly') return addDays(from, 7);
  const [year, month] = from.split('-').map(Number) as [number, number];
  const next = year * 12 + (month - 1) + MONTHS[every];
  return `${Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Every period from the first to the last, the ones the backend left out (no goal ended in
 * them) as empty slots: an empty month is a gap on the axis, never March joined straight to June.
 */
export function scorecardSlots(card: Scorecard): ScorecardSlot[] {
  const first = card.periods[0];
  const last = card.periods.at(-1);
  if (!first || !last) return [];
  const byStart = new Map(card.periods.map((p) => [p.from, p]));
  const slots: ScorecardSlot[] = [];
  for (let from = first.from; from <= last.from; from = nextStart(from, card.every)) {
    const period = byStart.get(from) ?? null;
    slots.push({ from, to: period?.to ?? addDays(nextStart(from, card.every), -1), period });
  }
  return slots;
}

/**
 * One label per period (its first day), empty periods included: the weighted score as a line,
 * each side as a bar. `unfinished` is the index of the period `asOf` falls in, if shown: its
 * score can still move, so its point is hollow and the line into it dashed (ScorecardChart).
 */
export function scorecardChartData(
  card: Scorecard,
  palette: ScorecardPalette,
  labels: Record<'score' | ScoreCategory, string>,
  asOf: string,
): { labels: string[]; slots: ScorecardSlot[]; unfinished: number | null; datasets: ScorecardDataset[] } {
  const slots = scorecardSlots(card);
  const found = slots.findIndex((slot) => slot.from <= asOf && asOf <= slot.to);
  const unfinished = found === -1 ? null : found;
  const side = (category: ScoreCategory): ScorecardDataset => ({
    role: category,
    type: 'bar',
    label: labels[category],
    data: slots.map((slot) => slot.period?.sides[category].score ?? null),
    borderColor: palette[category],
    backgroundColor: palette.fill(palette[category]),
    borderWidth: 1,
    order: 1,
  });
  return {
    labels: slots.map((slot) => slot.from),
    slots,
    unfinished,
    datasets: [
      {
        role: 'score',
        type: 'line',
        label: labels.score,
        data: slots.map((slot) => slot.period?.score ?? null),
        borderColor: palette.score,
        backgroundColor: palette.score,
        borderWidth: 2.5,
        pointRadius: 3.5,
        pointBackgroundColor: slots.map((_, index) => (index === unfinished ? palette.surface : palette.score)),
        spanGaps: false,
        order: 0,
      },
      ...SCORE_CATEGORIES.map(side),
    ],
  };
}
