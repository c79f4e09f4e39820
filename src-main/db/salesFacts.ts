import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { recomputeCareFacts } from './careFacts';
import { idEnds, idsBetween } from './idsBetween';
import { recomputeCustomerTotals } from './customerTotals';
import { recomputeRatingFacts } from './ratingFacts';

/**
 * The sales figures without a filter (Home, `rapport stats`, a goal with no filter), added up
 * ahead: ONE definition of these tables, of the triggers that keep them in step with sales and
 * check-ins, and of the one-pass fill an import uses instead. A year at 1,000,000 sales then
 * reads a few thousand small rows instead of every sale of the year (features/metrics/facts.ts
 * reads them when the filter narrows nothing but money's currency; a filter reads the sales).
 *
 * - sales_day_facts, per day and currency: the decided sales closed that day (won, lost, the won
 *   ones' amounts, the answers given at the sale), and the customers whose first won sale ever
 *   (by closing day, then id) it is, with that sale's amount (its currency is the row's).
 * - open_sale_days, per day opened, stage ('' for none) and currency: the sales still open and
 *   their amounts, the pipeline (a few hundred days, however many sales).
 * - check_in_answer_days, per day: the answers of the check-ins done that day.
 * - check_in_due_days, per due day: the check-ins done on time, done late, skipped and still
 *   pending (missed once the day is past); check_in_done_days, per day done: how many, and how
 *   many of them on time.
 * - complaint_closed_days, per day closed, whether resolved, and days open: the complaints closed
 *   (the histogram complaints_resolved and the time to resolve read).
 * - complaint_day_counts, per day: the complaints opened and closed that day (complaints opened,
 *   and those open on a day: opened by then less closed by then).
 * - customer_purchase_days, per customer and day with a won sale: how many, the customer's
 *   previous such day, whether the day is a repeat purchase (an earlier day, or two sales on
 *   their first), the previous repeat day, and on the first day the first sale's amount and
 *   currency. A pure function of one customer's won sales: every write recomputes the rows of
 *   the customers it touches (a handful), so no order of writes can leave them stale.
 * - buyer_days, per day, kind (0: a purchase, 1: a repeat purchase) and the month of the
 *   customer's previous day of that kind ('' for none), counted: customers once per window is
 *   then a sum over the rows whose month is before the window's (when windows start on the 1st).
 *
 * Sales rows are counted by AFTER triggers that take a row out as it was and put it back as it
 * is; customer_purchase_days by its own triggers into sales_day_facts and buyer_days. A row whose
 * counts come to zero is deleted, so an undone import leaves the tables as they were.
 *
 * An import defers its own batch (deferSalesFacts): one pass per table at its end
 * (foldSalesFacts), and its undo takes the batch out in one pass (withdrawSalesFacts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

const SALE_COLUMNS = [
  'id',
  'customer_id',
  'status',
  'opened_on',
  'closed_on',
  'currency',
  'amount_minor',
  'satisfaction',
  'nps',
  'stage',
];
const CHECK_IN_COLUMNS = ['status', 'completed_on', 'csat', 'nps'];
const CHECK_IN_DAY_COLUMNS = ['status', 'due_on', 'completed_on'];
const COMPLAINT_COLUMNS = ['status', 'opened_on', 'resolved_on'];
const rowOf = (v: 'NEW' | 'OLD', columns: readonly string[]): string =>
  `(SELECT ${columns.map((c) => `${v}.${c} AS ${c}`).join(', ')})`;

const ANSWERS = ['satisfaction_answers', 'satisfaction_sum', 'nps_answers', 'promoters', 'detractors'];
/** An answer pair's counts, times `k`: satisfaction 1–5; NPS 0–10, promoters 9–10, detractors 0–6. */
const answerSums = (satisfaction: string, nps: string, k: string): string =>
  `${k} * count(${satisfaction}), ${k} * coalesce(sum(${satisfaction}), 0), ${k} * count(${nps}),
   ${k} * coalesce(sum(${nps} >= 9), 0), ${k} * coalesce(sum(${nps} <= 6), 0)`;

