import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../kernel/errors';
import {
  openTextSource,
  type BatchWriter,
  type RecordReader,
  type RowResult,
  type SourceRecord,
  type UnrecordedImporter,
  type WriteOutcome,
} from '../../imports';
import type { ImportIssue } from '../../imports/contract';
import type { HighlightKind } from '../contract';
import {
  bookKey,
  clip,
  LibraryWriter,
  normText,
  recordIssue,
  splitAuthors,
  type Counts,
  type StoredHighlight,
} from './writer';
import { normaliseName } from '../../../shared/names';

/**
 * Kindle's `My Clippings.txt` as an importer of the one import pipeline. The file is a list of
 * entries, each ended by a line of ten `=`:
 *
 *     The Quiet Close: Selling Without Pushing (Rossi, Marco)
 *     - Your Highlight on page 12 | Location 631-632 | Added on Monday, 3 March 2025 10:15:02
 *
 *     The words highlighted, on one or more lines.
 *     ==========
 *
 * The reader (a RecordSource through the importer's `open`) splits the file into records of
 * three fields: title line, metadata line, text. `read` makes one entry of a record; the writer
 * settles each book's entries together at the end (an edited highlight repeats, a note belongs
 * to the highlight it sits in), since those can be anywhere in the file.
 *
 * The metadata line is read by its words, not by one sentence per device: the kind (Highlight,
 * Note, Bookmark, Clip; evidenziazione, nota, segnalibro; and the German, French, Spanish and
 * Portuguese words), "page N", "Location N-M" / "Loc. N-M" / "posizione N-M", and the date
 * after "Added on" / "Aggiunto in data" (see parseKindleDate).
 *
 * Dates are stored as the device wrote them, local time without a zone
 * ("2025-03-03T10:15:02"): the Kindle does not say which zone it was in, and inventing one
 * would move a late-evening highlight to another day.
 */

export interface KindleEntry {
  /** The file line of the entry's title line. */
  line: number;
  title: string;
  authors: string[];
  kind: HighlightKind;
  page: number | null;
  locStart: number | null;
  locEnd: number | null;
  /** Local time as written: YYYY-MM-DDTHH:MM:SS. */
  addedAt: string;
  text: string;
}

export const KINDLE_FIELDS = ['title', 'meta', 'text'] as const;

/** A record longer than this is not a clipping: most likely not a clippings file at all. */
export const MAX_ENTRY_CHARS = 1_000_000;
/** A clippings file of a lifetime of reading has a few tens of thousands of entries. */
export const MAX_ENTRIES = 1_000_000;

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

// ---- the title line -------------------------------------------------------------------------

/**
 * "Title (Author)": the author is in the line's LAST parentheses, which may hold parentheses
 * of their own; a title may contain parentheses too ("Selling (Again) (Rossi, Marco)"). A
 * line that ends without one, or is all one parenthesis, has no author.
 */
export function splitTitleLine(line: string): { title: string; authors: string[] } {
  const text = line.replace(/\uFEFF/g, '').trim();
  if (text.endsWith(')')) {
    let depth = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i];
      if (c === ')') depth++;
      else if (c === '(' && --depth === 0) {
        const title = text.slice(0, i).trim();
        const author = text.slice(i + 1, -1).trim();
        if (title === '') break;
        return { title, authors: author === '' ? [] : splitAuthors(author) };
      }
    }
  }
  return { title: text, authors: [] };
}

// ---- the metadata line ----------------------------------------------------------------------

const KINDS: readonly [HighlightKind, RegExp][] = [
  ['bookmark', /\b(bookmark|segnalibro|lesezeichen|signet|marcador|marcapaginas)\b/],
  ['note', /\b(note|nota|notiz)\b/],
  ['highlight', /\b(highlight|evidenziazione|markierung|surlignement|subrayado|destaque|clip)\b/],
];
const LOCATION =
  /\b(?:location|loc|posizione|position|emplacement|posicion|posicao)\b\.?\s*(?:n[o.]*\s*)?(\d+)(?:\s*-\s*(\d+))?/;
const PAGE = /\b(?:page|pagina|seite|pag)\b\.?\s*([0-9]+|[ivxlcdm]+)\b/;
const ADDED =
  /\b(?:added on|aggiunto in data|aggiunto il|aggiunto|hinzugefugt am|ajoute le|anadido el|adicionado em|adicionado)\b:?/;

