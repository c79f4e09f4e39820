import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type {
  TechniqueCategory,
  TechniqueSegments,
  TechniqueStats,
  TechniqueStatsReport,
  TechniqueUsage,
} from '../techniques/contract';
import { splitRange } from '../../shared/dates';
import { medianOfCounts, probabilityBetter, wilsonInterval } from '../../shared/statistics';
import { npsPoint, ratioOf, readMetrics, satisfactionPoint, shown, winRatePoint } from './definitions';
import {
  decidedCountsByTechnique,
  decidedSalesByTechnique,
  decidedSalesBySegmentAndTechnique,
  multiTechniqueSales,
  openedSalesByMonthAndTechnique,
  openSalesByTechnique,
  checkInRatingsByTechnique,
  type MetricFilter,
  type Range,
  type RatingsDay,
  type TechniqueDecidedFacts,
} from './facts';

/**
 * THE definition of technique effectiveness ("what works"), on the same facts as every other
 * figure (facts.ts) and the same definitions (definitions.ts):
 *
 * - A technique's deals are the sales that name it; a sale naming several counts for each
 *   (the report says how many did: `multiTechnique`).
 * - used / won / lost: its decided sales by closing day in the period (win_rate's sales);
 *   open: its sales opened in the period and still open (deals_open's sales).
 * - winRate = won / used with a 95 % Wilson interval; the baseline is the decided sales in the
 *   same filter WITHOUT it (all decided − its own) and `difference` the gap between the two.
 * - probBetter = P(its rate > the baseline's) with both rates' Beta posteriors under the
 *   stated prior, Beta(1, 1) (uniform): the beta-binomial model.
 * - avgWonMinor: its won sales in the settings currency only (avg_deal; other currencies are
 *   left out, never converted). avgSatisfaction and nps: every answer about its sales in the
 *   period, at the sale and at their check-ins (avg_satisfaction and nps).
 * - medianDaysToClose: the median whole days from opened to closed of its decided sales.
 * - enoughData: at least MINIMUM.withIt decided sales with it and MINIMUM.without without;
 *   closedNeeded: how many more decided sales that takes, the two shortfalls added up.
 * - Ranking: rows with enough data first, by the LOWER bound of their Wilson interval (what
 *   the uncertainty allows at worst, never a raw rate such as 2 of 2), ties by probBetter then
 *   name; the rest after them, by name.
 *
 * Rates are null where nothing is measured (no decided sales on that side).
 */
export const WHAT_WORKS_MINIMUM = { withIt: 10, without: 10 } as const;
export const WHAT_WORKS_PRIOR = { alpha: 1, beta: 1 } as const;

export interface TechniqueQuery extends Range {
  segment?: string | undefined;
  productId?: number | undefined;
  industry?: string | undefined;
}

/** The query as the facts' filter; money counts only `currency`. */
function filterOf(q: TechniqueQuery, currency: string | null): MetricFilter {
  return {
    ...(q.segment !== undefined && { segments: [q.segment] }),
    ...(q.productId !== undefined && { productIds: [q.productId] }),
    ...(q.industry !== undefined && { industries: [q.industry] }),
    currency,
  };
}

interface CatalogueRow {
  id: number;
  name: string;
  category: TechniqueCategory;
  retired: number;
}

/** The catalogue, or the few techniques asked for. */
async function catalogue(db: Kysely<DB>, only?: readonly number[]): Promise<CatalogueRow[]> {
  const narrowed = only === undefined ? sql`` : sql`WHERE id IN (${sql.join(only.length > 0 ? only : [0])})`;
  const { rows } = await sql<CatalogueRow>`
    SELECT id, name, category, retired_at IS NOT NULL AS retired FROM techniques ${narrowed}`.execute(db);
  return rows;
}

/** Builds a figure row from its counts; the rest of the row is the caller's. */
export function effectiveness(
  counts: { used: number; won: number; baselineUsed: number; baselineWon: number },
  prior: { alpha: number; beta: number } = WHAT_WORKS_PRIOR,
): Pick<
  TechniqueStats,
  'winRate' | 'interval' | 'baselineWinRate' | 'difference' | 'probBetter' | 'enoughData' | 'closedNeeded'