interface Table {
  table: string;
  key: readonly string[];
  counts: readonly string[];
  /** The counts that are all zero when the row counts nothing. */
  empty: readonly string[];
}

const DAY_FACTS: Table = {
  table: 'sales_day_facts',
  key: ['day', 'currency'],
  counts: ['won', 'lost', 'won_amount', ...ANSWERS, 'first_customers', 'first_amount'],
  empty: ['won', 'lost', 'first_customers'],
};
const ANSWER_DAYS: Table = {
  table: 'check_in_answer_days',
  key: ['day'],
  counts: ANSWERS,
  empty: ['satisfaction_answers', 'nps_answers'],
};
const OPEN_DAYS: Table = {
  table: 'open_sale_days',
  key: ['day', 'stage', 'currency'],
  counts: ['sales', 'amount'],
  empty: ['sales'],
};
const BUYER_DAYS: Table = {
  table: 'buyer_days',
  key: ['day', 'repeat', 'since'],
  counts: ['customers'],
  empty: ['customers'],
};
const DUE_DAYS: Table = {
  table: 'check_in_due_days',
  key: ['day'],
  counts: ['on_time', 'late', 'skipped', 'pending'],
  empty: ['on_time', 'late', 'skipped', 'pending'],
};
const DONE_DAYS: Table = {
  table: 'check_in_done_days',
  key: ['day'],
  counts: ['done', 'on_time'],
  empty: ['done'],
};
const CLOSED_DAYS: Table = {
  table: 'complaint_closed_days',
  key: ['day', 'resolved', 'days'],
  counts: ['complaints'],
  empty: ['complaints'],
};
const COMPLAINT_DAYS: Table = {
  table: 'complaint_day_counts',
  key: ['day'],
  counts: ['opened', 'closed'],
  empty: ['opened', 'closed'],
};
const COUNTED: readonly Table[] = [
  DAY_FACTS,
  OPEN_DAYS,
  ANSWER_DAYS,
  BUYER_DAYS,
  DUE_DAYS,
  DONE_DAYS,
  CLOSED_DAYS,
  COMPLAINT_DAYS,
];
const PURCHASE_DAYS = 'customer_purchase_days';
/** The tables' names and key columns (tests compare them with a recomputation). */
export const SALES_FACT_TABLES: readonly { table: string; key: readonly string[] }[] = [
  ...COUNTED.map((t) => ({ table: t.table, key: t.key })),
  { table: PURCHASE_DAYS, key: ['customer_id', 'day'] },
];

