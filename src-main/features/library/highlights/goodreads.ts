import type Database from 'better-sqlite3';
import type { BatchWriter, RowContext, RowResult, SourceRecord, UnrecordedImporter, WriteOutcome } from '../../imports';
import type { ImportIssue } from '../../imports/contract';
import type { LibraryStatus } from '../contract';
import { toIsbn10, toIsbn13 } from '../identity';
import { findMatch, insertItem } from '../items';
import { cell, headersOf, isoDay, openExport, wholeNumber } from './columns';
import { bookKey, clip, LibraryWriter, normText, recordIssue, splitAuthors, type Counts } from './writer';

/**
 * Goodreads' library export ("Export Library" → goodreads_library_export.csv) as an importer
 * of the one import pipeline. Each row is a book: it becomes an item (kind 'book', a copy on a
 * shelf) or, when the library has it already (ISBN-13, an ISBN-10 converted; then title and
 * first author), fills in what that item lacks and takes Goodreads' shelf, rating and date
 * read. The review and the private notes become one note (origin 'goodreads') on the item.
 */

export const GOODREADS_COLUMNS = {
  book_id: 'Book Id',
  title: 'Title',
  author: 'Author',
  author_lf: 'Author l-f',
  additional_authors: 'Additional Authors',
  isbn: 'ISBN',
  isbn13: 'ISBN13',
  my_rating: 'My Rating',
  publisher: 'Publisher',
  pages: 'Number of Pages',
  year_published: 'Year Published',
  original_year: 'Original Publication Year',
  date_read: 'Date Read',
  date_added: 'Date Added',
  bookshelves: 'Bookshelves',
  exclusive_shelf: 'Exclusive Shelf',
  my_review: 'My Review',
  private_notes: 'Private Notes',
} as const;

const REQUIRED = ['title', 'author', 'exclusive_shelf'];
export const MAX_GOODREADS_ROWS = 200_000;

const SHELVES: ReadonlyMap<string, LibraryStatus> = new Map([
  ['read', 'done'],
  ['currently-reading', 'in_progress'],
  ['to-read', 'want'],
]);
/** Exclusive shelves readers make for books they gave up on. */
const GAVE_UP = /^(dnf|did-not-finish|abandoned|gave-up|unfinished|abbandonat[oi]|non-finit[oi])$/i;
const MAX_TAGS = 30;
const MAX_TAG = 40;

export interface GoodreadsBook {
  line: number;
  title: string;
  authors: string[];
  isbn13: string | null;
  rating: number | null;
  publisher: string | null;
  pages: number | null;
  year: number | null;
  /** YYYY-MM-DD. */
  dateRead: string | null;
  dateAdded: string | null;
  status: LibraryStatus;
  tags: string[];
  review: string;
  privateNotes: string | null;
}

/** A cell Excel-proofed as `="0671027034"` (or `=""`), as its text. */
export const unwrapFormula = (text: string): string => {
  const m = /^="(.*)"$/.exec(text.trim());
  return (m ? m[1]! : text).trim();
};

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
};

/**
 * A review's HTML as plain text: `<br/>` and paragraph ends become line breaks, every other
 * tag goes (nothing of it is ever rendered as HTML), entities are decoded.
 */
export function reviewText(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      // Own keys only: "&constructor;" must not find Object.prototype's.
      return Object.hasOwn(ENTITIES, name) ? ENTITIES[name]! : whole;
    })
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Goodreads' `2025/03/14` (a hyphen is read too) as YYYY-MM-DD; null when empty, undefined when not a day. */
export function goodreadsDay(text: string): string | null | undefined {
  if (text === '') return null;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(text);
  return (m && isoDay(Number(m[1]), Number(m[2]), Number(m[3]))) ?? undefined;
}

