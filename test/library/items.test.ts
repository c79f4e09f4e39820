import { describe, expect, it } from 'vitest';
import { findMatch, insertItem } from '../../src-main/features/library/items';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';

const at = FIXED_NOW.toISOString();

describe('insertItem', () => {
  const t = storeForEachTest();

  it('writes the row and its people in order, with the title key, both ISBNs and the defaults', () => {
    const id = insertItem(t.store.sqlite, {
      kind: 'book',
      title: 'The Quiet Close: Selling Without Pushing',
      people: [
        { name: ' Marco Rossi ', role: 'author' },
        { name: 'Anna Bianchi', role: 'translator' },
      ],
      isbn10: '8804712341',
      publisher: 'Edizioni Banco',
      year: 2024,
      language: 'it',
      pages: 212,
      status: 'done',
      rating: 5,
      started_on: '2025-02-01',
      finished_on: '2025-03-20',
      tags: ['sales'],
      created_at: at,
    });
    const row = t.store.sqlite.prepare('SELECT * FROM library_items WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      kind: 'book',
      title_key: 'the quiet close',
      isbn13: '9788804712343',
      isbn10: '8804712341',
      source: 'physical',
      status: 'done',
      tags: '["sales"]',
      contents: '[]',
      sample: 0,
      created_at: at,
      updated_at: at,
    });
    expect(
      t.store.sqlite
        .prepare('SELECT position, name, role FROM library_people WHERE item_id = ? ORDER BY position')
        .all(id),
    ).toEqual([
      { position: 0, name: 'Marco Rossi', role: 'author' },
      { position: 1, name: 'Anna Bianchi', role: 'translator' },
    ]);
  });

  it('writes the file columns of a stored item, and lets the caller key the title', () => {
    const id = insertItem(t.store.sqlite, {
      kind: 'ebook',
      title: 'Field Notes (Closing Series, #2)',
      title_key: 'field notes',
      source: 'stored',
      file_name: 'ab12.epub',
      file_hash: 'ab12',
      file_size: 1234,
      file_mime: 'application/epub+zip',
      contents: [{ title: 'One', level: 0 }],
      isbn13: '9791221056785',
      created_at: at,
      updated_at: '2026-06-16T00:00:00.000Z',
    });
    expect(t.store.sqlite.prepare('SELECT * FROM library_items WHERE id = ?').get(id)).toMatchObject({
      title_key: 'field notes',
      file_hash: 'ab12',
      isbn10: null,
      contents: '[{"title":"One","level":0}]',
      updated_at: '2026-06-16T00:00:00.000Z',
    });
  });

  it('lets the table refuse what it must not hold', () => {
    expect(() => insertItem(t.store.sqlite, { kind: 'book', title: '  ', created_at: at })).toThrow(/CHECK/);
    expect(() => insertItem(t.store.sqlite, { kind: 'book', title: 'A', source: 'stored', created_at: at })).toThrow(
      /CHECK/,
    );
  });
});

describe('findMatch', () => {
  const t = storeForEachTest();

  it('finds by ISBN-13 (an ISBN-10 converted), then file hash, then title and first author', () => {
    const byIsbn = insertItem(t.store.sqlite, {
      kind: 'book',
      title: 'Original Title',
      isbn13: '9788804712343',
      people: [{ name: 'Marco Rossi', role: 'author' }],
      created_at: at,
    });
    const byFile = insertItem(t.store.sqlite, {
      kind: 'ebook',
      title: 'Some File',
      source: 'stored',
      file_name: 'f.epub',
      file_hash: 'feed',
      created_at: at,
    });
    const byTitle = insertItem(t.store.sqlite, {
      kind: 'book',
      title: 'Il metodo della domanda giusta',
      people: [
        { name: 'Esposito, Giulia', role: 'author' },
        { name: 'Paolo Neri', role: 'author' },
      ],
      created_at: at,
    });
    const noAuthor = insertItem(t.store.sqlite, { kind: 'article', title: 'Untitled Notes', created_at: at });
    const { sqlite } = t.store;

    expect(findMatch(sqlite, { isbn10: '8804712341', title: 'Anything', firstAuthor: null })).toEqual({
      id: byIsbn,
      by: 'isbn',
    });
    expect(findMatch(sqlite, { isbn13: '9780000000002', fileHash: 'feed', title: 'x', firstAuthor: null })).toEqual({
      id: byFile,
      by: 'file',
    });
    expect(
      findMatch(sqlite, { title: 'IL METODO della Domanda Giusta: perché funziona', firstAuthor: 'Giulia Esposito' }),
    ).toEqual({ id: byTitle, by: 'title_author' });
    // The first author only: the second one is another book's first.
    expect(findMatch(sqlite, { title: 'Il metodo della domanda giusta', firstAuthor: 'Paolo Neri' })).toBeNull();
    expect(findMatch(sqlite, { title: 'Il metodo della domanda giusta', firstAuthor: null })).toBeNull();
    expect(findMatch(sqlite, { title: 'Untitled notes', firstAuthor: null })).toEqual({
      id: noAuthor,
      by: 'title_author',
    });
    expect(findMatch(sqlite, { title: 'Untitled notes', firstAuthor: 'Someone' })).toBeNull();
    expect(findMatch(sqlite, { title: 'Original Title', titleKey: 'original', firstAuthor: 'Marco Rossi' })).toBeNull();
    expect(findMatch(sqlite, { title: '!!!', firstAuthor: null })).toBeNull();
  });
});
