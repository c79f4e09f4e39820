import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { DataCounts } from './contract';

/** Tables whose rows carry the `sample` flag (migration 0005). */
export const SAMPLE_TABLES = [
  'customers',
  'products',
  'techniques',
  'sales',
  'interactions',
  'check_ins',
  'complaints',
  'goals',
  'journal_entries',
  'experiments',
  'training_notes',
  'library_items',
  'library_highlights',
  'library_takeaways',
] as const;
type SampleTable = (typeof SAMPLE_TABLES)[number];

/** The highest id of each flagged table. */
async function sampleMarks(db: Kysely<DB>): Promise<Record<SampleTable, number>> {
  const marks = {} as Record<SampleTable, number>;
  for (const table of SAMPLE_TABLES) {
    const { rows } = await sql<{ max: number | null }>`SELECT max(id) AS max FROM ${sql.table(table)}`.execute(db);
    marks[table] = rows[0]?.max ?? 0;
  }
  return marks;
}

/** Flags the generator's rows as it goes (sampleFlags). */
export interface SampleFlags {
  /** Flags every row written since the last call, or since the flags were made. */
  flag(): Promise<void>;
  /** Passes over the rows written since then, which came flagged (the bulk's, kernel/sampleContext.ts rowWriter). */
  pass(): Promise<void>;
}

/**
 * Flags the rows the generator writes, each kind from the highest id before it wrote: inside the
 * generator's transaction those are all its own. Products and techniques it reused (the seller's,
 * same name) are older and stay real. The rows streamed in bulk come flagged already and are
 * passed over, not read again: at a million sales, looking for unflagged rows among them took
 * half a second.
 */
export async function sampleFlags(db: Kysely<DB>): Promise<SampleFlags> {
  let marks = await sampleMarks(db);
  return {
    async flag() {
      for (const table of SAMPLE_TABLES)
        await sql`UPDATE ${sql.table(table)} SET sample = 1 WHERE id > ${marks[table]} AND sample = 0`.execute(db);
      marks = await sampleMarks(db);
    },
    async pass() {
      marks = await sampleMarks(db);
    },
  };
}

/*
 * What "remove sample data" removes. A sample row goes unless something the seller entered
 * still needs it: a real sale keeps its sample customer, product and techniques; a real
 * conversation or complaint keeps the sample sale and customer it is about; a real goal or
 * cadence rule keeps the product or technique it narrows by; a real journal entry or experiment
 * keeps the technique it names (a real entry about a sample sale or customer keeps its text, its
 * link is cleared by the foreign key). What hangs off a removed row goes
 * with it (a sale's techniques and check-ins, a customer's snoozes, a goal's milestones, values,
 * changes and results).
 *
 * Each predicate reads only real rows and the rows its own kind depends on, so it says the same
 * before any delete (the counts) and after the deletes that precede it (the removal).
 */
const removedSale = (s: string): string => `${s}.sample = 1
  AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.sale_id = ${s}.id AND i.sample = 0)
  AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.sample = 0
    AND (c.sale_id = ${s}.id OR c.check_in_id IN (SELECT k.id FROM check_ins k WHERE k.sale_id = ${s}.id)))`;
const keptSale = (s: string): string => `NOT (${removedSale(s)})`;
const removedCustomer = (c: string): string => `${c}.sample = 1
  AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = ${c}.id AND ${keptSale('s')})
  AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = ${c}.id AND i.sample = 0)
  AND NOT EXISTS (SELECT 1 FROM complaints m WHERE m.customer_id = ${c}.id AND m.sample = 0)`;
const realGoalFilter = (column: string, id: string): string =>
  `EXISTS (SELECT 1 FROM goal_filters f JOIN goals g ON g.id = f.goal_id WHERE f.${column} = ${id} AND g.sample = 0)`;
const removedProduct = (p: string): string => `${p}.sample = 1
  AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.product_id = ${p}.id AND ${keptSale('s')})
  AND NOT EXISTS (SELECT 1 FROM cadence_rules r WHERE r.product_id = ${p}.id)
  AND NOT ${realGoalFilter('product_id', `${p}.id`)}`;
const removedTechnique = (t: string): string => `${t}.sample = 1
  AND NOT EXISTS (SELECT 1 FROM sale_techniques st JOIN sales s ON s.id = st.sale_id
    WHERE st.technique_id = ${t}.id AND ${keptSale('s')})
  AND NOT ${realGoalFilter('technique_id', `${t}.id`)}
  AND NOT EXISTS (SELECT 1 FROM journal_entry_techniques jt JOIN journal_entries e ON e.id = jt.entry_id
    WHERE jt.technique_id = ${t}.id AND e.sample = 0)
  AND NOT EXISTS (SELECT 1 FROM experiments ex WHERE ex.technique_id = ${t}.id AND ex.sample = 0)`;
