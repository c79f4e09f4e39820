import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';

/**
 * The full-text index: ONE definition of the FTS5 table `search_index` and of the triggers that
 * keep it in step with the texts the seller writes. It is derived data: everything in it can be
 * rebuilt from the source tables, and `ensureSearchIndex` does so whenever any piece is missing,
 * differs from this definition, or cannot be read.
 *
 * A row's rowid is `day << 40 | id << 3 | code`: the record's business day (year * 512 +
 * month * 32 + day of its date), its id in its own table and its kind's code below. A trigger
 * computes it from the row's own columns, so it reaches its one index row by rowid, never by a
 * scan, and a hit says what it is without a lookup. The day in the high bits makes FTS5's own
 * rowid order "newest first": a newest-first page walks the matches backwards and stops after
 * the page instead of reading and sorting every match's date. The price is paid by bulk writes
 * out of date order: FTS5 flushes its buffer whenever a rowid is lower than the last one
 * written in the transaction (an import of 50,000 sales with notes in no date order took
 * 19 s here, 11.6 s sorted by date, 5.1 s without notes). Rowids pass 2^53: read them in SQL
 * (CODE_OF_ROWID, ID_OF_ROWID), never as JavaScript numbers.
 * `date` (UNINDEXED, first so reading it never touches a long body) is the business date as
 * text. `title` and `body` are the indexed texts; ranking weighs the title higher. The tokenizer
 * folds case and accents: `perche` finds `perché`, `citta` finds `città`. The prefix indexes of
 * 2 and 3 characters make the short prefixes of typing-as-you-search cheap.
 *
 * A source is indexed only when its table exists: migration 0006 builds the index on version-6
 * tables, and each later migration that adds a source's table (0007: the library and training notes) calls
 * `ensureSearchIndex` again, which adds that source's triggers and rows and leaves the rest as
 * it is. Opening a database does the same for whatever is missing.
 */
export const SEARCH_TABLE = 'search_index';

/** The code of each kind of record in the low three bits of a rowid. */
export const SEARCH_KIND_CODES = {
  journal: 1,
  technique: 2,
  sale: 3,
  customer: 4,
  complaint: 5,
  training: 6,
  library: 7,
  highlight: 0,
} as const;
export type SearchKindName = keyof typeof SEARCH_KIND_CODES;
/** The bits of a rowid under its day: id << 3 | code (ids below 2^37). */
export const ID_BITS = 37;
const DAY_SHIFT = ID_BITS + 3;
/** SQL reading a row's kind code and its record's id from its rowid. */
export const CODE_OF_ROWID = 'rowid & 7';
export const ID_OF_ROWID = `(rowid >> 3) & ${2 ** ID_BITS - 1}`;

/** The table itself; compared, as SQLite keeps it, with what a database holds. */
const TABLE_SQL =
  `CREATE VIRTUAL TABLE ${SEARCH_TABLE} USING fts5(date UNINDEXED, title, body, ` +
  `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`;

/** The five shadow tables FTS5 keeps beside the table. */
export const SHADOW_TABLES = ['data', 'idx', 'content', 'docsize', 'config'].map((s) => `${SEARCH_TABLE}_${s}`);
/**
 * The import batches whose rows are not indexed yet: FTS5 takes rows one by one from a trigger
 * slower and slower as the index grows (an import of 80,000 sales with notes spent ~15 s in it,
 * 120,000 ~3 min), and all of them in rowid order in one statement in half a second.
 */
export const SEARCH_DEFERRED = `${SEARCH_TABLE}_deferred`;
const DEFERRED_SQL = `CREATE TABLE ${SEARCH_DEFERRED} (batch_id INTEGER PRIMARY KEY) STRICT`;

/**
 * What one source table puts into the index. Expressions are SQL over the row `$`
 * (replaced by NEW, OLD or the table's alias).
 */
