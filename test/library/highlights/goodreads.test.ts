import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goodreadsDay, reviewText, unwrapFormula } from '../../../src-main/features/library/highlights/goodreads';
import { insertItem } from '../../../src-main/features/library/items';
import { AppError } from '../../../src-main/kernel/errors';
import { contentHash } from '../../imports/helpers';
import { FIXED_NOW, storeForEachTest } from '../../helpers/store';
import { fixture, highlights, importFixture, items } from './helpers';

describe('Goodreads cells', () => {
  it('unwraps the ="…" that keeps spreadsheets from eating ISBNs', () => {
    expect(unwrapFormula('="0671027034"')).toBe('0671027034');
    expect(unwrapFormula('=""')).toBe('');
    expect(unwrapFormula('9788804712343')).toBe('9788804712343');
  });

  it('reads YYYY/MM/DD days and refuses others', () => {
    expect(goodreadsDay('2025/03/20')).toBe('2025-03-20');
    expect(goodreadsDay('2025/3/2')).toBe('2025-03-02');
    expect(goodreadsDay('')).toBeNull();
    expect(goodreadsDay('2025/02/30')).toBeUndefined();
    expect(goodreadsDay('20/03/2025')).toBeUndefined();
  });

  it('turns a review into plain text: <br/> into line breaks, no tags left, entities decoded', () => {
    expect(
      reviewText('One.<br/><br/>Two <b>bold</b> &amp; <a href="javascript:x()">three</a>.<br />Four&ndash;five'),
    ).toBe('One.\n\nTwo bold & three.\nFour–five');
    expect(reviewText('<script>alert(1)</script><p>Para</p><p>graph</p> &constructor; &#233;')).toBe(
      'alert(1)Para\n\ngraph\n\n&constructor; é',
    );
  });
});