/** A sample library item stays while it holds a highlight or takeaway the seller wrote. */
const removedLibraryItem = (x: string): string => `${x}.sample = 1
  AND NOT EXISTS (SELECT 1 FROM library_highlights h WHERE h.item_id = ${x}.id AND h.sample = 0)
  AND NOT EXISTS (SELECT 1 FROM library_takeaways k WHERE k.item_id = ${x}.id AND k.sample = 0)`;
/** A check-in goes with its sale; one whose sale is long gone, with its customer. */
const removedCheckIn = (k: string): string => `(${k}.sale_id IN (SELECT s.id FROM sales s WHERE ${removedSale('s')})
  OR (${k}.sale_id IS NULL AND ${k}.customer_id IN (SELECT c.id FROM customers c WHERE ${removedCustomer('c')})))`;

const REMOVED: Readonly<Record<keyof DataCounts, readonly [SampleTable, string]>> = {
  customers: ['customers', removedCustomer('x')],
  sales: ['sales', removedSale('x')],
  products: ['products', removedProduct('x')],
  techniques: ['techniques', removedTechnique('x')],
  goals: ['goals', 'x.sample = 1'],
  checkIns: ['check_ins', removedCheckIn('x')],
  interactions: ['interactions', 'x.sample = 1'],
  complaints: ['complaints', 'x.sample = 1'],
  journalEntries: ['journal_entries', 'x.sample = 1'],
  experiments: ['experiments', 'x.sample = 1'],
  libraryItems: ['library_items', removedLibraryItem('x')],
};

const countWhere = (table: SampleTable, where: string): RawBuilder<unknown> =>
  sql`(SELECT count(*) FROM ${sql.table(table)} x WHERE ${sql.raw(where)})`;

async function counts(db: Kysely<DB>, where: (kind: keyof DataCounts) => string): Promise<DataCounts> {
  const kinds = Object.keys(REMOVED) as (keyof DataCounts)[];
  const selects = kinds.map((kind) => sql`${countWhere(REMOVED[kind][0], where(kind))} AS ${sql.id(kind)}`);
  const { rows } = await sql<DataCounts>`SELECT ${sql.join(selects)}`.execute(db);
  return rows[0]!;
}

/** How many rows of each kind "remove sample data" would remove. */
export const countSampleRows = (db: Kysely<DB>): Promise<DataCounts> => counts(db, (kind) => REMOVED[kind][1]);

/** How many rows of each kind the book holds: what a fresh start removes. */
export const countAllRows = (db: Kysely<DB>): Promise<DataCounts> => counts(db, () => '1');

/**
 * Removes the sample rows (see the predicates above) and returns how many of each kind. Runs in
 * the caller's transaction, which it needs: the deletes only make sense together.
 */
export async function removeSampleRows(db: Kysely<DB>): Promise<DataCounts> {
  const removed = await countSampleRows(db);
  const remove = (table: SampleTable, where: string) =>
    sql`DELETE FROM ${sql.table(table)} WHERE id IN (SELECT x.id FROM ${sql.table(table)} x WHERE ${sql.raw(where)})`.execute(
      db,
    );
  // Children first, each by a predicate that the deletes before it leave unchanged. Sample
  // training notes go (a kept sample product's too); the seller's own stay.
  await remove('training_notes', 'x.sample = 1');
  await remove('experiments', REMOVED.experiments[1]);
  // Its people, highlights, takeaways, action items and sessions go with it (ON DELETE CASCADE).
  await remove('library_items', REMOVED.libraryItems[1]);
  await remove('journal_entries', REMOVED.journalEntries[1]);
  await remove('goals', REMOVED.goals[1]);
  await remove('complaints', REMOVED.complaints[1]);
  await remove('interactions', REMOVED.interactions[1]);
  await remove('check_ins', REMOVED.checkIns[1]);
  await remove('sales', REMOVED.sales[1]);
  await remove('customers', REMOVED.customers[1]);
  await remove('products', REMOVED.products[1]);
  await remove('techniques', REMOVED.techniques[1]);
  return removed;
}

/**
 * A fresh start: every customer, sale, product, technique, goal, journal entry, experiment,
 * library item, training note and all care history goes, and
 * with them the bookkeeping about them (import batches, reminder and calendar ledgers). What
 * stays is how the seller set the app up: settings, cadence and stay-in-touch rules by segment
 * or tag, saved import mappings, the work calendar's breaks.
 */
export async function removeAllRows(db: Kysely<DB>): Promise<DataCounts> {
  const removed = await countAllRows(db);
  // goal_filters refer to products and techniques without a cascade: goals go first; experiments,
  // journal links and merge records refer to techniques, experiments to journal entries.
  for (const table of [
    'training_notes',
    'library_items',
    'experiments',
    'journal_entry_techniques',
    'journal_entries',
    'technique_merges',
    'goals',
    'complaints',
    'interactions',
    'check_ins',
    'sale_techniques',
    'sales',
    'customers',
    'products',
    'techniques',
    'import_batches',
    'care_notified',
    'calendar_events',
  ] as const)
    await db.deleteFrom(table).execute();
  return removed;
}