interface Source {
  kind: SearchKindName;
  table: string;
  /** The columns whose change re-indexes the row. */
  columns: readonly string[];
  /** Which rows are indexed; every row when absent. */
  when?: string;
  title: string;
  body: string;
  date: string;
  /**
   * Another table whose change re-indexes this source's rows that refer to it (a product's new
   * name is its training note's title): its `columns`, and `link`, the condition on the source's
   * row `$` that finds those rows from the changed row `NEW`.
   */
  follows?: { table: string; columns: readonly string[]; link: string };
  /**
   * Rows an import writes (the table has `import_batch_id`): while their batch is deferred the
   * triggers leave them out, and the import's last step indexes them in one pass (foldSearchIndex).
   */
  imported?: true;
}

/** Not NULL and more than white space. */
const written = (column: string): string => `trim(${column}, char(32, 9, 10, 13)) <> ''`;
/** A JSON array of strings as lines of text. */
const lines = (column: string): string => `(SELECT group_concat(value, char(10)) FROM json_each(${column}))`;
/** The day of an ISO timestamp. */
const dayOf = (column: string): string => `substr(${column}, 1, 10)`;

const SOURCES: readonly Source[] = [
  {
    kind: 'journal',
    table: 'journal_entries',
    columns: ['entry_date', 'title', 'situation', 'action', 'learned', 'next_time', 'body', 'tags'],
    title: '$.title',
    body: `concat_ws(char(10), $.situation, $.action, $.learned, $.next_time, $.body, ${lines('$.tags')})`,
    date: '$.entry_date',
  },
  {
    kind: 'technique',
    table: 'techniques',
    columns: ['name', 'description', 'steps', 'source', 'created_at'],
    title: '$.name',
    body: `concat_ws(char(10), $.description, ${lines('$.steps')}, $.source)`,
    date: dayOf('$.created_at'),
  },
  {
    kind: 'sale',
    table: 'sales',
    imported: true,
    columns: ['title', 'notes', 'opened_on', 'closed_on'],
    when: written('$.notes'),
    title: '$.title',
    body: '$.notes',
    date: 'coalesce($.closed_on, $.opened_on)',
  },
  {
    kind: 'customer',
    table: 'customers',
    imported: true,
    columns: ['name', 'notes', 'created_at'],
    when: written('$.notes'),
    title: '$.name',
    body: '$.notes',
    date: dayOf('$.created_at'),
  },
  {
    kind: 'complaint',
    table: 'complaints',
    columns: ['description', 'resolution', 'opened_on'],
    title: 'NULL',
    body: 'concat_ws(char(10), $.description, $.resolution)',
    date: '$.opened_on',
  },
  {
    kind: 'training',
    table: 'training_notes',
    columns: [
      'subject',
      'product_id',
      'name',
      'features',
      'benefits',
      'pricing',
      'who',
      'cares_about',
      'what_works',
      'objections',
      'body',
      'updated_at',
    ],
    // A product note goes by its product's name, a segment's or industry's by its own.
    title: 'coalesce($.name, (SELECT p.name FROM products p WHERE p.id = $.product_id))',
    body:
      'concat_ws(char(10), $.features, $.benefits, $.pricing, $.who, $.cares_about, $.what_works, ' +
      // Each objection and its answer (`->> 'label'` reads a key: a `$.` path would be taken for the row).
      "(SELECT group_concat(concat_ws(char(10), o.value ->> 'objection', o.value ->> 'answer'), char(10)) " +
      'FROM json_each($.objections) o), $.body)',
    date: dayOf('$.updated_at'),
    follows: { table: 'products', columns: ['name'], link: '$.product_id = NEW.id' },
  },
  {
    kind: 'library',
    table: 'library_items',
    columns: ['title', 'description', 'summary', 'event', 'body', 'tags', 'finished_on', 'created_at'],
    title: '$.title',
    body: `concat_ws(char(10), $.description, $.summary, $.event, $.body, ${lines('$.tags')})`,
    // Found among what was finished then, else when it came into the library.
    date: `coalesce($.finished_on, ${dayOf('$.created_at')})`,
  },
  {
    kind: 'highlight',
    table: 'library_highlights',
    columns: ['item_id', 'text', 'note', 'highlighted_at', 'created_at'],
    when: `(${written('$.text')} OR ${written('$.note')})`,
    // A highlight goes by its book's title.
    title: '(SELECT i.title FROM library_items i WHERE i.id = $.item_id)',
    body: 'concat_ws(char(10), $.text, $.note)',
    date: dayOf('coalesce($.highlighted_at, $.created_at)'),
    follows: { table: 'library_items', columns: ['title'], link: '$.item_id = NEW.id' },
  },
];

