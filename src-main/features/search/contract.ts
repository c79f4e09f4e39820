import { z } from 'zod';
import { Id } from '../../shared/domain';
import { query } from '../../shared/operations';
import { SEARCH_KINDS } from './choices';
export { SEARCH_KINDS } from './choices';

export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

export const SearchQuery = z.object({
  text: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  kinds: z.array(SearchKind).min(1).optional(),
  order: z.enum(['best', 'newest']).default('best'),
  limit: z.int().min(1).max(100).default(20),
  offset: z.int().min(0).default(0),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** A piece of a snippet: `match` parts are the words the search found. */
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  kind: SearchKind,
  id: Id,
  title: z.string(),
  snippet: z.array(SnippetPart),
  /** The record's business date (an entry's, a sale's, a complaint's opening day…). */
  date: z.string().nullable(),
  /** The customer a sale, complaint or customer hit belongs to, to open it. */
  customerId: Id.nullable(),
  /** The library item a library or highlight hit belongs to, to open it. */
  itemId: Id.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  total: z.int(),
  /** Matches of each kind (for the groups' headings and filters). */
  counts: z.record(SearchKind, z.int()),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const searchOps = {
  'search.query': query(SearchQuery, SearchResult),
} as const;