const upsert = (t: Table, select: string): string =>
  `INSERT INTO ${t.table} (${[...t.key, ...t.counts].join(', ')})
   ${select}
   ON CONFLICT DO UPDATE SET ${t.counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Adds `k` × the decided sales of `from` (a table or a trigger's row) that `where` selects. */
const addDecided = (k: string, where: string, from = 'sales'): string =>
  upsert(
    DAY_FACTS,
    `SELECT s.closed_on, s.currency, ${k} * sum(s.status = 'won'), ${k} * sum(s.status = 'lost'),
       ${k} * sum(iif(s.status = 'won', s.amount_minor, 0)), ${answerSums('s.satisfaction', 's.nps', k)}, 0, 0
     FROM ${from} s WHERE s.status IN ('won', 'lost') AND ${where} GROUP BY 1, 2`,
  );

/** open_sale_days as migration 0012 made it, per day opened only (0015 gave it stage, currency and amounts). */
const OPEN_DAYS_0012: Table = { table: 'open_sale_days', key: ['day'], counts: ['sales'], empty: ['sales'] };
const addOpen0012 = (k: string, where: string, from = 'sales'): string =>
  upsert(
    OPEN_DAYS_0012,
    `SELECT s.opened_on, ${k} * count(*) FROM ${from} s WHERE s.status = 'open' AND ${where} GROUP BY 1`,
  );

/** Adds `k` × the sales of `from` still open that `where` selects, per day opened, stage and currency. */
const addOpen = (k: string, where: string, from = 'sales'): string =>
  upsert(
    OPEN_DAYS,
    `SELECT s.opened_on, coalesce(s.stage, ''), s.currency, ${k} * count(*), ${k} * sum(s.amount_minor)
     FROM ${from} s WHERE s.status = 'open' AND ${where} GROUP BY 1, 2, 3`,
  );

/** Adds `k` × the answers of the done check-ins of `from` that `where` selects. */
const addAnswers = (k: string, where: string, from = 'check_ins'): string =>
  upsert(
    ANSWER_DAYS,
    `SELECT c.completed_on, ${answerSums('c.csat', 'c.nps', k)} FROM ${from} c
     WHERE c.status = 'done' AND (c.csat IS NOT NULL OR c.nps IS NOT NULL) AND ${where} GROUP BY 1`,
  );

/** Adds `k` × the check-ins of `from` that `where` selects, per due day and per day done. */
const addCheckInDays = (k: string, where: string, from = 'check_ins'): string[] => [
  upsert(
    DUE_DAYS,
    `SELECT c.due_on, ${k} * sum(c.status = 'done' AND c.completed_on <= c.due_on),
       ${k} * sum(c.status = 'done' AND c.completed_on > c.due_on), ${k} * sum(c.status = 'skipped'),
       ${k} * sum(c.status = 'pending')
     FROM ${from} c WHERE ${where} GROUP BY 1`,
  ),
  upsert(
    DONE_DAYS,
    `SELECT c.completed_on, ${k} * count(*), ${k} * sum(c.completed_on <= c.due_on)
     FROM ${from} c WHERE c.status = 'done' AND ${where} GROUP BY 1`,
  ),
];

/** Adds `k` × the closed complaints of `from` that `where` selects. */
const addClosed = (k: string, where: string, from = 'complaints'): string =>
  upsert(
    CLOSED_DAYS,
    `SELECT m.resolved_on, m.status = 'resolved', CAST(julianday(m.resolved_on) - julianday(m.opened_on) AS INTEGER),
       ${k} * count(*)
     FROM ${from} m WHERE m.resolved_on IS NOT NULL AND ${where} GROUP BY 1, 2, 3`,
  );

/** Adds `k` × the complaints of `from` that `where` selects to the days they were opened and closed on. */
const addComplaintDays = (k: string, where: string, from = 'complaints'): string[] => [
  upsert(COMPLAINT_DAYS, `SELECT m.opened_on, ${k} * count(*), 0 FROM ${from} m WHERE ${where} GROUP BY 1`),
  upsert(
    COMPLAINT_DAYS,
    `SELECT m.resolved_on, 0, ${k} * count(*) FROM ${from} m WHERE m.resolved_on IS NOT NULL AND ${where} GROUP BY 1`,
  ),
];

/** A customer_purchase_days row (`v`) counted with `k` into sales_day_facts (its first day) and buyer_days. */
function purchaseDayStatements(k: 1 | -1, v: 'NEW' | 'OLD'): string[] {
  const zeros = Array<string>(DAY_FACTS.counts.length - 2).fill('0');
  return [
    upsert(
      DAY_FACTS,
      `SELECT ${v}.day, ${v}.first_currency, ${zeros.join(', ')}, ${k}, ${k} * ${v}.first_amount
       WHERE ${v}.prev_day IS NULL`,
    ),
    upsert(BUYER_DAYS, `SELECT ${v}.day, 0, coalesce(substr(${v}.prev_day, 1, 7), ''), ${k}`),
    upsert(BUYER_DAYS, `SELECT ${v}.day, 1, coalesce(substr(${v}.prev_repeat, 1, 7), ''), ${k} WHERE ${v}.repeat = 1`),
  ];
}

/**
 * The customer_purchase_days rows of the customers `who` selects (SQL over `customer_id`),
 * recomputed from their won sales: the old rows go, the rows as the sales say now come in.
 */
function recomputeCustomers(who: string): string[] {
  return [
    `DELETE FROM ${PURCHASE_DAYS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `INSERT INTO ${PURCHASE_DAYS} (customer_id, day, sales, prev_day, repeat, prev_repeat, first_amount, first_currency)
     SELECT customer_id, day, sales, prev_day, repeat,
       max(iif(repeat = 1, day, NULL)) OVER (PARTITION BY customer_id ORDER BY day
         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
       iif(prev_day IS NULL, amount, NULL), iif(prev_day IS NULL, currency, NULL)
     FROM (
       SELECT customer_id, day, sales, amount, currency,
         lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS prev_day,
         (lag(day) OVER (PARTITION BY customer_id ORDER BY day) IS NOT NULL OR sales >= 2) AS repeat
       FROM (
         -- The first sale of a day by id: its amount and currency (SQLite takes bare columns from the min() row).
         SELECT s.customer_id, s.closed_on AS day, count(*) AS sales, min(s.id), s.amount_minor AS amount,
           s.currency AS currency
         FROM sales s INDEXED BY sales_won_by_customer
         WHERE s.status = 'won' AND ${who.replaceAll('$c', 's.customer_id')}
         GROUP BY s.customer_id, s.closed_on
       )
     )`,
  ];
}

