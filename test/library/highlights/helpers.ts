import { fileURLToPath } from 'node:url';
import type { Store } from '../../../src-main/db/connection';
import { importHighlights, type HighlightSource } from '../../../src-main/features/library/highlights/service';
import type { HighlightImportResult } from '../../../src-main/features/library/contract';
import { FIXED_NOW } from '../../helpers/store';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/library/${name}`, import.meta.url));

export const importFixture = (
  store: Store,
  source: HighlightSource,
  nameOrPath: string,
): Promise<HighlightImportResult> =>
  importHighlights(store, { source, path: nameOrPath.includes('/') ? nameOrPath : fixture(nameOrPath) }, FIXED_NOW);

export interface ItemRow {
  id: number;
  kind: string;
  title: string;
  title_key: string;
  source: string;
  status: string;
  rating: number | null;
  isbn13: string | null;
  isbn10: string | null;
  publisher: string | null;
  year: number | null;
  pages: number | null;
  finished_on: string | null;
  tags: string;
  authors: string | null;
}

export const items = (store: Store): ItemRow[] =>
  store.sqlite
    .prepare(
      `SELECT i.*, (SELECT group_concat(name, '; ') FROM (SELECT name FROM library_people p WHERE p.item_id = i.id
         ORDER BY position)) AS authors FROM library_items i ORDER BY i.id`,
    )
    .all() as ItemRow[];

export interface HighlightRow {
  id: number;
  item_id: number;
  title: string;
  kind: string;
  text: string;
  note: string | null;
  loc_start: number | null;
  loc_end: number | null;
  page: number | null;
  position_s: number | null;
  highlighted_at: string | null;
  origin: string;
}

export const highlights = (store: Store): HighlightRow[] =>
  store.sqlite
    .prepare(
      `SELECT h.id, h.item_id, i.title, h.kind, h.text, h.note, h.loc_start, h.loc_end, h.page, h.position_s,
         h.highlighted_at, h.origin
         FROM library_highlights h JOIN library_items i ON i.id = h.item_id ORDER BY h.id`,
    )
    .all() as HighlightRow[];
