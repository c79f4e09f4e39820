import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readwiseTime } from '../../../src-main/features/library/highlights/readwise';
import { AppError } from '../../../src-main/kernel/errors';
import { contentHash } from '../../imports/helpers';
import { storeForEachTest } from '../../helpers/store';
import { highlights, importFixture, items } from './helpers';

describe('Readwise times', () => {
  it('keeps the zone a time was written with, and a time without one as it is', () => {
    expect(readwiseTime('2025-03-03 09:18:05+00:00')).toBe('2025-03-03T09:18:05Z');
    expect(readwiseTime('2025-05-01 12:00:00+02:00')).toBe('2025-05-01T12:00:00+02:00');
    expect(readwiseTime('2025-05-01T12:00:00.123-0530')).toBe('2025-05-01T12:00:00-05:30');
    expect(readwiseTime('2025-05-01 12:00')).toBe('2025-05-01T12:00:00');
    expect(readwiseTime('2025-05-01')).toBe('2025-05-01T00:00:00');
    expect(readwiseTime('')).toBeNull();
    for (const bad of ['2025-02-30 10:00:00', '2025-05-01 25:00:00', 'May 1, 2025', '2025-05-01 12:00:00 CEST'])
      expect(readwiseTime(bad), bad).toBeUndefined();
  });
});

describe('importing a Readwise export', () => {
  const t = storeForEachTest();

  it('makes highlights with their notes, places and times, and an item per book, article or episode', async () => {
    const counts = await importFixture(t.store, 'readwise', 'readwise-export.csv');
    expect(counts).toEqual({
      itemsCreated: 4,
      itemsMatched: 0,
      highlights: 6,
      notes: 3,
      bookmarks: 0,
      duplicatesSkipped: 0,
    });
    expect(items(t.store).map((i) => [i.kind, i.source, i.title, i.authors])).toEqual([
      ['book', 'physical', 'The Quiet Close: Selling Without Pushing', 'Marco Rossi'],
      ['article', 'physical', 'Why Deals Stall in Week Two', 'Dana Whitfield'],
      ['audio', 'physical', 'Episode 112: The Follow-Up Habit', 'The Sales Hour'],
      ['book', 'physical', 'Cold Calls, Warm Hearts', 'Peter Lang'],
    ]);
    expect(
      highlights(t.store).map((h) => [
        h.kind,
        h.origin,
        h.text,
        h.note,
        h.loc_start,
        h.page,
        h.position_s,
        h.highlighted_at,
      ]),
    ).toEqual([
      [
        'highlight',
        'readwise',
        'Silence after the price is not a gap to fill; it is the buyer thinking out loud, so let it run.',
        'Try this on the Verdi renewal call.',
        631,
        null,
        null,
        '2025-03-03T09:18:05Z',
      ],
      [
        'highlight',
        'readwise',
        'Price is a story you tell before you say the number.',
        null,
        null,
        45,
        null,
        '2025-03-10T18:22:00Z',
      ],
      [
        'highlight',
        'readwise',
        'Most lost deals were lost in the first meeting, not the last.',
        'Share with the team',
        3,
        null,
        null,
        '2025-04-02T07:45:10Z',
      ],
      [
        'highlight',
        'readwise',
        'A week-two check-in is a second discovery call.',
        null,
        7,
        null,
        null,
        '2025-04-02T07:47:00Z',
      ],
      ['note', 'readwise', 'Overall: the week-two check-in matters most.', null, 9, null, null, '2025-04-02T07:50:00Z'],
      [
        'highlight',
        'readwise',
        'Ask for the next step before you hang up.',
        null,
        null,
        null,
        1830,
        '2025-05-01T12:00:00+02:00',
      ],
      [
        'highlight',
        'readwise',
        'She said "call me Tuesday", and meant it.\nWrite down the exact words.',
        null,
        640,
        null,
        null,
        null,
      ],
    ]);
  });

  it('adds nothing when the same export is imported again', async () => {
    await importFixture(t.store, 'readwise', 'readwise-export.csv');
    const before = contentHash(t.store.sqlite);
    expect(await importFixture(t.store, 'readwise', 'readwise-export.csv')).toEqual({
      itemsCreated: 0,
      itemsMatched: 4,
      highlights: 0,
      notes: 0,
      bookmarks: 0,
      // Six highlights, two of their notes and the note on its own.
      duplicatesSkipped: 9,
    });
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('puts highlights on the books the library has, by title and first author', async () => {
    await importFixture(t.store, 'kindle', 'clippings-en.txt');
    const counts = await importFixture(t.store, 'readwise', 'readwise-export.csv');
    expect(counts).toMatchObject({ itemsCreated: 2, itemsMatched: 2 });
    const quiet = highlights(t.store).filter((h) => h.title.startsWith('The Quiet Close'));
    expect(quiet.filter((h) => h.origin === 'readwise')).toHaveLength(2);
  });

  it('merges a note added later into the highlight, without losing one written in the app', async () => {
    const first =
      'Highlight,Book Title,Book Author,Note,Location Type,Location,Highlighted at\r\n' +
      'Open with their week.,Cold Calls,Peter Lang,,location,10,2025-01-01 10:00:00+00:00\r\n';
    writeFileSync(join(t.dir, 'first.csv'), first);
    await importFixture(t.store, 'readwise', join(t.dir, 'first.csv'));
    t.store.sqlite.exec("UPDATE library_highlights SET note = 'from the app'");
    writeFileSync(join(t.dir, 'later.csv'), first.replace(',,location', ',Use on Mondays.,location'));
    expect(await importFixture(t.store, 'readwise', join(t.dir, 'later.csv'))).toMatchObject({
      highlights: 0,
      notes: 1,
      duplicatesSkipped: 1,
    });
    expect(highlights(t.store).map((h) => h.note)).toEqual(['from the app\n\nUse on Mondays.']);
    expect(await importFixture(t.store, 'readwise', join(t.dir, 'later.csv'))).toMatchObject({
      notes: 0,
      duplicatesSkipped: 2,
    });
  });

  it('refuses rows it cannot read and writes nothing', async () => {
    writeFileSync(
      join(t.dir, 'bad.csv'),
      'Highlight,Book Title,Book Author,Note,Location Type,Location,Highlighted at\n' +
        'Fine.,A Book,Ann Author,,location,10,2025-01-01 10:00:00\n' +
        ',A Book,Ann Author,,location,11,2025-01-01 10:00:00\n' +
        'Text.,,Ann Author,,location,twelve,yesterday\n',
    );
    const before = contentHash(t.store.sqlite);
    const error = (await importFixture(t.store, 'readwise', join(t.dir, 'bad.csv')).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.values).toEqual({ name: 'bad.csv', count: 2 });
    expect(error.issues!.map((i) => [i.path, i.message, i.values!.column])).toEqual([
      ['bad.csv:3', 'library.highlights.issues.required', 'Highlight'],
      ['bad.csv:4', 'library.highlights.issues.required', 'Book Title'],
      ['bad.csv:4', 'library.highlights.issues.wholeNumber', 'Location'],
      ['bad.csv:4', 'library.highlights.issues.readwiseTime', 'Highlighted at'],
    ]);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('refuses a file that is not a Readwise export', async () => {
    await expect(importFixture(t.store, 'readwise', 'goodreads-library.csv')).rejects.toMatchObject({
      message: 'library.highlights.errors.notReadwise',
      values: { name: 'goodreads-library.csv', missing: 'Highlight, Book Title' },
    });
  });
});
