import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { Sale, SaleInput } from '../../src-main/features/sales/contract';
import { isIsoDate } from '../../src-main/shared/dates';
import { generateSampleData, type SampleOptions } from '../../src-main/features/onboarding/sampleData';
import { AppError } from '../../src-main/kernel/errors';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';

const END = '2026-06-30';
const START = '2024-07-01'; // 24 months ending END
const OPTIONS: SampleOptions = { sales: 2000, seed: 42, endDate: END, currency: 'EUR' };

const stores: TestStore[] = [];
async function store(): Promise<TestStore> {
  const t = await freshStore();
  stores.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((t) => t.cleanup()));
});

function generate(t: TestStore, options: Partial<SampleOptions> = {}, now = FIXED_NOW) {
  return t.store.db.transaction().execute((trx) => generateSampleData(trx, { ...OPTIONS, ...options }, now));
}

type Row = Record<string, unknown>;
const all = (t: TestStore, sql: string): Row[] => t.store.sqlite.prepare(sql).all() as Row[];
const one = <T = number>(t: TestStore, sql: string): T => t.store.sqlite.prepare(sql).pluck().get() as T;

/** Every table with an id, in id order (sale_techniques is compared separately). */
function dump(t: TestStore): { customers: Row[]; products: Row[]; techniques: Row[]; sales: Row[] } {
  const table = (name: string): Row[] => all(t, `SELECT * FROM ${name} ORDER BY id`);
  return {
    customers: table('customers'),
    products: table('products'),
    techniques: table('techniques'),
    sales: table('sales'),
  };
}

describe('generateSampleData: determinism', () => {
  it('produces identical rows for the same seed and end date, different rows for another seed', async () => {
    const [a, b, c] = [await store(), await store(), await store()];
    await generate(a, { sales: 1500, seed: 7 });
    await generate(b, { sales: 1500, seed: 7 });
    await generate(c, { sales: 1500, seed: 8 });
    const links = (t: TestStore): Row[] => all(t, 'SELECT * FROM sale_techniques ORDER BY sale_id, technique_id');

    expect(dump(b)).toEqual(dump(a));
    expect(links(b)).toEqual(links(a));
    expect(dump(c).sales).not.toEqual(dump(a).sales);
    expect(dump(c).customers.map((r) => r.name)).not.toEqual(dump(a).customers.map((r) => r.name));
  });
});