/**
 * The end of a range as written short: "631-32" ends at 632, "699-02" at 702. Kindle writes
 * only the digits that changed.
 */
export function rangeEnd(start: number, endText: string): number {
  const end = Number(endText);
  if (end >= start) return end;
  const unit = 10 ** endText.length;
  const full = Math.floor(start / unit) * unit + end;
  return full >= start ? full : full + unit;
}

export type MetaResult =
  | {
      ok: true;
      kind: HighlightKind;
      page: number | null;
      locStart: number | null;
      locEnd: number | null;
      addedAt: string;
    }
  | { ok: false; problem: 'kindleMeta' | 'kindleDate'; got: string };

/** The metadata line ("- Your Highlight on page 12 | Location 631-632 | Added on …"), or what is wrong with it. */
export function parseMetaLine(line: string): MetaResult {
  const text = fold(line.replace(/\uFEFF/g, '')).trim();
  const parts = text.split('|');
  const head = parts[0]!;
  const kind = KINDS.find(([, pattern]) => pattern.test(head))?.[0];
  if (!kind || !text.startsWith('-')) return { ok: false, problem: 'kindleMeta', got: line.trim() };
  let page: number | null = null;
  let locStart: number | null = null;
  let locEnd: number | null = null;
  let date: string | null = null;
  for (const part of parts) {
    const added = ADDED.exec(part);
    if (added) {
      date = part.slice(added.index + added[0].length);
      continue;
    }
    const location = LOCATION.exec(part);
    if (location && locStart === null) {
      locStart = Number(location[1]);
      locEnd = location[2] === undefined ? locStart : rangeEnd(locStart, location[2]);
    }
    const pageMatch = PAGE.exec(part);
    // Front matter is numbered i, ii, …: a place, but not a page number to sort by.
    if (pageMatch && page === null && /^\d+$/.test(pageMatch[1]!)) page = Number(pageMatch[1]) || null;
  }
  const original = line.split('|');
  const datePart = (original[original.length - 1] ?? '').trim();
  // Without "Added on" in a language read here, the last part may still be a date.
  if (date === null && parts.length > 1) date = parts[parts.length - 1]!;
  if (date === null) return { ok: false, problem: 'kindleDate', got: datePart };
  const addedAt = parseKindleDate(date);
  if (addedAt === null) return { ok: false, problem: 'kindleDate', got: datePart };
  return { ok: true, kind, page, locStart, locEnd, addedAt };
}

// ---- dates, without Date.parse (it reads only English, and reads it loosely) ------------------

/** Month names, accents folded: English, Italian, German, French, Spanish, Portuguese. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      ['january jan gennaio gen januar janner janvier enero janeiro', 1],
      ['february feb febbraio februar fevrier febrero fevereiro fev', 2],
      ['march mar marzo marz mars marco', 3],
      ['april apr aprile avril abril abr', 4],
      ['may maggio mag mai mayo maio', 5],
      ['june jun giugno giu juni juin junio junho', 6],
      ['july jul luglio lug juli juillet julio julho', 7],
      ['august aug agosto ago aout', 8],
      ['september sep sept settembre set septembre septiembre setiembre setembro', 9],
      ['october oct ottobre ott oktober octobre octubre outubro out', 10],
      ['november nov novembre noviembre novembro', 11],
      ['december dec dicembre dic dezember decembre diciembre dezembro dez', 12],
    ] as const
  ).flatMap(([names, month]) => names.split(' ').map((name) => [name, month] as const)),
);

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A Kindle date in any of the orders devices write, as local time "YYYY-MM-DDTHH:MM:SS":
 * "Monday, 3 March 2025 10:15:02", "Monday, March 3, 2025 10:15:02 AM", "Monday, March 3,
 * 2025, 10:15 AM", "lunedì 3 marzo 2025 10:15:02", "Montag, 3. März 2025 10:15:02", "lunes, 3
 * de marzo de 2025 10:15:02". The month is the one word found in the month tables (a weekday
 * is in none), the year the four-digit number, the day the other number. Null when it is not
 * a real day and time.
 */
