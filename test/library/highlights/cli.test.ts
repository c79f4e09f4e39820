import { describe, expect, it } from 'vitest';
import { query, sandboxForAll } from '../../cli/helpers';
import { fixture } from './helpers';

const box = sandboxForAll();

const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const count = (table: string): number => query<{ n: number }>(box.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

describe('rapport library import-kindle, import-goodreads, import-readwise', () => {
  it('imports a clippings file, prints the counts, and adds nothing the second time', () => {
    const first = rapport('library', 'import-kindle', fixture('clippings-en.txt'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      [
        'Imported clippings-en.txt:',
        '  New items                     4',
        '  Items already in the library  0',
        '  Highlights added              6',
        '  Notes added                   3',
        '  Bookmarks added               2',
        '  Already there, skipped        0',
        '',
      ].join('\n'),
    );
    const again = rapport('library', 'import-kindle', fixture('clippings-en.txt'), '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      items_created: 0,
      items_matched: 4,
      highlights: 0,
      notes: 0,
      bookmarks: 0,
      duplicates_skipped: 11,
    });
    // Six highlights (two of them with the notes that sit in them), one note on its own, two bookmarks.
    expect(count('library_highlights')).toBe(9);
  });

  it('imports a Goodreads export and a Readwise export with --json', () => {
    const goodreads = rapport('--json', 'library', 'import-goodreads', fixture('goodreads-library.csv'));
    expect(goodreads.code, goodreads.stderr).toBe(0);
    // The Quiet Close, Negotiating (Again) and Field Notes came with the clippings.
    expect(JSON.parse(goodreads.stdout)).toEqual({
      items_created: 2,
      items_matched: 3,
      highlights: 0,
      notes: 2,
      bookmarks: 0,
      duplicates_skipped: 0,
    });
    const readwise = rapport('library', 'import-readwise', fixture('readwise-export.csv'), '--json');
    expect(readwise.code, readwise.stderr).toBe(0);
    expect(JSON.parse(readwise.stdout)).toMatchObject({ items_created: 2, items_matched: 2, highlights: 6, notes: 3 });
  });

  it('exits 1 with the lines at fault when records cannot be read, and writes nothing', () => {
    const before = count('library_highlights');
    const bad = rapport('library', 'import-kindle', fixture('clippings-bad.txt'), '--json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'rapport: 2 records of clippings-bad.txt cannot be read: nothing was imported.\n' +
        '  clippings-bad.txt:7: the line under the title is not a Kindle highlight, note or bookmark line in a language ' +
        'Rapport reads (got “Some words that are not a Kindle metadata line”)\n' +
        '  clippings-bad.txt:12: the date the clipping was added is not one Rapport can read (got “Added on Monday, 31 ' +
        'February 2025 10:15:02”)\n',
    );
    const goodreads = rapport('library', 'import-goodreads', fixture('goodreads-bad.csv'));
    expect(goodreads.code).toBe(1);
    expect(goodreads.stderr).toContain('goodreads-bad.csv:2: ISBN13: not a valid ISBN (got “9788804712344”)');
    expect(goodreads.stderr).toContain(
      'goodreads-bad.csv:3: My Rating: must be a whole number from 0 (not rated) to 5',
    );
    expect(count('library_highlights')).toBe(before);
  });

  it('exits 1 with a clear message for the wrong kind of file or a missing one', () => {
    const wrong = rapport('library', 'import-readwise', fixture('clippings-en.txt'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      'rapport: clippings-en.txt is not a Readwise CSV export: it has no column Highlight, Book Title.\n',
    );
    const missing = rapport('library', 'import-kindle', fixture('no-such-file.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('rapport: no-such-file.txt does not exist (or was moved or deleted).\n');
  });

  it('speaks Italian when asked', () => {
    const it = box.run(['--db', box.db, 'library', 'import-kindle', fixture('clippings-it.txt')], {
      RAPPORT_LANG: 'it',
    });
    expect(it.code, it.stderr).toBe(0);
    expect(it.stdout).toContain('Importato clippings-it.txt:');
    expect(it.stdout).toMatch(/Già presenti, saltati\s+\d/);
    const wrong = box.run(['--db', box.db, 'library', 'import-goodreads', fixture('clippings-it.txt')], {
      RAPPORT_LANG: 'it',
    });
    expect(wrong.stderr).toContain("clippings-it.txt non è un'esportazione della libreria di Goodreads");
  });
});
