import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withInsertTriggersSuspended } from '../../src-main/db/bulkInsert';
import { PRAGMAS } from '../../src-main/db/connection';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { generateDemo } from '../../src-main/features/onboarding';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { CODE_OF_ROWID, ensureSearchIndex, ID_OF_ROWID, searchInsertTriggers } from '../../src-main/db/searchIndex';
import { all, generateSample, one, SAMPLE_OPTIONS } from '../helpers/sample';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { expectSalesFactsRecomputed } from '../metrics/salesFactsCheck';
import { expectFactsRecomputed } from '../metrics/techniqueFactsCheck';

/**
 * The sample generator streams its rows with the summary tables' and the search index's insert
 * triggers suspended and the tables' indexes dropped (db/bulkInsert.ts), then adds the new rows
 * to both in one pass and makes the indexes anew. What it leaves must be what the triggers and
 * indexes would have left, on an empty book and on one that already holds rows.
 */

let t: TestStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** Every index and trigger, as SQLite keeps them. */
const schema = (sqlite: Database.Database) =>
  sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name")
    .all();

/** Every row of the search index, decoded in SQL (rowids pass 2^53). */
const indexed = (sqlite: Database.Database) =>
  sqlite
    .prepare(
      `SELECT ${CODE_OF_ROWID} AS code, ${ID_OF_ROWID} AS id, date, title, body FROM search_index ORDER BY code, id`,
    )
    .all();