export function parseKindleDate(text: string): string | null {
  let s = fold(text);
  const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\.?(?![a-z]))?/.exec(s);
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (time) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = time[3] === undefined ? 0 : Number(time[3]);
    if (time[4] !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (time[4] === 'p' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return null;
    s = s.slice(0, time.index) + ' ' + s.slice(time.index + time[0].length);
  }
  let month: number | undefined;
  let year: number | undefined;
  let day: number | undefined;
  for (const token of s.match(/[a-z]+|\d+/g) ?? []) {
    if (/^\d{4}$/.test(token)) year ??= Number(token);
    else if (/^\d{1,2}$/.test(token)) {
      // A second small number is a time written another way ("10.15"): not guessed at.
      if (day !== undefined) return null;
      day = Number(token);
    } else if (/^\d+$/.test(token)) return null;
    else month ??= MONTHS.get(token);
  }
  if (month === undefined || year === undefined || day === undefined) return null;
  if (day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

// ---- reading the file into records ------------------------------------------------------------

const SEPARATOR = /^\s*={10,}\s*$/;

/**
 * Splits the clippings' text into one record per entry as the bytes arrive: [title line,
 * metadata line, text]. CRLF, LF and CR all end a line; a BOM at the start of an entry's
 * title (some Kindles write one per entry) is dropped with the title's parsing.
 */
export class ClippingsReader implements RecordReader {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private lines: string[] = [];
  private chars = 0;
  private entryLine = 0;
  private line = 0;
  private separators = 0;
  private started = false;

  constructor(private readonly name: string) {}

  push(chunk: Buffer, out: SourceRecord[]): void {
    this.take(this.decoder.decode(chunk, { stream: true }), out, false);
  }

  end(out: SourceRecord[]): void {
    this.take(this.decoder.decode(), out, true);
    if (this.separators === 0)
      throw new AppError('invalid_input', 'library.highlights.errors.notKindle', undefined, { name: this.name });
    this.flush(out);
  }

  private take(text: string, out: SourceRecord[], final: boolean): void {
    if (!this.started) {
      this.started = true;
      // The header, as the pipeline expects one first.
      out.push({ line: 0, fields: [...KINDLE_FIELDS] });
    }
    let rest = this.pending + text;
    // A CR at the end of a chunk may be the first half of a CRLF.
    const hold = !final && rest.endsWith('\r');
    if (hold) rest = rest.slice(0, -1);
    const pattern = /\r\n|\n|\r/g;
    let from = 0;
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
      this.onLine(rest.slice(from, m.index), out);
      from = m.index + m[0].length;
    }
    this.pending = rest.slice(from) + (hold ? '\r' : '');
    if (final && this.pending !== '') {
      this.onLine(this.pending, out);
      this.pending = '';
    }
    if (this.chars + this.pending.length > MAX_ENTRY_CHARS)
      throw new AppError('invalid_input', 'library.highlights.errors.entryTooLong', undefined, {
        name: this.name,
        line: this.entryLine || this.line + 1,
      });
  }

  private onLine(text: string, out: SourceRecord[]): void {
    this.line++;
    if (SEPARATOR.test(text)) {
      this.separators++;
      this.flush(out);
      return;
    }
    if (this.lines.length === 0) {
      if (text.replace(/\uFEFF/g, '').trim() === '') return;
      this.entryLine = this.line;
    }
    this.lines.push(text);
    this.chars += text.length;
  }

  private flush(out: SourceRecord[]): void {
    if (this.lines.length > 0) {
      const [title = '', meta = '', ...text] = this.lines;
      out.push({ line: this.entryLine, fields: [title, meta, text.join('\n').trim()] });
    }
    this.lines = [];
    this.chars = 0;
  }
}

/** One record → one entry, or what is wrong with it (naming its line). */
export function readEntry(record: SourceRecord): RowResult<KindleEntry> {
  const [titleLine = '', metaLine = '', text = ''] = record.fields;
  const issues: ImportIssue[] = [];
  const { title, authors } = splitTitleLine(titleLine);
  if (title === '') issues.push(recordIssue(record.line, 'title', 'noTitle'));
  const meta = parseMetaLine(metaLine);
  if (!meta.ok) issues.push(recordIssue(record.line + 1, 'meta', meta.problem, { got: clip(meta.got) }));
  if (issues.length > 0 || !meta.ok) return { ok: false, issues };
  return {
    ok: true,
    value: {
      line: record.line,
      title,
      authors,
      kind: meta.kind,
      page: meta.page,
      locStart: meta.locStart,
      locEnd: meta.locEnd,
      addedAt: meta.addedAt,
      text: meta.kind === 'bookmark' ? '' : text,
    },
  };
}

// ---- settling a book's entries -----------------------------------------------------------------

/** An entry without its book, and where it stood in the file: the later of two with the same date is the newer. */
export type Clip = Omit<KindleEntry, 'line' | 'title' | 'authors'> & { order: number };

export interface Settled {
  /** The newest version of each highlight, with the notes that sit in it (oldest place first). */
  highlights: (Clip & { notes: string[] })[];
  /** Notes that sit in no highlight. */
  notes: Clip[];
  bookmarks: Clip[];
}

/** [from, to] of an entry's place counted in locations, or in pages for an entry with no location. */
function span(a: Pick<KindleEntry, 'locStart' | 'locEnd' | 'page'>, by: 'loc' | 'page'): [number, number] | null {
  if (by === 'loc') return a.locStart === null ? null : [a.locStart, a.locEnd ?? a.locStart];
  return a.locStart === null && a.page !== null ? [a.page, a.page] : null;
}

const SHINGLE = 24;

/**
 * Whether two highlights' texts share words enough to be two versions of one highlight (its
 * selection stretched, shrunk or moved): one holds the other, or a 24-character stretch of the
 * shorter is in the longer. Neighbouring highlights that merely share a Kindle location (a
 * location is about 150 characters) share no text, and both stay.
 */
export function textsOverlap(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [normText(a), normText(b)] : [normText(b), normText(a)];
  // A highlight without text (an image) is a version only of another without text.
  if (short === '') return long === '';
  if (long.includes(short)) return true;
  if (short.length < SHINGLE) return false;
  for (let i = 0; i + SHINGLE <= short.length; i += 8) if (long.includes(short.slice(i, i + SHINGLE))) return true;
  return long.includes(short.slice(short.length - SHINGLE));
}

const newer = (a: { addedAt: string; order: number }, b: { addedAt: string; order: number }): boolean =>
  a.addedAt === b.addedAt ? a.order > b.order : a.addedAt > b.addedAt;

/**
 * Pairs of entries whose places overlap, for `related` to judge: sorted by start and swept, so
 * a book of thousands of highlights is not compared all against all.
 */
function overlappingPairs<T extends Pick<KindleEntry, 'locStart' | 'locEnd' | 'page'>>(
  entries: readonly T[],
  related: (a: T, b: T) => boolean,
): [number, number][] {
  const pairs: [number, number][] = [];
  for (const by of ['loc', 'page'] as const) {
    const placed = entries
      .map((e, i) => ({ i, s: span(e, by) }))
      .filter((p): p is { i: number; s: [number, number] } => p.s !== null)
      .sort((x, y) => x.s[0] - y.s[0] || x.s[1] - y.s[1] || x.i - y.i);
    let active: typeof placed = [];
    for (const p of placed) {
      active = active.filter((a) => a.s[1] >= p.s[0]);
      for (const a of active) if (related(entries[a.i]!, entries[p.i]!)) pairs.push([a.i, p.i]);
      active.push(p);
    }
  }
  return pairs;
}

/**
 * One book's entries settled, whatever their order in the file: of the highlights that are
 * versions of one another (overlapping places and text), the newest (by date, else the later
 * in the file); of notes at one place, the newest (Kindle repeats an edited note); each note
 * goes with the newest highlight whose range holds its location (one that ends there first);
 * one bookmark per place.
 */
export function settleBook(entries: readonly Clip[]): Settled {
  const highlights = entries.filter((e) => e.kind === 'highlight');
  const parent = highlights.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [a, b] of overlappingPairs(highlights, (x, y) => textsOverlap(x.text, y.text))) parent[root(a)] = root(b);
  // A highlight whose line names no place at all (no location, no page) has no neighbours to
  // compare with: it is a version only of another placeless one with the same text (the same
  // clipping saved twice would otherwise be written twice, and fail on its fingerprint).
  const placeless = new Map<string, number>();
  highlights.forEach((h, i) => {
    if (h.locStart !== null || h.page !== null) return;
    const key = normText(h.text);
    const first = placeless.get(key);
    if (first === undefined) placeless.set(key, i);
    else parent[root(i)] = root(first);
  });
  const newest = new Map<number, Clip>();
  highlights.forEach((h, i) => {
    const r = root(i);
    const best = newest.get(r);
    if (!best || newer(h, best)) newest.set(r, h);
  });
  const kept = [...newest.values()].map((h) => ({ ...h, notes: [] as string[] }));

  const place = (e: Clip): string => `${e.locStart ?? ''}-${e.locEnd ?? ''}/${e.page ?? ''}`;
  const newestAt = <T extends Clip>(list: readonly T[]): T[] => {
    const at = new Map<string, T>();
    for (const e of list) {
      const best = at.get(place(e));
      if (!best || newer(e, best)) at.set(place(e), e);
    }
    return [...at.values()];
  };

  const loose: Clip[] = [];
  const notes = newestAt(entries.filter((e) => e.kind === 'note')).sort(byPlace);
  for (const note of notes) {
    const host = hostOf(kept, note, (h) => h.addedAt);
    if (host) host.notes.push(note.text);
    else loose.push(note);
  }
  return {
    highlights: kept.sort(byPlace),
    notes: loose,
    bookmarks: newestAt(entries.filter((e) => e.kind === 'bookmark')).sort(byPlace),
  };
}

