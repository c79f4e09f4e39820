import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { titleKey } from './identity';

/**
 * The items a library search box's text finds. Until the library joins the one full-text
 * index, a match on the title's key or a person's name.
 */
export async function textMatches(db: Kysely<DB>, text: string): Promise<number[]> {
  const key = `%${titleKey(text)}%`;
  const rows = await db
    .selectFrom('library_items as i')
    .select('i.id')
    .where((eb) =>
      eb.or([
        eb('i.title_key', 'like', key),
        eb.exists(
          eb
            .selectFrom('library_people as p')
            .select('p.item_id')
            .whereRef('p.item_id', '=', 'i.id')
            .where('p.name', 'like', `%${text}%`),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
