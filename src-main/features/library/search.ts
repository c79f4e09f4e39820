import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { matchingIds } from '../search';

/**
 * The items a library filter box's text finds: by the one full-text search (accents and case
 * aside, the last word a prefix) over their titles, descriptions, summaries, notes and tags and
 * over their highlights and notes, or by a person's name.
 */
export async function textMatches(db: Kysely<DB>, text: string): Promise<number[]> {
  const hits = await matchingIds(db, text, ['library', 'highlight']);
  const ids = new Set(hits.filter((h) => h.kind === 'library').map((h) => h.id));
  const highlights = hits.filter((h) => h.kind === 'highlight').map((h) => h.id);
  if (highlights.length > 0) {
    const rows = await db.selectFrom('library_highlights').select('item_id').where('id', 'in', highlights).execute();
    for (const r of rows) ids.add(r.item_id);
  }
  const people = await db
    .selectFrom('library_people')
    .select('item_id')
    .where(sql<boolean>`name LIKE ${`%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`)
    .execute();
  for (const r of people) ids.add(r.item_id);
  return [...ids];
}
