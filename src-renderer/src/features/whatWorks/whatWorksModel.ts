import type { Format } from '../../../../src-main/shared/format';
import type { Translate } from '../../../../src-main/shared/locales/translate';
import type {
  TechniqueSegments,
  TechniqueStats,
  TechniqueStatsQuery,
  TechniqueStatsReport,
  TechniqueUsage,
} from '../../../../src-main/features/techniques/contract';

/*
 * What the What works view makes of the backend's figures (techniques/whatWorks.ts): the period
 * asked for, the rows split into ranked and not yet, the plain-words sentences, the chart's
 * numbers and its table's. Pure, so each is tested without a screen; the components only draw.
 */

export const PERIOD_PRESETS = ['quarter', 'year', 'last12', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The view's filters as the seller set them; '' is "any". */
export interface WhatWorksFilters {
  period: PeriodPreset;
  /** The custom period's days (`YYYY-MM-DD`, or what DateInput gives for an entry that is not a day). */
  from: string;
  to: string;
  segment: string;
  productId: string;
  industry: string;
}

export const defaultFilters = (today: string): WhatWorksFilters => ({
  period: 'last12',
  ...presetRange('last12', today),
  segment: '',
  productId: '',
  industry: '',
});

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The days a preset covers, up to today: this calendar quarter or year so far, or the last
 * twelve months counted in whole months (this one included), so the use-over-time chart has
 * twelve full buckets and no sliver of a thirteenth.
 */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  if (preset === 'year') return { from: `${year}-01-01`, to: today };
  if (preset === 'quarter') return { from: `${year}-${pad(month - ((month - 1) % 3))}-01`, to: today };
  const start = year * 12 + (month - 1) - 11;
  return { from: `${Math.floor(start / 12)}-${pad((start % 12) + 1)}-01`, to: today };
}

/** The query the filters ask for, or null while the custom period is not two days in order. */
export function statsQuery(filters: WhatWorksFilters, today: string): TechniqueStatsQuery | null {
  const range =
    filters.period === 'custom' ? { from: filters.from, to: filters.to } : presetRange(filters.period, today);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(range.from) || !day.test(range.to) || range.from > range.to) return null;
  return {
    ...range,
    ...(filters.segment ? { segment: filters.segment } : {}),
    ...(filters.productId ? { productId: Number(filters.productId) } : {}),
    ...(filters.industry ? { industry: filters.industry } : {}),
  };
}

/** What is wrong with the custom period, as a message key, if anything. */
export function customPeriodError(filters: WhatWorksFilters): { field: 'from' | 'to'; key: string } | null {
  if (filters.period !== 'custom') return null;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(filters.from)) return { field: 'from', key: filters.from === '' ? 'errors.required' : 'errors.date' };
  if (!day.test(filters.to)) return { field: 'to', key: filters.to === '' ? 'errors.required' : 'errors.date' };
  if (filters.from > filters.to) return { field: 'to', key: 'errors.rangeOrder' };
  return null;
}

/**
 * The rows to show: ranked ones in the backend's order (by what the uncertainty allows), then
 * those without enough data, by name as the backend sends them. A retired technique no deal
 * in the period names is left out: it is only kept for the deals that used it.
 */
export function splitRows(report: TechniqueStatsReport): { ranked: TechniqueStats[]; waiting: TechniqueStats[] } {
  const shown = report.rows.filter((row) => !row.retired || row.used > 0 || row.open > 0);
  return { ranked: shown.filter((row) => row.enoughData), waiting: shown.filter((row) => !row.enoughData) };
}

/** Nothing to measure: no closed deal in the period names a technique. */
export const isEmptyReport = (report: TechniqueStatsReport): boolean => report.rows.every((row) => row.used === 0);

/** react-i18next's `t` as the shared wording (whatWorksWords.ts) takes it. */
export const asTranslate =
  (t: (key: string, values?: Record<string, unknown>) => string): Translate =>
  (key, values) =>
    t(key, values);

/** A probability as people say it: whole percent, never a flat 0 % or 100 %. */
export function formatChance(probability: number, format: Pick<Format, 'percent'>): string {
  if (probability > 0 && probability < 0.005) return `<${format.percent(0.01)}`;
  if (probability < 1 && probability > 0.995) return `>${format.percent(0.99)}`;
  return format.percent(probability);
}

