import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { normaliseName } from '../../../shared/names';
import { translator } from '../../../shared/locales/translate';
import type { ImportIssue } from '../../imports/contract';
import type { HighlightImportResult, HighlightKind, HighlightOrigin, LibraryKind, LibraryStatus } from '../contract';
import { titleKey } from '../identity';
import { findMatch, insertItem } from '../items';

/**
 * What the three highlight importers (Kindle, Goodreads, Readwise) share: their counts, the
 * item a book is (found or created through items.ts), highlights written once (a fingerprint
 * per origin, item, kind, place and text), notes merged without losing the seller's words, and
 * problems with a record in the pipeline's shape, keyed under `library.highlights.issues`.
 */

export type Counts = { -readonly [K in keyof HighlightImportResult]: number };

export const noCounts = (): Counts => ({
  itemsCreated: 0,
  itemsMatched: 0,
  highlights: 0,
  notes: 0,
  bookmarks: 0,
  duplicatesSkipped: 0,
});

const english = translator('en');

/**
 * A problem with `field` of the record on `line` (a CSV column's header, or the part of a
 * Kindle entry): a key under library.highlights.issues, its values naming the line and field.
 */
export function recordIssue(
  line: number,
  field: string,
  key: string,
  values: Readonly<Record<string, string | number>> = {},
): ImportIssue {
  const full = `library.highlights.issues.${key}`;
  const all = { column: field, ...values, line };
  return { line, field, column: field, key: full, values: all, message: english(full, all) };
}

/** The cell as a message quotes it: at most 60 characters. */
export const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** Text as two copies of one highlight compare: compatible forms, runs of spaces, case set aside. */
export const normText = (text: string): string => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A trailing series mark ("(Closing Series, #2)", "(Closing Series Book 2)", "[Libro 2]") is
 * not part of what the book is called: Goodreads and the Kindle store add it, a file rarely
 * does. The title keeps it; the key that finds the same book leaves it out.
 */
