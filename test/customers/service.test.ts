import { CustomerQuery, CustomerInput } from '../../src-main/features/customers/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { api } from '../../src-main/shared/api';
import { storeForEachTest } from '../helpers/store';

const t = storeForEachTest();

async function customer(name: string, extra: Record<string, unknown> = {}): Promise<number> {
  return (await t.handlers['customers.create'](CustomerInput.parse({ name, email: null, tags: [], ...extra }))).id;
}

async function wonSale(
  customerId: number,
  closedOn: string,
  amountMinor: number,
  satisfaction: number | null = null,
): Promise<void> {
  await t.handlers['sales.create']({
    title: 'Sale',
    customerId,
    productId: null,
    amountMinor,
    currency: 'EUR',
    status: 'won',
    stage: null,
    openedOn: closedOn,
    closedOn,
    techniqueIds: [],
    satisfaction,
    nps: null,
    lostReason: null,
    notes: null,
  });
}

describe('customers', () => {
  it('creates a customer with normalised email and distinct tags', async () => {
    const c = await t.handlers['customers.create'](
      CustomerInput.parse({
        name: '  Mario Rossi ',
        email: 'Mario.Rossi@Example.IT',
        company: '',
        tags: ['vip', 'vip', 'north'],
      }),
    );
    expect(c).toMatchObject({ name: 'Mario Rossi', email: 'mario.rossi@example.it', company: null, archived: false });
    expect(c.tags).toEqual(['vip', 'north']);
  });

  it('warns about likely duplicates by email and by normalised name', async () => {
    const id = await customer('Mário Rossi', { email: 'mario@example.it' });
    const byName = await t.handlers['customers.duplicates']({ name: 'rossi, mario', email: null });
    expect(byName).toEqual([{ id, name: 'Mário Rossi', email: 'mario@example.it', reason: 'name' }]);
    const byEmail = await t.handlers['customers.duplicates']({ name: 'Someone Else', email: 'MARIO@example.it ' });
    expect(byEmail.map((d) => d.reason)).toEqual(['email']);
    expect(await t.handlers['customers.duplicates']({ name: 'Mario Rossi', email: null, excludeId: id })).toEqual([]);
  });

  it('lists with search, filters, archive state, sort and paging', async () => {
    const a = await customer('Alpha Srl', { segment: 'Enterprise', region: 'Lazio' });
    const b = await customer('Beta Spa', { segment: 'Small business', region: 'Lazio' });
    await customer('Gamma', { segment: 'Enterprise', region: 'Veneto' });
    await wonSale(b, '2026-01-10', 50_000);
    await wonSale(b, '2026-02-10', 25_000);
    await wonSale(a, '2026-03-01', 10_000);

    const byValue = await t.handlers['customers.list'](CustomerQuery.parse({ sort: 'lifetimeValue', dir: 'desc' }));
    expect(byValue.items.map((c) => [c.name, c.lifetimeValueMinor, c.purchases])).toEqual([
      ['Beta Spa', 75_000, 2],
      ['Alpha Srl', 10_000, 1],
      ['Gamma', 0, 0],
    ]);
    expect(byValue.items[0]!.lastPurchase).toBe('2026-02-10');

    const enterprise = await t.handlers['customers.list'](CustomerQuery.parse({ segment: 'Enterprise' }));
    expect(enterprise.items.map((c) => c.name)).toEqual(['Alpha Srl', 'Gamma']);
    expect(
      (await t.handlers['customers.list'](CustomerQuery.parse({ search: 'spa' }))).items.map((c) => c.name),
    ).toEqual(['Beta Spa']);
    // LIKE wildcards in a search are literal text, not patterns.
    expect((await t.handlers['customers.list'](CustomerQuery.parse({ search: '%' }))).total).toBe(0);

    await t.handlers['customers.setArchived']({ id: a, archived: true });
    expect((await t.handlers['customers.list'](CustomerQuery.parse({}))).total).toBe(2);
    expect((await t.handlers['customers.list'](CustomerQuery.parse({ archived: 'archived' }))).items[0]!.id).toBe(a);

    const page2 = await t.handlers['customers.list'](CustomerQuery.parse({ archived: 'all', limit: 2, offset: 2 }));
    expect(page2).toMatchObject({ total: 3, items: [{ name: 'Gamma' }] });
    expect(await t.handlers['customers.facets']({})).toEqual({
      segments: ['Enterprise', 'Small business'],
      regions: ['Lazio', 'Veneto'],
      industries: [],
    });
  });

  it('shows lifetime value, purchases, first/last purchase and average satisfaction', async () => {
    const id = await customer('Ada');
    await wonSale(id, '2026-03-05', 12_345, 5);
    await wonSale(id, '2026-01-20', 10_000, 4);
    await wonSale(id, '2026-02-01', 1_000);
    const detail = await t.handlers['customers.get']({ id });
    expect(detail).toMatchObject({
      lifetimeValueMinor: 23_345,
      currency: 'EUR',
      purchases: 3,
      firstPurchase: '2026-01-20',
      lastPurchase: '2026-03-05',
      avgSatisfaction: 4.5,
    });
    expect(detail.sales.map((s) => s.closedOn)).toEqual(['2026-03-05', '2026-02-01', '2026-01-20']);
  });

  it("counts the customer's check-in answers in the average satisfaction, as every figure does", async () => {
    const id = await customer('Bea');
    await wonSale(id, '2026-06-10', 5_000, 4);
    const [checkIn] = (await t.handlers['care.checkins.list']({ customerId: id })).filter(
      (c) => c.status === 'pending',
    );
    await t.handlers['care.checkins.complete'](
      api['care.checkins.complete'].input.parse({ id: checkIn!.id, completedOn: '2026-06-14', csat: 2 }),
    );
    expect((await t.handlers['customers.get']({ id })).avgSatisfaction).toBe(3);
    const stats = await t.handlers['stats.summary']({ from: '2026-06-01', to: '2026-06-30' });
    expect(stats.avg_satisfaction).toBe(3);
  });

  it('reports a missing customer as not_found', async () => {
    await expect(t.handlers['customers.get']({ id: 999 })).rejects.toEqual(expect.any(AppError));
    await expect(t.handlers['customers.get']({ id: 999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
