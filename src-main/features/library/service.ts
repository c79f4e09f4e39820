import { access, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readableExtensions } from './readers';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../kernel/errors';
import type {
  ActionItem,
  BulkEdit,
  Highlight,
  HighlightInput,
  LibraryItem,
  LibraryItemInput,
  LibraryItemSummary,
  ProgressInput,
  Takeaway,
  TakeawayInput,
} from './contract';
import { LIBRARY_KINDS, LIBRARY_STATUSES, pageBefore } from './contract';
import { titleKey, toIsbn10, toIsbn13 } from './identity';
import { actionsOf, getItem, highlightOf, itemRow, listItems, takeawaysOf, type ItemFilter } from './repository';
import { sweepLibraryFolder } from './storage';
import { insertItemAsync, replacePeople } from './items';
import { createTechnique } from '../techniques';

type EditFields = z.output<typeof LibraryItemInput>;

const invalid = (path: string, key: string): AppError => new AppError('invalid_input', key, [{ path, message: key }]);

/** The columns the seller's edit sets; an ISBN is checked and kept as ISBN-13 (and -10 when there is one). */
function editColumns(input: EditFields) {
  let isbn13: string | null = null;
  if (input.isbn !== null) {
    isbn13 = toIsbn13(input.isbn);
    if (isbn13 === null) throw invalid('isbn', 'library.errors.isbn');
  }
  if (input.startedOn && input.finishedOn && input.finishedOn < input.startedOn) {
    throw invalid('finishedOn', 'errors.rangeOrder');
  }
  return {
    kind: input.kind,
    title: input.title,
    title_guessed: 0,
    title_key: titleKey(input.title),
    publisher: input.publisher,
    year: input.year,
    language: input.language,
    isbn13,
    isbn10: isbn13 ? toIsbn10(isbn13) : null,
    pages: input.pages,
    duration_s: input.durationS,
    url: input.url,
    tags: [...new Set(input.tags)],
    status: input.status,
    progress_page: input.progressPage,
    progress_percent: input.progressPercent,
    rating: input.rating,
    started_on: input.startedOn,
    finished_on: input.finishedOn ?? null,
    planned_on: input.plannedOn,
    summary: input.summary,
    event: input.event,
    held_on: input.heldOn,
    body: input.body,
  };
}

export async function getLibraryItem(db: Kysely<DB>, id: number): Promise<LibraryItem> {
  const item = await getItem(db, id);
  if (!item) throw notFound('Library item', id);
  return item;
}

export const listLibrary = (db: Kysely<DB>, f: ItemFilter, textIds: readonly number[] | null) =>
  listItems(db, f, textIds);

/** A copy on a shelf or a web page the seller adds by hand; files come in through the import. */
export async function createLibraryItem(db: Kysely<DB>, input: EditFields, now: Date): Promise<LibraryItem> {
  const iso = now.toISOString();
  const id = await insertItemAsync(db, {
    ...editColumns(input),
    source: input.url ? 'url' : 'physical',
    people: input.people,
    created_at: iso,
  });
  return getLibraryItem(db, id);
}

/** The seller's edit; where the item is (its file, a link) stays as it was, a web address aside. */
export async function updateLibraryItem(
  db: Kysely<DB>,
  id: number,
  input: EditFields,
  now: Date,
): Promise<LibraryItem> {
  const row = await itemRow(db, id);
  if (!row) throw notFound('Library item', id);
  const { tags, ...edited } = editColumns(input);
  // A title the seller confirms is no longer a guess; an untouched one stays flagged.
  const columns = {
    ...edited,
    tags: JSON.stringify(tags),
    title_guessed: input.title === row.title ? row.title_guessed : 0,
    updated_at: now.toISOString(),
  };
  const source = row.source === 'url' || row.source === 'physical' ? (input.url ? 'url' : 'physical') : row.source;
  await db
    .updateTable('library_items')
    .set({ ...columns, source })
    .where('id', '=', id)
    .execute();
  await replacePeople(db, id, input.people);
  return getLibraryItem(db, id);
}

