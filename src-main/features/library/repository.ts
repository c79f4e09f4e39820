import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, LibraryHighlightRow, LibraryItemRow } from '../../db/schema';
import type {
  ActionItem,
  ContentsEntry,
  Highlight,
  LibraryItem,
  LibraryItemSummary,
  LibraryQuery,
  PersonRole,
  Takeaway,
} from './contract';
import type { TechniqueRef } from '../techniques/contract';

export type ItemFilter = z.output<typeof LibraryQuery>;
export interface PersonRow {
  name: string;
  role: PersonRole;
}

export const mediaUrl = (id: number): string => `rapport-media://item/${id}`;
export const coverUrl = (id: number): string => `rapport-media://cover/${id}`;
const PLAYABLE = new Set(['audiobook', 'video', 'audio']);

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** An item's action items (from seminar notes), in their order; done ones done at `createdAt`. */
export async function insertActions(
  db: Kysely<DB>,
  itemId: number,
  actions: readonly { text: string; dueOn: string | null; done: boolean }[],
  createdAt: string,
): Promise<void> {
  if (actions.length === 0) return;
  await db
    .insertInto('library_actions')
    .values(
      actions.map((a, position) => ({
        item_id: itemId,
        position,
        text: a.text,
        due_on: a.dueOn,
        done_at: a.done ? createdAt : null,
        created_at: createdAt,
      })),
    )
    .execute();
}

// ---- reading -------------------------------------------------------------------------------

async function peopleOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, PersonRow[]>> {
  const byItem = new Map<number, PersonRow[]>();
  if (ids.length === 0) return byItem;
  const rows = await db
    .selectFrom('library_people')
    .select(['item_id', 'name', 'role'])
    .where('item_id', 'in', [...ids])
    .orderBy('item_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byItem.get(r.item_id) ?? [];
    list.push({ name: r.name, role: r.role });
    byItem.set(r.item_id, list);
  }
  return byItem;
}

type SummaryRow = LibraryItemRow & { highlight_count: number; takeaway_count: number };

function summaryOf(row: SummaryRow, people: PersonRow[]): LibraryItemSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    titleGuessed: row.title_guessed === 1,
    people,
    year: row.year,
    isbn13: row.isbn13,
    pages: row.pages,
    durationS: row.duration_s,
    source: row.source,
    fileMissing: row.file_missing_at !== null,
    coverUrl: row.cover_name ? coverUrl(row.id) : null,
    tags: parseJson<string[]>(row.tags, []),
    status: row.status,
    progressPage: row.progress_page,
    progressPercent: row.progress_percent,
    positionS: row.position_s,
    rating: row.rating,
    startedOn: row.started_on,
    finishedOn: row.finished_on,
    plannedOn: row.planned_on,
    highlights: row.highlight_count,
    takeaways: row.takeaway_count,
    createdAt: row.created_at,
  };
}

const summarySelect = (db: Kysely<DB>) =>
  db
    .selectFrom('library_items as i')
    .selectAll('i')
    .select([
      sql<number>`(SELECT count(*) FROM library_highlights h WHERE h.item_id = i.id)`.as('highlight_count'),
      sql<number>`(SELECT count(*) FROM library_takeaways t WHERE t.item_id = i.id)`.as('takeaway_count'),
    ]);

/** One page of the library, with the filter's total. `textIds` narrows to full-text matches. */
export async function listItems(
  db: Kysely<DB>,
  f: ItemFilter,
  textIds: readonly number[] | null,
): Promise<{ items: LibraryItemSummary[]; total: number }> {
  let q = summarySelect(db);
  if (f.kind !== undefined) q = q.where('i.kind', '=', f.kind);
  if (f.status !== undefined) q = q.where('i.status', '=', f.status);
  if (f.tag !== undefined) {
    const tag = f.tag;
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(i.tags) WHERE json_each.value = ${tag})`);
  }
  if (f.author !== undefined) {
    const author = f.author;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM library_people p WHERE p.item_id = i.id AND p.name = ${author} COLLATE NOCASE)`,
    );
  }
  if (textIds !== null) q = q.where('i.id', 'in', textIds.length > 0 ? [...textIds] : [0]);
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const firstAuthor = sql`(SELECT p.name FROM library_people p WHERE p.item_id = i.id AND p.position = 0)`;
  switch (f.sort) {
    case 'title':
      q = q.orderBy(sql`i.title COLLATE NOCASE`);
      break;
    case 'author':
      q = q.orderBy(sql`${firstAuthor} IS NULL`).orderBy(sql`${firstAuthor} COLLATE NOCASE`);
      break;
    case 'finished':
      q = q.orderBy(sql`i.finished_on IS NULL`).orderBy('i.finished_on', 'desc');
      break;
    case 'rating':
      q = q.orderBy(sql`i.rating IS NULL`).orderBy('i.rating', 'desc');
      break;
    case 'planned':
      q = q.orderBy(sql`i.planned_on IS NULL`).orderBy('i.planned_on');
      break;
    case 'added':
      q = q.orderBy('i.created_at', 'desc');
      break;
  }
  const rows = (await q.orderBy('i.id', 'desc').limit(f.limit).offset(f.offset).execute()) as SummaryRow[];
  const people = await peopleOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => summaryOf(r, people.get(r.id) ?? [])), total };
}

