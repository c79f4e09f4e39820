import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { CODE_OF_ROWID, ID_OF_ROWID, SEARCH_KIND_CODES, SEARCH_TABLE } from '../../db/searchIndex';
import type { SearchKind } from './contract';

/** Each kind's code in the index's rowids; the index's own names must match the contract's kinds. */
export const KIND_CODES: Readonly<Record<SearchKind, number>> = SEARCH_KIND_CODES;
const KIND_OF_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as SearchKind]));

/** Private-use characters around the matched words of a snippet; never in the seller's texts. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const ELLIPSIS = '…';
/** Words in a snippet. */
const SNIPPET_TOKENS = 16;
/** bm25 weights of the columns date (unindexed), title, body: a word in the title counts ten times. */
const RANK = 'bm25(0.0, 10.0, 1.0)';

const table = sql.table(SEARCH_TABLE);
const code = sql.raw(CODE_OF_ROWID);
const id = sql.raw(ID_OF_ROWID);

/** `kinds` as a condition on rowids, or nothing when every kind is wanted. */
function kindFilter(kinds: readonly SearchKind[] | undefined) {
  if (!kinds || kinds.length === KIND_OF_CODE.size) return sql``;
  return sql`AND ${code} IN (${sql.join(kinds.map((k) => sql.lit(KIND_CODES[k])))})`;
}

/** How many records of each kind match (every kind: the groups' headings show them all), in one pass. */
export async function countMatches(db: Kysely<DB>, match: string): Promise<Map<SearchKind, number>> {
  const kinds = [...KIND_OF_CODE];
  const { rows } = await sql<Record<string, number>>`
    SELECT ${sql.join(kinds.map(([c, kind]) => sql`count(*) FILTER (WHERE ${code} = ${sql.lit(c)}) AS ${sql.id(kind)}`))}
    FROM ${table} WHERE ${table} MATCH ${match}`.execute(db);
  return new Map(kinds.map(([, kind]) => [kind, rows[0]?.[kind] ?? 0]));
}

/**
 * How many of the newest matches "best first" ranks. Ranking costs a little for every match
 * (bm25 reads each one's column sizes); a common word or a short prefix in a large book
 * matches tens of thousands of records, and the box must answer while the seller types. So
 * "best first" is: the newest BEST_CANDIDATES matches by rank, then any older ones newest
 * first, an order in which the pages still fit together. The counts stay exact.
 */
export const BEST_CANDIDATES = 2000;

export interface PageRequest {
  match: string;
  kinds?: readonly SearchKind[];
  order: 'best' | 'newest';
  limit: number;
  offset: number;
  /** BEST_CANDIDATES unless a test needs fewer. */
  candidates?: number;
}

/** A hit as the index has it; `snippet` marks the matched words with MARK_OPEN and MARK_CLOSE. */
export interface IndexHit {
  kind: SearchKind;
  id: number;
  date: string | null;
  snippet: string;
}

type HitRow = { code: number; id: number; date: string | null; snippet: string | null };

/**
 * One page of matches, best (bm25, the title weighing more; see BEST_CANDIDATES) or newest
 * first. FTS5 orders both itself (rank, or the rowids, whose high bits are the day), so no
 * sorter holds every match and snippets are made for the page's rows only. A snippet comes
 * from the body where the words were found there; else it is the whole title, marked (the
 * words were found in it), so every hit shows what matched.
 */
