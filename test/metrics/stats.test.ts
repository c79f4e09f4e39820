import { describe, expect, it } from 'vitest';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { StatsQuery } from '../../src-main/features/metrics/contract';
import { storeForEachTest } from '../helpers/store';

const t = storeForEachTest();

async function sale(customerId: number, fields: Record<string, unknown>): Promise<void> {
  const status = (fields.status as string) ?? 'won';
  const date = fields.date as string;
  await t.handlers['sales.create'](
    SaleInput.parse({
      title: 'S',
      customerId,
      currency: 'EUR',
      status,
      openedOn: date,
      closedOn: status === 'open' ? null : date,
      ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'date')),
    }),
  );
}

describe('period statistics', () => {
  it('follows the documented definitions', async () => {
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C'].map(
        async (name) => (await t.handlers['customers.create'](CustomerInput.parse({ name, tags: [] }))).id,
      ),
    );
    await sale(a!, { date: '2025-12-01', amountMinor: 10_000 }); // before the period
    await sale(a!, { date: '2026-02-01', amountMinor: 20_000, satisfaction: 4, nps: 9 }); // A's 2nd purchase
    await sale(b!, { date: '2026-01-15', amountMinor: 30_000, satisfaction: 2, nps: 3 }); // B's 1st
    await sale(b!, { date: '2026-03-01', amountMinor: 50_000 }); // B's 2nd
    await sale(c!, { date: '2026-02-10', amountMinor: 7_000, status: 'lost', nps: 10 });
    await sale(c!, { date: '2026-03-05', amountMinor: 9_000, status: 'open' });
    await sale(c!, { date: '2026-02-20', amountMinor: 100_000, currency: 'USD', satisfaction: 5 }); // C's 1st, in USD
    await sale(c!, { date: '2026-04-02', amountMinor: 1_000 }); // after the period

    const stats = await t.handlers['stats.summary'](StatsQuery.parse({ from: '2026-01-01', to: '2026-03-31' }));
    expect(stats).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      currency: 'EUR',
      revenue_cents: 100_000, // EUR only: 200 + 300 + 500
      deals_won: 4,
      deals_lost: 1,
      deals_open: 1,
      win_rate: 0.8,
      avg_deal_cents: 33_333, // 100,000 / 3 EUR deals, rounded
      customers_active: 3,
      new_customers: 2, // B and C bought for the first time
      repeat_customers: 2, // A and B bought again
      avg_satisfaction: 3.67, // (4 + 2 + 5) / 3
      nps: 33.3, // promoters 9 and 10, detractor 3: (2 - 1) / 3
    });
    const usd = await t.handlers['stats.summary'](
      StatsQuery.parse({ from: '2026-01-01', to: '2026-03-31', currency: 'USD' }),
    );
    expect(usd).toMatchObject({ currency: 'USD', revenue_cents: 100_000, avg_deal_cents: 100_000, deals_won: 4 });
  });

  it('answers null, not zero, where there is nothing to average', async () => {
    const stats = await t.handlers['stats.summary'](StatsQuery.parse({ from: '2026-01-01', to: '2026-12-31' }));
    expect(stats).toMatchObject({
      revenue_cents: 0,
      deals_won: 0,
      win_rate: null,
      avg_deal_cents: null,
      avg_satisfaction: null,
      nps: null,
    });
  });

  it('rejects a reversed range', () => {
    expect(StatsQuery.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
  });
});
