import type Database from 'better-sqlite3';
import type { BatchWriter, RowContext, RowResult, SourceRecord, UnrecordedImporter, WriteOutcome } from '../../imports';
import type { ImportIssue } from '../../imports/contract';
import type { LibraryKind } from '../contract';
import { cell, headersOf, isoDay, openExport, wholeNumber } from './columns';
import { clip, LibraryWriter, recordIssue, splitAuthors, type Counts } from './writer';

/**
 * Readwise's CSV export as an importer of the one import pipeline: one highlight per row, with
 * its book (found by title and first author, else created: a book, or an article or a podcast
 * episode when the row's Location Type or Document tag says so), its note, its place (a
 * location, a page, an order in an article, a time in an episode) and when it was made.
 */

export const READWISE_COLUMNS = {
  highlight: 'Highlight',
  title: 'Book Title',
  author: 'Book Author',
  amazon_id: 'Amazon Book ID',
  note: 'Note',
  color: 'Color',
  tags: 'Tags',
  location_type: 'Location Type',
  location: 'Location',
  highlighted_at: 'Highlighted at',
  document_tag: 'Document tag',
} as const;

const REQUIRED = ['highlight', 'title'];
export const MAX_READWISE_ROWS = 1_000_000;

export interface ReadwiseHighlight {
  line: number;
  title: string;
  authors: string[];
  itemKind: LibraryKind;
  text: string;
  note: string | null;
  locStart: number | null;
  page: number | null;
  positionS: number | null;
  highlightedAt: string | null;
}

/**
 * Readwise's "2025-03-14 18:05:09+00:00" (or with a T, or without seconds or zone) as an ISO
 * timestamp that keeps the zone it was written with ("2025-03-14T18:05:09Z",
 * "…T20:05:09+02:00"); without a zone, local time as written. Null when empty, undefined when
 * it is not a time.
 */
export function readwiseTime(text: string): string | null | undefined {
  if (text === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text,
  );
  if (!m || isoDay(Number(m[1]), Number(m[2]), Number(m[3])) === null) return undefined;
  const [hh, mi, ss] = [m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'];
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return undefined;
  const zone = m[7]?.toUpperCase();
  const offset =
    zone === undefined ? '' : zone === 'Z' || /^[+-]00:?00$/.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return `${m[1]}-${m[2]}-${m[3]}T${hh}:${mi}:${ss}${offset}`;
}

/** What a row says its document is: Readwise places articles by order, episodes by time. */
function itemKindOf(locationType: string, documentTag: string): LibraryKind {
  const tag = documentTag.toLowerCase();
  if (locationType === 'time_offset' || /\bpodcasts?\b/.test(tag)) return 'audio';
  if (locationType === 'order' || locationType === 'offset' || /\b(articles?|tweets?)\b/.test(tag)) return 'article';
  return 'book';
}

export function readReadwise(record: SourceRecord, ctx: RowContext): RowResult<ReadwiseHighlight> {
  const { line } = record;
  const get = (field: string): string => cell(record, ctx, field);
  const issues: ImportIssue[] = [];
  const bad = (field: keyof typeof READWISE_COLUMNS, key: string, got: string): void => {
    issues.push(recordIssue(line, READWISE_COLUMNS[field], key, { got: clip(got) }));
  };

  const title = get('title').replace(/\s+/g, ' ');
  if (title === '') issues.push(recordIssue(line, 'Book Title', 'required'));
  // A quoted cell keeps the file's line ends: one kind in the library.
  const text = get('highlight').replace(/\r\n?/g, '\n');
  const note = get('note').replace(/\r\n?/g, '\n');
  if (text === '' && note === '') issues.push(recordIssue(line, 'Highlight', 'required'));

  const locationType = get('location_type').toLowerCase();
  const locationText = get('location');
  const location = wholeNumber(locationText);
  let locStart: number | null = null;
  let page: number | null = null;
  let positionS: number | null = null;
  if (location === undefined || (location !== null && location < 0)) bad('location', 'wholeNumber', locationText);
  else if (location !== null) {
    if (locationType === 'page') page = location > 0 ? location : null;
    else if (locationType === 'time_offset') positionS = location;
    else locStart = location;
  }

  const timeText = get('highlighted_at');
  const highlightedAt = readwiseTime(timeText);
  if (highlightedAt === undefined) bad('highlighted_at', 'readwiseTime', timeText);

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      line,
      title,
      authors: splitAuthors(get('author')),
      itemKind: itemKindOf(locationType, get('document_tag')),
      text,
      note: note === '' ? null : note,
      locStart,
      page,
      positionS,
      highlightedAt: highlightedAt ?? null,
    },
  };
}

/** A highlight per row (with its note); a row with only a note is a note on the item. */
class ReadwiseWriter implements BatchWriter<ReadwiseHighlight> {
  private readonly lw: LibraryWriter;

  constructor(sqlite: Database.Database, nowIso: string, counts: Counts) {
    this.lw = new LibraryWriter(sqlite, nowIso, 'readwise', counts);
  }

  write(h: ReadwiseHighlight): WriteOutcome {
    const before = { ...this.lw.counts };
    const itemId = this.lw.item({ title: h.title, authors: h.authors, kind: h.itemKind });
    const place = { locStart: h.locStart, locEnd: h.locStart, page: h.page, positionS: h.positionS };
    if (h.text === '')
      this.lw.addOnce({ itemId, kind: 'note', text: h.note!, note: null, ...place, highlightedAt: h.highlightedAt });
    else
      this.lw.addOnce({
        itemId,
        kind: 'highlight',
        text: h.text,
        note: h.note,
        ...place,
        highlightedAt: h.highlightedAt,
      });
    const after = this.lw.counts;
    const changed =
      after.itemsCreated > before.itemsCreated ||
      after.highlights > before.highlights ||
      after.notes > before.notes ||
      after.bookmarks > before.bookmarks;
    return changed ? { inserted: true, customerCreated: false } : { inserted: false };
  }

  close(): void {}
}

export function readwiseImporter(counts: Counts): UnrecordedImporter<ReadwiseHighlight> {
  return {
    kind: 'readwise',
    fields: Object.keys(READWISE_COLUMNS),
    required: REQUIRED,
    headers: headersOf(READWISE_COLUMNS),
    maxRecords: MAX_READWISE_ROWS,
    open: (path, options) =>
      openExport(path, options, READWISE_COLUMNS, REQUIRED, 'library.highlights.errors.notReadwise'),
    read: readReadwise,
    writer: (sqlite, nowIso) => new ReadwiseWriter(sqlite, nowIso, counts),
  };
}
