import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { TechniqueStats } from '../techniques/contract';
import type { MetricReader, Series } from './definitions';
import type { Range } from './facts';
import { rankedTechniques, WHAT_WORKS_MINIMUM } from './techniques';

/**
 * Figures per week or month of a period (Home's charts), each reduced from the per-day series
 * of definitions.ts (the reader's, so a fact already read for a card is not read again) or,
 * for the pipeline, from one grouped query: no sale is handled one by one here.
 */

/** Σ of a series' values over each bucket (days outside every bucket are ignored). */
function sumPerBucket(series: Series, buckets: readonly Range[], part: 'value' | 'count'): number[] {
  const sums = buckets.map(() => 0);
  for (const [day, point] of Object.entries(series)) {
    const k = buckets.findIndex((b) => day >= b.from && day <= b.to);
    if (k >= 0) sums[k]! += point[part];
  }
  return sums;
}

/**
 * Revenue per bucket split into repeat purchases (a won sale whose customer had an earlier won
 * sale: repeat_revenue_share's numerator) and the rest, first purchases (its denominator minus
 * the numerator). `read` is a reader in one currency: amounts are never added across them.
 */
export async function revenueSplit(
  read: MetricReader,
  buckets: readonly Range[],
): Promise<(Range & { first: number; repeat: number })[]> {
  const series = await read.series('repeat_revenue_share');
  const repeat = sumPerBucket(series, buckets, 'value');
  const all = sumPerBucket(series, buckets, 'count');
  return buckets.map((b, k) => ({ from: b.from, to: b.to, first: all[k]! - repeat[k]!, repeat: repeat[k]! }));
}

/** Learning per bucket: minutes and pages of the learning sessions, library items finished (LEARNING_METRICS). */
export async function learningProgress(
  read: MetricReader,
  buckets: readonly Range[],
): Promise<(Range & { minutes: number; pages: number; finished: number })[]> {
  const [minutes, pages, finished] = await Promise.all(
    (['learning_minutes', 'pages_read', 'items_finished'] as const).map(async (m) =>
      sumPerBucket(await read.series(m), buckets, 'value'),
    ),
  );
  return buckets.map((b, k) => ({
    from: b.from,
    to: b.to,
    minutes: minutes![k]!,
    pages: pages![k]!,
    finished: finished![k]!,
  }));
}

export const PIPELINE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'none'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/**
 * The pipeline on a day: sales opened by then and still open (deals_open's sales), per stage
 * (`none`: no stage set) — how many, and their amount per currency (never converted). Read from
 * the kept open_sale_days (db/salesFacts.ts), a row per day opened, stage and currency.
 */
export async function openPipeline(
  db: Kysely<DB>,
  asOf: string,
): Promise<{ stage: PipelineStage; count: number; amounts: { currency: string; amount: number }[] }[]> {
  const { rows } = await sql<{ stage: string; currency: string; n: number; amount: number }>`
    SELECT stage, currency, sum(sales) AS n, sum(amount) AS amount FROM open_sale_days
    WHERE day <= ${asOf} GROUP BY stage, currency`.execute(db);
  return PIPELINE_STAGES.map((stage) => {
    const mine = rows.filter((r) => (r.stage || 'none') === stage);
    return {
      stage,
      count: mine.reduce((n, r) => n + r.n, 0),
      amounts: mine
        .map((r) => ({ currency: r.currency, amount: r.amount }))
        .sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1)),
    };
  });
}

/**
 * The best techniques of a period by what works' own ranking (rankedTechniques: the
 * lower bound of the 95 % Wilson interval of the win rate), only those with enough data, at
 * most `limit`; and how many techniques were used on decided sales but lack the data yet.
 */
export async function topTechniques(
  db: Kysely<DB>,
  range: Range,
  currency: string,
  limit: number,
): Promise<{
  rows: Pick<TechniqueStats, 'techniqueId' | 'technique' | 'used' | 'won' | 'winRate' | 'interval'>[];
  waiting: number;
  minimum: { withIt: number; without: number };
}> {
  const ranked = await rankedTechniques(db, range, currency);
  return {
    rows: ranked
      .filter((r) => r.enoughData)
      .slice(0, limit)
      .map((r) => ({
        techniqueId: r.techniqueId,
        technique: r.technique,
        used: r.used,
        won: r.won,
        winRate: r.winRate,
        interval: r.interval,
      })),
    waiting: ranked.filter((r) => !r.enoughData).length,
    minimum: { ...WHAT_WORKS_MINIMUM },
  };
}