function createTable(t: Table): string {
  const type = (c: string): string => (['day', 'currency', 'since', 'stage'].includes(c) ? 'TEXT' : 'INTEGER');
  const columns = [...t.key.map((c) => `${c} ${type(c)} NOT NULL`), ...t.counts.map((c) => `${c} INTEGER NOT NULL`)];
  return `CREATE TABLE ${t.table} (${columns.join(', ')}, PRIMARY KEY (${t.key.join(', ')})) STRICT, WITHOUT ROWID`;
}
const createTables = (counted: readonly Table[]): string[] => [
  ...counted.map(createTable),
  `CREATE TABLE ${PURCHASE_DAYS} (
     customer_id INTEGER NOT NULL, day TEXT NOT NULL, sales INTEGER NOT NULL, prev_day TEXT,
     repeat INTEGER NOT NULL, prev_repeat TEXT, first_amount INTEGER, first_currency TEXT,
     PRIMARY KEY (customer_id, day)) STRICT, WITHOUT ROWID`,
  // Windows that do not start on the 1st read the rows of their days (facts.ts customersPerDay).
  `CREATE INDEX ${PURCHASE_DAYS}_day ON ${PURCHASE_DAYS} (day, prev_day, repeat, prev_repeat)`,
  'CREATE TABLE sales_facts_deferred (batch_id INTEGER PRIMARY KEY) STRICT',
];

/** True unless the row `v` belongs to a deferred import batch. */
const notDeferred = (v: 'NEW' | 'OLD'): string =>
  `(${v}.import_batch_id IS NULL OR ${v}.import_batch_id NOT IN (SELECT batch_id FROM sales_facts_deferred))`;
const changed = (columns: readonly string[]): string => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const trigger = (name: string, event: string, when: string, statements: readonly string[]): string =>
  `CREATE TRIGGER ${name} ${event} WHEN ${when}\nBEGIN\n${statements.map((s) => `${s};`).join('\n')}\nEND`;

/** What a won sale brings to its customer's purchase days. */
const PURCHASE_CHANGES = ['customer_id', 'status', 'closed_on', 'currency', 'amount_minor'];
const answered = (v: 'NEW' | 'OLD'): string =>
  `${v}.status = 'done' AND (${v}.csat IS NOT NULL OR ${v}.nps IS NOT NULL)`;

/**
 * The triggers that count a sale as it is written: as today, or (`at0012`) as migration 0012
 * made them, before the pipeline's stage, currency and amounts (migration 0015).
 */
