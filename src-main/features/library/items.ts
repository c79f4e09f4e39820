import type Database from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { DB, LibraryItemTable } from '../../db/schema';
import { normaliseName } from '../../shared/names';
import type { ContentsEntry, PersonRole } from './contract';
import { titleKey, toIsbn10, toIsbn13 } from './identity';

/**
 * The one way an item row is written with its people, and the one way an incoming record finds
 * the item it is (identity.ts says what "the same" means). Every importer uses these: the file
 * import, Kindle, Goodreads and Readwise. Synchronous on the better-sqlite3 connection, so a
 * pipeline writer can call them per row inside the import's transaction (Kysely's transaction
 * holds that same connection: the rows go in with it).
 */

type Columns = Insertable<LibraryItemTable>;

/** An item as its columns name it, with its people; what is left out takes the column's default. */
export type ItemFields = Omit<Columns, 'id' | 'title_key' | 'tags' | 'contents' | 'updated_at'> & {
  /** titleKey(title) unless given: an importer may key a title without its series ("(Series, #2)"). */
  title_key?: string;
  people?: readonly { name: string; role: PersonRole }[];
  tags?: readonly string[];
  contents?: readonly ContentsEntry[];
  /** created_at unless given. */
  updated_at?: string;
};

/** Every column insertItem may write: the statement is built from these names only. */
const COLUMNS = [
  'sample',
  'kind',
  'title',
  'title_guessed',
  'title_key',
  'publisher',
  'year',
  'language',
  'isbn13',
  'isbn10',
  'pages',
  'duration_s',
  'width',
  'height',
  'source',
  'file_name',
  'file_path',
  'file_hash',
  'file_size',
  'file_mime',
  'file_missing_at',
  'url',
  'cover_name',
  'description',
  'summary',
  'contents',
  'tags',
  'status',
  'progress_page',
  'progress_percent',
  'position_s',
  'rating',
  'started_on',
  'finished_on',
  'planned_on',
  'event',
  'held_on',
  'body',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof LibraryItemTable)[];

/** Prepared statements per connection and set of columns: one import prepares each once. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/**
 * The row an item's fields make: either ISBN fills in the other (a 979 ISBN-13 has no
 * ISBN-10; an invalid one is the caller's to refuse first, the table's checks refuse it here),
 * the title keyed, tags and contents as JSON. The one definition both writers below use.
 */
function rowOf(fields: ItemFields): Record<string, unknown> {
  const isbn13 = fields.isbn13 ?? (fields.isbn10 ? toIsbn13(fields.isbn10) : null);
  const isbn10 = fields.isbn10 ?? (isbn13 ? toIsbn10(isbn13) : null);
  const row: Record<string, unknown> = {
    ...fields,
    title_key: fields.title_key ?? titleKey(fields.title),
    isbn13,
    isbn10,
    tags: JSON.stringify(fields.tags ?? []),
    contents: JSON.stringify(fields.contents ?? []),
    updated_at: fields.updated_at ?? fields.created_at,
  };
  return Object.fromEntries(COLUMNS.filter((c) => row[c] !== undefined).map((c) => [c, row[c]]));
}

const people = (id: number, fields: ItemFields) =>
  (fields.people ?? []).map((p, position) => ({ item_id: id, position, name: p.name.trim(), role: p.role }));

/**
 * Inserts an item and its people (in the order given: position 0 is the first author) and
 * returns its id; synchronous, for a pipeline writer inside the import's transaction.
 */
export function insertItem(sqlite: Database.Database, fields: ItemFields): number {
  const row = rowOf(fields);
  const names = Object.keys(row);
  const id = Number(
    prepared(sqlite, `INSERT INTO library_items (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...Object.values(row),
    ).lastInsertRowid,
  );
  const person = prepared(sqlite, 'INSERT INTO library_people (item_id, position, name, role) VALUES (?, ?, ?, ?)');
  for (const p of people(id, fields)) person.run(p.item_id, p.position, p.name, p.role);
  return id;
}

/** insertItem through Kysely, for a service's or the sample's transaction. */
export async function insertItemAsync(db: Kysely<DB>, fields: ItemFields): Promise<number> {
  const { id } = await db
    .insertInto('library_items')
    .values(rowOf(fields) as Insertable<LibraryItemTable>)
    .returning('id')
    .executeTakeFirstOrThrow();
  await replacePeople(db, id, fields.people ?? []);
  return id;
}

/** An item's people, replaced by `list` in its order. */
export async function replacePeople(
  db: Kysely<DB>,
  itemId: number,
  list: readonly { name: string; role: PersonRole }[],
): Promise<void> {
  await db.deleteFrom('library_people').where('item_id', '=', itemId).execute();
  const rows = people(itemId, { people: list } as ItemFields);
  if (rows.length > 0) await db.insertInto('library_people').values(rows).execute();
}

/** How an incoming record was recognised as an item already there, strongest first. */
export type MatchedBy = 'isbn' | 'file' | 'title_author';

export interface MatchQuery {
  /** As digits; an ISBN-10 is converted. */
  isbn13?: string | null;
  isbn10?: string | null;
  /** SHA-256 of the file's content. */
  fileHash?: string | null;
  title: string;
  /** titleKey(title) unless given. */
  titleKey?: string;
  firstAuthor: string | null;
}

/**
 * The item an incoming record is: by ISBN-13 (an ISBN-10 converted), then by the file's content
 * hash, then by the title's key with the first author's normalised name (position 0 in
 * library_people; a record without an author matches only an item without people). The oldest
 * item wins when several fit.
 */
export function findMatch(sqlite: Database.Database, query: MatchQuery): { id: number; by: MatchedBy } | null {
  const isbn = query.isbn13 ?? (query.isbn10 ? toIsbn13(query.isbn10) : null);
  if (isbn) {
    const row = prepared(sqlite, 'SELECT id FROM library_items WHERE isbn13 = ? ORDER BY id LIMIT 1').get(isbn) as
      { id: number } | undefined;
    if (row) return { id: row.id, by: 'isbn' };
  }
  if (query.fileHash) {
    const row = prepared(sqlite, 'SELECT id FROM library_items WHERE file_hash = ? ORDER BY id LIMIT 1').get(
      query.fileHash,
    ) as { id: number } | undefined;
    if (row) return { id: row.id, by: 'file' };
  }
  const key = query.titleKey ?? titleKey(query.title);
  if (key === '') return null;
  const author = query.firstAuthor?.trim() ? normaliseName(query.firstAuthor) : '';
  const candidates = prepared(
    sqlite,
    `SELECT i.id, p.name FROM library_items i
       LEFT JOIN library_people p ON p.item_id = i.id AND p.position = 0
      WHERE i.title_key = ? ORDER BY i.id`,
  ).all(key) as { id: number; name: string | null }[];
  const found = candidates.find((c) => (c.name === null ? '' : normaliseName(c.name)) === author);
  return found ? { id: found.id, by: 'title_author' } : null;
}