const over = (expression: string, row: string): string => expression.replaceAll('$.', `${row}.`);
/** An ISO day as year * 512 + month * 32 + day (below 2^23, in date order); 0 when there is none. */
const dayKey = (date: string): string =>
  `coalesce(CAST(substr(${date}, 1, 4) AS INTEGER) * 512 + CAST(substr(${date}, 6, 2) AS INTEGER) * 32 + ` +
  `CAST(substr(${date}, 9, 2) AS INTEGER), 0)`;
const rowid = (source: Source, row: string): string =>
  `(${over(dayKey(source.date), row)} << ${DAY_SHIFT}) + (${row}.id << 3) + ${SEARCH_KIND_CODES[source.kind]}`;
const values = (source: Source, row: string): string =>
  [rowid(source, row), source.date, source.title, source.body].map((e) => over(e, row)).join(', ');
const INTO = `INSERT INTO ${SEARCH_TABLE} (rowid, date, title, body)`;

/** True unless the row `row` of an imported source belongs to a deferred batch. */
const notDeferred = (source: Source, row: string): string | null =>
  source.imported
    ? `(${row}.import_batch_id IS NULL OR ${row}.import_batch_id NOT IN (SELECT batch_id FROM ${SEARCH_DEFERRED}))`
    : null;
const both = (...conditions: (string | null)[]): string => conditions.filter((c) => c !== null).join(' AND ');

/** The name of a source's trigger for `event` ('insert', 'update', 'delete', 'follows_products'). */
const triggerName = (source: Source, event: string): string => `${SEARCH_TABLE}_${source.table}_${event}`;

/** The triggers of one source: name → CREATE statement. */
function triggersOf(source: Source): [string, string][] {
  const { table, when, follows } = source;
  const name = (event: string) => triggerName(source, event);
  const onlyWhen = (row: string) => {
    const condition = both(when ? over(when, row) : null, notDeferred(source, row));
    return condition ? ` WHEN ${condition}` : '';
  };
  const remove = (row: string) => `DELETE FROM ${SEARCH_TABLE} WHERE rowid = ${rowid(source, row)};`;
  const triggers: [string, string][] = [
    [
      name('insert'),
      `CREATE TRIGGER ${name('insert')} AFTER INSERT ON ${table}${onlyWhen('NEW')} BEGIN ` +
        `${INTO} VALUES (${values(source, 'NEW')}); END`,
    ],
    [
      name('update'),
      // A row can enter the index (notes written) or leave it (notes cleared): out, then in if it qualifies.
      `CREATE TRIGGER ${name('update')} AFTER UPDATE OF id, ${source.columns.join(', ')} ON ${table}` +
        (when || source.imported
          ? ` WHEN ${both(when ? `(${over(when, 'OLD')} OR ${over(when, 'NEW')})` : null, notDeferred(source, 'OLD'))}`
          : '') +
        ` BEGIN ${remove('OLD')} ${INTO} SELECT ${values(source, 'NEW')}` +
        (when ? ` WHERE ${over(when, 'NEW')}` : '') +
        '; END',
    ],
    [
      name('delete'),
      `CREATE TRIGGER ${name('delete')} AFTER DELETE ON ${table}${onlyWhen('OLD')} BEGIN ${remove('OLD')} END`,
    ],
  ];
  if (follows) {
    const event = `follows_${follows.table}`;
    const linked = ` FROM ${table} r WHERE ${over(follows.link, 'r')}` + (when ? ` AND ${over(when, 'r')}` : '');
    triggers.push([
      name(event),
      `CREATE TRIGGER ${name(event)} AFTER UPDATE OF ${follows.columns.join(', ')} ON ${follows.table} BEGIN ` +
        `DELETE FROM ${SEARCH_TABLE} WHERE rowid IN (SELECT ${rowid(source, 'r')}${linked}); ` +
        `${INTO} SELECT ${values(source, 'r')}${linked} ORDER BY 1; END`,
    ]);
  }
  return triggers;
}

