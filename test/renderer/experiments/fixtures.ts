import type { Experiment } from '../../../src-main/features/experiments/contract';

/** Experiments as the backend sends them: hand-made, parsed by the fake API against the contract. */
export function experimentFixture(patch: Partial<Experiment> = {}): Experiment {
  return {
    id: 1,
    technique: { id: 3, name: 'Feel-felt-found', description: null },
    hypothesis: 'Feel-felt-found turns more price objections into wins',
    startedOn: '2026-02-02',
    stop: { kind: 'deals', deals: 10 },
    segment: null,
    status: 'running',
    through: '2026-03-16',
    progress: { deals: 6, target: 10, daysLeft: null, fraction: 0.6 },
    result: {
      used: 6,
      won: 4,
      open: 2,
      winRate: 0.6667,
      interval: { low: 0.3, high: 0.9032 },
      baselineUsed: 31,
      baselineWon: 13,
      baselineWinRate: 0.4194,
      probBetter: 0.8571,
      enoughData: false,
    },
    endedOn: null,
    conclusionEntryId: null,
    ...patch,
  };
}

/** Running on a date rule: 12 days left, no deal with it closed yet, three open, for SMB customers. */
export const BY_DATE = experimentFixture({
  id: 2,
  technique: { id: 4, name: 'Referral ask', description: null },
  hypothesis: 'Asking for a referral right after a win brings a lead a month',
  stop: { kind: 'date', on: '2026-03-28' },
  segment: 'SMB',
  progress: { deals: 0, target: null, daysLeft: 12, fraction: 0.7 },
  result: {
    used: 0,
    won: 0,
    open: 3,
    winRate: null,
    interval: null,
    baselineUsed: 20,
    baselineWon: 9,
    baselineWinRate: 0.45,
    probBetter: null,
    enoughData: false,
  },
});

/** Its 12 deals are in: waiting for the seller's conclusion. */
export const COMPLETE = experimentFixture({
  id: 3,
  technique: { id: 2, name: 'Trial close', description: null },
  hypothesis: 'A trial close before the proposal shortens the negotiation',
  startedOn: '2025-11-03',
  stop: { kind: 'deals', deals: 12 },
  status: 'complete',
  through: '2026-03-10',
  progress: { deals: 12, target: 12, daysLeft: null, fraction: 1 },
  result: {
    used: 12,
    won: 8,
    open: 0,
    winRate: 0.6667,
    interval: { low: 0.3906, high: 0.8619 },
    baselineUsed: 40,
    baselineWon: 18,
    baselineWinRate: 0.45,
    probBetter: 0.9087,
    enoughData: true,
  },
});

export const CONCLUDED = experimentFixture({
  id: 4,
  technique: { id: 1, name: 'SPIN questions', description: null },
  hypothesis: 'SPIN questions win more first meetings',
  startedOn: '2025-09-01',
  stop: { kind: 'date', on: '2025-12-31' },
  status: 'concluded',
  through: '2025-12-31',
  progress: { deals: 14, target: null, daysLeft: 0, fraction: 1 },
  endedOn: '2025-12-31',
  conclusionEntryId: 40,
});
