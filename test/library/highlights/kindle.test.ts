import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseKindleDate,
  parseMetaLine,
  rangeEnd,
  settleBook,
  splitTitleLine,
  textsOverlap,
  type Clip,
} from '../../../src-main/features/library/highlights/kindle';
import { AppError } from '../../../src-main/kernel/errors';
import { contentHash } from '../../imports/helpers';
import { importHighlights } from '../../../src-main/features/library/highlights/service';
import { FIXED_NOW, storeForEachTest } from '../../helpers/store';
import { fixture, highlights, importFixture, items } from './helpers';

describe('the title line', () => {
  it('takes the author from the last parentheses, even when the title has its own', () => {
    expect(splitTitleLine('Negotiating (Again) (Second Edition) (Anna Bianchi)')).toEqual({
      title: 'Negotiating (Again) (Second Edition)',
      authors: ['Anna Bianchi'],
    });
    expect(splitTitleLine('A Study (of Sorts) (Marco Rossi (Editor))')).toEqual({
      title: 'A Study (of Sorts)',
      authors: ['Marco Rossi (Editor)'],
    });
  });

  it('turns "Last, First" into "First Last" and splits several authors', () => {
    expect(splitTitleLine('\uFEFFThe Quiet Close (Rossi, Marco)').authors).toEqual(['Marco Rossi']);
    expect(splitTitleLine('Field Notes (Laura Greene; Tom Hale)').authors).toEqual(['Laura Greene', 'Tom Hale']);
    expect(splitTitleLine('Two (De Luca, Marco & Bianchi, Anna)').authors).toEqual(['Marco De Luca', 'Anna Bianchi']);
    // Not a "Last, First" pair: kept as written.
    expect(splitTitleLine('Dreams (King, Martin Luther, Jr.)').authors).toEqual(['King, Martin Luther, Jr.']);
    expect(splitTitleLine('Handbook (Acme, Inc.)').authors).toEqual(['Acme, Inc.']);
  });

  it('has no author when the line does not end in parentheses', () => {
    expect(splitTitleLine('notes-from-the-fair.pdf')).toEqual({ title: 'notes-from-the-fair.pdf', authors: [] });
    expect(splitTitleLine('(Only Parentheses)')).toEqual({ title: '(Only Parentheses)', authors: [] });
    expect(splitTitleLine('Unbalanced) (Title')).toEqual({ title: 'Unbalanced) (Title', authors: [] });
  });
});

