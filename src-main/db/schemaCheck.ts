import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './connection';
import { SEARCH_DEFERRED, SEARCH_TABLE, SEARCH_TRIGGERS, SHADOW_TABLES } from './searchIndex';
import type { DB } from './schema';

/**
 * Whether a database file has the schema this version of Rapport gives a database at the
 * version it claims (`user_version`): a file with Rapport's table names and other columns would
 * be accepted by every other check, and then every command would fail with "no such column".
 *
 * The reference is not written down anywhere: it is what this version's migrations produce,
 * run up to that version on an empty in-memory database (cached per version). Compared: the
 * tables, each one's columns (declared type, NOT NULL, primary key) and foreign keys, the
 * indexes (columns, uniqueness, and their CREATE statement), the triggers and the views.
 * Left out: SQLite's own tables (sqlite_sequence, the planner's sqlite_stat1) and the full-text
 * index with its table of deferred import batches, which is derived data that opening a database checks and rebuilds when it differs
 * (searchIndex.ts). Of the index's triggers only the names are compared: one the reference
 * lacks is refused as an extra, one missing is fine (opening adds it), and their statements are
 * not compared, because an older version's own backups hold that version's definitions, which
 * opening replaces with this version's.
 */

export interface SchemaShape {
  /** Table → column → "TYPE [NOT NULL] [PRIMARY KEY n]". */
  tables: Map<string, Map<string, string>>;
  /** Table → its foreign keys, each "column -> parent(column) ON DELETE action". */
  foreignKeys: Map<string, string[]>;
  /** Index → what it is. */
  indexes: Map<string, string>;
  triggers: Map<string, string>;
  /** The search index's triggers present (names only; see above). */
  searchTriggers: Set<string>;
  views: Map<string, string>;
}

export type SchemaDifferenceKind =
  | 'tableMissing'
  | 'tableExtra'
  | 'columnMissing'
  | 'columnExtra'
  | 'columnDiffers'
  | 'foreignKeyMissing'
  | 'foreignKeyExtra'
  | 'indexMissing'
  | 'indexExtra'
  | 'indexDiffers'
  | 'triggerMissing'
  | 'triggerExtra'
  | 'triggerDiffers'
  | 'viewMissing'
  | 'viewExtra'
  | 'viewDiffers';

/** The first way a database differs from the reference, with what to name in a message. */
export interface SchemaDifference {
  kind: SchemaDifferenceKind;
  table?: string;
  column?: string;
  name?: string;
  expected?: string;
  found?: string;
}

const SEARCH_OBJECTS = new Set([SEARCH_TABLE, ...SHADOW_TABLES, SEARCH_DEFERRED]);
const SEARCH_TRIGGER_NAMES = new Set(SEARCH_TRIGGERS);

/** One space for every run of white space: the text of a statement, not its layout. */
const normalise = (statement: string | null): string => (statement ?? '').replace(/\s+/g, ' ').trim();