function salesTriggers(at0012: boolean): string[] {
  const columns = at0012 ? SALE_COLUMNS.filter((c) => c !== 'stage') : SALE_COLUMNS;
  const open = at0012 ? addOpen0012 : addOpen;
  const changes = columns.filter((c) => c !== 'id');
  return [
    trigger('sales_facts_in', 'AFTER INSERT ON sales', notDeferred('NEW'), [
      addDecided('1', '1', rowOf('NEW', columns)),
      open('1', '1', rowOf('NEW', columns)),
      ...recomputeCustomers("$c = NEW.customer_id AND NEW.status = 'won'"),
    ]),
    trigger('sales_facts_out', 'AFTER DELETE ON sales', notDeferred('OLD'), [
      addDecided('-1', '1', rowOf('OLD', columns)),
      open('-1', '1', rowOf('OLD', columns)),
      ...recomputeCustomers("$c = OLD.customer_id AND OLD.status = 'won'"),
    ]),
    trigger(
      'sales_facts_change',
      `AFTER UPDATE OF ${changes.join(', ')} ON sales`,
      `(${changed(changes)}) AND ${notDeferred('NEW')} AND ${notDeferred('OLD')}`,
      [
        addDecided('-1', '1', rowOf('OLD', columns)),
        addDecided('1', '1', rowOf('NEW', columns)),
        open('-1', '1', rowOf('OLD', columns)),
        open('1', '1', rowOf('NEW', columns)),
        ...recomputeCustomers(
          `$c IN (OLD.customer_id, NEW.customer_id) AND 'won' IN (OLD.status, NEW.status) AND (${changed(PURCHASE_CHANGES)})`,
        ),
      ],
    ),
  ];
}

const ANSWER_TRIGGERS = [
  trigger('check_in_answers_in', 'AFTER INSERT ON check_ins', answered('NEW'), [
    addAnswers('1', '1', rowOf('NEW', CHECK_IN_COLUMNS)),
  ]),
  trigger('check_in_answers_out', 'AFTER DELETE ON check_ins', answered('OLD'), [
    addAnswers('-1', '1', rowOf('OLD', CHECK_IN_COLUMNS)),
  ]),
  trigger(
    'check_in_answers_change',
    `AFTER UPDATE OF ${CHECK_IN_COLUMNS.join(', ')} ON check_ins`,
    `(${answered('OLD')} OR ${answered('NEW')}) AND (${changed(CHECK_IN_COLUMNS)})`,
    [addAnswers('-1', '1', rowOf('OLD', CHECK_IN_COLUMNS)), addAnswers('1', '1', rowOf('NEW', CHECK_IN_COLUMNS))],
  ),
];
/**
 * Triggers `name`_in, _out and _change that count every row of `table` with `add`: in as it is
 * inserted, out as it is deleted, and out as it was and in as it is when one of `columns` changes.
 */
const countingTriggers = (
  name: string,
  table: string,
  columns: readonly string[],
  add: (k: string, where: string, from: string) => string[],
): string[] => [
  trigger(`${name}_in`, `AFTER INSERT ON ${table}`, '1', add('1', '1', rowOf('NEW', columns))),
  trigger(`${name}_out`, `AFTER DELETE ON ${table}`, '1', add('-1', '1', rowOf('OLD', columns))),
  trigger(`${name}_change`, `AFTER UPDATE OF ${columns.join(', ')} ON ${table}`, changed(columns), [
    ...add('-1', '1', rowOf('OLD', columns)),
    ...add('1', '1', rowOf('NEW', columns)),
  ]),
];
const CHECK_IN_DAY_TRIGGERS = countingTriggers('check_in_days', 'check_ins', CHECK_IN_DAY_COLUMNS, addCheckInDays);
const COMPLAINT_TRIGGERS = [
  trigger('complaint_days_in', 'AFTER INSERT ON complaints', 'NEW.resolved_on IS NOT NULL', [
    addClosed('1', '1', rowOf('NEW', COMPLAINT_COLUMNS)),
  ]),
  trigger('complaint_days_out', 'AFTER DELETE ON complaints', 'OLD.resolved_on IS NOT NULL', [
    addClosed('-1', '1', rowOf('OLD', COMPLAINT_COLUMNS)),
  ]),
  trigger(
    'complaint_days_change',
    `AFTER UPDATE OF ${COMPLAINT_COLUMNS.join(', ')} ON complaints`,
    `(OLD.resolved_on IS NOT NULL OR NEW.resolved_on IS NOT NULL) AND (${changed(COMPLAINT_COLUMNS)})`,
    [addClosed('-1', '1', rowOf('OLD', COMPLAINT_COLUMNS)), addClosed('1', '1', rowOf('NEW', COMPLAINT_COLUMNS))],
  ),
];
const COMPLAINT_DAY_COLUMNS = ['opened_on', 'resolved_on'];
const COMPLAINT_COUNT_TRIGGERS = countingTriggers(
  'complaint_day_counts',
  'complaints',
  COMPLAINT_DAY_COLUMNS,
  addComplaintDays,
);
const PURCHASE_TRIGGERS = [
  trigger(`${PURCHASE_DAYS}_in`, `AFTER INSERT ON ${PURCHASE_DAYS}`, '1', purchaseDayStatements(1, 'NEW')),
  trigger(`${PURCHASE_DAYS}_out`, `AFTER DELETE ON ${PURCHASE_DAYS}`, '1', purchaseDayStatements(-1, 'OLD')),
  // Rows are only ever deleted and inserted (recomputeCustomers); an update is refused rather than miscounted.
  trigger(`${PURCHASE_DAYS}_frozen`, `BEFORE UPDATE ON ${PURCHASE_DAYS}`, '1', [
    `SELECT RAISE(ABORT, '${PURCHASE_DAYS} rows are recomputed, never updated')`,
  ]),
];
/** A row whose counts come to zero goes. */
const emptied = (t: Table): string =>
  trigger(`${t.table}_emptied`, `AFTER UPDATE ON ${t.table}`, t.empty.map((c) => `NEW.${c} = 0`).join(' AND '), [
    `DELETE FROM ${t.table} WHERE ${t.key.map((c) => `${c} = NEW.${c}`).join(' AND ')}`,
  ]);