export function readGoodreads(record: SourceRecord, ctx: RowContext): RowResult<GoodreadsBook> {
  const { line } = record;
  const get = (field: string): string => cell(record, ctx, field);
  const issues: ImportIssue[] = [];
  const bad = (field: string, key: string, got: string): void => {
    issues.push(recordIssue(line, GOODREADS_COLUMNS[field as keyof typeof GOODREADS_COLUMNS], key, { got: clip(got) }));
  };

  const title = get('title').replace(/\s+/g, ' ');
  if (title === '') issues.push(recordIssue(line, 'Title', 'required'));
  const author = get('author') || splitAuthors(get('author_lf'))[0] || '';
  const authors = [
    ...(author ? [author.replace(/\s+/g, ' ')] : []),
    ...get('additional_authors')
      .split(',')
      .map((a) => a.replace(/\s+/g, ' ').trim())
      .filter((a) => a !== '' && a !== author),
  ];

  let isbn13: string | null = null;
  for (const field of ['isbn13', 'isbn'] as const) {
    const raw = unwrapFormula(get(field));
    if (raw === '') continue;
    const valid = toIsbn13(raw);
    if (valid === null) bad(field, 'isbn', raw);
    else isbn13 ??= valid;
  }

  const ratingText = get('my_rating');
  const rating = wholeNumber(ratingText);
  if (rating === undefined || (rating !== null && (rating < 0 || rating > 5))) bad('my_rating', 'rating', ratingText);

  const pagesText = get('pages');
  const pages = wholeNumber(pagesText);
  if (pages === undefined || (pages !== null && pages < 0)) bad('pages', 'wholeNumber', pagesText);

  const years: (number | null)[] = [];
  for (const field of ['year_published', 'original_year'] as const) {
    const text = get(field);
    const year = wholeNumber(text);
    if (year === undefined) bad(field, 'wholeNumber', text);
    // An ancient original (written -400) has no year the library can hold.
    else years.push(year !== null && year >= 0 && year <= 9999 ? year : null);
  }

  const days: (string | null)[] = [];
  for (const field of ['date_read', 'date_added'] as const) {
    const text = get(field);
    const day = goodreadsDay(text);
    if (day === undefined) bad(field, 'goodreadsDay', text);
    else days.push(day);
  }

  const exclusive = get('exclusive_shelf').toLowerCase();
  const status = SHELVES.get(exclusive) ?? (GAVE_UP.test(exclusive) ? 'abandoned' : 'want');
  const shelves = [
    ...get('bookshelves')
      .split(',')
      .map((s) => s.trim()),
    exclusive,
  ];
  const tags = [
    ...new Set(shelves.filter((s) => s !== '' && !SHELVES.has(s.toLowerCase())).map((s) => s.slice(0, MAX_TAG))),
  ];

  if (issues.length > 0) return { ok: false, issues };
  const privateNotes = reviewText(get('private_notes'));
  return {
    ok: true,
    value: {
      line,
      title,
      authors,
      isbn13,
      rating: rating === 0 ? null : (rating ?? null),
      publisher: get('publisher') || null,
      pages: pages === 0 ? null : (pages ?? null),
      year: years[0] ?? years[1] ?? null,
      dateRead: days[0] ?? null,
      dateAdded: days[1] ?? null,
      status,
      tags: tags.slice(0, MAX_TAGS),
      review: reviewText(get('my_review')),
      privateNotes: privateNotes === '' ? null : privateNotes,
    },
  };
}

interface ItemRow {
  publisher: string | null;
  year: number | null;
  pages: number | null;
  isbn13: string | null;
  isbn10: string | null;
  status: LibraryStatus;
  rating: number | null;
  finished_on: string | null;
  tags: string;
  people: number;
}

/**
 * Writes a book per row: a new item, or the matched one brought up to date (its empty fields
 * filled, status, rating and date read from Goodreads, shelves added to its tags); then its
 * review. `write` says inserted when the row changed anything, so a re-import changes nothing.
 */
