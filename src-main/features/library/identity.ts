import { normaliseName } from '../../shared/names';

/**
 * How the library tells that two records are the same book: ISBN-13 first (an ISBN-10 is
 * converted), then the file's content hash, then the normalised title with the first
 * author's normalised name.
 */

const digitsOf = (raw: string): string => raw.replace(/[\s\-‐–]/g, '').toUpperCase();

function isbn10Valid(s: string): boolean {
  if (!/^\d{9}[\dX]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : Number(s[i])) * (10 - i);
  return sum % 11 === 0;
}

function isbn13Check(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function isbn13Valid(s: string): boolean {
  return /^97[89]\d{10}$/.test(s) && isbn13Check(s) === Number(s[12]);
}

/**
 * An ISBN as the digits of its ISBN-13, or null when `raw` is not a valid ISBN-10 or -13
 * (hyphens and spaces allowed; "urn:isbn:" and "ISBN " prefixes too).
 */
export function toIsbn13(raw: string): string | null {
  const s = digitsOf(raw.replace(/^\s*(urn:isbn:|isbn(-1[03])?:?)\s*/i, ''));
  if (isbn13Valid(s)) return s;
  if (!isbn10Valid(s)) return null;
  const first12 = `978${s.slice(0, 9)}`;
  return `${first12}${isbn13Check(first12)}`;
}

/** The ISBN-10 of a 978 ISBN-13 (979 ones have none), or of a valid ISBN-10 as given. */
export function toIsbn10(raw: string): string | null {
  const s = digitsOf(raw);
  if (isbn10Valid(s)) return s;
  if (!isbn13Valid(s) || !s.startsWith('978')) return null;
  const core = s.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(core[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${core}${check === 10 ? 'X' : check}`;
}

/** The first valid ISBN among a file's identifiers, as ISBN-13. */
export const firstIsbn13 = (candidates: readonly string[]): string | null => {
  for (const c of candidates) {
    const isbn = toIsbn13(c);
    if (isbn) return isbn;
  }
  return null;
};

/**
 * A title's key: accents, case, punctuation and a subtitle after a colon set aside, so
 * "The Challenger Sale: Taking Control…" and "the challenger sale" match. Word order is kept.
 */
export function titleKey(title: string): string {
  return title
    .split(/[:;]| - | – /)[0]!
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The last dedupe key: the title's key and the first author's normalised name. */
export const titleAuthorKey = (title: string, firstAuthor: string | null): string =>
  `${titleKey(title)}\u0000${firstAuthor ? normaliseName(firstAuthor) : ''}`;
