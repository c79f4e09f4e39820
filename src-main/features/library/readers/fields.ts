import type { ContentsEntry, PersonRole } from '../contract';
import { toIsbn13 } from '../identity';

/**
 * Field clean-up shared by the EPUB and PDF readers: whatever a file says is trimmed to what
 * the library's contract accepts (lengths, counts), so an import never fails on a long title.
 */

export const LIMITS = {
  title: 500,
  person: 200,
  people: 30,
  publisher: 200,
  language: 35,
  description: 20_000,
  tag: 40,
  tags: 30,
  contents: 2_000,
  contentsTitle: 300,
  contentsDepth: 20,
} as const;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Whitespace collapsed, control characters gone, cut at `max` characters; null when empty. */
export function clean(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const out = collapse(text.replace(/[\p{Cc}\p{Cs}\p{Co}\uFFFD]/gu, ' '));
  if (!out) return null;
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}

/** Like clean() but keeps line breaks (a description's paragraphs). */
export function cleanParagraphs(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const out = text
    .split(/\r?\n/)
    .map((line) => clean(line, max) ?? '')
    .filter(Boolean)
    .join('\n');
  if (!out) return null;
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}

/**
 * One "Author" field naming several people: "A; B", "A and B", "A & B" (a PDF's Info
 * dictionary, calibre's authors, Ghostscript's XMP). Commas are kept: "Rossi, Mario" is one name.
 */
export function splitPeople(raw: string): string[] {
  return raw
    .split(/\s*;\s*|\s+and\s+|\s*&\s*/i)
    .map((name) => clean(name, LIMITS.person))
    .filter((name): name is string => name !== null);
}

/** Adds people, skipping a name already there (case and accents aside), up to the contract's count. */
export function addPeople(
  people: { name: string; role: PersonRole }[],
  names: readonly string[],
  role: PersonRole,
): void {
  const seen = new Set(people.map((p) => fold(p.name)));
  for (const raw of names) {
    const name = clean(raw, LIMITS.person);
    if (!name || seen.has(fold(name)) || people.length >= LIMITS.people) continue;
    seen.add(fold(name));
    people.push({ name, role });
  }
}

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Subjects or keywords as tags: trimmed, duplicates (by case) dropped, at most 30 of at most 40
 * characters. A long BISAC-style path ("Business & Economics / Sales & Selling") keeps its last part.
 */
export function cleanTags(raw: readonly string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    let tag = clean(item, 1000);
    if (!tag) continue;
    if (tag.length > LIMITS.tag) tag = clean(tag.split(/\s+[/>-]{1,2}\s+/).pop(), LIMITS.tag);
    if (!tag || seen.has(fold(tag))) continue;
    seen.add(fold(tag));
    tags.push(tag);
    if (tags.length >= LIMITS.tags) break;
  }
  return tags;
}

/**
 * The year a date starts with ("2021-05-04", "2019-09-12T00:00:00+00:00", "D:20180611…").
 * Years before 1000 are read as none: calibre writes 0101-01-01 for an unknown date.
 */
export function yearOf(raw: string | null | undefined): number | null {
  const match = raw ? /^\s*(?:D:)?(\d{4})/.exec(raw) : null;
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 1000 && year <= 9999 ? year : null;
}

/** Adds `raw` to `isbns` when it is a valid ISBN-10 or -13 not already there (compared as ISBN-13). */
export function addIsbn(isbns: string[], raw: string): void {
  const text = clean(raw, 60);
  if (!text) return;
  const isbn = toIsbn13(text);
  if (!isbn || isbns.some((known) => toIsbn13(known) === isbn)) return;
  isbns.push(text);
}

/** ISBNs written out in running text after the word "ISBN" ("ISBN 978-1-86197-876-9", "ISBN-10: 0-306-40615-2"). */
export function isbnsInText(text: string): string[] {
  const found: string[] = [];
  const pattern = /\bISBN(?:-1[03])?\s*[:：]?\s*((?:97[89][\s‐-]?)?(?:\d[\s‐-]?){9}[\dXx])(?![\d])/gi;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) addIsbn(found, m[1]!);
  return found;
}

/** A table of contents entry, its title cleaned; null when there is no title left. */
export function contentsEntry(title: string, level: number, page?: number): ContentsEntry | null {
  const text = clean(title, LIMITS.contentsTitle);
  if (!text) return null;
  return page !== undefined && Number.isInteger(page) && page > 0
    ? { title: text, level, page }
    : { title: text, level };
}