describe('the metadata line', () => {
  it('reads the English lines, in both date orders and the older "Loc." form', () => {
    expect(
      parseMetaLine('- Your Highlight on page 12 | Location 631-632 | Added on Monday, 3 March 2025 10:15:02'),
    ).toEqual({ ok: true, kind: 'highlight', page: 12, locStart: 631, locEnd: 632, addedAt: '2025-03-03T10:15:02' });
    expect(parseMetaLine('- Your Highlight on Location 631-632 | Added on Monday, March 3, 2025 10:15:02 PM')).toEqual({
      ok: true,
      kind: 'highlight',
      page: null,
      locStart: 631,
      locEnd: 632,
      addedAt: '2025-03-03T22:15:02',
    });
    expect(parseMetaLine('- Your Note on Location 632 | Added on Monday, March 3, 2025 12:01:00 AM')).toMatchObject({
      kind: 'note',
      locStart: 632,
      locEnd: 632,
      addedAt: '2025-03-03T00:01:00',
    });
    expect(parseMetaLine('- Your Bookmark on Location 700 | Added on Tuesday, 4 March 2025 08:02:11')).toMatchObject({
      kind: 'bookmark',
      locStart: 700,
    });
    expect(parseMetaLine('- Highlight Loc. 631-32 | Added on Monday, March 3, 2025, 10:15 AM')).toEqual({
      ok: true,
      kind: 'highlight',
      page: null,
      locStart: 631,
      locEnd: 632,
      addedAt: '2025-03-03T10:15:00',
    });
    expect(parseMetaLine('- Highlight on Page 12 | Loc. 174-75 | Added on Thursday, March 22, 2012, 12:05 PM')).toEqual(
      {
        ok: true,
        kind: 'highlight',
        page: 12,
        locStart: 174,
        locEnd: 175,
        addedAt: '2012-03-22T12:05:00',
      },
    );
    expect(parseMetaLine('- Your Highlight on page 12 | Added on Monday, 3 March 2025 10:15:02')).toMatchObject({
      page: 12,
      locStart: null,
    });
  });

  it('reads the Italian lines', () => {
    expect(
      parseMetaLine('- La tua evidenziazione alla posizione 631-632 | Aggiunto in data lunedì 3 marzo 2025 10:15:02'),
    ).toEqual({ ok: true, kind: 'highlight', page: null, locStart: 631, locEnd: 632, addedAt: '2025-03-03T10:15:02' });
    expect(
      parseMetaLine('- La tua nota alla posizione 632 | Aggiunto in data lunedì 3 marzo 2025 10:16:00'),
    ).toMatchObject({ kind: 'note', locStart: 632 });
    expect(
      parseMetaLine('- Il tuo segnalibro a pagina 12 | posizione 700 | Aggiunto in data martedì 4 marzo 2025 21:05:09'),
    ).toEqual({ ok: true, kind: 'bookmark', page: 12, locStart: 700, locEnd: 700, addedAt: '2025-03-04T21:05:09' });
    expect(
      parseMetaLine(
        '- La tua evidenziazione a pagina 14 | posizione 745-48 | Aggiunto in data mercoledì 5 marzo 2025 07:30:00',
      ),
    ).toMatchObject({ page: 14, locStart: 745, locEnd: 748 });
  });

  it('reads the same words in German, French and Spanish', () => {
    expect(
      parseMetaLine('- Ihre Markierung bei Position 631-632 | Hinzugefügt am Montag, 3. März 2025 10:15:02'),
    ).toEqual({ ok: true, kind: 'highlight', page: null, locStart: 631, locEnd: 632, addedAt: '2025-03-03T10:15:02' });
    expect(
      parseMetaLine('- Votre note sur la page 12 | emplacement 632 | Ajouté le lundi 3 mars 2025 10:15:02'),
    ).toMatchObject({ kind: 'note', page: 12, locStart: 632, addedAt: '2025-03-03T10:15:02' });
    expect(
      parseMetaLine('- Tu marcador en la página 12 | posición 700 | Añadido el lunes, 3 de marzo de 2025 10:15:02'),
    ).toMatchObject({ kind: 'bookmark', page: 12, locStart: 700, addedAt: '2025-03-03T10:15:02' });
  });

  it('says what is wrong with a line it cannot read', () => {
    expect(parseMetaLine('Some words that are not a Kindle line')).toEqual({
      ok: false,
      problem: 'kindleMeta',
      got: 'Some words that are not a Kindle line',
    });
    expect(parseMetaLine('- Your Highlight on Location 1-2 | Added on Monday, 31 February 2025 10:15:02')).toEqual({
      ok: false,
      problem: 'kindleDate',
      got: 'Added on Monday, 31 February 2025 10:15:02',
    });
    expect(parseMetaLine('- Your Highlight on Location 1-2')).toMatchObject({ ok: false, problem: 'kindleDate' });
  });
});

describe('Kindle dates', () => {
  it('reads days, months by name and 12- or 24-hour times, with no zone', () => {
    expect(parseKindleDate('Saturday, 29 February 2020 23:59:59')).toBe('2020-02-29T23:59:59');
    expect(parseKindleDate('Sunday, December 31, 2023 12:00:00 PM')).toBe('2023-12-31T12:00:00');
    expect(parseKindleDate('Sunday, December 31, 2023 12:30:00 AM')).toBe('2023-12-31T00:30:00');
    expect(parseKindleDate('domenica 1 settembre 2024 9:05:00')).toBe('2024-09-01T09:05:00');
    expect(parseKindleDate('Friday, Sept 6, 2024')).toBe('2024-09-06T00:00:00');
  });

  it('refuses what is not a real day or time', () => {
    for (const text of [
      'Friday, 29 February 2019 10:00:00',
      'Monday, 3 Smarch 2025 10:00:00',
      'Monday, 3 March 10:00:00',
      'Monday, 3 March 2025 24:00:00',
      'Monday, March 3, 2025 13:00:00 PM',
      'Monday, 3 March 2025 10.15.02',
      '',
    ])
      expect(parseKindleDate(text), text).toBeNull();
  });
});