describe('generateSampleData: a realistic dataset', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await store();
  });

  it('inserts what it reports, with about sales/4 customers, and every reference resolves', async () => {
    const counts = await generate(t);
    expect(counts).toEqual({ customers: 500, sales: 2000, products: 8, techniques: 6 });
    expect(one(t, 'SELECT count(*) FROM customers')).toBe(500);
    expect(one(t, 'SELECT count(*) FROM sales')).toBe(2000);
    expect(one(t, 'SELECT count(*) FROM products')).toBe(8);
    expect(one(t, 'SELECT count(*) FROM techniques')).toBe(6);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
    // Every customer bought (or at least negotiated) something.
    expect(one(t, 'SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM sales)')).toBe(0);
    expect(one(t, 'SELECT count(DISTINCT segment) FROM customers')).toBe(4);
    expect(one(t, 'SELECT count(DISTINCT acquisition_source) FROM customers')).toBe(5);
    expect(one(t, 'SELECT count(DISTINCT region) FROM customers')).toBeGreaterThan(10);
    expect(one(t, "SELECT count(*) FROM customers WHERE tags <> '[]'")).toBeGreaterThan(100);
  });

  it('keeps every date valid and inside the 24 months ending on the end date', async () => {
    await generate(t);
    const sales = all(t, 'SELECT * FROM sales') as {
      status: string;
      stage: string | null;
      opened_on: string;
      closed_on: string | null;
      lost_reason: string | null;
      created_at: string;
      updated_at: string;
    }[];
    for (const s of sales) {
      expect(isIsoDate(s.opened_on)).toBe(true);
      expect(s.opened_on >= START && s.opened_on <= END).toBe(true);
      if (s.status === 'open') {
        expect(s.closed_on).toBeNull();
        expect(s.stage).not.toBeNull();
        expect(s.opened_on >= '2026-03-01').toBe(true); // open deals are recent
      } else {
        expect(isIsoDate(s.closed_on!)).toBe(true);
        expect(s.closed_on! >= s.opened_on && s.closed_on! <= END).toBe(true);
        expect(s.stage).toBeNull();
      }
      expect(s.lost_reason !== null).toBe(s.status === 'lost');
      expect(s.updated_at >= s.created_at).toBe(true);
      expect(s.updated_at <= FIXED_NOW.toISOString()).toBe(true);
    }
    const share = (status: string): number => sales.filter((s) => s.status === status).length / sales.length;
    expect(share('won')).toBeGreaterThan(0.52);
    expect(share('won')).toBeLessThan(0.68);
    expect(share('lost')).toBeGreaterThan(0.18);
    expect(share('lost')).toBeLessThan(0.32);
    expect(share('open')).toBeGreaterThan(0.1);
    expect(share('open')).toBeLessThan(0.2);
  });

  it('writes rows the app itself would accept: every customer and sale passes the shared schemas', async () => {
    await generate(t, { sales: 600 });
    const customers = await t.handlers['customers.list']({
      limit: 500,
      archived: 'all',
      sort: 'name',
      dir: 'asc',
      offset: 0,
    });
    for (const c of customers.items) {
      expect(CustomerInput.safeParse(c).success, c.email ?? c.name).toBe(true);
    }
    const sales = await t.handlers['sales.list']({ limit: 500, sort: 'date', dir: 'desc', offset: 0 });
    expect(sales.total).toBe(600);
    for (const s of sales.items) {
      const sale = Sale.parse(s);
      const input = { ...sale, techniqueIds: sale.techniques.map((x) => x.id) };
      expect(SaleInput.safeParse(input).success, sale.title).toBe(true);
      expect(sale.title).toMatch(/^.+ — .+$/);
      expect(sale.amountMinor).toBeGreaterThan(0);
    }
  });

  it('gives techniques clearly different win rates', async () => {
    await generate(t);
    const rates = Object.fromEntries(
      all(
        t,
        `SELECT t.name, avg(s.status = 'won') AS rate FROM sales s
         JOIN sale_techniques st ON st.sale_id = s.id JOIN techniques t ON t.id = st.technique_id
         WHERE s.status <> 'open' GROUP BY t.name`,
      ).map((r): [string, number] => [r.name as string, r.rate as number]),
    );
    expect(Object.keys(rates)).toHaveLength(6);
    expect(rates['SPIN questions']! - rates['Discount close']!).toBeGreaterThan(0.15);
    expect(Math.max(...Object.values(rates)) - Math.min(...Object.values(rates))).toBeGreaterThan(0.15);
  });

  it('has a heavy tail of repeat buyers', async () => {
    await generate(t);
    const perCustomer = (
      all(t, 'SELECT count(*) AS n FROM sales GROUP BY customer_id ORDER BY n DESC') as {
        n: number;
      }[]
    ).map((r) => r.n);
    const top10 = perCustomer.slice(0, perCustomer.length / 10).reduce((a, b) => a + b, 0);
    expect(perCustomer[0]).toBeGreaterThanOrEqual(15);
    expect(perCustomer.filter((n) => n === 1).length).toBeGreaterThan(50); // one-off buyers too
    expect(top10 / 2000).toBeGreaterThan(0.25); // the top 10% of customers bring > 25% of deals
    expect(
      one(
        t,
        "SELECT count(*) FROM (SELECT customer_id FROM sales WHERE status = 'won' GROUP BY customer_id HAVING count(*) >= 3)",
      ),
    ).toBeGreaterThan(50);
  });

  it('shows seasonality: an August dip against spring and autumn peaks', async () => {
    await generate(t);
    const perMonth = Object.fromEntries(
      all(t, "SELECT substr(closed_on, 6, 2) AS m, count(*) AS n FROM sales WHERE status <> 'open' GROUP BY m").map(
        (r) => [r.m, r.n as number],
      ),
    );
    const peaks = (perMonth['04']! + perMonth['10']!) / 2;
    expect(perMonth['08']!).toBeLessThan(0.5 * peaks);
    expect(perMonth['12']!).toBeLessThan(peaks);
  });

  it('skews satisfaction high on won deals and correlates NPS with it', async () => {
    await generate(t);
    const won = all(t, "SELECT satisfaction, nps FROM sales WHERE status = 'won'") as {
      satisfaction: number | null;
      nps: number | null;
    }[];
    const rated = won.filter((s) => s.satisfaction !== null);
    expect(rated.length / won.length).toBeGreaterThan(0.7);
    expect(rated.length).toBeLessThan(won.length); // some unrated
    expect(rated.reduce((sum, s) => sum + s.satisfaction!, 0) / rated.length).toBeGreaterThan(3.8);
    const avgNps = (pred: (s: number) => boolean): number => {
      const xs = rated.filter((s) => s.nps !== null && pred(s.satisfaction!)).map((s) => s.nps!);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(avgNps((s) => s === 5) - avgNps((s) => s <= 3)).toBeGreaterThan(2.5);
    expect(one(t, 'SELECT count(*) FROM sales WHERE nps IS NOT NULL AND nps NOT BETWEEN 0 AND 10')).toBe(0);
  });

  it('never stamps a record after the clock, even when the sample period ends in the future', async () => {
    const now = new Date('2026-01-10T12:00:00.000Z');
    await generate(t, { sales: 300 }, now);
    expect(one<string>(t, 'SELECT max(created_at) FROM customers') <= now.toISOString()).toBe(true);
    expect(one<string>(t, 'SELECT max(updated_at) FROM sales') <= now.toISOString()).toBe(true);
  });
});

