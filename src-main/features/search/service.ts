import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import {
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
  type SnippetPart,
} from './contract';
import { countMatches, labelsOf, MARK_CLOSE, MARK_OPEN, matchPage, type HitLabel } from './repository';

type ParsedQuery = z.output<typeof SearchQuery>;

/** The words of what the seller typed: runs of letters (with their accents) and digits. */
export function searchTokens(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/**
 * What the seller typed as an FTS5 query, or null when it holds no word. Raw input never reaches
 * MATCH: each word is quoted (so `AND`, `NEAR(`, `title:`, `*` or a lone `"` are only text) and
 * the words are ANDed. Every word of two or more characters is a prefix: the word being typed
 * matches as it grows, a finished word also finds its longer forms ("objection" finds
 * "objections", "client" finds "cliente"), and the order of the words does not matter. A single
 * character matches only itself: as a prefix it would match a good part of every language's
 * words, and cost the most to look up, for nothing a reader could use.
 */
export function matchExpression(text: string): string | null {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  return tokens.map((token) => ([...token].length > 1 ? `"${token}"*` : `"${token}"`)).join(' ');
}

/** A snippet with its marks turned into parts; white space runs become one space. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const flat = text.replace(/\s+/g, ' ');
    if (flat === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += flat;
    else parts.push({ text: flat, match });
  };
  let match = false;
  let from = 0;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c !== MARK_OPEN && c !== MARK_CLOSE) continue;
    push(marked.slice(from, i), match);
    match = c === MARK_OPEN;
    from = i + 1;
  }
  push(marked.slice(from), match);
  if (parts.length > 0) {
    parts[0]!.text = parts[0]!.text.trimStart();
    parts.at(-1)!.text = parts.at(-1)!.text.trimEnd();
  }
  return parts.filter((p) => p.text !== '');
}

const noCounts = (): Record<SearchKind, number> =>
  Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;

/** The search box: one page of hits, best or newest first, with how many there are of each kind. */
export async function search(
  db: Kysely<DB>,
  query: ParsedQuery,
  options: { bestCandidates?: number } = {},
): Promise<SearchResult> {
  const counts = noCounts();
  const match = matchExpression(query.text);
  if (match === null) return { items: [], total: 0, counts };
  for (const [kind, n] of await countMatches(db, match)) counts[kind] = n;
  const wanted: readonly SearchKind[] = query.kinds ?? SEARCH_KINDS;
  const total = wanted.reduce((sum, kind) => sum + counts[kind], 0);
  if (total === 0 || query.offset >= total) return { items: [], total, counts };

  const hits = await matchPage(db, {
    match,
    kinds: query.kinds,
    order: query.order,
    candidates: options.bestCandidates,
    limit: query.limit,
    offset: query.offset,
  });
  // Titles (and customers) from the records themselves: one query per kind on the page.
  const labels = new Map<SearchKind, Map<number, HitLabel>>();
  for (const kind of SEARCH_KINDS)
    labels.set(
      kind,
      await labelsOf(
        db,
        kind,
        hits.filter((h) => h.kind === kind).map((h) => h.id),
      ),
    );
  const items = hits.map((hit): SearchHit => {
    const label = labels.get(hit.kind)?.get(hit.id);
    return {
      kind: hit.kind,
      id: hit.id,
      title: label?.title ?? '',
      snippet: snippetParts(hit.snippet),
      date: hit.date,
      customerId: label?.customerId ?? null,
      itemId: label?.itemId ?? null,
    };
  });
  return { items, total, counts };
}

/**
 * The ids of every record of `kinds` that the text finds, with the search box's reading of
 * the text (a feature's own filter box: the library's). At most `limit` of the newest.
 */
export async function matchingIds(
  db: Kysely<DB>,
  text: string,
  kinds: readonly SearchKind[],
  limit = 5000,
): Promise<{ kind: SearchKind; id: number }[]> {
  const match = matchExpression(text);
  if (match === null) return [];
  const hits = await matchPage(db, { match, kinds, order: 'newest', limit, offset: 0 });
  return hits.map(({ kind, id }) => ({ kind, id }));
}