const TRIGGERS = [
  ...salesTriggers(false),
  ...ANSWER_TRIGGERS,
  ...CHECK_IN_DAY_TRIGGERS,
  ...COMPLAINT_TRIGGERS,
  ...COMPLAINT_COUNT_TRIGGERS,
  ...PURCHASE_TRIGGERS,
  ...COUNTED.map(emptied),
];
/** The tables and triggers as migration 0012 made them: a book's schema at versions 12 to 14. */
const COUNTED_0012 = [DAY_FACTS, OPEN_DAYS_0012, ANSWER_DAYS, BUYER_DAYS];
const SCHEMA_0012 = [
  ...createTables(COUNTED_0012),
  ...salesTriggers(true),
  ...ANSWER_TRIGGERS,
  ...PURCHASE_TRIGGERS,
  ...COUNTED_0012.map(emptied),
];

/** Customers recomputed per pass, and sales added per pass: each pass's sort stays small. */
const CHUNK = 20_000;

/** Runs `statements` over the id ranges [from, to] of `range`, CHUNK at a time. */
async function inChunks(db: AnyDb, range: string, statements: (from: number, to: number) => string[]): Promise<void> {
  const { rows } = await sql.raw<{ min: number | null; max: number | null }>(range).execute(db);
  const { min, max } = rows[0]!;
  if (min === null || max === null) return;
  for (let from = min; from <= max; from += CHUNK)
    for (const s of statements(from, Math.min(max, from + CHUNK - 1))) await sql.raw(s).execute(db);
}

/**
 * Fills the tables from every sale, check-in and complaint (the migration, and the recomputation the tests
 * compare the triggers' work with), in passes of CHUNK sales, check-ins and customers. With
 * `since`, from the sales, check-ins and complaints with ids above it only, and the customers of those sales:
 * what the insert triggers would have done for rows written while they were suspended
 * (db/bulkInsert.ts).
 */
export async function fillSalesFacts(db: AnyDb, since = { sales: 0, checkIns: 0, complaints: 0 }): Promise<void> {
  await fill(db, since, false);
}

/** fillSalesFacts, or (`at0012`) the tables as migration 0012 made them. */
async function fill(
  db: AnyDb,
  since: { sales: number; checkIns: number; complaints: number },
  at0012: boolean,
): Promise<void> {
  const [sales, checkIns, complaints] = [Number(since.sales), Number(since.checkIns), Number(since.complaints)];
  await inChunks(db, idEnds('sales', `id > ${sales}`), (a, b) => [
    addDecided('1', idsBetween('s.id', a, b)),
    (at0012 ? addOpen0012 : addOpen)('1', idsBetween('s.id', a, b)),
  ]);
  await inChunks(db, idEnds('check_ins', `id > ${checkIns}`), (a, b) => [
    addAnswers('1', idsBetween('c.id', a, b)),
    ...(at0012 ? [] : addCheckInDays('1', idsBetween('c.id', a, b))),
  ]);
  if (!at0012)
    await inChunks(db, idEnds('complaints', `id > ${complaints}`), (a, b) => [
      addClosed('1', idsBetween('m.id', a, b)),
      ...addComplaintDays('1', idsBetween('m.id', a, b)),
    ]);
  // Recomputing a customer who had no new sale (an id in the range) leaves their rows as they were.
  await inChunks(db, idEnds('sales', `id > ${sales}`, 'customer_id'), (a, b) =>
    recomputeCustomers(`$c BETWEEN ${a} AND ${b}`),
  );
}