> {
  const { used, won, baselineUsed, baselineWon } = counts;
  const winRate = ratioOf(winRatePoint({ won, lost: used - won }));
  const baselineWinRate = ratioOf(winRatePoint({ won: baselineWon, lost: baselineUsed - baselineWon }));
  const closedNeeded =
    Math.max(0, WHAT_WORKS_MINIMUM.withIt - used) + Math.max(0, WHAT_WORKS_MINIMUM.without - baselineUsed);
  return {
    winRate,
    interval: wilsonInterval(won, used),
    baselineWinRate,
    difference: winRate === null || baselineWinRate === null ? null : winRate - baselineWinRate,
    probBetter: used > 0 && baselineUsed > 0 ? probabilityBetter(won, used, baselineWon, baselineUsed, prior) : null,
    enoughData: closedNeeded === 0,
    closedNeeded,
  };
}

/** What the ranking reads of a technique's row, and its counts. */
export type RankedFields = Pick<
  TechniqueStats,
  'used' | 'won' | 'lost' | 'baselineUsed' | 'baselineWon' | keyof ReturnType<typeof effectiveness>
>;

/** The filter's decided sales of the range: how many, and how many won (each technique's baseline is these less its own). */
interface DecidedTotals {
  closed: number;
  won: number;
}

async function decidedTotals(db: Kysely<DB>, range: Range, filter: MetricFilter): Promise<DecidedTotals> {
  const totals = readMetrics(db, { ...range, filter, asOf: range.to });
  const [won, lost] = await Promise.all([totals.total('deals_won'), totals.total('deals_lost')]);
  return { closed: (won ?? 0) + (lost ?? 0), won: won ?? 0 };
}

/** A technique's counts and figures from its decided sales (`t`, none: undefined) and the filter's. */
function rankedFields(t: TechniqueDecidedFacts | undefined, totals: DecidedTotals): RankedFields {
  const used = t?.closed ?? 0;
  const won = t?.won ?? 0;
  const baselineUsed = totals.closed - used;
  const baselineWon = totals.won - won;
  return {
    used,
    won,
    lost: used - won,
    baselineUsed,
    baselineWon,
    ...effectiveness({ used, won, baselineUsed, baselineWon }),
  };
}

/** Ranked rows first (by the interval's lower bound, then probBetter, then name), then the rest by name. */
export function rankTechniques<R extends Pick<TechniqueStats, 'technique' | 'enoughData' | 'interval' | 'probBetter'>>(
  rows: readonly R[],
): R[] {
  const byName = (a: R, b: R): number => a.technique.localeCompare(b.technique);
  const ranked = rows
    .filter((r) => r.enoughData)
    .sort(
      (a, b) =>
        (b.interval?.low ?? 0) - (a.interval?.low ?? 0) || (b.probBetter ?? 0) - (a.probBetter ?? 0) || byName(a, b),
    );
  return [...ranked, ...rows.filter((r) => !r.enoughData).sort(byName)];
}

/**
 * What works over a period: a row per technique that has deals in the filter, and per
 * active technique of the catalogue (one not tried yet shows how much data it still needs).
 * `only` limits the rows to those techniques (an experiment's); the baseline stays every
 * other decided sale of the filter.
 */
export async function techniqueEffectiveness(
  db: Kysely<DB>,
  query: TechniqueQuery,
  currency: string,
  only?: readonly number[],
): Promise<TechniqueStatsReport> {
  const range = { from: query.from, to: query.to };
  const filter = filterOf(query, currency);
  const [closedFacts, openFacts, checkIns, multiTechnique, totals, techniques] = await Promise.all([
    decidedSalesByTechnique(db, range, filter),
    openSalesByTechnique(db, range, filter),
    checkInRatingsByTechnique(db, range, filter),
    multiTechniqueSales(db, range, filter),
    decidedTotals(db, range, filter),
    catalogue(db, only),
  ]);

  const closedOf = new Map(closedFacts.map((f) => [f.techniqueId, f]));
  const open = new Map(openFacts.map((o) => [o.techniqueId, o.n]));
  // Every answer about its sales: at the sale (with the decided facts) and at check-ins.
  const answers = new Map<number, Omit<RatingsDay, 'day'>>();
  for (const r of [...closedFacts, ...checkIns]) {
    const into = answers.get(r.techniqueId) ?? {
      satisfactionAnswers: 0,
      satisfactionSum: 0,
      npsAnswers: 0,
      promoters: 0,
      detractors: 0,
    };
    into.satisfactionAnswers += r.satisfactionAnswers;
    into.satisfactionSum += r.satisfactionSum;
    into.npsAnswers += r.npsAnswers;
    into.promoters += r.promoters;
    into.detractors += r.detractors;
    answers.set(r.techniqueId, into);
  }

  const rows: TechniqueStats[] = [];
  for (const technique of techniques) {
    const t = closedOf.get(technique.id);
    const openDeals = open.get(technique.id) ?? 0;
    const rated = answers.get(technique.id);
    if (t === undefined && openDeals === 0 && rated === undefined && technique.retired === 1) continue;
    rows.push({
      techniqueId: technique.id,
      technique: technique.name,
      category: technique.category,
      retired: technique.retired === 1,
      open: openDeals,
      ...rankedFields(t, totals),
      avgWonMinor:
        t !== undefined && t.wonInCurrency > 0
          ? shown('avg_deal', ratioOf({ value: t.wonAmount, count: t.wonInCurrency }))
          : null,
      avgSatisfaction: rated === undefined ? null : ratioOf(satisfactionPoint(rated)),
      nps: rated === undefined ? null : ratioOf(npsPoint(rated)),
      medianDaysToClose: t !== undefined && t.days.length > 0 ? medianOfCounts(t.days) : null,
    });
  }
  return {
    from: query.from,
    to: query.to,
    currency,
    minimum: { ...WHAT_WORKS_MINIMUM },
    prior: { ...WHAT_WORKS_PRIOR },
    closed: totals.closed,
    multiTechnique,
    rows: rankTechniques(rows),
  };
}

