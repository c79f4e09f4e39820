import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { Sale, SaleInput } from '../../src-main/features/sales/contract';
import { AppError } from '../../src-main/kernel/errors';
import { all, generateSample as generate, one, type Row } from '../helpers/sample';
import { storesPerTest, type TestStore } from '../helpers/store';

const store = storesPerTest();

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
    // The customers' drafts waited in a temporary table, gone once they were inserted.
    expect(all(t, 'SELECT name FROM temp.sqlite_schema')).toEqual([]);
    // Every customer bought (or at least negotiated) something.
    expect(one(t, 'SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM sales)')).toBe(0);
    expect(one(t, 'SELECT count(DISTINCT segment) FROM customers')).toBe(4);
    expect(one(t, 'SELECT count(DISTINCT acquisition_source) FROM customers')).toBe(5);
    expect(one(t, 'SELECT count(DISTINCT region) FROM customers')).toBeGreaterThan(10);
    expect(one(t, "SELECT count(*) FROM customers WHERE tags <> '[]'")).toBeGreaterThan(100);
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
    await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'spin QUESTIONS' }));
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