/** The triggers that count a sale, a check-in or a complaint as it is inserted, which db/bulkInsert.ts suspends. */
export const SALES_FACTS_INSERT_TRIGGERS = [
  'sales_facts_in',
  'check_in_answers_in',
  'check_in_days_in',
  'complaint_days_in',
  'complaint_day_counts_in',
];

/** Empties the tables (as if there were no sale, check-in or complaint). */
export async function clearSalesFacts(db: AnyDb): Promise<void> {
  for (const t of [PURCHASE_DAYS, ...COUNTED.map((c) => c.table)]) await sql.raw(`DELETE FROM ${t}`).execute(db);
}

/**
 * Makes the tables and triggers as migration 0012 made them, and fills them. A book at versions
 * 12 to 14 has exactly these (the schema check compares them: test/db/schemaHistory.test.ts), so
 * a later change to the definition goes in a new migration and leaves this as it was.
 */
export async function createSalesFacts(db: AnyDb): Promise<void> {
  for (const statement of SCHEMA_0012) await sql.raw(statement).execute(db);
  await fill(db, { sales: 0, checkIns: 0, complaints: 0 }, true);
}

/**
 * Migration 0015: open_sale_days gains its sales' stage, currency and amounts (the pipeline reads
 * it), and the check-ins per due day and per day done and the complaints closed per day come:
 * those tables, with the triggers that count into them, made again from this definition, then
 * filled.
 */
export async function addPipelineAndCareDays(db: AnyDb): Promise<void> {
  const tables = [OPEN_DAYS, DUE_DAYS, DONE_DAYS, CLOSED_DAYS];
  const made = [
    ...['sales_facts_in', 'sales_facts_out', 'sales_facts_change'],
    ...['check_in_days_in', 'check_in_days_out', 'check_in_days_change'],
    ...['complaint_days_in', 'complaint_days_out', 'complaint_days_change'],
    ...tables.map((t) => `${t.table}_emptied`),
  ];
  for (const name of made) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  await sql.raw(`DROP TABLE ${OPEN_DAYS.table}`).execute(db);
  const triggers = TRIGGERS.filter((t) => made.some((name) => t.startsWith(`CREATE TRIGGER ${name} `)));
  for (const statement of [...tables.map(createTable), ...triggers]) await sql.raw(statement).execute(db);
  await inChunks(db, idEnds('sales'), (a, b) => [addOpen('1', idsBetween('s.id', a, b))]);
  await inChunks(db, idEnds('check_ins'), (a, b) => addCheckInDays('1', idsBetween('c.id', a, b)));
  await inChunks(db, idEnds('complaints'), (a, b) => [addClosed('1', idsBetween('m.id', a, b))]);
}

/**
 * Migration 0019: the complaints opened and closed per day (complaint_day_counts), with the
 * triggers that count into it, made from this definition, then filled.
 */
export async function addComplaintDayCounts(db: AnyDb): Promise<void> {
  const triggers = [...COMPLAINT_COUNT_TRIGGERS, emptied(COMPLAINT_DAYS)];
  for (const statement of [createTable(COMPLAINT_DAYS), ...triggers]) await sql.raw(statement).execute(db);
  await inChunks(db, idEnds('complaints'), (a, b) => addComplaintDays('1', idsBetween('m.id', a, b)));
}

const batchCustomers = (batchId: number): string =>
  `$c IN (SELECT customer_id FROM sales WHERE import_batch_id = ${Number(batchId)})`;