class GoodreadsWriter implements BatchWriter<GoodreadsBook> {
  private readonly lw: LibraryWriter;
  private readonly itemRow: Database.Statement<[number], ItemRow>;
  private readonly review: Database.Statement<[number], { id: number; text: string; note: string | null }>;
  private readonly updateReview: Database.Statement;
  private readonly person: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly nowIso: string,
    private readonly counts: Counts,
  ) {
    this.lw = new LibraryWriter(sqlite, nowIso, 'goodreads', counts);
    this.itemRow = sqlite.prepare(
      `SELECT publisher, year, pages, isbn13, isbn10, status, rating, finished_on, tags,
         (SELECT count(*) FROM library_people p WHERE p.item_id = i.id) AS people
         FROM library_items i WHERE id = ?`,
    );
    this.review = sqlite.prepare(
      `SELECT id, text, note FROM library_highlights WHERE item_id = ? AND origin = 'goodreads' AND kind = 'note'
        ORDER BY id LIMIT 1`,
    );
    this.updateReview = sqlite.prepare(
      'UPDATE library_highlights SET text = ?, note = ?, fingerprint = ?, updated_at = ? WHERE id = ?',
    );
    this.person = sqlite.prepare(
      "INSERT INTO library_people (item_id, position, name, role) VALUES (?, ?, ?, 'author')",
    );
  }

  write(book: GoodreadsBook): WriteOutcome {
    const match = findMatch(this.sqlite, {
      isbn13: book.isbn13,
      title: book.title,
      titleKey: bookKey(book.title),
      firstAuthor: book.authors[0] ?? null,
    });
    let itemId: number;
    let changed: boolean;
    if (match) {
      itemId = match.id;
      this.counts.itemsMatched++;
      changed = this.bringUpToDate(itemId, book);
    } else {
      itemId = insertItem(this.sqlite, {
        kind: 'book',
        title: book.title,
        title_key: bookKey(book.title),
        people: book.authors.map((name) => ({ name, role: 'author' as const })),
        isbn13: book.isbn13,
        publisher: book.publisher,
        year: book.year,
        pages: book.pages,
        source: 'physical',
        status: book.status,
        rating: book.rating,
        finished_on: book.dateRead,
        tags: book.tags,
        created_at: this.nowIso,
      });
      this.counts.itemsCreated++;
      changed = true;
    }
    if (book.review !== '' || book.privateNotes !== null) changed = this.writeReview(itemId, book) || changed;
    return changed ? { inserted: true, customerCreated: false } : { inserted: false };
  }

  private bringUpToDate(id: number, book: GoodreadsBook): boolean {
    const row = this.itemRow.get(id)!;
    const set: Record<string, unknown> = {};
    if (row.publisher === null && book.publisher !== null) set.publisher = book.publisher;
    if (row.year === null && book.year !== null) set.year = book.year;
    if (row.pages === null && book.pages !== null) set.pages = book.pages;
    if (row.isbn13 === null && book.isbn13 !== null) {
      set.isbn13 = book.isbn13;
      if (row.isbn10 === null) set.isbn10 = toIsbn10(book.isbn13);
    }
    if (row.status !== book.status) set.status = book.status;
    if (book.rating !== null && row.rating !== book.rating) set.rating = book.rating;
    if (book.dateRead !== null && row.finished_on !== book.dateRead) set.finished_on = book.dateRead;
    const tags = JSON.parse(row.tags) as string[];
    const added = book.tags.filter((t) => !tags.some((u) => u.toLowerCase() === t.toLowerCase()));
    if (added.length > 0) set.tags = JSON.stringify([...tags, ...added].slice(0, MAX_TAGS));
    if (row.people === 0) book.authors.forEach((name, position) => this.person.run(id, position, name));
    const columns = Object.keys(set);
    if (columns.length === 0) return row.people === 0 && book.authors.length > 0;
    // Column names from the fixed list above, never from the file.
    this.sqlite
      .prepare(`UPDATE library_items SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...Object.values(set), this.nowIso, id);
    return true;
  }

  /** One Goodreads note per item: the review as its text, the private notes as its note. */
  private writeReview(itemId: number, book: GoodreadsBook): boolean {
    const note = {
      itemId,
      kind: 'note' as const,
      text: book.review,
      locStart: null,
      locEnd: null,
      page: null,
      positionS: null,
    };
    const fingerprint = this.lw.fingerprint(note);
    const there = this.review.get(itemId);
    if (!there) {
      this.lw.add({ ...note, note: book.privateNotes, highlightedAt: null }, fingerprint);
      return true;
    }
    if (
      normText(there.text) === normText(book.review) &&
      normText(there.note ?? '') === normText(book.privateNotes ?? '')
    ) {
      this.counts.duplicatesSkipped++;
      return false;
    }
    this.updateReview.run(book.review, book.privateNotes, fingerprint, this.nowIso, there.id);
    this.counts.notes++;
    return true;
  }

  close(): void {}
}

export function goodreadsImporter(counts: Counts): UnrecordedImporter<GoodreadsBook> {
  return {
    kind: 'goodreads',
    fields: Object.keys(GOODREADS_COLUMNS),
    required: REQUIRED,
    headers: headersOf(GOODREADS_COLUMNS),
    maxRecords: MAX_GOODREADS_ROWS,
    open: (path, options) =>
      openExport(path, options, GOODREADS_COLUMNS, REQUIRED, 'library.highlights.errors.notGoodreads'),
    read: readGoodreads,
    writer: (sqlite, nowIso) => new GoodreadsWriter(sqlite, nowIso, counts),
  };
}
