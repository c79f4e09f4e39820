import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { idEnds, idsBetween } from './idsBetween';

/**
 * What works (features/metrics/techniques.ts) over a period without a customer or product
 * filter, added up ahead per technique and day: ONE definition of these tables, of the triggers
 * that keep them in step with sales, their technique links and check-ins, and of the one-pass
 * fill an import uses instead. A year at 200,000 sales then reads a few thousand small rows
 * instead of every decided sale and check-in answer of the year with their techniques.
 *
 * - technique_decided_days: decided sales per closing day, technique and currency: how many,
 *   won, the won ones' amounts, and the answers given at the sale;
 * - technique_close_times_days / _months: the same sales per closing day (month), technique
 *   and whole days from opened to closed, counted: the median's histogram. A period reads its
 *   whole months from the monthly one (kept from the daily one) and the days around them from
 *   the daily one;
 * - technique_open_days: open sales per day opened and technique;
 * - technique_answer_days: the answers of done check-ins per day completed and technique of
 *   their sale;
 * - multi_technique_days: decided sales naming two or more techniques per closing day.
 *
 * Each is one statement template (FACTS) over the rows a condition selects, added with a sign:
 * +1 over every sale when the tables are made and over an import's sales when it ends; after a
 * write, -1 over the row as it was (OLD) and +1 over it as it is (NEW). Only AFTER triggers
 * count, so a write that a conflict clause skips counts nothing. A row whose counts come to
 * zero is deleted: an undone import leaves the tables as they were. (REPLACE conflict
 * resolution deletes without delete triggers; no writer uses it on these tables.)
 *
 * An import defers its own batch (deferTechniqueFacts): row by row, the triggers cost a
 * 100,000-row import with two techniques a sale about a quarter of its time; one pass per
 * table at its end (foldTechniqueFacts) costs it a few percent.
 */

const SALE_COLUMNS = ['id', 'status', 'opened_on', 'closed_on', 'currency', 'amount_minor', 'satisfaction', 'nps'];
const LINK_COLUMNS = ['sale_id', 'technique_id'];
const CHECK_IN_COLUMNS = ['id', 'sale_id', 'status', 'completed_on', 'csat', 'nps'];
/** A trigger's row (NEW or OLD) as a one-row table with the columns the templates read. */
const rowOf = (v: 'NEW' | 'OLD', columns: readonly string[]): string =>
  `(SELECT ${columns.map((c) => `${v}.${c} AS ${c}`).join(', ')})`;

/** Where a template reads its sales (s), technique links (st) and check-ins (c): the tables or a trigger's row. */
interface Sources {
  s: string;
  st: string;
  c: string;
}
const STORED: Sources = { s: 'sales', st: 'sale_techniques', c: 'check_ins' };

/** Whole days from opened to closed (as features/metrics/facts.ts computes them). */
const DAYS_TO_CLOSE = 'CAST(julianday(s.closed_on) - julianday(s.opened_on) AS INTEGER)';
const DECIDED = "s.status IN ('won', 'lost')";
/** A check-in whose answers count for its sale's techniques. */
const answered = (c: string): string =>
  `${c}.status = 'done' AND ${c}.sale_id IS NOT NULL AND (${c}.csat IS NOT NULL OR ${c}.nps IS NOT NULL)`;
/** An answer pair's counts, times `k`: satisfaction 1–5; NPS 0–10, promoters 9–10, detractors 0–6. */
const answerSums = (satisfaction: string, nps: string, k: string): string =>
  `${k} * count(${satisfaction}), ${k} * coalesce(sum(${satisfaction}), 0), ${k} * count(${nps}),
   ${k} * coalesce(sum(${nps} >= 9), 0), ${k} * coalesce(sum(${nps} <= 6), 0)`;
const ANSWERS = ['satisfaction_answers', 'satisfaction_sum', 'nps_answers', 'promoters', 'detractors'];
const linked = (from: Sources): string => `FROM ${from.s} s JOIN ${from.st} st ON st.sale_id = s.id`;