describe('location ranges', () => {
  it('completes an end written short', () => {
    expect(rangeEnd(631, '32')).toBe(632);
    expect(rangeEnd(631, '632')).toBe(632);
    expect(rangeEnd(699, '02')).toBe(702);
    expect(rangeEnd(1998, '3')).toBe(2003);
    expect(rangeEnd(745, '48')).toBe(748);
  });
});

const entry = (over: Partial<Clip> & { order: number }): Clip => ({
  kind: 'highlight',
  page: null,
  locStart: 10,
  locEnd: 12,
  addedAt: '2025-01-01T10:00:00',
  text: 'A sentence long enough to be recognised as the same highlight.',
  ...over,
});

describe('settling a book', () => {
  it('keeps the newest version of an edited highlight, by date before file order', () => {
    const older = entry({ order: 5, addedAt: '2025-01-01T10:00:00' });
    const newer = entry({ order: 1, addedAt: '2025-01-01T10:05:00', locEnd: 13, text: `${older.text} And more.` });
    expect(settleBook([older, newer]).highlights.map((h) => h.text)).toEqual([newer.text]);
    const sameTime = entry({ order: 9, text: `${older.text} Later in the file.` });
    expect(settleBook([sameTime, older]).highlights.map((h) => h.text)).toEqual([sameTime.text]);
  });

  it('keeps neighbouring highlights that only share a location', () => {
    const a = entry({
      order: 0,
      locStart: 210,
      locEnd: 212,
      text: 'Trade, never give: every concession buys something.',
    });
    const b = entry({
      order: 1,
      locStart: 212,
      locEnd: 214,
      text: 'Write the walk-away number down before the meeting.',
    });
    expect(settleBook([a, b]).highlights).toHaveLength(2);
  });

  it('gives a note to the highlight that holds its location, else keeps it on its own', () => {
    const h = entry({ order: 0, locStart: 631, locEnd: 633 });
    const inside = entry({ order: 1, kind: 'note', locStart: 632, locEnd: 632, text: 'mine' });
    const outside = entry({ order: 2, kind: 'note', locStart: 900, locEnd: 900, text: 'loose' });
    const settled = settleBook([outside, inside, h]);
    expect(settled.highlights[0]!.notes).toEqual(['mine']);
    expect(settled.notes.map((n) => n.text)).toEqual(['loose']);
  });

  it('keeps one of the same placeless highlight clipped twice (found by fuzzing: it was written twice and failed)', () => {
    const first = entry({ order: 0, locStart: null, locEnd: null, page: null, text: 'Try this on the Verdi call.' });
    const again = { ...first, order: 1, addedAt: '2025-01-01T10:05:00' };
    const other = { ...first, order: 2, text: 'Another thought.' };
    const kept = settleBook([first, again, other]).highlights.map((h) => [h.text, h.order]);
    expect(kept.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['Try this on the Verdi call.', 1],
      ['Another thought.', 2],
    ]);
  });

  it('tells an edited selection from a different one by the words', () => {
    expect(textsOverlap('Silence after the price is a gap', 'Silence after the price is a gap, let it run')).toBe(true);
    expect(
      textsOverlap(
        'the buyer thinking out loud while you wait patiently',
        'Silence after the price: the buyer thinking out loud while you wait',
      ),
    ).toBe(true);
    expect(textsOverlap('Open with their week.', 'Close with a date.')).toBe(false);
  });
});