/** Every trigger's name, for tests and for the check. */
export const SEARCH_TRIGGERS: readonly string[] = SOURCES.flatMap(triggersOf).map(([name]) => name);

/**
 * The statement that fills the index with a source's rows, in rowid order: FTS5 writes rows
 * that come in ascending rowids to its in-memory buffer and flushes it for any row out of order.
 */
const fillOf = (source: Source, only?: string): string => {
  const where = both(source.when ? over(source.when, 'r') : null, only ?? notDeferred(source, 'r'));
  return `${INTO} SELECT ${values(source, 'r')} FROM ${source.table} r${where ? ` WHERE ${where}` : ''} ORDER BY 1`;
};

/** Until foldSearchIndex, the rows of import batch `batchId` are left out of the index. */
export function deferSearchIndex(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare(`INSERT INTO ${SEARCH_DEFERRED} (batch_id) VALUES (?)`).run(batchId);
}

/** Indexes the rows of import batch `batchId` in one pass per source, in rowid order, and ends the deferral. */
export function foldSearchIndex(sqlite: Database.Database, batchId: number): void {
  sqlite.prepare(`DELETE FROM ${SEARCH_DEFERRED} WHERE batch_id = ?`).run(batchId);
  for (const source of SOURCES.filter((s) => s.imported))
    sqlite.prepare(fillOf(source, `r.import_batch_id = ${Number(batchId)}`)).run();
}

/** The insert triggers of the sources on `tables`, which db/bulkInsert.ts suspends around a bulk write. */
export const searchInsertTriggers = (tables: readonly string[]): string[] =>
  SOURCES.filter((s) => tables.includes(s.table)).map((s) => triggerName(s, 'insert'));

/**
 * Indexes the rows of `tables` with ids above `since[table]`, one pass per source in rowid order:
 * what their insert triggers would have done for rows written while they were suspended.
 */
