import type { ReportDocument } from '../../../src-main/features/reports/contract';

const STATS = {
  from: '2026-03-01',
  to: '2026-04-30',
  currency: 'EUR',
  revenue_cents: 300_000,
  deals_won: 5,
  deals_lost: 1,
  deals_open: 1,
  win_rate: 5 / 6,
  avg_deal_cents: 60_000,
  customers_active: 4,
  new_customers: 1,
  repeat_customers: 3,
  avg_satisfaction: 4.25,
  nps: 50,
};
const BEFORE = {
  ...STATS,
  from: '2026-01-01',
  to: '2026-02-28',
  revenue_cents: 100_000,
  deals_won: 2,
  win_rate: 0.5,
  nps: null,
};

const month = (m: string, from: string, to: string, revenue: number, won: number, lost: number) => ({
  month: m,
  from,
  to,
  revenue_cents: revenue,
  deals_won: won,
  deals_lost: lost,
  avg_deal_cents: won === 0 ? null : Math.round(revenue / won),
  win_rate: won + lost === 0 ? null : won / (won + lost),
  avg_satisfaction: null,
  nps: null,
  customers_active: 2,
  new_customers: 0,
  repeat_customers: 2,
});

/** A small, consistent report document (what `rapport report` would write), built by hand. */
export function reportDoc(seller: string, overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    schema_version: 2,
    generated_at: '2026-05-01T08:00:00.000Z',
    language: 'en',
    seller: { name: seller },
    period: {
      from: STATS.from,
      to: STATS.to,
      compare: {
        kind: 'previous',
        from: BEFORE.from,
        to: BEFORE.to,
        summary: BEFORE,
        delta: {
          revenue_cents: 200_000,
          deals_won: 3,
          deals_lost: 0,
          deals_open: 0,
          win_rate: Math.round((5 / 6 - 0.5) * 1e6) / 1e6,
          avg_deal_cents: 0,
          customers_active: 0,
          new_customers: 0,
          repeat_customers: 0,
          avg_satisfaction: 0,
          nps: null,
        },
      },
    },
    summary: STATS,
    goals: [],
    scorecard: null,
    volume: {
      currency: 'EUR',
      revenue_cents: 300_000,
      deals_won: 5,
      deals_lost: 1,
      deals_open: 1,
      avg_deal_cents: 60_000,
      months: [
        month('2026-03', '2026-03-01', '2026-03-31', 120_000, 2, 1),
        month('2026-04', '2026-04-01', '2026-04-30', 180_000, 3, 0),
      ],
    },
    quality: {
      win_rate: STATS.win_rate,
      avg_satisfaction: 4.25,
      satisfaction_responses: 4,
      nps: 50,
      nps_responses: 4,
      nps_promoters: 2,
      nps_detractors: 0,
    },
    loyalty: {
      customers_active: 4,
      new_customers: 1,
      repeat_customers: 3,
      repeat_purchase_rate: 0.75,
      retention: { previous_customers: 3, retained: 2, rate: 2 / 3 },
    },
    care: null,
    techniques: null,
    learning: null,
    journal: null,
    comment: 'Good quarter.',
    privacy: { pseudonymized: false, contacts_dropped: true, notes_dropped: true, journal_text: true },
    ...overrides,
  };
}