/** Until foldSalesFacts, the sales of import batch `batchId` are not counted row by row. */
export function deferSalesFacts(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare('INSERT INTO sales_facts_deferred (batch_id) VALUES (?)').run(batchId);
}

/** Counts the sales of import batch `batchId` in one pass, recomputes their customers, and ends the deferral. */
export function foldSalesFacts(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare('DELETE FROM sales_facts_deferred WHERE batch_id = ?').run(batchId);
  for (const s of [
    addDecided('1', `s.import_batch_id = ${Number(batchId)}`),
    addOpen('1', `s.import_batch_id = ${Number(batchId)}`),
    ...recomputeCustomers(batchCustomers(batchId)),
    ...recomputeCareFacts(batchCustomers(batchId)),
    ...recomputeCustomerTotals(batchCustomers(batchId)),
    ...recomputeRatingFacts(batchCustomers(batchId)),
  ])
    sqlite.prepare(s).run();
}

/**
 * The purchase days, care facts (db/careFacts.ts) and won totals (db/customerTotals.ts) of the
 * customers a batch taken back had sales of.
 */
const batchCustomersRecomputed = [
  ...recomputeCustomers('$c IN (SELECT customer_id FROM temp.sales_facts_customers)'),
  ...recomputeCareFacts('$c IN (SELECT customer_id FROM temp.sales_facts_customers)'),
  ...recomputeCustomerTotals('$c IN (SELECT customer_id FROM temp.sales_facts_customers)'),
  ...recomputeRatingFacts('$c IN (SELECT customer_id FROM temp.sales_facts_customers)'),
];

/**
 * Takes back the sales of import batch `batchId` while it is still deferred (an import cut short
 * between its committed steps): their figures were never counted, so they go as they are; their
 * customers' purchase days are recomputed from the sales left, since a sale the seller saved
 * meanwhile for one of them recomputed them with the batch's sales in. Ends the deferral.
 */
export function dropDeferredSales(sqlite: Database.Database, batchId: number): number {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS sales_facts_customers (customer_id INTEGER PRIMARY KEY)');
  sqlite
    .prepare('INSERT OR IGNORE INTO temp.sales_facts_customers SELECT customer_id FROM sales WHERE import_batch_id = ?')
    .run(batchId);
  const removed = sqlite.prepare('DELETE FROM sales WHERE import_batch_id = ?').run(batchId).changes;
  for (const s of batchCustomersRecomputed) sqlite.prepare(s).run();
  sqlite.exec('DELETE FROM temp.sales_facts_customers');
  sqlite.prepare('DELETE FROM sales_facts_deferred WHERE batch_id = ?').run(batchId);
  return removed;
}

/**
 * Before an import batch's sales are deleted (its undo): takes them out in one pass, notes their
 * customers, and defers the batch so the deletes do not take them out again row by row;
 * endSalesFactsDeferral once they are gone recomputes those customers.
 */
export async function withdrawSalesFacts(db: AnyDb, batchId: number): Promise<void> {
  await sql.raw(addDecided('-1', `s.import_batch_id = ${Number(batchId)}`)).execute(db);
  await sql.raw(addOpen('-1', `s.import_batch_id = ${Number(batchId)}`)).execute(db);
  await sql`CREATE TEMP TABLE IF NOT EXISTS sales_facts_customers (customer_id INTEGER PRIMARY KEY)`.execute(db);
  await sql`INSERT OR IGNORE INTO temp.sales_facts_customers
    SELECT customer_id FROM sales WHERE import_batch_id = ${batchId}`.execute(db);
  await sql`INSERT INTO sales_facts_deferred (batch_id) VALUES (${batchId})`.execute(db);
}

/** Ends the deferral withdrawSalesFacts began: the batch's customers recomputed from the sales left. */
export async function endSalesFactsDeferral(db: AnyDb, batchId: number): Promise<void> {
  for (const s of batchCustomersRecomputed) await sql.raw(s).execute(db);
  await sql`DELETE FROM temp.sales_facts_customers`.execute(db);
  await sql`DELETE FROM sales_facts_deferred WHERE batch_id = ${batchId}`.execute(db);
}
