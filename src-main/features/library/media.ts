import type { Kysely } from 'kysely';
import { basename, isAbsolute, join } from 'node:path';
import type { DB } from '../../db/schema';
import { coverMimeOf, coversFolder, libraryFolder } from './storage';

/** What a `rapport-media://<target>/<id>` URL names: an item's file, or its cover. */
export type MediaTarget = 'item' | 'cover';

/** Where that file is on disk and the type it was stored with (null when none was recorded). */
export interface MediaFile {
  path: string;
  mime: string | null;
}

/** A name the library folder itself wrote (`<hash><ext>`): one plain segment, never hidden or `..`. */
const plainName = (name: string): boolean =>
  name !== '' && basename(name) === name && !name.startsWith('.') && !/[\\/:\0]/.test(name);

/**
 * The file behind an item or its cover: a stored file in the library folder next to the
 * database, a linked file where it lies, a cover in library/covers/. Null when the item does
 * not exist or has no such file; whether the file is still there is the caller's business
 * (the media protocol answers 404 and marks nothing).
 */
export async function mediaFile(
  db: Kysely<DB>,
  databaseFile: string,
  target: MediaTarget,
  id: number,
): Promise<MediaFile | null> {
  const row = await db
    .selectFrom('library_items')
    .select(['source', 'file_name', 'file_path', 'file_mime', 'cover_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const folder = libraryFolder(databaseFile);
  if (target === 'cover') {
    if (row.cover_name === null || !plainName(row.cover_name)) return null;
    return { path: join(coversFolder(folder), row.cover_name), mime: coverMimeOf(row.cover_name) };
  }
  if (row.source === 'stored' && row.file_name !== null && plainName(row.file_name)) {
    return { path: join(folder, row.file_name), mime: row.file_mime };
  }
  if (row.source === 'linked' && row.file_path !== null && isAbsolute(row.file_path) && !row.file_path.includes('\0')) {
    return { path: row.file_path, mime: row.file_mime };
  }
  return null;
}
