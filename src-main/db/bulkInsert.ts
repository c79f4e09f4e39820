import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { CARE_FACTS_INSERT_TRIGGERS, catchUpCareFacts } from './careFacts';
import { catchUpCustomerTotals, CUSTOMER_TOTALS_INSERT_TRIGGERS } from './customerTotals';
import { catchUpDueDays, DUE_DAYS_TRIGGERS } from './dueDays';
import { catchUpRatingFacts, RATING_FACTS_INSERT_TRIGGERS } from './ratingFacts';
import { fillSalesFacts, SALES_FACTS_INSERT_TRIGGERS } from './salesFacts';
import type { DB } from './schema';
import { indexRowsSince, searchInsertTriggers } from './searchIndex';
import { adjustTechniqueFacts, TECHNIQUE_FACTS_INSERT_TRIGGERS } from './techniqueFacts';

/** The tables a bulk write appends to whose rows have ids of their own. */
const NUMBERED = ['customers', 'sales', 'check_ins', 'complaints', 'interactions'] as const;
/** The tables a bulk write appends to, whose insert triggers keep derived data: NUMBERED and the technique links. */
const TABLES = [...NUMBERED, 'sale_techniques'] as const;
const TRIGGERS = [
  ...SALES_FACTS_INSERT_TRIGGERS,
  ...CARE_FACTS_INSERT_TRIGGERS,
  ...CUSTOMER_TOTALS_INSERT_TRIGGERS,
  ...RATING_FACTS_INSERT_TRIGGERS,
  ...DUE_DAYS_TRIGGERS,
  ...TECHNIQUE_FACTS_INSERT_TRIGGERS,
  ...searchInsertTriggers(TABLES),
];

/**
 * Runs `write`, which appends new customers with their sales, links, check-ins, complaints and
 * conversations (the sample generator), with the insert triggers of the summary tables and the
 * search index suspended and the tables' indexes dropped, then makes the indexes anew and adds
 * the new rows to the summaries and the index in one pass per table, as an import's fold does.
 * Row by row, a million-sale demo spent most of its time in the triggers (the summaries'
 * upserts, FTS5 fed out of rowid order) and in the indexes (a sale goes into eleven, a check-in
 * into nine, most of them out of key order); CREATE INDEX sorts instead.
 *
 * Runs in the caller's transaction, which must roll back if this throws: the triggers and
 * indexes are dropped and put back (exactly as they were, from their stored SQL) inside it, so
 * no other connection ever sees them missing. The new links and check-ins must belong to new
 * sales: the catch-up finds them through the sales with ids above the ones there before.
 *
 * The indexes named in `kept` stay: partial ones the write puts no row or only a few rows in,
 * which cost the inserts next to nothing, where making one anew reads its whole table again.
 * With `'all'`, every index stays: a write of a few rows to tables already large, which only
 * the triggers would make slow.
 *
 * With `newCustomersOnly`, every row the write appends belongs to a customer it appends (the
 * sample's book): the customers kept per customer are recomputed by their id range, not
 * gathered from every new sale, check-in and conversation (at a million sales, 4 million rows
 * sorted into a set for each of three tables, 1.5 s).
 */
export async function withInsertTriggersSuspended<T>(
  db: Kysely<DB>,
  sqlite: Database.Database,
  write: () => Promise<T>,
  { kept = [], newCustomersOnly = false }: { kept?: readonly string[] | 'all'; newCustomersOnly?: boolean } = {},
): Promise<T> {
  // The highest id of each numbered table before the write: the catch-ups take the rows above it.
  const before = Object.fromEntries(
    NUMBERED.map((t) => [t, sqlite.prepare(`SELECT coalesce(max(id), 0) FROM ${t}`).pluck().get() as number]),
  ) as Record<(typeof NUMBERED)[number], number>;
  const definition = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck();
  const triggers = TRIGGERS.flatMap((name) => {
    const statement = definition.get(name) as string | undefined;
    return statement === undefined ? [] : [{ name, statement }];
  });
  // The tables' own indexes (a primary key's or a UNIQUE column's, with no SQL of their own) stay.
  const indexes = (
    sqlite
      .prepare(
        `SELECT name, sql AS statement FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`,
      )
      .all(...TABLES) as { name: string; statement: string }[]
  ).filter(({ name }) => kept !== 'all' && !kept.includes(name));
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name}"`);
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);
  // The due days follow the care facts: they stay suspended while the care facts catch up, and
  // are caught up once at the end.
  const [late, early] = partition(triggers, ({ name }) => DUE_DAYS_TRIGGERS.includes(name));
  let result: T;
  try {
    result = await write();
  } finally {
    for (const { statement } of [...indexes, ...early]) sqlite.exec(statement);
  }
  try {
    await fillSalesFacts(db, { sales: before.sales, checkIns: before.check_ins, complaints: before.complaints });
    await adjustTechniqueFacts(db, 1, `s.id > ${before.sales}`);
    // Undefined: the catch-ups gather the customers from the new rows.
    const who = newCustomersOnly ? `$c > ${before.customers}` : undefined;
    catchUpCareFacts(
      sqlite,
      { sales: before.sales, interactions: before.interactions, checkIns: before.check_ins },
      who,
    );
    catchUpCustomerTotals(sqlite, before.sales, who);
    catchUpRatingFacts(sqlite, { sales: before.sales, checkIns: before.check_ins }, who);
  } finally {
    for (const { statement } of late) sqlite.exec(statement);
  }
  await catchUpDueDays(db, before);
  indexRowsSince(sqlite, before);
  return result;
}

const partition = <T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] => [
  items.filter(test),
  items.filter((item) => !test(item)),
];