describe('importing a Goodreads library export', () => {
  const t = storeForEachTest();

  it('makes a book of each row: shelves to status and tags, ISBNs unwrapped and converted, the review a note', async () => {
    const counts = await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    expect(counts).toEqual({
      itemsCreated: 5,
      itemsMatched: 0,
      highlights: 0,
      notes: 2,
      bookmarks: 0,
      duplicatesSkipped: 0,
    });
    const rows = items(t.store).map((i) => ({
      kind: i.kind,
      source: i.source,
      title: i.title,
      authors: i.authors,
      isbn13: i.isbn13,
      isbn10: i.isbn10,
      status: i.status,
      rating: i.rating,
      publisher: i.publisher,
      year: i.year,
      pages: i.pages,
      finished_on: i.finished_on,
      tags: JSON.parse(i.tags) as string[],
    }));
    expect(rows).toEqual([
      {
        kind: 'book',
        source: 'physical',
        title: 'The Quiet Close: Selling Without Pushing',
        authors: 'Marco Rossi',
        isbn13: '9788804712343',
        isbn10: '8804712341',
        status: 'done',
        rating: 5,
        publisher: 'Edizioni Banco',
        year: 2024,
        pages: 212,
        finished_on: '2025-03-20',
        tags: ['sales', 'favorites'],
      },
      {
        kind: 'book',
        source: 'physical',
        title: 'Negotiating (Again) (Second Edition)',
        authors: 'Anna Bianchi',
        isbn13: null,
        isbn10: null,
        status: 'in_progress',
        rating: null,
        publisher: 'Porto Press',
        year: 2022,
        pages: null,
        finished_on: null,
        tags: ['negotiation'],
      },
      {
        kind: 'book',
        source: 'physical',
        title: 'Field Notes on Follow-Up (Closing Series, #2)',
        authors: 'Laura Greene; Tom Hale',
        isbn13: '9781934567012',
        isbn10: '1934567019',
        status: 'want',
        rating: 4,
        publisher: 'Northgate',
        year: 2021,
        pages: 180,
        finished_on: null,
        tags: [],
      },
      {
        kind: 'book',
        source: 'physical',
        title: 'Il metodo della domanda giusta: perché funziona',
        authors: 'Giulia Esposito',
        isbn13: '9791221056785',
        isbn10: null,
        status: 'done',
        rating: 3,
        publisher: 'Lumen Libri',
        year: 2020,
        pages: 240,
        finished_on: null,
        tags: ['vendita'],
      },
      {
        kind: 'book',
        source: 'physical',
        title: 'Pipeline Gardening',
        authors: 'Sam Ortiz',
        isbn13: '9788865432105',
        isbn10: '8865432101',
        status: 'abandoned',
        rating: 2,
        publisher: 'Greenfield',
        year: 2018,
        pages: 150,
        finished_on: null,
        tags: ['did-not-finish'],
      },
    ]);
    expect(highlights(t.store).map((h) => [h.title, h.kind, h.origin, h.text, h.note])).toEqual([
      [
        'The Quiet Close: Selling Without Pushing',
        'note',
        'goodreads',
        'Short and practical.\n\nThe chapter on silence changed how I quote prices.\nWorth a second read & a third.',
        'Lent to Paolo in April.',
      ],
      [
        'Il metodo della domanda giusta: perché funziona',
        'note',
        'goodreads',
        'Utile per chi parte da zero.\nCapitoli 2–4 i migliori.',
        null,
      ],
    ]);
  });

  it('adds nothing when the same export is imported again', async () => {
    await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    const before = contentHash(t.store.sqlite);
    expect(await importFixture(t.store, 'goodreads', 'goodreads-library.csv')).toEqual({
      itemsCreated: 0,
      itemsMatched: 5,
      highlights: 0,
      notes: 0,
      bookmarks: 0,
      duplicatesSkipped: 2,
    });
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('reads the same export saved as Windows-1252 the same way', async () => {
    await importFixture(t.store, 'goodreads', 'goodreads-cp1252.csv');
    const titles = items(t.store).map((i) => i.title);
    expect(titles).toContain('Il metodo della domanda giusta: perché funziona');
    expect(await importFixture(t.store, 'goodreads', 'goodreads-library.csv')).toMatchObject({
      itemsCreated: 0,
      itemsMatched: 5,
      notes: 0,
    });
  });

  it('matches the books a Kindle file brought, fills in what they lack and takes the shelf, rating and date read', async () => {
    await importFixture(t.store, 'kindle', 'clippings-en.txt');
    const kindleBooks = items(t.store).length;
    const counts = await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    // The Quiet Close (same title and first author), Negotiating (Again) (parentheses in the title),
    // Field Notes (its series written two ways).
    expect(counts).toMatchObject({ itemsCreated: 2, itemsMatched: 3, notes: 2 });
    expect(items(t.store)).toHaveLength(kindleBooks + 2);
    const quiet = items(t.store).find((i) => i.title === 'The Quiet Close: Selling Without Pushing')!;
    expect(quiet).toMatchObject({
      kind: 'ebook',
      isbn13: '9788804712343',
      isbn10: '8804712341',
      publisher: 'Edizioni Banco',
      status: 'done',
      rating: 5,
      finished_on: '2025-03-20',
      authors: 'Marco Rossi',
    });
    expect(JSON.parse(quiet.tags)).toEqual(['sales', 'favorites']);
    const followUp = items(t.store).find((i) => i.title.startsWith('Field Notes'))!;
    expect(followUp).toMatchObject({
      title: 'Field Notes on Follow-Up (Closing Series Book 2)',
      isbn13: '9781934567012',
      status: 'want',
    });
  });

  it('matches by ISBN before the title, an ISBN-10 converted', async () => {
    const id = insertItem(t.store.sqlite, {
      kind: 'ebook',
      title: 'Quiet Close (Italian edition title)',
      isbn10: '8804712341',
      people: [{ name: 'Somebody Else', role: 'author' }],
      created_at: FIXED_NOW.toISOString(),
    });
    await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    const matched = items(t.store).find((i) => i.id === id)!;
    expect(matched).toMatchObject({
      title: 'Quiet Close (Italian edition title)',
      status: 'done',
      rating: 5,
      pages: 212,
    });
    expect(items(t.store).filter((i) => i.title.startsWith('The Quiet Close'))).toHaveLength(0);
  });

  it('keeps a rating of 0 from erasing one the seller gave', async () => {
    const id = insertItem(t.store.sqlite, {
      kind: 'book',
      title: 'Negotiating (Again) (Second Edition)',
      people: [{ name: 'Bianchi, Anna', role: 'author' }],
      rating: 4,
      created_at: FIXED_NOW.toISOString(),
    });
    await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    expect(items(t.store).find((i) => i.id === id)).toMatchObject({ rating: 4, status: 'in_progress' });
  });

  it('takes a changed review in place of the old one', async () => {
    await importFixture(t.store, 'goodreads', 'goodreads-library.csv');
    const changed = readFileSync(fixture('goodreads-library.csv'), 'utf8').replace(
      'Short and practical.',
      'Short, practical.',
    );
    writeFileSync(join(t.dir, 'changed.csv'), changed);
    expect(await importFixture(t.store, 'goodreads', join(t.dir, 'changed.csv'))).toMatchObject({
      notes: 1,
      duplicatesSkipped: 1,
    });
    const reviews = highlights(t.store).filter((h) => h.title.startsWith('The Quiet Close'));
    expect(reviews.map((h) => h.text.split('\n')[0])).toEqual(['Short, practical.']);
  });

  it('refuses rows it cannot read, naming line and column, and writes nothing', async () => {
    const before = contentHash(t.store.sqlite);
    const error = (await importFixture(t.store, 'goodreads', 'goodreads-bad.csv').catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('library.highlights.errors.unreadable');
    expect(error.values).toEqual({ name: 'goodreads-bad.csv', count: 2 });
    expect(error.issues!.map((i) => [i.path, i.message, i.values!.column, i.values!.got])).toEqual([
      ['goodreads-bad.csv:2', 'library.highlights.issues.isbn', 'ISBN13', '9788804712344'],
      ['goodreads-bad.csv:2', 'library.highlights.issues.goodreadsDay', 'Date Read', '2025/02/30'],
      ['goodreads-bad.csv:3', 'library.highlights.issues.rating', 'My Rating', '7'],
    ]);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('refuses a file that is not a Goodreads export, naming the missing columns', async () => {
    await expect(importFixture(t.store, 'goodreads', 'readwise-export.csv')).rejects.toMatchObject({
      message: 'library.highlights.errors.notGoodreads',
      values: { name: 'readwise-export.csv', missing: 'Title, Author, Exclusive Shelf' },
    });
  });
});