describe('generateSampleData: alongside existing data', () => {
  it('reuses products and techniques by name (case-insensitively) and appends customers and sales', async () => {
    const t = await store();
    await t.handlers['techniques.create']({ name: 'spin QUESTIONS', description: null });
    await t.handlers['products.create']({
      name: 'Hardware Kit',
      category: null,
      listPriceMinor: null,
      currency: 'EUR',
    });

    const first = await generate(t, { sales: 400 });
    expect(first).toEqual({ customers: 100, sales: 400, products: 7, techniques: 5 });
    expect(one(t, 'SELECT count(*) FROM techniques')).toBe(6);
    expect(
      one(t, "SELECT count(*) FROM sales s JOIN products p ON p.id = s.product_id WHERE p.name = 'Hardware Kit'"),
    ).toBeGreaterThan(0);

    const second = await generate(t, { sales: 400, seed: 43 });
    expect(second).toEqual({ customers: 100, sales: 400, products: 0, techniques: 0 });
    expect(one(t, 'SELECT count(*) FROM sales')).toBe(800);
    expect(one(t, 'SELECT count(*) FROM customers')).toBe(200);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('rejects impossible options before writing anything', async () => {
    const t = await store();
    for (const bad of [
      { sales: -1 },
      { sales: 1.5 },
      { endDate: '2026-02-31' },
      { currency: 'EURO' },
      { seed: Number.NaN },
    ]) {
      await expect(generate(t, bad)).rejects.toBeInstanceOf(AppError);
    }
    expect(one(t, 'SELECT count(*) FROM products')).toBe(0);
    expect(one(t, 'SELECT count(*) FROM customers')).toBe(0);
  });

  it('adds only the catalogue when asked for zero sales', async () => {
    const t = await store();
    expect(await generate(t, { sales: 0 })).toEqual({ customers: 0, sales: 0, products: 8, techniques: 6 });
  });
});