/**
 * What works' ranking alone (Home's best techniques): each technique with decided sales in the
 * period, its counts and the figures techniqueEffectiveness ranks by, in the same order; none of
 * what the ranking does not read (answers, open deals, days to close: about 6 of Home's 40 ms at
 * a million sales). A technique without decided sales never has enough data to be ranked.
 */
export async function rankedTechniques(
  db: Kysely<DB>,
  range: Range,
  currency: string,
): Promise<(RankedFields & Pick<TechniqueStats, 'techniqueId' | 'technique'>)[]> {
  const filter = filterOf(range, currency);
  const [decided, totals] = await Promise.all([
    decidedCountsByTechnique(db, range, filter),
    decidedTotals(db, range, filter),
  ]);
  const catalogued = await catalogue(
    db,
    decided.map((t) => t.techniqueId),
  );
  const names = new Map(catalogued.map((t) => [t.id, t.name]));
  return rankTechniques(
    decided.map((t) => ({
      techniqueId: t.techniqueId,
      technique: names.get(t.techniqueId) ?? '',
      ...rankedFields(t, totals),
    })),
  );
}

/** The segment × technique table: per cell, decided sales, won, the rate and its interval. */
export async function techniqueSegments(db: Kysely<DB>, query: TechniqueQuery): Promise<TechniqueSegments> {
  const facts = await decidedSalesBySegmentAndTechnique(db, query, filterOf(query, null));
  // Named segments alphabetically, customers without one ('') last.
  const segments = [...new Set(facts.map((f) => f.segment))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  const cells = facts
    .map((f) => ({
      segment: f.segment,
      techniqueId: f.techniqueId,
      used: f.closed,
      won: f.won,
      winRate: ratioOf(winRatePoint({ won: f.won, lost: f.closed - f.won })),
      interval: wilsonInterval(f.won, f.closed),
    }))
    .sort((a, b) => segments.indexOf(a.segment) - segments.indexOf(b.segment) || a.techniqueId - b.techniqueId);
  return { segments, cells };
}

/** Every month ('YYYY-MM') from `from`'s through `to`'s. */
export const monthsOf = (from: string, to: string): string[] =>
  splitRange(from, to, 'month').map((m) => m.from.slice(0, 7));

/** Technique use over time: sales opened each month of the period that name each technique (any status). */
export async function techniqueUsage(db: Kysely<DB>, query: TechniqueQuery): Promise<TechniqueUsage> {
  const months = monthsOf(query.from, query.to);
  const facts = await openedSalesByMonthAndTechnique(db, query, filterOf(query, null));
  const used = [...new Set(facts.map((f) => f.techniqueId))];
  const names = new Map((await catalogue(db, used)).map((t) => [t.id, t.name]));
  const series = used
    .map((techniqueId) => ({ techniqueId, technique: names.get(techniqueId) ?? '', counts: months.map(() => 0) }))
    .sort((a, b) => a.technique.localeCompare(b.technique));
  const at = new Map(series.map((s) => [s.techniqueId, s.counts]));
  for (const f of facts) {
    const counts = at.get(f.techniqueId)!;
    const k = months.indexOf(f.month);
    counts[k] = counts[k]! + f.n;
  }
  return { months, series };
}