/**
 * The highlight a note at `note`'s place belongs to: one whose range holds the note's location
 * (one that ends there first), the newest by `dateOf`, then the later in the file.
 */
function hostOf<T extends Place & { order?: number }>(
  highlights: readonly T[],
  note: Pick<KindleEntry, 'locStart' | 'page'>,
  dateOf: (h: T) => string,
): T | undefined {
  const at = note.locStart;
  let best: T | undefined;
  let bestEnds = false;
  for (const h of highlights) {
    const holds =
      at !== null
        ? h.locStart !== null && h.locStart <= at && at <= (h.locEnd ?? h.locStart)
        : note.page !== null && h.locStart === null && h.page === note.page;
    if (!holds) continue;
    const ends = at !== null && (h.locEnd ?? h.locStart) === at;
    const later =
      !best || dateOf(h) > dateOf(best) || (dateOf(h) === dateOf(best) && (h.order ?? 0) > (best.order ?? 0));
    if (!best || (ends && !bestEnds) || (ends === bestEnds && later)) {
      best = h;
      bestEnds = ends;
    }
  }
  return best;
}

const byPlace = (a: Clip, b: Clip): number =>
  (a.locStart ?? -1) - (b.locStart ?? -1) ||
  (a.locEnd ?? -1) - (b.locEnd ?? -1) ||
  (a.page ?? -1) - (b.page ?? -1) ||
  (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0) ||
  (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

// ---- writing --------------------------------------------------------------------------------------

/**
 * Keeps the file's entries (the settling needs them all) and writes them when the file has
 * been read, book by book, in one order whatever the file's: `write` only queues, so it
 * answers "inserted" for every entry, and the counts that matter are the writer's own.
 */
class KindleWriter implements BatchWriter<KindleEntry> {
  private readonly books = new Map<string, { title: string; authors: string[]; latest: string; entries: Clip[] }>();
  /** A book's key by its title and first author as written: thousands of entries name a few books. */
  private readonly keys = new Map<string, string>();
  private order = 0;
  private readonly lw: LibraryWriter;
  private readonly update: Database.Statement;

  constructor(sqlite: Database.Database, nowIso: string, counts: Counts) {
    this.lw = new LibraryWriter(sqlite, nowIso, 'kindle', counts);
    this.update = sqlite.prepare(
      `UPDATE library_highlights SET text = ?, note = ?, loc_start = ?, loc_end = ?, page = ?, highlighted_at = ?,
         fingerprint = ?, updated_at = ? WHERE id = ?`,
    );
  }

  write(entry: KindleEntry): WriteOutcome {
    const title = `${entry.title}\0${entry.authors[0] ?? ''}`;
    let key = this.keys.get(title);
    if (key === undefined)
      this.keys.set(
        title,
        (key = `${bookKey(entry.title)}\0${entry.authors[0] ? normaliseName(entry.authors[0]) : ''}`),
      );
    let book = this.books.get(key);
    if (!book) this.books.set(key, (book = { title: entry.title, authors: entry.authors, latest: '', entries: [] }));
    // One book written two ways ("Rossi, Marco" and "Marco Rossi"): named as its newest entry names it.
    if (entry.addedAt > book.latest)
      Object.assign(book, { title: entry.title, authors: entry.authors, latest: entry.addedAt });
    // The book is the map's: each entry keeps only what is its own.
    const { kind, page, locStart, locEnd, addedAt, text } = entry;
    book.entries.push({ kind, page, locStart, locEnd, addedAt, text, order: this.order++ });
    return { inserted: true, customerCreated: false };
  }

  close(): void {
    const books = [...this.books].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, book] of books) this.writeBook(book.title, book.authors, settleBook(book.entries));
  }

  private writeBook(title: string, authors: string[], settled: Settled): void {
    const { lw } = this;
    const counts = lw.counts;
    const itemId = lw.item({ title, authors, kind: 'ebook' });
    // What earlier imports brought: the file's own highlights are settled among themselves already.
    const prior = lw.stored(itemId).filter((s) => s.kind === 'highlight');
    const byFingerprint = new Map(prior.map((s) => [s.fingerprint, s]));

    for (const h of settled.highlights) {
      const row = {
        itemId,
        kind: 'highlight' as const,
        text: h.text,
        locStart: h.locStart,
        locEnd: h.locEnd,
        page: h.page,
        positionS: null,
      };
      const fingerprint = lw.fingerprint(row);
      let target = byFingerprint.get(fingerprint);
      if (target) counts.duplicatesSkipped++;
      else {
        // An edit made since the last import: the library has another version of this highlight.
        const latest = latestVersion(prior, h);
        if (latest && (latest.highlightedAt ?? '') >= h.addedAt) {
          counts.duplicatesSkipped++;
          target = latest;
        } else if (latest) {
          this.update.run(
            h.text,
            latest.note,
            h.locStart,
            h.locEnd,
            h.page,
            h.addedAt,
            fingerprint,
            lw.nowIso,
            latest.id,
          );
          byFingerprint.delete(latest.fingerprint);
          Object.assign(latest, {
            text: h.text,
            locStart: h.locStart,
            locEnd: h.locEnd,
            page: h.page,
            highlightedAt: h.addedAt,
            fingerprint,
          });
          byFingerprint.set(fingerprint, latest);
          counts.highlights++;
          target = latest;
        } else {
          const note = h.notes.length > 0 ? h.notes.join('\n\n') : null;
          lw.add({ ...row, note, highlightedAt: h.addedAt }, fingerprint);
          counts.notes += h.notes.length;
          continue;
        }
      }
      for (const note of h.notes) lw.noteOn(target, note);
    }

    for (const note of settled.notes) {
      // A note added since the last import, on a highlight imported then.
      const host = hostOf(prior, note, (s) => s.highlightedAt ?? '');
      if (host) lw.noteOn(host, note.text);
      else
        lw.addOnce({
          itemId,
          kind: 'note',
          text: note.text,
          note: null,
          locStart: note.locStart,
          locEnd: note.locEnd,
          page: note.page,
          positionS: null,
          highlightedAt: note.addedAt,
        });
    }
    for (const b of settled.bookmarks)
      lw.addOnce({
        itemId,
        kind: 'bookmark',
        text: '',
        note: null,
        locStart: b.locStart,
        locEnd: b.locEnd,
        page: b.page,
        positionS: null,
        highlightedAt: b.addedAt,
      });
  }
}

