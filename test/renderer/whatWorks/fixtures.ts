import type {
  TechniqueSegments,
  TechniqueStats,
  TechniqueStatsReport,
  TechniqueUsage,
} from '../../../src-main/features/techniques/contract';

/*
 * What the backend sends for What works, small and hand-made. The headline row: SPIN questions
 * won 12 of 19 closed deals; its 95% Wilson interval is 0.4104–0.8086 (centre (p + z²/2n)/(1 + z²/n)
 * = 0.6095, half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n) = 0.1991 with z = 1.96), and without it
 * 38% of the other closed deals were won.
 */

export const TODAY = '2026-03-16';

export function statsRow(patch: Partial<TechniqueStats> = {}): TechniqueStats {
  return {
    techniqueId: 1,
    technique: 'SPIN questions',
    category: 'discovery',
    retired: false,
    used: 19,
    won: 12,
    lost: 7,
    open: 4,
    winRate: 0.6316,
    interval: { low: 0.4104, high: 0.8086 },
    baselineUsed: 50,
    baselineWon: 19,
    baselineWinRate: 0.38,
    difference: 0.2516,
    probBetter: 0.9312,
    avgWonMinor: 245_000,
    avgSatisfaction: 4.25,
    nps: 40,
    medianDaysToClose: 18,
    enoughData: true,
    closedNeeded: 0,
    ...patch,
  };
}

/** Ranked: SPIN questions, then Trial close; not yet: Feel-felt-found (2 of 2!) and Referral ask. */
export const ROWS: TechniqueStats[] = [
  statsRow(),
  statsRow({
    techniqueId: 2,
    technique: 'Trial close',
    category: 'closing',
    used: 24,
    won: 9,
    lost: 15,
    open: 1,
    winRate: 0.375,
    interval: { low: 0.2118, high: 0.5692 },
    baselineUsed: 45,
    baselineWon: 22,
    baselineWinRate: 0.4889,
    difference: -0.1139,
    probBetter: 0.1811,
    avgWonMinor: 120_000,
    avgSatisfaction: 3.5,
    nps: -10,
    medianDaysToClose: 31,
  }),
  statsRow({
    techniqueId: 3,
    technique: 'Feel-felt-found',
    category: 'objections',
    used: 2,
    won: 2,
    lost: 0,
    open: 3,
    winRate: 1,
    interval: { low: 0.3424, high: 1 },
    baselineUsed: 67,
    baselineWon: 29,
    baselineWinRate: 0.4328,
    difference: 0.5672,
    probBetter: 0.8702,
    avgWonMinor: 310_000,
    avgSatisfaction: 5,
    nps: 100,
    medianDaysToClose: 9,
    enoughData: false,
    closedNeeded: 8,
  }),
  statsRow({
    techniqueId: 4,
    technique: 'Referral ask',
    category: 'prospecting',
    used: 9,
    won: 4,
    lost: 5,
    open: 0,
    winRate: 0.4444,
    interval: { low: 0.1888, high: 0.7333 },
    baselineUsed: 60,
    baselineWon: 27,
    baselineWinRate: 0.45,
    difference: -0.0056,
    probBetter: 0.49,
    enoughData: false,
    closedNeeded: 1,
  }),
];

export function reportFixture(patch: Partial<TechniqueStatsReport> = {}): TechniqueStatsReport {
  return {
    from: '2025-04-01',
    to: TODAY,
    currency: 'EUR',
    minimum: { withIt: 10, without: 10 },
    prior: { alpha: 1, beta: 1 },
    closed: 69,
    multiTechnique: 7,
    rows: ROWS,
    ...patch,
  };
}

export function segmentsFixture(): TechniqueSegments {
  return {
    segments: ['Enterprise', 'SMB'],
    cells: [
      {
        segment: 'Enterprise',
        techniqueId: 1,
        used: 7,
        won: 5,
        winRate: 0.7143,
        interval: { low: 0.359, high: 0.9178 },
      },
      { segment: 'SMB', techniqueId: 1, used: 12, won: 7, winRate: 0.5833, interval: { low: 0.3195, high: 0.8067 } },
      { segment: 'Enterprise', techniqueId: 2, used: 0, won: 0, winRate: null, interval: null },
      { segment: 'SMB', techniqueId: 2, used: 24, won: 9, winRate: 0.375, interval: { low: 0.2118, high: 0.5692 } },
    ],
  };
}

export function usageFixture(): TechniqueUsage {
  return {
    months: ['2026-01', '2026-02', '2026-03'],
    series: [
      { techniqueId: 1, technique: 'SPIN questions', counts: [3, 5, 2] },
      { techniqueId: 2, technique: 'Trial close', counts: [4, 1, 0] },
    ],
  };
}