/** Deletes the item; its stored file goes too once no other item names it. Returns the file to remove. */
export async function deleteLibraryItem(db: Kysely<DB>, id: number): Promise<string | null> {
  const row = await itemRow(db, id);
  if (!row) throw notFound('Library item', id);
  await db.deleteFrom('library_items').where('id', '=', id).execute();
  if (!row.file_name) return null;
  const other = await db
    .selectFrom('library_items')
    .select('id')
    .where('file_name', '=', row.file_name)
    .executeTakeFirst();
  return other ? null : row.file_name;
}

export async function removeStoredFile(folder: string, name: string | null): Promise<void> {
  if (name) await rm(join(folder, name), { force: true });
}

export async function bulkEdit(db: Kysely<DB>, edit: z.output<typeof BulkEdit>, now: Date): Promise<number> {
  const rows = await db.selectFrom('library_items').select(['id', 'tags']).where('id', 'in', edit.ids).execute();
  if (rows.length !== new Set(edit.ids).size) {
    const missing = edit.ids.find((id) => !rows.some((r) => r.id === id))!;
    throw notFound('Library item', missing);
  }
  const iso = now.toISOString();
  const remove = new Set(edit.removeTags.map((t) => t.toLowerCase()));
  for (const row of rows) {
    const tags = (JSON.parse(row.tags) as string[]).filter((t) => !remove.has(t.toLowerCase()));
    for (const tag of edit.addTags) if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
    await db
      .updateTable('library_items')
      .set({ tags: JSON.stringify(tags), ...(edit.status !== undefined && { status: edit.status }), updated_at: iso })
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}

export async function facets(db: Kysely<DB>) {
  const [tags, authors, kinds, statuses] = await Promise.all([
    sql<{ tag: string; count: number }>`SELECT j.value AS tag, count(*) AS count
      FROM library_items i, json_each(i.tags) j GROUP BY j.value ORDER BY count DESC, j.value`.execute(db),
    sql<{ name: string; count: number }>`SELECT name, count(DISTINCT item_id) AS count FROM library_people
      GROUP BY name COLLATE NOCASE ORDER BY count DESC, name COLLATE NOCASE LIMIT 200`.execute(db),
    db
      .selectFrom('library_items')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
    db
      .selectFrom('library_items')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
  ]);
  const count = <K extends string>(keys: readonly K[], rows: { n: number }[], key: (r: never) => K) =>
    Object.fromEntries(keys.map((k) => [k, rows.find((r) => key(r as never) === k)?.n ?? 0])) as Record<K, number>;
  return {
    tags: tags.rows,
    authors: authors.rows,
    kinds: count(LIBRARY_KINDS, kinds, (r: { kind: string }) => r.kind as (typeof LIBRARY_KINDS)[number]),
    statuses: count(
      LIBRARY_STATUSES,
      statuses,
      (r: { status: string }) => r.status as (typeof LIBRARY_STATUSES)[number],
    ),
  };
}

/**
 * Where the seller is in an item, and the time or pages it took today. Starting sets the
 * status in progress (and the start day); reaching the end (100 %, the last page) leaves
 * finishing to the seller, who may want to rate it first.
 */
export async function recordProgress(
  db: Kysely<DB>,
  p: z.output<typeof ProgressInput>,
  now: Date,
): Promise<LibraryItemSummary> {
  const row = await itemRow(db, p.id);
  if (!row) throw notFound('Library item', p.id);
  // Pages read: from where the book was (see pageBefore); going back (re-reading) reads none.
  const before = pageBefore({
    progressPage: row.progress_page,
    progressPercent: row.progress_percent,
    pages: row.pages,
  });
  const pagesRead = p.page !== undefined ? Math.max(0, p.page - before) : 0;
  const started = row.status === 'want' && (p.page || p.percent || p.positionS || p.minutes);
  await db
    .updateTable('library_items')
    .set({
      // The place just given is the truth: a page makes an earlier percent stale, and the other way round.
      ...(p.page !== undefined && {
        progress_page: p.page,
        ...(p.percent === undefined && { progress_percent: null }),
      }),
      ...(p.percent !== undefined && {
        progress_percent: p.percent,
        ...(p.page === undefined && { progress_page: null }),
      }),
      ...(p.positionS !== undefined && { position_s: p.positionS }),
      ...(started && { status: 'in_progress' as const, started_on: row.started_on ?? p.on }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', p.id)
    .execute();
  const minutes = p.minutes ?? 0;
  if (minutes > 0 || pagesRead > 0) {
    await db
      .insertInto('learning_sessions')
      .values({ item_id: p.id, on_date: p.on, minutes, pages: pagesRead })
      .onConflict((oc) =>
        oc.columns(['item_id', 'on_date']).doUpdateSet({
          minutes: sql`min(1440, minutes + excluded.minutes)`,
          pages: sql`pages + excluded.pages`,
        }),
      )
      .execute();
  }
  const { items } = await listItems(db, { sort: 'added', limit: 1, offset: 0 }, [p.id]);
  return items[0]!;
}

// ---- highlights, takeaways, action items ----------------------------------------------------

export async function saveHighlight(
  db: Kysely<DB>,
  h: z.output<typeof HighlightInput> & { id?: number | undefined },
  now: Date,
): Promise<Highlight> {
  if (!(await itemRow(db, h.itemId))) throw invalid('itemId', 'library.errors.noItem');
  if (h.kind !== 'bookmark' && h.text === '' && !h.note) throw invalid('text', 'errors.required');
  const iso = now.toISOString();
  const columns = {
    item_id: h.itemId,
    kind: h.kind,
    text: h.text,
    note: h.note,
    loc_start: h.locStart,
    loc_end: h.locEnd,
    page: h.page,
    position_s: h.positionS,
    updated_at: iso,
  };
  let id = h.id;
  if (id === undefined) {
    ({ id } = await db
      .insertInto('library_highlights')
      .values({ ...columns, origin: 'manual', created_at: iso })
      .returning('id')
      .executeTakeFirstOrThrow());
  } else {
    const result = await db.updateTable('library_highlights').set(columns).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('Highlight', id);
  }
  const row = await db.selectFrom('library_highlights').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return highlightOf(row);
}

export async function deleteHighlight(db: Kysely<DB>, id: number): Promise<void> {
  const result = await db.deleteFrom('library_highlights').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Highlight', id);
}

/**
 * A takeaway: something learned from an item (or one of its highlights) that the seller
 * means to try. It may create a technique, whose "where it came from" is then the item or
 * the highlight, or link an existing one; and it may serve a goal.
 */
export async function saveTakeaway(
  db: Kysely<DB>,
  t: z.output<typeof TakeawayInput> & { id?: number | undefined },
  now: Date,
): Promise<Takeaway> {
  const item = await itemRow(db, t.itemId);
  if (!item) throw invalid('itemId', 'library.errors.noItem');
  if (t.highlightId !== null) {
    const h = await db
      .selectFrom('library_highlights')
      .select('item_id')
      .where('id', '=', t.highlightId)
      .executeTakeFirst();
    if (!h || h.item_id !== t.itemId) throw invalid('highlightId', 'library.errors.noHighlight');
  }
  if (t.goalId !== null && !(await db.selectFrom('goals').select('id').where('id', '=', t.goalId).executeTakeFirst())) {
    throw invalid('goalId', 'library.errors.noGoal');
  }
  let techniqueId: number | null = null;
  if (t.technique && 'id' in t.technique) {
    const found = await db.selectFrom('techniques').select('id').where('id', '=', t.technique.id).executeTakeFirst();
    if (!found) throw invalid('technique', 'library.errors.noTechnique');
    techniqueId = found.id;
  } else if (t.technique) {
    const created = await createTechnique(
      db,
      { ...t.technique.create, source: t.technique.create.source ?? item.title },
      now,
    );
    techniqueId = created.id;
    await db
      .updateTable('techniques')
      .set({ source_item_id: t.itemId, source_highlight_id: t.highlightId })
      .where('id', '=', techniqueId)
      .execute();
  }
  const columns = {
    item_id: t.itemId,
    highlight_id: t.highlightId,
    text: t.text,
    technique_id: techniqueId,
    goal_id: t.goalId,
    tried_on: t.triedOn,
  };
  let id = t.id;
  if (id === undefined) {
    ({ id } = await db
      .insertInto('library_takeaways')
      .values({ ...columns, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow());
  } else {
    const result = await db.updateTable('library_takeaways').set(columns).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('Takeaway', id);
  }
  return (await takeawaysOf(db, { id }))[0]!;
}

export async function deleteTakeaway(db: Kysely<DB>, id: number): Promise<void> {
  const result = await db.deleteFrom('library_takeaways').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Takeaway', id);
}

export async function setActionDone(db: Kysely<DB>, id: number, done: boolean, now: Date): Promise<ActionItem> {
  const result = await db
    .updateTable('library_actions')
    .set({ done_at: done ? now.toISOString() : null })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('Action item', id);
  return (await actionsOf(db, { id }))[0]!;
}

/**
 * The file of item `id` that the system's viewer may open: its stored copy in the library
 * folder or its linked file, and only of a type the library reads — never a file that the
 * system would run (an item's file got in through a reader, but a linked one may have been
 * swapped since: the type is checked again here).
 */
export async function openableFile(db: Kysely<DB>, folder: string, id: number): Promise<string> {
  const row = await itemRow(db, id);
  if (!row) throw notFound('Library item', id);
  const path =
    row.source === 'stored' && row.file_name
      ? join(folder, basename(row.file_name))
      : row.source === 'linked'
        ? row.file_path
        : null;
  if (!path) throw new AppError('invalid_input', 'library.errors.noFile');
  if (!readableExtensions().has(extname(path).toLowerCase()))
    throw new AppError('forbidden', 'library.errors.notOpenable');
  const present = await access(path).then(
    () => true,
    () => false,
  );
  if (!present) throw new AppError('not_found', 'library.errors.fileMissing', undefined, { file: path });
  return path;
}

/** Looks for every linked file (or one item's); flags the missing ones and clears the flag of those found again. */
export async function checkLinks(db: Kysely<DB>, now: Date, id?: number): Promise<{ missing: number; found: number }> {
  const rows = await db
    .selectFrom('library_items')
    .select(['id', 'file_path', 'file_missing_at'])
    .where('source', '=', 'linked')
    .$if(id !== undefined, (q) => q.where('id', '=', id!))
    .execute();
  let missing = 0;
  for (const row of rows) {
    const present = await access(row.file_path!).then(
      () => true,
      () => false,
    );
    if (!present) missing++;
    if (present === (row.file_missing_at === null)) continue;
    await db
      .updateTable('library_items')
      .set({ file_missing_at: present ? null : now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { missing, found: rows.length - missing };
}

/** Removes leftovers of interrupted imports from the library folder (see storage.ts). */
export async function sweepLibrary(db: Kysely<DB>, folder: string, now: Date): Promise<number> {
  const rows = await db.selectFrom('library_items').select(['file_name', 'cover_name']).execute();
  const files = new Set(rows.map((r) => r.file_name).filter((n) => n !== null));
  const covers = new Set(rows.map((r) => r.cover_name).filter((n) => n !== null));
  return sweepLibraryFolder(folder, { files, covers }, now);
}