/** A difference of two rates in percentage points, signed: "+25", "−4", "0". */
export function formatPoints(difference: number, format: Pick<Format, 'number'>): string {
  const points = Math.round(difference * 100);
  if (points === 0) return format.number(0);
  return `${points > 0 ? '+' : '−'}${format.number(Math.abs(points))}`;
}

/** A message key and its values: the component words it with `t`. */
export interface Sentence {
  key: string;
  values: Record<string, string | number>;
}

/** How many ranked rows the view says in words above the table. */
export const SENTENCE_ROWS = 3;

// ---- the win-rate chart --------------------------------------------------------------------

export interface WinRateChartRow {
  technique: string;
  /** Percent, 0–100, as the axis reads. */
  rate: number;
  low: number;
  high: number;
  baseline: number | null;
}

/**
 * The chart shows the ranked techniques only: a rate from a handful of deals drawn as a bar
 * beside the others would rank it by eye. Its table (WinRateTable) lists exactly these rows.
 */
export function winRateChartRows(ranked: readonly TechniqueStats[]): WinRateChartRow[] {
  return ranked.flatMap((row) =>
    row.winRate === null || row.interval === null
      ? []
      : [
          {
            technique: row.technique,
            rate: toPercent(row.winRate),
            low: toPercent(row.interval.low),
            high: toPercent(row.interval.high),
            baseline: row.baselineWinRate === null ? null : toPercent(row.baselineWinRate),
          },
        ],
  );
}

/** A rate 0–1 as the whole percent the chart draws and its table and sentences say. */
const toPercent = (rate: number): number => Math.round(rate * 100);

// ---- use over time -------------------------------------------------------------------------

/** The lines the use chart draws: the most used techniques, the rest together as one. */
export const USAGE_LINES = 5;

export interface UsageSeries {
  /** Null for the line of all the other techniques together. */
  techniqueId: number | null;
  technique: string;
  counts: number[];
}

/**
 * The usage series as drawn and tabled: the `USAGE_LINES` most used over the period (ties by
 * name), then one line summing the others, so a busy catalogue stays readable.
 */
export function usageSeries(usage: TechniqueUsage, othersLabel: string): UsageSeries[] {
  const total = (counts: readonly number[]): number => counts.reduce((sum, n) => sum + n, 0);
  const used = usage.series
    .filter((s) => total(s.counts) > 0)
    .sort((a, b) => total(b.counts) - total(a.counts) || a.technique.localeCompare(b.technique));
  const top = used.slice(0, USAGE_LINES).map((s) => ({ ...s, counts: [...s.counts] }));
  const rest = used.slice(USAGE_LINES);
  if (rest.length === 0) return top;
  return [
    ...top,
    {
      techniqueId: null,
      technique: othersLabel,
      counts: usage.months.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0)),
    },
  ];
}

/** A month key (`YYYY-MM`, or a day in it) as its first day, for formatting. */
export const monthStart = (month: string): string => `${month.slice(0, 7)}-01`;

// ---- segment × technique -------------------------------------------------------------------

export type SegmentCell = TechniqueSegments['cells'][number];

export interface SegmentRow {
  techniqueId: number;
  technique: string;
  /** One per segment, in `segments` order; null where no closed deal of that segment used it. */
  cells: (SegmentCell | null)[];
}

/**
 * The segment table's rows: every technique with a closed deal in some segment, in the stats
 * report's order (ranked first), each with a cell per segment.
 */
export function segmentRows(data: TechniqueSegments, report: TechniqueStatsReport): SegmentRow[] {
  const byKey = new Map(data.cells.map((cell) => [`${cell.techniqueId}|${cell.segment}`, cell]));
  const withDeals = new Set(data.cells.filter((cell) => cell.used > 0).map((cell) => cell.techniqueId));
  const order = report.rows.map((row) => ({ techniqueId: row.techniqueId, technique: row.technique }));
  // A technique the report does not list (retired since) still gets its row, after the others.
  for (const cell of data.cells)
    if (!order.some((row) => row.techniqueId === cell.techniqueId))
      order.push({ techniqueId: cell.techniqueId, technique: `#${cell.techniqueId}` });
  return order
    .filter((row) => withDeals.has(row.techniqueId))
    .map((row) => ({
      ...row,
      cells: data.segments.map((segment) => {
        const cell = byKey.get(`${row.techniqueId}|${segment}`);
        return cell && cell.used > 0 ? cell : null;
      }),
    }));
}