export async function itemRow(db: Kysely<DB>, id: number): Promise<LibraryItemRow | undefined> {
  return db.selectFrom('library_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export const highlightOf = (r: LibraryHighlightRow): Highlight => ({
  id: r.id,
  itemId: r.item_id,
  kind: r.kind,
  text: r.text,
  note: r.note,
  locStart: r.loc_start,
  locEnd: r.loc_end,
  page: r.page,
  positionS: r.position_s,
  highlightedAt: r.highlighted_at,
  origin: r.origin,
});

export async function takeawaysOf(db: Kysely<DB>, where: { itemId?: number; id?: number }): Promise<Takeaway[]> {
  let q = db
    .selectFrom('library_takeaways as t')
    .leftJoin('techniques as k', 'k.id', 't.technique_id')
    .leftJoin('goals as g', 'g.id', 't.goal_id')
    .select([
      't.id',
      't.item_id',
      't.highlight_id',
      't.text',
      't.tried_on',
      't.created_at',
      'k.id as technique_id',
      'k.name as technique_name',
      'k.description as technique_description',
      'g.id as goal_id',
      'g.title as goal_title',
    ]);
  if (where.itemId !== undefined) q = q.where('t.item_id', '=', where.itemId);
  if (where.id !== undefined) q = q.where('t.id', '=', where.id);
  const rows = await q.orderBy('t.id').execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    highlightId: r.highlight_id,
    text: r.text,
    technique:
      r.technique_id !== null
        ? { id: r.technique_id, name: r.technique_name!, description: r.technique_description ?? null }
        : null,
    goal: r.goal_id !== null ? { id: r.goal_id, title: r.goal_title! } : null,
    triedOn: r.tried_on,
    createdAt: r.created_at,
  }));
}

export async function actionsOf(db: Kysely<DB>, where: { itemId?: number; id?: number }): Promise<ActionItem[]> {
  let q = db.selectFrom('library_actions').select(['id', 'item_id', 'text', 'due_on', 'done_at']);
  if (where.itemId !== undefined) q = q.where('item_id', '=', where.itemId);
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  const rows = await q.orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, itemId: r.item_id, text: r.text, dueOn: r.due_on, done: r.done_at !== null }));
}

/** The whole item, or undefined. */
export async function getItem(db: Kysely<DB>, id: number): Promise<LibraryItem | undefined> {
  const row = (await summarySelect(db).where('i.id', '=', id).executeTakeFirst()) as SummaryRow | undefined;
  if (!row) return undefined;
  const [people, highlights, takeawayList, actions, techniques] = await Promise.all([
    peopleOf(db, [id]),
    db
      .selectFrom('library_highlights')
      .selectAll()
      .where('item_id', '=', id)
      .orderBy(sql`coalesce(loc_start, page, position_s)`)
      .orderBy('id')
      .execute(),
    takeawaysOf(db, { itemId: id }),
    actionsOf(db, { itemId: id }),
    db
      .selectFrom('techniques')
      .select(['id', 'name', 'description'])
      .where((eb) =>
        eb.or([
          eb('source_item_id', '=', id),
          eb('source_highlight_id', 'in', eb.selectFrom('library_highlights').select('id').where('item_id', '=', id)),
        ]),
      )
      .orderBy('name')
      .execute(),
  ]);
  const fileName = row.source === 'linked' ? (row.file_path?.split(/[\\/]/).at(-1) ?? null) : row.file_name;
  return {
    ...summaryOf(row, people.get(id) ?? []),
    titleKey: row.title_key,
    publisher: row.publisher,
    language: row.language,
    isbn10: row.isbn10,
    width: row.width,
    height: row.height,
    url: row.url,
    fileName,
    fileSize: row.file_size,
    fileMime: row.file_mime,
    mediaUrl: PLAYABLE.has(row.kind) && (row.file_name || row.file_path) ? mediaUrl(id) : null,
    description: row.description,
    summary: row.summary,
    contents: parseJson<ContentsEntry[]>(row.contents, []),
    event: row.event,
    heldOn: row.held_on,
    body: row.body,
    highlightList: highlights.map(highlightOf),
    takeawayList,
    actions,
    techniques: techniques as TechniqueRef[],
    updatedAt: row.updated_at,
  };
}