type Place = Pick<KindleEntry, 'locStart' | 'locEnd' | 'page'>;

/** Whether two places overlap: by location when both have one, else by page (as `span`). */
function overlapsPlace(a: Place, b: Place): boolean {
  if (a.locStart !== null && b.locStart !== null)
    return a.locStart <= (b.locEnd ?? b.locStart) && b.locStart <= (a.locEnd ?? a.locStart);
  return a.locStart === null && b.locStart === null && a.page !== null && a.page === b.page;
}

/** The newest stored version of `h` (overlapping place and text), if the library has one. */
function latestVersion(stored: readonly StoredHighlight[], h: Clip): StoredHighlight | undefined {
  let latest: StoredHighlight | undefined;
  for (const s of stored)
    if (
      overlapsPlace(s, h) &&
      textsOverlap(s.text, h.text) &&
      (!latest || (s.highlightedAt ?? '') > (latest.highlightedAt ?? ''))
    )
      latest = s;
  return latest;
}

/** The Kindle clippings importer; the writer adds to `counts`. */
export function kindleImporter(counts: Counts): UnrecordedImporter<KindleEntry> {
  return {
    kind: 'kindle',
    fields: KINDLE_FIELDS,
    required: [],
    maxRecords: MAX_ENTRIES,
    open: (path, options) =>
      openTextSource(path, options, () => ({ delimiter: ',', reader: new ClippingsReader(basename(path)) })),
    read: (record) => readEntry(record),
    writer: (sqlite, nowIso) => new KindleWriter(sqlite, nowIso, counts),
  };
}