describe('importing My Clippings.txt', () => {
  const t = storeForEachTest();

  it('imports the English file: edits settled, notes attached, bookmarks kept, dates as written', async () => {
    const counts = await importFixture(t.store, 'kindle', 'clippings-en.txt');
    expect(counts).toEqual({
      itemsCreated: 4,
      itemsMatched: 0,
      highlights: 6,
      notes: 3,
      bookmarks: 2,
      duplicatesSkipped: 0,
    });

    const books = items(t.store).map((i) => [i.kind, i.source, i.status, i.title, i.authors]);
    expect(books).toEqual(
      expect.arrayContaining([
        ['ebook', 'physical', 'in_progress', 'The Quiet Close: Selling Without Pushing', 'Marco Rossi'],
        ['ebook', 'physical', 'in_progress', 'Negotiating (Again) (Second Edition)', 'Anna Bianchi'],
        [
          'ebook',
          'physical',
          'in_progress',
          'Field Notes on Follow-Up (Closing Series Book 2)',
          'Laura Greene; Tom Hale',
        ],
        ['ebook', 'physical', 'in_progress', 'Cold Calls, Warm Hearts', 'Peter Lang'],
      ]),
    );
    expect(books).toHaveLength(4);

    const rows = highlights(t.store);
    const quiet = rows.filter((r) => r.title.startsWith('The Quiet Close'));
    expect(quiet.map((r) => [r.kind, r.loc_start, r.loc_end, r.page, r.text, r.note, r.highlighted_at])).toEqual([
      [
        'highlight',
        631,
        633,
        12,
        'Silence after the price is not a gap to fill; it is the buyer thinking out loud, so let it run.',
        'Try this on the Verdi renewal call.',
        '2025-03-03T10:18:05',
      ],
      [
        'highlight',
        1520,
        1524,
        null,
        'Ask what changed since the last time they bought, then stop talking.',
        null,
        '2025-03-04T08:05:30',
      ],
      [
        'note',
        2000,
        2000,
        null,
        'Chapter 9 is the one to reread before quarterly reviews.',
        null,
        '2025-03-08T18:30:00',
      ],
      ['bookmark', 1510, 1510, 30, '', null, '2025-03-04T08:02:11'],
    ]);
    const negotiating = rows.filter((r) => r.title.startsWith('Negotiating'));
    expect(negotiating.map((r) => [r.loc_start, r.loc_end, r.highlighted_at])).toEqual([
      [210, 212, '2025-03-05T00:41:07'],
      [212, 214, '2025-03-05T21:43:00'],
    ]);
    const cold = rows.filter((r) => r.title === 'Cold Calls, Warm Hearts');
    expect(cold.map((r) => [r.kind, r.loc_start, r.loc_end, r.text, r.note])).toEqual([
      ['highlight', 631, 632, 'Open with their week, not your product.', 'Good opener for Monday calls.'],
      ['bookmark', 700, 700, '', null],
    ]);
    const followUp = rows.find((r) => r.title.startsWith('Field Notes'))!;
    expect(followUp.text).toBe('A follow-up without a reason is a reminder.\nA follow-up with a reason is a service.');
    expect(rows.every((r) => r.origin === 'kindle')).toBe(true);
  });

  it('imports the Italian file', async () => {
    const counts = await importFixture(t.store, 'kindle', 'clippings-it.txt');
    expect(counts).toEqual({
      itemsCreated: 2,
      itemsMatched: 0,
      highlights: 3,
      notes: 1,
      bookmarks: 1,
      duplicatesSkipped: 0,
    });
    const rows = highlights(t.store).filter((r) => r.title === 'Il metodo della domanda giusta');
    expect(rows.map((r) => [r.kind, r.loc_start, r.loc_end, r.page, r.note, r.highlighted_at])).toEqual([
      ['highlight', 630, 632, null, 'Da provare con i clienti del Nord-Est.', '2025-03-03T10:20:45'],
      ['highlight', 745, 748, 14, null, '2025-03-05T07:30:00'],
      ['bookmark', 700, 700, 12, null, '2025-03-04T21:05:09'],
    ]);
    expect(rows[0]!.text).toBe(
      'Prima ascolta. Una buona domanda apre la conversazione; una domanda giusta la porta dove serve.',
    );
    expect(items(t.store).find((i) => i.title === 'Il metodo della domanda giusta')!.authors).toBe('Giulia Esposito');
  });

  it('adds nothing when the same file is imported again', async () => {
    await importFixture(t.store, 'kindle', 'clippings-en.txt');
    const before = contentHash(t.store.sqlite);
    const again = await importFixture(t.store, 'kindle', 'clippings-en.txt');
    expect(again).toEqual({
      itemsCreated: 0,
      itemsMatched: 4,
      highlights: 0,
      notes: 0,
      bookmarks: 0,
      duplicatesSkipped: 11,
    });
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('matches the books of another device language, and knows a highlight it already has', async () => {
    await importFixture(t.store, 'kindle', 'clippings-en.txt');
    const counts = await importFixture(t.store, 'kindle', 'clippings-it.txt');
    expect(counts).toEqual({
      itemsCreated: 1,
      itemsMatched: 1,
      highlights: 2,
      notes: 1,
      bookmarks: 1,
      duplicatesSkipped: 1,
    });
    expect(items(t.store)).toHaveLength(5);
  });

  it('takes an edit made since the last import in place of the older version', async () => {
    const dir = t.dir;
    const head = (date: string, loc: string): string =>
      `The Quiet Close (Rossi, Marco)\r\n- Your Highlight on Location ${loc} | Added on ${date}\r\n\r\n`;
    const first = `${head('Monday, 3 March 2025 10:15:02', '631-632')}Silence after the price is the buyer thinking.\r\n==========\r\n`;
    const edited = `${head('Monday, 3 March 2025 11:00:00', '631-633')}Silence after the price is the buyer thinking out loud.\r\n==========\r\n`;
    writeFileSync(join(dir, 'first.txt'), first);
    writeFileSync(join(dir, 'later.txt'), first + edited);
    await importFixture(t.store, 'kindle', join(dir, 'first.txt'));
    const [before] = highlights(t.store);
    t.store.sqlite.prepare("UPDATE library_highlights SET note = 'my own words' WHERE id = ?").run(before!.id);

    expect(await importFixture(t.store, 'kindle', join(dir, 'later.txt'))).toMatchObject({
      highlights: 1,
      duplicatesSkipped: 0,
    });
    const after = highlights(t.store);
    expect(after).toHaveLength(1);
    // The same row (a takeaway made from it keeps its highlight), the newer words, the seller's note kept.
    expect(after[0]).toMatchObject({
      id: before!.id,
      loc_end: 633,
      text: 'Silence after the price is the buyer thinking out loud.',
      note: 'my own words',
      highlighted_at: '2025-03-03T11:00:00',
    });
    // An older file brings nothing back.
    expect(await importFixture(t.store, 'kindle', join(dir, 'first.txt'))).toMatchObject({
      highlights: 0,
      duplicatesSkipped: 1,
    });
    expect(highlights(t.store)[0]!.text).toBe('Silence after the price is the buyer thinking out loud.');
  });

  it('refuses a file with unreadable entries, names their lines, and writes nothing', async () => {
    const before = contentHash(t.store.sqlite);
    const error = await importFixture(t.store, 'kindle', 'clippings-bad.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.message).toBe('library.highlights.errors.unreadable');
    expect(e.values).toEqual({ name: 'clippings-bad.txt', count: 2 });
    expect(e.issues).toEqual([
      {
        path: 'clippings-bad.txt:7',
        message: 'library.highlights.issues.kindleMeta',
        values: { column: 'meta', got: 'Some words that are not a Kindle metadata line', line: 7 },
      },
      {
        path: 'clippings-bad.txt:12',
        message: 'library.highlights.issues.kindleDate',
        values: { column: 'meta', got: 'Added on Monday, 31 February 2025 10:15:02', line: 12 },
      },
    ]);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('writes nothing when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      importHighlights(t.store, { source: 'kindle', path: fixture('clippings-en.txt') }, FIXED_NOW, controller.signal),
    ).rejects.toThrow('cancelled');
    expect(items(t.store)).toHaveLength(0);
  });

  it('refuses a file that is not a clippings file, and an empty one', async () => {
    await expect(importFixture(t.store, 'kindle', 'goodreads-library.csv')).rejects.toMatchObject({
      message: 'library.highlights.errors.notKindle',
      values: { name: 'goodreads-library.csv' },
    });
    writeFileSync(join(t.dir, 'empty.txt'), '');
    await expect(importFixture(t.store, 'kindle', join(t.dir, 'empty.txt'))).rejects.toThrow('empty.txt is empty');
    writeFileSync(join(t.dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]));
    await expect(importFixture(t.store, 'kindle', join(t.dir, 'binary.txt'))).rejects.toThrow('not a text file');
    expect(items(t.store)).toHaveLength(0);
  });

  it('reads LF and CR line ends and a file without its last separator alike', async () => {
    const crlf = readFileSync(fixture('clippings-en.txt'), 'utf8');
    const lf = crlf.replace(/\r\n/g, '\n').replace(/^\uFEFF/, '');
    writeFileSync(join(t.dir, 'lf.txt'), lf.replace(/==========\n$/, ''));
    writeFileSync(join(t.dir, 'cr.txt'), crlf.replace(/\r\n/g, '\r'));
    expect(await importFixture(t.store, 'kindle', join(t.dir, 'lf.txt'))).toMatchObject({ highlights: 6, notes: 3 });
    const snapshot = highlights(t.store).map(({ id: _id, ...rest }) => rest);
    t.store.sqlite.exec('DELETE FROM library_items');
    expect(await importFixture(t.store, 'kindle', join(t.dir, 'cr.txt'))).toMatchObject({ highlights: 6, notes: 3 });
    expect(highlights(t.store).map(({ id: _id, item_id: _item, ...rest }) => rest)).toEqual(
      snapshot.map(({ item_id: _item, ...rest }) => rest),
    );
  });
});

describe('a clipping saved twice with no place', () => {
  const t = storeForEachTest();

  it('is imported once, not refused with a raw SQLite error', async () => {
    const file = fixture('../hostile/found-kindle-placeless-twice.txt');
    expect(await importFixture(t.store, 'kindle', file)).toMatchObject({ itemsCreated: 1, highlights: 1 });
    expect(highlights(t.store).map((h) => h.text)).toEqual(['Try this on the Verdi renewal call.']);
  });
});

describe('the Kindle reader, on any input', () => {
  const t = storeForEachTest();
  const entries = readFileSync(fixture('clippings-en.txt'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('==========\r\n')
    .filter((e) => e.trim() !== '');

  it('gives the same library whatever the order of the entries', async () => {
    const settled = async (order: readonly string[], name: string): Promise<unknown> => {
      t.store.sqlite.exec('DELETE FROM library_items');
      const path = join(t.dir, name);
      writeFileSync(path, order.map((e) => `${e}==========\r\n`).join(''));
      const counts = await importFixture(t.store, 'kindle', path);
      const rows = highlights(t.store).map(({ id: _id, item_id: _item, ...rest }) => rest);
      return { counts, rows };
    };
    const expected = await settled(entries, 'in-order.txt');
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(entries, { minLength: entries.length }), async (order) => {
        expect(await settled(order, 'shuffled.txt')).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('never crashes on random text: it imports or refuses with a message key', async () => {
    const piece = fc.oneof(
      fc.constantFrom(...entries),
      fc.constantFrom(
        '==========\r\n',
        '==========\n',
        '\r\n',
        '\n',
        '\r',
        '\uFEFF',
        '- Your Note on Location ',
        '(',
        ')',
        '|',
      ),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const path = join(t.dir, 'random.txt');
        writeFileSync(path, pieces.join(''));
        try {
          const counts = await importFixture(t.store, 'kindle', path);
          expect(Object.values(counts).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