interface Table {
  table: string;
  /** The key columns, then the counted ones. */
  key: readonly string[];
  counts: readonly string[];
  /** The counts that are all zero when the row counts nothing. */
  empty: readonly string[];
}
interface Fact extends Table {
  /** What the rows add up, times `k`; `where` narrows them (over s, st, c). */
  select(k: string, where: string, from: Sources): string;
}

const DECIDED_DAYS: Fact = {
  table: 'technique_decided_days',
  key: ['day', 'technique_id', 'currency'],
  counts: ['closed', 'won', 'won_amount', ...ANSWERS],
  empty: ['closed'],
  select: (k, where, from) =>
    `SELECT s.closed_on, st.technique_id, s.currency, ${k} * count(*), ${k} * sum(s.status = 'won'),
       ${k} * sum(iif(s.status = 'won', s.amount_minor, 0)), ${answerSums('s.satisfaction', 's.nps', k)}
     ${linked(from)} WHERE ${DECIDED} AND ${where} GROUP BY 1, 2, 3`,
};
const CLOSE_DAYS: Fact = {
  table: 'technique_close_times_days',
  key: ['day', 'technique_id', 'days'],
  counts: ['sales'],
  empty: ['sales'],
  select: (k, where, from) =>
    `SELECT s.closed_on, st.technique_id, ${DAYS_TO_CLOSE}, ${k} * count(*)
     ${linked(from)} WHERE ${DECIDED} AND ${DAYS_TO_CLOSE} IS NOT NULL AND ${where} GROUP BY 1, 2, 3`,
};
/** technique_close_times_days by month, kept from it by triggers (MONTH_TRIGGERS). */
const CLOSE_MONTHS: Table = {
  table: 'technique_close_times_months',
  key: ['month', 'technique_id', 'days'],
  counts: ['sales'],
  empty: ['sales'],
};
const OPEN_DAYS: Fact = {
  table: 'technique_open_days',
  key: ['day', 'technique_id'],
  counts: ['sales'],
  empty: ['sales'],
  select: (k, where, from) =>
    `SELECT s.opened_on, st.technique_id, ${k} * count(*)
     ${linked(from)} WHERE s.status = 'open' AND ${where} GROUP BY 1, 2`,
};
const ANSWER_DAYS: Fact = {
  table: 'technique_answer_days',
  key: ['day', 'technique_id'],
  counts: ANSWERS,
  empty: ['satisfaction_answers', 'nps_answers'],
  select: (k, where, from) =>
    `SELECT c.completed_on, st.technique_id, ${answerSums('c.csat', 'c.nps', k)}
     FROM ${from.c} c JOIN ${from.st} st ON st.sale_id = c.sale_id
     WHERE ${answered('c')} AND ${where} GROUP BY 1, 2`,
};
const linksOf = (saleId: string): string => `(SELECT count(*) FROM sale_techniques x WHERE x.sale_id = ${saleId})`;
/** Decided sales whose count of technique links meets `links` (">= 2": the sales that name several). */
const multi = (links: string): Fact => ({
  table: 'multi_technique_days',
  key: ['day'],
  counts: ['sales'],
  empty: ['sales'],
  select: (k, where, from) =>
    `SELECT s.closed_on, ${k} * count(*) FROM ${from.s} s
     WHERE ${DECIDED} AND ${linksOf('s.id')} ${links} AND ${where} GROUP BY 1`,
});
const MULTI = multi('>= 2');
const SALE_FACTS = [DECIDED_DAYS, CLOSE_DAYS, OPEN_DAYS];
const FACTS = [...SALE_FACTS, ANSWER_DAYS, MULTI];
const TABLES: readonly Table[] = [...FACTS, CLOSE_MONTHS];
/** The tables' names and key columns (tests compare them with a recomputation). */
export const TECHNIQUE_FACT_TABLES: readonly { table: string; key: readonly string[] }[] = TABLES.map((t) => ({
  table: t.table,
  key: t.key,
}));

