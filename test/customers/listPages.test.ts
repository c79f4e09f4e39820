import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_SORTS, CustomerQuery } from '../../src-main/features/customers/contract';
import { listCustomers } from '../../src-main/features/customers/repository';
import { freshStore, type TestStore } from '../helpers/store';

/**
 * The customers list reads its page at the source (a sort's index in order when the filter keeps
 * many, the few it keeps sorted otherwise; the customers without a won total as a block by id):
 * for every sort, direction, filter and page it must return what one straightforward query over
 * every won sale returns, written here as the list was before the kept totals. The book is made
 * for ties: names equal but for case, shared creation times, equal and zero values, won sales
 * in two currencies (few in USD: their block ends early), customers without any, archived ones.
 */

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['ann', 'Ann', 'ANN', 'Bob', 'bob', 'Émile', 'émile', 'Zed', 'a_b', '100% Co'];

function makeBook(sqlite: Database.Database, seed: number, customers: number): void {
  const r = random(seed);
  const one = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const customer = sqlite.prepare(
    `INSERT INTO customers (name, name_key, company, email, segment, region, industry, tags, archived_at,
       created_at, updated_at) VALUES (?, lower(?), ?, ?, ?, ?, ?, ?, ?, ?, 'x')`,
  );
  const sale = sqlite.prepare(
    `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
       updated_at) VALUES ('s', ?, ?, ?, ?, '2026-01-01', ?, 'x', 'x')`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < customers; i++) {
      const name = one(NAMES);
      const id = customer.run(
        name,
        name,
        one(['Acme', '50% off', null]),
        one([`${name.toLowerCase()}@x.it`, null]),
        one(['A', 'B', null]),
        one(['N', 'S']),
        one(['X', null]),
        JSON.stringify(one([[], ['VIP'], ['an_x']])),
        r() < 0.2 ? '2026-02-01T00:00:00.000Z' : null,
        one(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', `2026-01-03T00:00:0${i % 10}.000Z`]),
      ).lastInsertRowid;
      const sales = one([0, 0, 1, 2, 3, 5]);
      for (let s = 0; s < sales; s++) {
        const status = one(['won', 'won', 'lost', 'open'] as const);
        sale.run(
          id,
          one([0, 100, 100, 2500, 70_000]),
          one(['EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'USD']),
          status,
          status === 'open' ? null : one(['2026-01-05', '2026-01-05', '2026-02-10', '2026-03-20']),
        );
      }
    }
  })();
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The list as one query over every won sale: ids in order, and the total. */
function expected(sqlite: Database.Database, input: Record<string, unknown>, currency: string) {
  const q = CustomerQuery.parse(input);
  const where: string[] = [];
  const params: unknown[] = [currency];
  if (q.search) {
    where.push(
      "(c.name LIKE ? ESCAPE '\\' OR c.company LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\' OR c.tags LIKE ? ESCAPE '\\')",
    );
    params.push(...Array<string>(4).fill(`%${escapeLike(q.search)}%`));
  }
  for (const column of ['segment', 'region', 'industry'] as const)
    if (q[column]) {
      where.push(`c.${column} = ?`);
      params.push(q[column]);
    }
  if (q.archived === 'active') where.push('c.archived_at IS NULL');
  if (q.archived === 'archived') where.push('c.archived_at IS NOT NULL');
  const column = {
    name: 'c.name COLLATE NOCASE',
    createdAt: 'c.created_at',
    lifetimeValue: 'coalesce(p.ltv, 0)',
    lastPurchase: 'p.last_purchase',
    purchases: 'coalesce(p.purchases, 0)',
  }[q.sort];
  const rows = sqlite
    .prepare(
      `SELECT c.id, coalesce(p.purchases, 0) AS purchases, coalesce(p.ltv, 0) AS ltv, p.last_purchase
       FROM customers c LEFT JOIN (
         SELECT customer_id, count(*) AS purchases, sum(CASE WHEN currency = ? THEN amount_minor ELSE 0 END) AS ltv,
           max(closed_on) AS last_purchase
         FROM sales WHERE status = 'won' GROUP BY customer_id
       ) p ON p.customer_id = c.id
       WHERE ${where.length > 0 ? where.join(' AND ') : '1'}
       ORDER BY ${column} ${q.dir} NULLS LAST, c.id`,
    )
    .all(...params) as { id: number; purchases: number; ltv: number; last_purchase: string | null }[];
  return {
    total: rows.length,
    items: rows.slice(q.offset, q.offset + q.limit).map((r) => ({
      id: r.id,
      purchases: r.purchases,
      lifetimeValueMinor: r.ltv,
      lastPurchase: r.last_purchase,
    })),
  };
}

const FILTERS: Record<string, unknown>[] = [
  {},
  { archived: 'archived' },
  { archived: 'all' },
  { segment: 'A' },
  { segment: 'B', region: 'N', archived: 'all' },
  { industry: 'X' },
  { region: 'S', industry: 'X', segment: 'A' },
  { search: 'an' },
  { search: '%' },
  { search: '_' },
  { search: 'VIP', archived: 'all' },
  { search: 'nobody' },
];
/** Pages from the first on, across the end of the block of customers with a total, and past the end. */
const PAGES = [
  { limit: 5, offset: 0 },
  { limit: 7, offset: 3 },
  // Past the few customers with a total in USD, early enough to be read in the index's order.
  { limit: 3, offset: 22 },
  { limit: 4, offset: 31 },
  { limit: 25, offset: 40 },
  { limit: 10, offset: 95 },
  { limit: 50, offset: 120 },
  { limit: 500, offset: 0 },
  { limit: 5, offset: 400 },
];

async function expectSameLists(t: TestStore, after: string): Promise<number> {
  let compared = 0;
  for (const currency of ['EUR', 'USD'])
    for (const sort of CUSTOMER_SORTS)
      for (const dir of ['asc', 'desc'])
        for (const filter of FILTERS)
          for (const page of PAGES) {
            const input = { ...filter, ...page, sort, dir };
            const got = await listCustomers(t.store.db, CustomerQuery.parse(input), currency);
            const want = expected(t.store.sqlite, input, currency);
            const what = `${after}: ${JSON.stringify(input)} in ${currency}`;
            expect(got.total, what).toBe(want.total);
            expect(
              got.items.map((c) => ({
                id: c.id,
                purchases: c.purchases,
                lifetimeValueMinor: c.lifetimeValueMinor,
                lastPurchase: c.lastPurchase,
              })),
              what,
            ).toEqual(want.items);
            compared += want.items.length;
          }
  return compared;
}

describe('customers list: pages read at the source', () => {
  it('equal one query over every won sale, for every sort, direction, filter and page', async () => {
    const t = await freshStore();
    try {
      makeBook(t.store.sqlite, 14, 200);
      // Not vacuous: the book has the ties and blocks the list must order.
      const count = (statement: string) => t.store.sqlite.prepare(statement).pluck().get() as number;
      expect(count('SELECT count(*) FROM customers WHERE archived_at IS NOT NULL')).toBeGreaterThan(10);
      expect(count("SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM sales WHERE status = 'won')")).toBeGreaterThan(20); // prettier-ignore
      expect(count("SELECT count(DISTINCT customer_id) FROM sales WHERE status = 'won' AND currency = 'USD'")).toBeGreaterThan(10); // prettier-ignore
      expect(await expectSameLists(t, 'the book')).toBeGreaterThan(10_000);
      // After writes through the triggers: a won sale moved to another customer and currency, one deleted.
      t.store.sqlite.exec(`UPDATE sales SET customer_id = 3, currency = 'USD', amount_minor = 9
        WHERE id = (SELECT min(id) FROM sales WHERE status = 'won')`);
      t.store.sqlite.exec("DELETE FROM sales WHERE id = (SELECT max(id) FROM sales WHERE status = 'won')");
      await expectSameLists(t, 'after writes');
    } finally {
      await t.cleanup();
    }
  }, 120_000);

  it('lists through its handler in the currency of the settings, and refuses a bad query', async () => {
    const t = await freshStore();
    try {
      makeBook(t.store.sqlite, 7, 40);
      const page = await t.handlers['customers.list'](CustomerQuery.parse({ sort: 'lifetimeValue', dir: 'desc' }));
      const want = expected(t.store.sqlite, { sort: 'lifetimeValue', dir: 'desc' }, 'EUR');
      expect(page.total).toBe(want.total);
      expect(page.items.map((c) => c.id)).toEqual(want.items.map((c) => c.id));
      expect(() => CustomerQuery.parse({ sort: 'revenue' })).toThrow();
    } finally {
      await t.cleanup();
    }
  });
});
