import type { Translate } from './locales/translate';

/**
 * A technique's effectiveness in plain words, as the screen, the CLI and the journal say it:
 * "SPIN questions: won 12 of 19 (63%, likely between 41% and 81%); without it 38%. About 93%
 * likely to be better for you." Below the minimum it says how many closed deals are still
 * needed instead of a verdict. Takes the figures of a what-works row (or an experiment's
 * result), so it needs no feature.
 */
export interface WhatWorksFigures {
  technique: string;
  used: number;
  won: number;
  winRate: number | null;
  interval: { low: number; high: number } | null;
  baselineWinRate: number | null;
  probBetter: number | null;
  enoughData: boolean;
  closedNeeded: number;
}

/** A 0–1 rate as a whole percentage ("63%"). */
export const wholePercent = (rate: number): string => `${Math.round(rate * 100)}%`;

export function whatWorksSentence(f: WhatWorksFigures, t: Translate): string {
  const values = { technique: f.technique, won: f.won, used: f.used };
  if (!f.enoughData) {
    const needed = t('whatWorks.sentence.notEnough', { count: f.closedNeeded });
    return t(f.used === 0 ? 'whatWorks.sentence.noneYet' : 'whatWorks.sentence.soFar', { ...values, needed });
  }
  const rated = {
    ...values,
    rate: wholePercent(f.winRate ?? 0),
    low: wholePercent(f.interval?.low ?? 0),
    high: wholePercent(f.interval?.high ?? 0),
  };
  if (f.baselineWinRate === null || f.probBetter === null) return t('whatWorks.sentence.noBaseline', rated);
  const result = t('whatWorks.sentence.result', { ...rated, baseline: wholePercent(f.baselineWinRate) });
  // Rounded to a whole percent, 99.6% would read as a certainty the data never gives.
  const better = f.probBetter >= 0.5;
  const likely = better ? f.probBetter : 1 - f.probBetter;
  const chance =
    likely > 0.99
      ? t(better ? 'whatWorks.sentence.betterSure' : 'whatWorks.sentence.worseSure')
      : t(better ? 'whatWorks.sentence.better' : 'whatWorks.sentence.worse', { percent: Math.round(likely * 100) });
  return `${result} ${chance}`;
}