export function indexRowsSince(sqlite: Database.Database, since: Readonly<Record<string, number>>): void {
  for (const source of SOURCES.filter((s) => since[s.table] !== undefined))
    sqlite.prepare(fillOf(source, both(notDeferred(source, 'r'), `r.id > ${Number(since[source.table])}`))).run();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migration 0006 calls it with its untyped handle
type AnyDb = Kysely<any>;

/** What the database holds of the index. */
interface IndexState {
  /** The sources whose tables (and the tables they follow) exist: the ones to index. */
  sources: readonly Source[];
  /** The table and its shadow tables exist as defined here, and a query reads it. */
  whole: boolean;
  /** Sources among `sources` with a trigger missing or not as defined here. */
  stale: readonly Source[];
}

/** Two small reads of the schema and one query: cheap enough for every start. */
async function inspect(db: AnyDb): Promise<IndexState> {
  const { rows } = await sql<{ name: string; type: string; sql: string | null }>`
    SELECT name, type, sql FROM sqlite_schema
    WHERE type = 'table' OR name = ${SEARCH_TABLE} OR name LIKE ${`${SEARCH_TABLE}\\_%`} ESCAPE '\\'`.execute(db);
  const found = new Map(rows.map((r) => [r.name, r.sql]));
  const tables = new Set(rows.filter((r) => r.type === 'table').map((r) => r.name));
  const sources = SOURCES.filter((s) => tables.has(s.table) && (!s.follows || tables.has(s.follows.table)));
  const deferredTable = found.get(SEARCH_DEFERRED) === DEFERRED_SQL;
  const stale = sources.filter(
    (s) => (s.imported && !deferredTable) || triggersOf(s).some(([name, statement]) => found.get(name) !== statement),
  );
  let whole = found.get(SEARCH_TABLE) === TABLE_SQL && SHADOW_TABLES.every((name) => found.has(name));
  if (whole) {
    try {
      await sql`SELECT rowid FROM ${sql.table(SEARCH_TABLE)} WHERE ${sql.table(SEARCH_TABLE)} MATCH '"rapport"' LIMIT 1`.execute(
        db,
      );
    } catch {
      whole = false;
    }
  }
  return { sources, whole, stale };
}

/**
 * Whether the index is whole: the table, its shadow tables and the triggers of every source
 * whose table exists are there exactly as defined here, and a query reads it.
 */
export async function searchIndexIsIntact(db: AnyDb): Promise<boolean> {
  const state = await inspect(db);
  return state.whole && state.stale.length === 0;
}

/** The deferred batches' table as defined here (a different one, written by another tool, is replaced). */
async function deferredTable(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_schema WHERE name = ${SEARCH_DEFERRED}`.execute(
    db,
  );
  if (rows[0]?.sql === DEFERRED_SQL) return;
  await sql`DROP TABLE IF EXISTS ${sql.table(SEARCH_DEFERRED)}`.execute(db);
  await sql.raw(DEFERRED_SQL).execute(db);
}

/** Drops whatever is left of the index and builds it anew from the source rows. */
async function rebuild(db: AnyDb, sources: readonly Source[]): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ${`${SEARCH_TABLE}\\_%`} ESCAPE '\\'`.execute(
    db,
  );
  for (const { name } of rows) await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  await sql`DROP TABLE IF EXISTS ${sql.table(SEARCH_TABLE)}`.execute(db);
  // A shadow table left without its table (written by another tool) would block the CREATE.
  for (const name of SHADOW_TABLES) await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
  await sql.raw(TABLE_SQL).execute(db);
  await deferredTable(db);
  for (const source of sources) for (const [, statement] of triggersOf(source)) await sql.raw(statement).execute(db);
  for (const source of sources) await sql.raw(fillOf(source)).execute(db);
  // One segment instead of one per fill: the first searches read less.
  await sql.raw(`INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}) VALUES ('optimize')`).execute(db);
}

/**
 * Brings the sources whose triggers are missing or changed up to date in a whole index: their
 * triggers anew, their rows out and in again (a dropped trigger may have left rows behind that
 * no longer match theirs). The other sources' rows stay as they are.
 */
async function repair(db: AnyDb, stale: readonly Source[]): Promise<void> {
  await deferredTable(db);
  for (const source of stale) {
    for (const [name] of triggersOf(source)) await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
    await sql.raw(`DELETE FROM ${SEARCH_TABLE} WHERE ${CODE_OF_ROWID} = ${SEARCH_KIND_CODES[source.kind]}`).execute(db);
    for (const [, statement] of triggersOf(source)) await sql.raw(statement).execute(db);
    await sql.raw(fillOf(source)).execute(db);
  }
}

/**
 * Makes sure the index is there and whole for every source whose table exists, in one
 * transaction (the caller's, when it is already in one). A whole index with some sources'
 * triggers missing (a migration added their tables) gets just those sources; anything else
 * missing, changed or unreadable, and it is dropped and rebuilt from the source rows. Returns
 * whether it had to change anything.
 */
export async function ensureSearchIndex(db: AnyDb): Promise<boolean> {
  const state = await inspect(db);
  if (state.whole && state.stale.length === 0) return false;
  const work = (trx: AnyDb) => (state.whole ? repair(trx, state.stale) : rebuild(trx, state.sources));
  if (db.isTransaction) await work(db);
  else await db.transaction().execute(work);
  return true;
}
