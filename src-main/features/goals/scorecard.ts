import type { IsoDate } from '../../shared/dates';
import {
  SCORE_CATEGORIES,
  type DateRange,
  type GoalStatus,
  type Recurrence,
  type ScoreCategory,
} from './contract/definition';
import { AppError } from '../../kernel/errors';
import { dayNumber, periodsBetween } from './calendar';
import { computePace, type PaceInput } from './pace';

/**
 * The scorecard: one weighted score per period over the seller's goals, on three sides —
 * volume (revenue, deals), quality (satisfaction, NPS, win rate) and loyalty (repeat
 * business, check-ins) — and each goal's record of achieved and missed periods.
 */

/** How much each side counts, stated in the UI. Sides without goals in a period drop out. */
export const CATEGORY_WEIGHTS: Readonly<Record<ScoreCategory, number>> = { volume: 0.4, quality: 0.3, loyalty: 0.3 };

export interface GoalPeriodResult {
  readonly goalId: number;
  readonly category: ScoreCategory;
  /** The goal's weight within its side. */
  readonly weight: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Pace progress 0–1: a missed "at least" goal still earns the share it reached. */
  readonly progress: number;
  readonly status: GoalStatus;
}

export interface SideScore {
  /** 0–100; null when the side has no goal in the period. */
  readonly score: number | null;
  readonly goals: number;
}

export interface PeriodScore {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** 0–100: the sides' scores weighted by CATEGORY_WEIGHTS over the sides present. */
  readonly score: number | null;
  readonly sides: Readonly<Record<ScoreCategory, SideScore>>;
  readonly achieved: number;
  readonly missed: number;
  /** Goals whose period is still running. */
  readonly open: number;
}

/**
 * Scores per period, oldest first. A goal scores its progress (achieved counts as 1); a side
 * scores its goals' weighted mean; the period, the sides' mean weighted by `weights`.
 */
export function scorecard(
  results: readonly GoalPeriodResult[],
  weights: Readonly<Record<ScoreCategory, number>> = CATEGORY_WEIGHTS,
): PeriodScore[] {
  for (const side of SCORE_CATEGORIES)
    if (!(weights[side] >= 0)) throw new AppError('invalid_input', `The ${side} weight must be 0 or more.`);
  const periods = new Map<string, GoalPeriodResult[]>();
  for (const r of results) {
    if (dayNumber(r.to) < dayNumber(r.from))
      throw new AppError('invalid_input', `Goal ${r.goalId}: the period ends (${r.to}) before it starts (${r.from}).`);
    if (!(r.weight > 0)) throw new AppError('invalid_input', `Goal ${r.goalId}: the weight must be more than 0.`);
    if (!(r.progress >= 0 && r.progress <= 1))
      throw new AppError('invalid_input', `Goal ${r.goalId}: progress must be from 0 to 1, not ${r.progress}.`);
    if (!SCORE_CATEGORIES.includes(r.category))
      throw new AppError('invalid_input', `Goal ${r.goalId}: "${String(r.category)}" is not a scorecard side.`);
    const key = `${r.from}/${r.to}`;
    periods.set(key, [...(periods.get(key) ?? []), r]);
  }
  return [...periods.values()]
    .map((goals) => scorePeriod(goals, weights))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

function scorePeriod(
  goals: readonly GoalPeriodResult[],
  weights: Readonly<Record<ScoreCategory, number>>,
): PeriodScore {
  const sides = {} as Record<ScoreCategory, SideScore>;
  let total = 0;
  let weightSum = 0;
  for (const side of SCORE_CATEGORIES) {
    const mine = goals.filter((g) => g.category === side);
    let sum = 0;
    let w = 0;
    for (const g of mine) {
      sum += g.weight * (g.status === 'achieved' ? 1 : g.progress);
      w += g.weight;
    }
    const score = mine.length > 0 ? (100 * sum) / w : null;
    sides[side] = { score, goals: mine.length };
    if (score !== null && weights[side] > 0) {
      total += weights[side] * score;
      weightSum += weights[side];
    }
  }
  return {
    from: goals[0]!.from,
    to: goals[0]!.to,
    score: weightSum > 0 ? total / weightSum : null,
    sides,
    achieved: goals.filter((g) => g.status === 'achieved').length,
    missed: goals.filter((g) => g.status === 'missed').length,
    open: goals.filter((g) => g.status !== 'achieved' && g.status !== 'missed').length,
  };
}

// ---- history and streaks --------------------------------------------------------------------

export interface PeriodOutcome extends DateRange {
  readonly status: GoalStatus;
  readonly actual: number | null;
  readonly progress: number;
}

/**
 * A recurring goal's periods from the one containing `since` through the one containing
 * `input.today`, oldest first, each with its pace result as of today (past periods are final).
 */
export function periodHistory(
  input: Omit<PaceInput, 'from' | 'to'>,
  every: Recurrence,
  since: IsoDate,
  weekStartsOn = 1,
): PeriodOutcome[] {
  return periodsBetween(since, input.today, every, weekStartsOn).map((period) => {
    const pace = computePace({ ...input, from: period.from, to: period.to });
    return { from: period.from, to: period.to, status: pace.status, actual: pace.actual, progress: pace.progress };
  });
}

export interface Streaks {
  readonly achieved: number;
  readonly missed: number;
  /** Achieved periods in a row, ending with the latest finished period. */
  readonly current: number;
  readonly longest: number;
  /** Missed periods in a row, ending with the latest finished period. */
  readonly currentMissed: number;
}

/**
 * Streaks over finished periods (achieved or missed), in date order. A period still running
 * neither extends nor breaks a streak.
 */
export function streaks(history: readonly { readonly from: IsoDate; readonly status: GoalStatus }[]): Streaks {
  const finished = history
    .filter((h) => h.status === 'achieved' || h.status === 'missed')
    .sort((a, b) => dayNumber(a.from) - dayNumber(b.from));
  let run = 0;
  let longest = 0;
  let missedRun = 0;
  for (const h of finished) {
    if (h.status === 'achieved') {
      run++;
      missedRun = 0;
      longest = Math.max(longest, run);
    } else {
      run = 0;
      missedRun++;
    }
  }
  return {
    achieved: finished.filter((h) => h.status === 'achieved').length,
    missed: finished.filter((h) => h.status === 'missed').length,
    current: run,
    longest,
    currentMissed: missedRun,
  };
}
