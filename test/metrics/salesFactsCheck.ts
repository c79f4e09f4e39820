import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { clearSalesFacts, fillSalesFacts, SALES_FACT_TABLES } from '../../src-main/db/salesFacts';
import type { DB } from '../../src-main/db/schema';

/** Every row of the sales fact tables, each table in key order. */
export function salesFactRows(sqlite: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    SALES_FACT_TABLES.map(({ table, key }) => [
      table,
      sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key.join(', ')}`).all(),
    ]),
  );
}

/**
 * The tables as a full recomputation from the sales and check-ins makes them: emptied and
 * filled again (as the migration fills them) inside a savepoint that is then rolled back.
 */
export async function recomputedSalesFactRows(
  sqlite: Database.Database,
  db: Kysely<DB>,
): Promise<Record<string, unknown[]>> {
  sqlite.exec('SAVEPOINT recompute_sales');
  try {
    await clearSalesFacts(db);
    for (const { table } of SALES_FACT_TABLES)
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    await fillSalesFacts(db);
    return salesFactRows(sqlite);
  } finally {
    sqlite.exec('ROLLBACK TO recompute_sales; RELEASE recompute_sales');
  }
}

/** The tables kept by the triggers equal a full recomputation; `after` names the write in a failure. */
export async function expectSalesFactsRecomputed(
  sqlite: Database.Database,
  db: Kysely<DB>,
  after: string,
): Promise<void> {
  expect(sqlite.prepare('SELECT count(*) FROM sales_facts_deferred').pluck().get(), after).toBe(0);
  expect(salesFactRows(sqlite), after).toEqual(await recomputedSalesFactRows(sqlite, db));
}
