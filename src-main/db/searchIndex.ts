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
 */
export const SEARCH_TABLE = 'search_index';

/** The code of each kind of record in the low three bits of a rowid. */
export const SEARCH_KIND_CODES = {
  journal: 1,
  technique: 2,
  sale: 3,
  customer: 4,
  complaint: 5,
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
const SHADOW_TABLES = ['data', 'idx', 'content', 'docsize', 'config'].map((s) => `${SEARCH_TABLE}_${s}`);

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
    columns: ['title', 'notes', 'opened_on', 'closed_on'],
    when: written('$.notes'),
    title: '$.title',
    body: '$.notes',
    date: 'coalesce($.closed_on, $.opened_on)',
  },
  {
    kind: 'customer',
    table: 'customers',
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

/** The triggers of one source: name → CREATE statement. */
function triggersOf(source: Source): [string, string][] {
  const { table, when } = source;
  const name = (event: string) => `${SEARCH_TABLE}_${table}_${event}`;
  const onlyWhen = (row: string) => (when ? ` WHEN ${over(when, row)}` : '');
  const remove = (row: string) => `DELETE FROM ${SEARCH_TABLE} WHERE rowid = ${rowid(source, row)};`;
  return [
    [
      name('insert'),
      `CREATE TRIGGER ${name('insert')} AFTER INSERT ON ${table}${onlyWhen('NEW')} BEGIN ` +
        `${INTO} VALUES (${values(source, 'NEW')}); END`,
    ],
    [
      name('update'),
      // A row can enter the index (notes written) or leave it (notes cleared): out, then in if it qualifies.
      `CREATE TRIGGER ${name('update')} AFTER UPDATE OF id, ${source.columns.join(', ')} ON ${table}` +
        (when ? ` WHEN ${over(when, 'OLD')} OR ${over(when, 'NEW')}` : '') +
        ` BEGIN ${remove('OLD')} ${INTO} SELECT ${values(source, 'NEW')}` +
        (when ? ` WHERE ${over(when, 'NEW')}` : '') +
        '; END',
    ],
    [
      name('delete'),
      `CREATE TRIGGER ${name('delete')} AFTER DELETE ON ${table}${onlyWhen('OLD')} BEGIN ${remove('OLD')} END`,
    ],
  ];
}

const TRIGGERS: readonly [string, string][] = SOURCES.flatMap(triggersOf);

/** Every trigger's name, for tests and for the check. */
export const SEARCH_TRIGGERS: readonly string[] = TRIGGERS.map(([name]) => name);

/**
 * The statements that fill the index from the rows there are, in rowid order: FTS5 writes rows
 * that come in ascending rowids to its in-memory buffer and flushes it for any row out of order.
 */
const FILLS: readonly string[] = SOURCES.map(
  (source) =>
    `${INTO} SELECT ${values(source, 'r')} FROM ${source.table} r` +
    (source.when ? ` WHERE ${over(source.when, 'r')}` : '') +
    ' ORDER BY 1',
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migration 0006 calls it with its untyped handle
type AnyDb = Kysely<any>;

/**
 * Whether the index is whole: the table, its shadow tables and every trigger exist exactly as
 * defined here, and a query reads it. Two small reads: cheap enough for every start.
 */
export async function searchIndexIsIntact(db: AnyDb): Promise<boolean> {
  const { rows } = await sql<{ name: string; sql: string | null }>`
    SELECT name, sql FROM sqlite_schema WHERE name = ${SEARCH_TABLE} OR name LIKE ${`${SEARCH_TABLE}\\_%`} ESCAPE '\\'`.execute(
    db,
  );
  const found = new Map(rows.map((r) => [r.name, r.sql]));
  if (found.get(SEARCH_TABLE) !== TABLE_SQL) return false;
  if (SHADOW_TABLES.some((name) => !found.has(name))) return false;
  if (TRIGGERS.some(([name, statement]) => found.get(name) !== statement)) return false;
  try {
    await sql`SELECT rowid FROM ${sql.table(SEARCH_TABLE)} WHERE ${sql.table(SEARCH_TABLE)} MATCH '"rapport"' LIMIT 1`.execute(
      db,
    );
    return true;
  } catch {
    return false;
  }
}

/** Drops whatever is left of the index and builds it anew from the source rows. */
async function rebuild(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE ${`${SEARCH_TABLE}\\_%`} ESCAPE '\\'`.execute(
    db,
  );
  for (const { name } of rows) await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  await sql`DROP TABLE IF EXISTS ${sql.table(SEARCH_TABLE)}`.execute(db);
  // A shadow table left without its table (written by another tool) would block the CREATE.
  for (const name of SHADOW_TABLES) await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
  await sql.raw(TABLE_SQL).execute(db);
  for (const [, statement] of TRIGGERS) await sql.raw(statement).execute(db);
  for (const statement of FILLS) await sql.raw(statement).execute(db);
  // One segment instead of one per fill: the first searches read less.
  await sql.raw(`INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}) VALUES ('optimize')`).execute(db);
}

/**
 * Makes sure the index is there and whole; when it is not, drops what is left and rebuilds table,
 * triggers and content in one transaction (the caller's, when it is already in one). Returns
 * whether it had to rebuild.
 */
export async function ensureSearchIndex(db: AnyDb): Promise<boolean> {
  if (await searchIndexIsIntact(db)) return false;
  if (db.isTransaction) await rebuild(db);
  else await db.transaction().execute(rebuild);
  return true;
}
