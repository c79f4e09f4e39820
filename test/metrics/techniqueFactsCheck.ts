import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { adjustTechniqueFacts, clearTechniqueFacts, TECHNIQUE_FACT_TABLES } from '../../src-main/db/techniqueFacts';
import type { DB } from '../../src-main/db/schema';

/** Every row of the technique fact tables, each table in key order. */
export function factRows(sqlite: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    TECHNIQUE_FACT_TABLES.map(({ table, key }) => [
      table,
      sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key.join(', ')}`).all(),
    ]),
  );
}

/**
 * The tables as a full recomputation from the sales, links and check-ins makes them: emptied
 * and filled again (as the migration fills them) inside a savepoint that is then rolled back.
 */
export async function recomputedFactRows(
  sqlite: Database.Database,
  db: Kysely<DB>,
): Promise<Record<string, unknown[]>> {
  sqlite.exec('SAVEPOINT recompute');
  try {
    await clearTechniqueFacts(db);
    for (const { table } of TECHNIQUE_FACT_TABLES)
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    await adjustTechniqueFacts(db, 1, '1');
    return factRows(sqlite);
  } finally {
    sqlite.exec('ROLLBACK TO recompute; RELEASE recompute');
  }
}

/** The tables kept by the triggers equal a full recomputation; `after` names the write in a failure. */
export async function expectFactsRecomputed(sqlite: Database.Database, db: Kysely<DB>, after: string): Promise<void> {
  expect(sqlite.prepare('SELECT count(*) FROM technique_facts_deferred').pluck().get(), after).toBe(0);
  expect(factRows(sqlite), after).toEqual(await recomputedFactRows(sqlite, db));
}