export async function matchPage(db: Kysely<DB>, q: PageRequest): Promise<IndexHit[]> {
  const snippet = (column: number) =>
    sql`snippet(${table}, ${sql.lit(column)}, ${MARK_OPEN}, ${MARK_CLOSE}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)})`;
  const page = async (where: RawBuilder<unknown>, order: RawBuilder<unknown>, limit: number, offset: number) =>
    limit <= 0
      ? []
      : (
          await sql<HitRow>`
            SELECT ${code} AS code, ${id} AS id, date,
              CASE WHEN body IS NULL OR trim(body) = '' THEN ${snippet(1)}
                WHEN instr(${snippet(2)}, ${MARK_OPEN}) > 0 THEN ${snippet(2)}
                ELSE highlight(${table}, 1, ${MARK_OPEN}, ${MARK_CLOSE}) END AS snippet
            FROM ${table}
            WHERE ${table} MATCH ${q.match} ${kindFilter(q.kinds)} ${where}
            ${order} LIMIT ${sql.lit(limit)} OFFSET ${sql.lit(offset)}`.execute(db)
        ).rows;
  let rows: HitRow[];
  if (q.order === 'newest') rows = await page(sql``, sql`ORDER BY rowid DESC`, q.limit, q.offset);
  else {
    const candidates = q.candidates ?? BEST_CANDIDATES;
    // The oldest of the candidates, found in SQL: rowids do not fit in a JavaScript number.
    const oldest = sql`coalesce((SELECT rowid FROM ${table} WHERE ${table} MATCH ${q.match} ${kindFilter(q.kinds)}
      ORDER BY rowid DESC LIMIT 1 OFFSET ${sql.lit(candidates - 1)}), 0)`;
    const ranked = await page(
      sql`AND rowid >= ${oldest} AND rank MATCH ${RANK}`,
      sql`ORDER BY rank`,
      Math.min(q.limit, candidates - q.offset),
      q.offset,
    );
    const older = await page(
      sql`AND rowid < ${oldest}`,
      sql`ORDER BY rowid DESC`,
      q.limit - ranked.length,
      Math.max(0, q.offset - candidates),
    );
    rows = [...ranked, ...older];
  }
  return rows.flatMap((r) => {
    const kind = KIND_OF_CODE.get(r.code);
    return kind ? [{ kind, id: r.id, date: r.date, snippet: r.snippet ?? '' }] : [];
  });
}

/** What a hit shows beside its snippet, read from its own table. */
export interface HitLabel {
  title: string;
  customerId: number | null;
  itemId: number | null;
}

type LabelRow = { id: number; title: string; customerId: number | null; itemId?: number | null };

/** The titles (and customers) of the hits of one kind, by id. */
export async function labelsOf(
  db: Kysely<DB>,
  kind: SearchKind,
  ids: readonly number[],
): Promise<Map<number, HitLabel>> {
  if (ids.length === 0) return new Map();
  const rows = await labelQuery(db, kind, ids);
  return new Map(rows.map((r) => [r.id, { title: r.title, customerId: r.customerId, itemId: r.itemId ?? null }]));
}

function labelQuery(db: Kysely<DB>, kind: SearchKind, ids: readonly number[]): Promise<LabelRow[]> {
  switch (kind) {
    case 'journal':
      return db
        .selectFrom('journal_entries')
        .select(['id', 'title', sql<null>`NULL`.as('customerId')])
        .where('id', 'in', ids)
        .execute();
    case 'technique':
      return db
        .selectFrom('techniques')
        .select(['id', 'name as title', sql<null>`NULL`.as('customerId')])
        .where('id', 'in', ids)
        .execute();
    case 'sale':
      return db
        .selectFrom('sales')
        .select(['id', 'title', 'customer_id as customerId'])
        .where('id', 'in', ids)
        .execute();
    case 'customer':
      return db
        .selectFrom('customers')
        .select(['id', 'name as title', 'id as customerId'])
        .where('id', 'in', ids)
        .execute();
    case 'complaint':
      // A complaint is shown under its customer's name.
      return db
        .selectFrom('complaints as c')
        .innerJoin('customers as k', 'k.id', 'c.customer_id')
        .select(['c.id as id', 'k.name as title', 'c.customer_id as customerId'])
        .where('c.id', 'in', ids)
        .execute();
    case 'training':
      // A product note goes by its product's name, a segment's or industry's by its own.
      return db
        .selectFrom('training_notes as n')
        .leftJoin('products as p', 'p.id', 'n.product_id')
        .select(['n.id as id', sql<string>`coalesce(n.name, p.name, '')`.as('title'), sql<null>`NULL`.as('customerId')])
        .where('n.id', 'in', ids)
        .execute();
    case 'library':
      return db
        .selectFrom('library_items')
        .select(['id', 'title', sql<null>`NULL`.as('customerId'), 'id as itemId'])
        .where('id', 'in', ids)
        .execute();
    case 'highlight':
      // A highlight is shown under its book's title.
      return db
        .selectFrom('library_highlights as h')
        .innerJoin('library_items as i', 'i.id', 'h.item_id')
        .select(['h.id as id', 'i.title as title', sql<null>`NULL`.as('customerId'), 'h.item_id as itemId'])
        .where('h.id', 'in', ids)
        .execute();
  }
}