/** Adds `sign` × what `fact` counts over the rows of `from` that `where` selects. */
const add = (fact: Fact, sign: 1 | -1, where: string, from: Partial<Sources> = {}): string =>
  `INSERT INTO ${fact.table} (${[...fact.key, ...fact.counts].join(', ')})
   ${fact.select(String(sign), where, { ...STORED, ...from })}
   ON CONFLICT DO UPDATE SET ${fact.counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

function createTable(fact: Table): string {
  const type = (c: string): string => (c === 'technique_id' || c === 'days' ? 'INTEGER' : 'TEXT');
  const columns = [
    ...fact.key.map((c) => `${c} ${type(c)} NOT NULL`),
    ...fact.counts.map((c) => `${c} INTEGER NOT NULL`),
  ];
  return `CREATE TABLE ${fact.table} (${columns.join(', ')}, PRIMARY KEY (${fact.key.join(', ')})) STRICT, WITHOUT ROWID`;
}

/** Import batches whose sales are added when the import ends instead of row by row. */
const DEFERRED = 'CREATE TABLE technique_facts_deferred (batch_id INTEGER PRIMARY KEY) STRICT';
/** True unless the sale with id `saleId` belongs to a deferred batch. */
const notDeferred = (saleId: string): string =>
  `NOT EXISTS (SELECT 1 FROM technique_facts_deferred d JOIN sales ds ON ds.import_batch_id = d.batch_id
    WHERE ds.id = ${saleId})`;

const changed = (columns: readonly string[]): string => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const trigger = (name: string, event: string, when: string, statements: readonly string[]): string =>
  `CREATE TRIGGER ${name} ${event} WHEN ${when}\nBEGIN\n${statements.map((s) => `${s};`).join('\n')}\nEND`;

/**
 * A link made (+1) or removed (-1): its sale's figures for its technique, its sale's check-in
 * answers, and its sale in multi_technique_days when the link brings its links to two (down
 * to one). `also` narrows every statement, `moved` the last.
 */
function linkStatements(sign: 1 | -1, v: 'NEW' | 'OLD', also = '', moved = ''): string[] {
  const [sale, st] = [`s.id = ${v}.sale_id${also}`, rowOf(v, LINK_COLUMNS)];
  return [
    ...SALE_FACTS.map((f) => add(f, sign, sale, { st })),
    add(ANSWER_DAYS, sign, `c.sale_id = ${v}.sale_id${also}`, { st }),
    add(multi(sign === 1 ? '= 2' : '= 1'), sign, `${sale}${moved}`),
  ];
}
/** A sale as it was (OLD, -1) or is (NEW, +1): its figures for every technique it names. */
const saleStatements = (sign: 1 | -1, v: 'NEW' | 'OLD'): string[] =>
  [...SALE_FACTS, MULTI].map((f) => add(f, sign, '1', { s: rowOf(v, SALE_COLUMNS) }));
/** A check-in as it was (OLD, -1) or is (NEW, +1): its answers for every technique its sale names. */
const checkInStatement = (sign: 1 | -1, v: 'NEW' | 'OLD'): string =>
  add(ANSWER_DAYS, sign, notDeferred(`${v}.sale_id`), { c: rowOf(v, CHECK_IN_COLUMNS) });

/** Adds `sign` × a close-times row (`v`, NEW or OLD) to its month's; nothing for a row of zero. */
const toMonth = (sign: 1 | -1, v: 'NEW' | 'OLD'): string =>
  `INSERT INTO ${CLOSE_MONTHS.table} (month, technique_id, days, sales)
   SELECT substr(${v}.day, 1, 7), ${v}.technique_id, ${v}.days, ${sign} * ${v}.sales WHERE ${v}.sales <> 0
   ON CONFLICT DO UPDATE SET sales = sales + excluded.sales`;
const MONTH_TRIGGERS = [
  trigger('technique_close_times_month_in', `AFTER INSERT ON ${CLOSE_DAYS.table}`, '1', [toMonth(1, 'NEW')]),
  trigger('technique_close_times_month_change', `AFTER UPDATE ON ${CLOSE_DAYS.table}`, '1', [
    toMonth(-1, 'OLD'),
    toMonth(1, 'NEW'),
  ]),
  trigger('technique_close_times_month_out', `AFTER DELETE ON ${CLOSE_DAYS.table}`, '1', [toMonth(-1, 'OLD')]),
];

const SALE_CHANGES = SALE_COLUMNS.filter((c) => c !== 'id');
const CHECK_IN_CHANGES = CHECK_IN_COLUMNS.filter((c) => c !== 'id');
const TRIGGERS = [
  trigger(
    'technique_facts_link',
    'AFTER INSERT ON sale_techniques',
    notDeferred('NEW.sale_id'),
    linkStatements(1, 'NEW'),
  ),
  trigger(
    'technique_facts_unlink',
    'AFTER DELETE ON sale_techniques',
    notDeferred('OLD.sale_id'),
    linkStatements(-1, 'OLD'),
  ),
  // The app never moves a link; counted as a removal and a link all the same.
  trigger('technique_facts_relink', 'AFTER UPDATE ON sale_techniques', '1', [
    ...linkStatements(-1, 'OLD', ` AND ${notDeferred('OLD.sale_id')}`, ' AND OLD.sale_id <> NEW.sale_id'),
    ...linkStatements(1, 'NEW', ` AND ${notDeferred('NEW.sale_id')}`, ' AND OLD.sale_id <> NEW.sale_id'),
  ]),
  trigger(
    'technique_facts_sale',
    `AFTER UPDATE OF ${SALE_CHANGES.join(', ')} ON sales`,
    `(${changed(SALE_CHANGES)}) AND ${notDeferred('NEW.id')}`,
    [...saleStatements(-1, 'OLD'), ...saleStatements(1, 'NEW')],
  ),
  // A sale's links go first, while the sale can still be read; the cascade then finds none.
  trigger('technique_facts_sale_delete', 'BEFORE DELETE ON sales', '1', [
    'DELETE FROM sale_techniques WHERE sale_id = OLD.id',
  ]),
  trigger('technique_facts_check_in', 'AFTER INSERT ON check_ins', answered('NEW'), [checkInStatement(1, 'NEW')]),
  trigger('technique_facts_check_in_delete', 'AFTER DELETE ON check_ins', answered('OLD'), [
    checkInStatement(-1, 'OLD'),
  ]),
  trigger(
    'technique_facts_check_in_update',
    `AFTER UPDATE OF ${CHECK_IN_CHANGES.join(', ')} ON check_ins`,
    `(${answered('OLD')} OR ${answered('NEW')}) AND (${changed(CHECK_IN_CHANGES)})`,
    [checkInStatement(-1, 'OLD'), checkInStatement(1, 'NEW')],
  ),
  // A closing day's counts change its month's by as much.
  ...MONTH_TRIGGERS,
  // A row whose counts come to zero goes.
  ...TABLES.map((f) =>
    trigger(`${f.table}_emptied`, `AFTER UPDATE ON ${f.table}`, f.empty.map((c) => `NEW.${c} = 0`).join(' AND '), [
      `DELETE FROM ${f.table} WHERE ${f.key.map((c) => `${c} = NEW.${c}`).join(' AND ')}`,
    ]),
  ),
];

/** Sales added per pass: each pass's sort stays a few megabytes, however big the book or import. */
const CHUNK = 20_000;

/**
 * The statements adding `sign` × the figures of the sales that `where` selects (over `s`),
 * with their links and check-ins, for those with ids `from`–`to`.
 */
function adjustStatements(sign: 1 | -1, where: string, from: number, to: number): string[] {
  const ids = (saleId: string): string => idsBetween(saleId, from, to);
  return FACTS.map((f) =>
    f === ANSWER_DAYS
      ? add(f, sign, `${ids('c.sale_id')} AND EXISTS (SELECT 1 FROM sales s WHERE s.id = c.sale_id AND ${where})`)
      : add(f, sign, `${ids('s.id')} AND ${where}`),
  );
}

/** The statements for the sales `where` selects, whose ids run `min`–`max`, CHUNK ids at a time. */
function inChunks(sign: 1 | -1, where: string, { min, max }: IdRange): string[] {
  const statements: string[] = [];
  if (min !== null && max !== null)
    for (let from = min; from <= max; from += CHUNK)
      statements.push(...adjustStatements(sign, where, from, Math.min(max, from + CHUNK - 1)));
  return statements;
}
interface IdRange {
  min: number | null;
  max: number | null;
}
const idRange = (where: string): string => idEnds('sales s', where, 's.id');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Adds (`sign` +1) or takes out (-1) the figures of the sales that `where` (SQL over `s`)
 * selects, with their links and check-ins, in one pass per table and CHUNK sales: the fill,
 * and the recomputation the tests compare the triggers' work with.
 */
export async function adjustTechniqueFacts(db: AnyDb, sign: 1 | -1, where: string): Promise<void> {
  const { rows } = await sql.raw<IdRange>(idRange(where)).execute(db);
  for (const statement of inChunks(sign, where, rows[0]!)) await sql.raw(statement).execute(db);
}

/** The triggers that count a link or a check-in as it is inserted, which db/bulkInsert.ts suspends. */
export const TECHNIQUE_FACTS_INSERT_TRIGGERS = ['technique_facts_link', 'technique_facts_check_in'];

/** Empties the tables (as if no sale were there). The daily close times first: their triggers empty the monthly ones. */
export async function clearTechniqueFacts(db: AnyDb): Promise<void> {
  for (const t of [CLOSE_DAYS, ...TABLES.filter((t) => t !== CLOSE_DAYS)])
    await sql.raw(`DELETE FROM ${t.table}`).execute(db);
}

/**
 * Makes the tables and triggers and fills them from the sales and check-ins already there
 * (migration 0009). A later change to this definition must still run on that version's
 * tables, or the migration must be given a frozen copy.
 */
export async function createTechniqueFacts(db: AnyDb): Promise<void> {
  for (const statement of [...TABLES.map(createTable), DEFERRED, ...TRIGGERS]) await sql.raw(statement).execute(db);
  await adjustTechniqueFacts(db, 1, '1');
}

/** Until foldTechniqueFacts, the sales of import batch `batchId` are not added row by row. */
export function deferTechniqueFacts(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare('INSERT INTO technique_facts_deferred (batch_id) VALUES (?)').run(batchId);
}

/** Ends the deferral of a batch whose sales were deleted before it was folded (db/importSteps.ts). */
export function dropTechniqueFactsDeferral(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare('DELETE FROM technique_facts_deferred WHERE batch_id = ?').run(batchId);
}

/** Adds the sales of import batch `batchId` with their links and check-ins, and ends the deferral. */
export function foldTechniqueFacts(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare('DELETE FROM technique_facts_deferred WHERE batch_id = ?').run(batchId);
  const batch = `s.import_batch_id = ${Number(batchId)}`;
  for (const statement of inChunks(1, batch, sqlite.prepare(idRange(batch)).get() as IdRange))
    sqlite.prepare(statement).run();
}

/**
 * Before an import batch's sales are deleted (its undo): takes out their figures, with their
 * links and check-ins, in one pass per table, and defers the batch so the deletes do not take
 * them out again row by row; endTechniqueFactsDeferral once they are gone.
 */
export async function withdrawTechniqueFacts(db: AnyDb, batchId: number): Promise<void> {
  await adjustTechniqueFacts(db, -1, `s.import_batch_id = ${Number(batchId)}`);
  await sql`INSERT INTO technique_facts_deferred (batch_id) VALUES (${batchId})`.execute(db);
}

/** Ends the deferral withdrawTechniqueFacts began. */
export async function endTechniqueFactsDeferral(db: AnyDb, batchId: number): Promise<void> {
  await sql`DELETE FROM technique_facts_deferred WHERE batch_id = ${batchId}`.execute(db);
}