export function seriesFreeTitle(title: string): string {
  const series =
    /\s*[([][^()[\]]*(?:#\s*\d|\b(?:book|libro|vol(?:ume)?\.?|band|tome|tomo|livre)\s*\d)[^()[\]]*[)\]]\s*$/i;
  let t = title.trim();
  for (let next = t.replace(series, ''); next !== t && next !== ''; next = t.replace(series, '')) t = next;
  return t;
}

export const bookKey = (title: string): string => titleKey(seriesFreeTitle(title));

/** What follows a comma without being a first name ("Smith, Jr.", "Acme, Inc."). */
const SUFFIXES = new Set([
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'phd',
  'md',
  'inc',
  'ltd',
  'llc',
  'srl',
  'spa',
  'snc',
  'gmbh',
]);

/**
 * The names in an author field. "Last, First" becomes "First Last": the EPUB reader and
 * Goodreads' Author column write names first-name first, and one spelling per person keeps the
 * library's author filter to one entry (matching never depended on it: names are compared
 * with their words sorted). Several authors are separated by ";", "&" or " and "/" e "; a
 * field of comma-separated full names ("Marco Rossi, Anna Bianchi") is split too. Anything
 * else ("King, Martin Luther, Jr.", "Acme, Inc.") is kept as written. A one-comma name is read
 * "Last, First" unless both sides are several words (two full names).
 */
export function splitAuthors(field: string): string[] {
  const names: string[] = [];
  for (const part of field.split(/\s*;\s*|\s+&\s+|\s+and\s+|\s+e\s+/i)) {
    const name = part.replace(/\s+/g, ' ').trim();
    if (name === '') continue;
    const pieces = name.split(/\s*,\s*/).filter(Boolean);
    const multiword = pieces.map((p) => /\s/.test(p));
    if (pieces.length === 2 && !SUFFIXES.has(pieces[1]!.toLowerCase().replace(/\./g, '')) && !multiword.every(Boolean))
      names.push(`${pieces[1]} ${pieces[0]}`);
    else if (pieces.length > 1 && multiword.every(Boolean)) names.push(...pieces);
    else names.push(name);
  }
  return names;
}

/**
 * Appends `incoming` to a highlight's note unless the note already says it: a re-import adds
 * nothing, and words the seller wrote in the app are never overwritten.
 */
export function mergeNote(existing: string | null, incoming: string): { note: string | null; added: boolean } {
  const text = incoming.trim();
  if (text === '') return { note: existing, added: false };
  if (existing === null || existing.trim() === '') return { note: text, added: true };
  if (normText(existing).includes(normText(text))) return { note: existing, added: false };
  return { note: `${existing}\n\n${text}`, added: true };
}

/** A highlight, note or bookmark as an importer hands it over. */
export interface NewHighlight {
  itemId: number;
  kind: HighlightKind;
  text: string;
  note: string | null;
  locStart: number | null;
  locEnd: number | null;
  page: number | null;
  positionS: number | null;
  highlightedAt: string | null;
}

/** A highlight already in the library, as the importers compare with it. */
export interface StoredHighlight {
  id: number;
  kind: HighlightKind;
  text: string;
  note: string | null;
  locStart: number | null;
  locEnd: number | null;
  page: number | null;
  highlightedAt: string | null;
  fingerprint: string | null;
}

/** A book as a highlights file names it. */
export interface BookRef {
  title: string;
  authors: readonly string[];
  kind: LibraryKind;
}

/**
 * Writes one import's items and highlights inside its transaction, with prepared statements,
 * and counts them. Items are looked up once per book and import.
 */
export class LibraryWriter {
  private readonly items = new Map<string, number>();
  private readonly byFingerprint: Database.Statement<[string], { id: number; note: string | null }>;
  private readonly insert: Database.Statement;
  private readonly setNote: Database.Statement<[string | null, string, number]>;
  private readonly ofItem: Database.Statement<[number, string], StoredRow>;

  constructor(
    readonly sqlite: Database.Database,
    readonly nowIso: string,
    readonly origin: HighlightOrigin,
    readonly counts: Counts,
  ) {
    this.byFingerprint = sqlite.prepare('SELECT id, note FROM library_highlights WHERE fingerprint = ?');
    this.insert = sqlite.prepare(
      `INSERT INTO library_highlights (item_id, kind, text, note, loc_start, loc_end, page, position_s, highlighted_at,
         origin, fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.setNote = sqlite.prepare('UPDATE library_highlights SET note = ?, updated_at = ? WHERE id = ?');
    this.ofItem = sqlite.prepare(
      `SELECT id, kind, text, note, loc_start, loc_end, page, highlighted_at, fingerprint
         FROM library_highlights WHERE item_id = ? AND origin = ? ORDER BY id`,
    );
  }

  /**
   * The item a book is: the one already in the library (ISBN, then title and first author),
   * else a new one, kept where these sources keep books: not a file here ('physical'), being
   * read (it has highlights). Counted once per book and import.
   */
  item(book: BookRef, status: LibraryStatus = 'in_progress'): number {
    const key = `${bookKey(book.title)}\0${book.authors[0] ? normaliseName(book.authors[0]) : ''}`;
    const known = this.items.get(key);
    if (known !== undefined) return known;
    const match = findMatch(this.sqlite, {
      title: book.title,
      titleKey: bookKey(book.title),
      firstAuthor: book.authors[0] ?? null,
    });
    let id: number;
    if (match) {
      id = match.id;
      this.counts.itemsMatched++;
    } else {
      id = insertItem(this.sqlite, {
        kind: book.kind,
        title: book.title.trim(),
        title_key: bookKey(book.title),
        people: book.authors.map((name) => ({ name, role: 'author' as const })),
        source: 'physical',
        status,
        created_at: this.nowIso,
      });
      this.counts.itemsCreated++;
    }
    this.items.set(key, id);
    return id;
  }

  fingerprint(h: Omit<NewHighlight, 'note' | 'highlightedAt'>): string {
    const place = [h.locStart, h.locEnd, h.page, h.positionS].map((v) => v ?? '').join(',');
    return hash('sha256', [this.origin, h.itemId, h.kind, place, normText(h.text)].join('\u0001'), 'hex');
  }

  existing(fingerprint: string): { id: number; note: string | null } | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  /** The highlights this origin has already given an item. */
  stored(itemId: number): StoredHighlight[] {
    return this.ofItem.all(itemId, this.origin).map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      note: r.note,
      locStart: r.loc_start,
      locEnd: r.loc_end,
      page: r.page,
      highlightedAt: r.highlighted_at,
      fingerprint: r.fingerprint,
    }));
  }

  /** Inserts a highlight, note or bookmark; its notes are counted by the caller. */
  add(h: NewHighlight, fingerprint = this.fingerprint(h)): number {
    const id = Number(
      this.insert.run(
        h.itemId,
        h.kind,
        h.text,
        h.note,
        h.locStart,
        h.locEnd,
        h.page,
        h.positionS,
        h.highlightedAt,
        this.origin,
        fingerprint,
        this.nowIso,
        this.nowIso,
      ).lastInsertRowid,
    );
    this.counts[h.kind === 'highlight' ? 'highlights' : h.kind === 'note' ? 'notes' : 'bookmarks']++;
    return id;
  }

  /**
   * Adds a highlight (with its note) unless the same one is there; then only a note it did not
   * have yet is merged in. Counts the highlight and its note each as added or already there.
   */
  addOnce(h: NewHighlight): 'added' | 'duplicate' {
    const fingerprint = this.fingerprint(h);
    const there = this.existing(fingerprint);
    if (!there) {
      this.add(h, fingerprint);
      if (h.kind === 'highlight' && h.note) this.counts.notes++;
      return 'added';
    }
    this.counts.duplicatesSkipped++;
    if (h.note) this.noteOn(there, h.note);
    return 'duplicate';
  }

  /** Merges one note into a stored highlight's; counted as a note added or already there. */
  noteOn(row: { id: number; note: string | null }, note: string): void {
    const merged = mergeNote(row.note, note);
    if (merged.added) {
      this.setNote.run(merged.note, this.nowIso, row.id);
      row.note = merged.note;
      this.counts.notes++;
    } else this.counts.duplicatesSkipped++;
  }
}

interface StoredRow {
  id: number;
  kind: HighlightKind;
  text: string;
  note: string | null;
  loc_start: number | null;
  loc_end: number | null;
  page: number | null;
  highlighted_at: string | null;
  fingerprint: string | null;
}