const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The shape of the schema of the database open on `sqlite` (its main schema). */
export function describeSchema(sqlite: Database.Database): SchemaShape {
  const rows = sqlite
    .prepare('SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY name')
    .all() as SchemaRow[];
  const ours = (name: string): boolean => !name.startsWith('sqlite_') && !SEARCH_OBJECTS.has(name);
  const shape: SchemaShape = {
    tables: new Map(),
    foreignKeys: new Map(),
    indexes: new Map(),
    triggers: new Map(),
    searchTriggers: new Set(),
    views: new Map(),
  };
  for (const row of rows) {
    if (row.type === 'table' && ours(row.name)) {
      const columns = sqlite.prepare(`PRAGMA main.table_info(${quoteId(row.name)})`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      shape.tables.set(
        row.name,
        new Map(
          columns.map((c) => [
            c.name,
            [c.type.toUpperCase() || '(no type)', c.notnull ? 'NOT NULL' : '', c.pk ? `PRIMARY KEY ${c.pk}` : '']
              .filter(Boolean)
              .join(' '),
          ]),
        ),
      );
      const keys = sqlite.prepare(`PRAGMA main.foreign_key_list(${quoteId(row.name)})`).all() as {
        from: string;
        table: string;
        to: string | null;
        on_delete: string;
      }[];
      shape.foreignKeys.set(
        row.name,
        keys.map((k) => `${k.from} -> ${k.table}(${k.to ?? ''}) ON DELETE ${k.on_delete}`).sort(),
      );
    } else if (row.type === 'index' && ours(row.tbl_name)) {
      shape.indexes.set(row.name, describeIndex(sqlite, row));
    } else if (row.type === 'trigger' && SEARCH_TRIGGER_NAMES.has(row.name)) {
      shape.searchTriggers.add(row.name);
    } else if (row.type === 'trigger') {
      shape.triggers.set(row.name, normalise(row.sql));
    } else if (row.type === 'view') {
      shape.views.set(row.name, normalise(row.sql));
    }
  }
  return shape;
}

/** "UNIQUE ON sales (customer_id, opened_on DESC)", or an index's own CREATE statement. */
function describeIndex(sqlite: Database.Database, row: SchemaRow): string {
  if (row.sql) return normalise(row.sql);
  // An index SQLite made for a UNIQUE or PRIMARY KEY constraint has no statement of its own.
  const columns = (
    sqlite.prepare(`PRAGMA main.index_xinfo(${quoteId(row.name)})`).all() as {
      name: string | null;
      desc: number;
      key: number;
    }[]
  )
    .filter((c) => c.key === 1)
    .map((c) => `${c.name ?? '<expression>'}${c.desc ? ' DESC' : ''}`);
  return `UNIQUE ON ${row.tbl_name} (${columns.join(', ')})`;
}

/** Missing first, then extra, then differing: "a table is missing" says more than "an index is extra". */
function compareMaps(
  expected: Map<string, string>,
  found: Map<string, string>,
  kinds: [SchemaDifferenceKind, SchemaDifferenceKind, SchemaDifferenceKind],
  key: 'name' | 'column',
  extra: Partial<SchemaDifference> = {},
): SchemaDifference | null {
  for (const name of expected.keys()) if (!found.has(name)) return { kind: kinds[0], [key]: name, ...extra };
  for (const name of found.keys()) if (!expected.has(name)) return { kind: kinds[1], [key]: name, ...extra };
  for (const [name, value] of expected) {
    if (found.get(name) !== value)
      return { kind: kinds[2], [key]: name, expected: value, found: found.get(name), ...extra };
  }
  return null;
}

/** The first difference of `found` from `expected`, or null when they match. */
export function firstSchemaDifference(found: SchemaShape, expected: SchemaShape): SchemaDifference | null {
  for (const table of expected.tables.keys()) if (!found.tables.has(table)) return { kind: 'tableMissing', table };
  for (const table of found.tables.keys()) if (!expected.tables.has(table)) return { kind: 'tableExtra', table };
  for (const [table, columns] of expected.tables) {
    const difference =
      compareMaps(columns, found.tables.get(table)!, ['columnMissing', 'columnExtra', 'columnDiffers'], 'column', {
        table,
      }) ?? compareKeys(table, expected.foreignKeys.get(table)!, found.foreignKeys.get(table)!);
    if (difference) return difference;
  }
  return (
    compareMaps(expected.indexes, found.indexes, ['indexMissing', 'indexExtra', 'indexDiffers'], 'name') ??
    compareMaps(expected.triggers, found.triggers, ['triggerMissing', 'triggerExtra', 'triggerDiffers'], 'name') ??
    searchTriggerExtra(expected.searchTriggers, found.searchTriggers) ??
    compareMaps(expected.views, found.views, ['viewMissing', 'viewExtra', 'viewDiffers'], 'name')
  );
}

function searchTriggerExtra(expected: Set<string>, found: Set<string>): SchemaDifference | null {
  const extra = [...found].find((name) => !expected.has(name));
  return extra ? { kind: 'triggerExtra', name: extra } : null;
}

function compareKeys(table: string, expected: string[], found: string[]): SchemaDifference | null {
  const missing = expected.find((key) => !found.includes(key));
  if (missing) return { kind: 'foreignKeyMissing', table, expected: missing };
  const extra = found.find((key) => !expected.includes(key));
  return extra ? { kind: 'foreignKeyExtra', table, found: extra } : null;
}

const references = new Map<number, Promise<SchemaShape>>();

/**
 * The schema this version's migrations give a database at `version`: migrations 1..version run
 * on an empty in-memory database, once per version and process. `nativeBinding` as the store's
 * (Electron's ABI).
 */
export function referenceSchema(version: number, nativeBinding?: string): Promise<SchemaShape> {
  let reference = references.get(version);
  if (!reference) {
    reference = buildReference(version, nativeBinding);
    references.set(version, reference);
    reference.catch(() => references.delete(version));
  }
  return reference;
}

async function buildReference(version: number, nativeBinding?: string): Promise<SchemaShape> {
  const sqlite = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 0, version);
    return describeSchema(sqlite);
  } finally {
    await db.destroy();
  }
}