/** The search index as the triggers' repair fills it from the tables, in a transaction rolled back. */
async function reindexed(store: TestStore['store']): Promise<unknown[]> {
  let rows: unknown[] = [];
  const rolledBack = new Error('rolled back');
  await store.db
    .transaction()
    .execute(async (trx) => {
      // Insert triggers missing: the repair takes those sources' rows out and indexes them anew.
      for (const name of searchInsertTriggers(['sales', 'customers', 'complaints']))
        await sql`DROP TRIGGER ${sql.id(name)}`.execute(trx);
      expect(await ensureSearchIndex(trx)).toBe(true);
      rows = indexed(store.sqlite);
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  return rows;
}

async function expectDerivedExact(store: TestStore['store'], after: string): Promise<void> {
  await expectSalesFactsRecomputed(store.sqlite, store.db, after);
  await expectFactsRecomputed(store.sqlite, store.db, after);
  const rows = indexed(store.sqlite);
  expect(rows.length, after).toBeGreaterThan(0);
  expect(rows, after).toEqual(await reindexed(store));
  store.sqlite.exec("INSERT INTO search_index (search_index) VALUES ('integrity-check')");
}

/** A won sale the seller saves through the app, with a note (so the search index takes it). */
async function ownSale(store: TestStore, notes: string): Promise<void> {
  const customer = await store.handlers['customers.create'](CustomerInput.parse({ name: 'Anna Real' }));
  await store.handlers['sales.create'](
    SaleEntry.parse({
      title: 'Own deal',
      customerId: customer.id,
      amountMinor: 12_300,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-05-02',
      closedOn: '2026-05-20',
      notes,
    }),
  );
}

describe('the sample book written in bulk', () => {
  it('leaves the summary tables and the search index exact, and every index and trigger as it was', async () => {
    t = await freshStore();
    const before = schema(t.store.sqlite);
    await generateSample(t, { sales: 3000 });
    expect(schema(t.store.sqlite)).toEqual(before);
    await expectDerivedExact(t.store, 'a sample on an empty book');
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(all(t, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // Every streamed row is flagged, so "remove sample data" finds it.
    for (const table of ['customers', 'sales', 'check_ins', 'interactions', 'complaints'])
      expect(one(t, `SELECT count(*) FROM ${table} WHERE sample = 0`), table).toBe(0);
  });

  it('adds a second sample to a book with sales, check-ins and the seller’s own rows, counting each row once', async () => {
    t = await freshStore();
    await generateSample(t, { sales: 1200, seed: 1 });
    await ownSale(t, 'Signed at the fair');
    await generateSample(t, { sales: 1500, seed: 2, endDate: '2026-05-31' });
    expect(one(t, 'SELECT count(*) FROM sales')).toBe(2701);
    expect(one(t, 'SELECT count(*) FROM sales WHERE sample = 0')).toBe(1);
    await expectDerivedExact(t.store, 'a second sample on top of the first and a sale of the seller’s');
  });

  it('has the proportions of a seller’s book: a customer for four sales, check-ins, conversations, complaints', async () => {
    t = await freshStore();
    const counts = await generateSample(t, { sales: 8000 });
    expect(counts).toMatchObject({ customers: 2000, sales: 8000 });
    const perSale = (table: string): number => one(t!, `SELECT count(*) FROM ${table}`) / 8000;
    // ~1.8 check-ins a sale (the cadence of each won one), ~1.25 conversations, ~0.1 complaints.
    expect(perSale('check_ins')).toBeGreaterThan(1.6);
    expect(perSale('check_ins')).toBeLessThan(2);
    expect(perSale('interactions')).toBeGreaterThan(1.1);
    expect(perSale('interactions')).toBeLessThan(1.5);
    expect(perSale('complaints')).toBeGreaterThan(0.05);
    expect(perSale('complaints')).toBeLessThan(0.2);
    const share = (where: string): number => one(t!, `SELECT count(*) FROM sales WHERE ${where}`) / 8000;
    expect(share("status = 'open'")).toBeGreaterThan(0.13);
    expect(share("status = 'open'")).toBeLessThan(0.17);
    expect(share("status = 'won'")).toBeGreaterThan(share("status = 'lost'") * 2);
    expect(share('notes IS NOT NULL')).toBeGreaterThan(0.06);
    expect(share('notes IS NOT NULL')).toBeLessThan(0.1);
    // Ids follow the dates: sales by business day, customers by the day of first contact.
    expect(
      one(
        t,
        `SELECT count(*) FROM sales a JOIN sales b ON b.id = a.id + 1
         WHERE coalesce(b.closed_on, b.opened_on) < coalesce(a.closed_on, a.opened_on)`,
      ),
    ).toBe(0);
    expect(
      one(
        t,
        `SELECT count(*) FROM customers a JOIN customers b ON b.id = a.id + 1
         WHERE substr(b.created_at, 1, 10) < substr(a.created_at, 1, 10)`,
      ),
    ).toBe(0);
  });

  it('puts every trigger and index back and writes nothing when the bulk write fails', async () => {
    t = await freshStore();
    await generateSample(t, { sales: 300 });
    const store = t.store;
    const before = schema(store.sqlite);
    const rows = one(t, 'SELECT count(*) FROM sales');
    const facts = store.sqlite.prepare('SELECT * FROM sales_day_facts ORDER BY day, currency').all();
    const failed = store.db.transaction().execute((trx) =>
      withInsertTriggersSuspended(trx, store.sqlite, async () => {
        store.sqlite
          .prepare(
            `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
             VALUES ('Half-written', 1, 100, 'EUR', 'won', '2026-06-01', '2026-06-02', 'x', 'x')`,
          )
          .run();
        throw new Error('the disk is full');
      }),
    );
    await expect(failed).rejects.toThrow('the disk is full');
    expect(schema(store.sqlite)).toEqual(before);
    expect(one(t, 'SELECT count(*) FROM sales')).toBe(rows);
    expect(store.sqlite.prepare('SELECT * FROM sales_day_facts ORDER BY day, currency').all()).toEqual(facts);
    // The triggers work again: a sale saved now is counted at once.
    await ownSale(t, 'Counted by the triggers');
    await expectDerivedExact(store, 'a sale saved after a failed bulk write');
  });

  it('rapport demo (generateDemo) sorts on disk and skips the foreign-key and CHECK constraints meanwhile, and leaves the connection as it was, also when refused', async () => {
    t = await freshStore();
    const pragmas = (): unknown[] =>
      ['temp_store', 'foreign_keys', 'ignore_check_constraints'].map((name) =>
        t!.store.sqlite.pragma(name, { simple: true }),
      );
    const connection = [PRAGMAS.temp_store, PRAGMAS.foreign_keys, 0];
    expect(await generateDemo(t.store, { ...SAMPLE_OPTIONS, sales: 400 }, FIXED_NOW)).toMatchObject({ sales: 400 });
    expect(pragmas()).toEqual(connection);
    await expect(generateDemo(t.store, { ...SAMPLE_OPTIONS, sales: -1 }, FIXED_NOW)).rejects.toThrow(/number of sales/);
    expect(pragmas()).toEqual(connection);
    // A second demo on top of the first: the references it wrote unchecked point at real rows.
    await generateDemo(t.store, { ...SAMPLE_OPTIONS, sales: 500, seed: 3 }, FIXED_NOW);
    expect(one(t, 'SELECT count(*) FROM sales')).toBe(900);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
    // Every row it wrote unchecked meets every CHECK constraint of its table (integrity_check evaluates them).
    expect(all(t, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    await expectDerivedExact(t.store, 'rapport demo');
  });
});
