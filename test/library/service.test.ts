import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/features/library/fileImport';
import { emptyItem, type FileReader } from '../../src-main/features/library/readers/types';
import { libraryFolder } from '../../src-main/features/library/storage';
import { AppError } from '../../src-main/kernel/errors';
import { api } from '../../src-main/shared/api';
import { caller, type Caller } from '../helpers/caller';
import { FIXED_NOW, freshStore, testHandlers, type TestStore } from '../helpers/store';

let t: TestStore;
let call: Caller;
beforeEach(async () => {
  t = await freshStore();
  call = caller(t);
});
afterEach(() => t.cleanup());

const book = (title: string, more: Record<string, unknown> = {}) =>
  call('library.create', { kind: 'book', title, ...more });

async function rejects(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('library items', () => {
  it('adds a copy on a shelf or a web article by hand, with people, ISBN kept as ISBN-13 and -10', async () => {
    const item = await book('La vendita consapevole', {
      people: [
        { name: 'Marta Longo', role: 'author' },
        { name: 'Piero Vitali', role: 'translator' },
      ],
      isbn: '0-306-40615-2',
      year: 2019,
      tags: ['negoziazione', 'negoziazione', 'ascolto'],
    });
    expect(item).toMatchObject({
      source: 'physical',
      isbn13: '9780306406157',
      isbn10: '0306406152',
      tags: ['negoziazione', 'ascolto'],
      people: [
        { name: 'Marta Longo', role: 'author' },
        { name: 'Piero Vitali', role: 'translator' },
      ],
      status: 'want',
    });
    const article = await call('library.create', {
      kind: 'article',
      title: 'Five questions before a demo',
      url: 'https://example.com/five-questions',
    });
    expect(article.source).toBe('url');
  });

  it('refuses a bad ISBN, an unsafe address or finishing before starting, naming the field, and writes nothing', async () => {
    const create = api['library.create'].input;
    // At the edge: the contract's schema.
    const unsafe = create.safeParse({ kind: 'article', title: 'X', url: 'javascript:alert(1)' });
    expect(unsafe.success).toBe(false);
    expect(unsafe.error!.issues[0]!.path).toEqual(['url']);
    expect(create.safeParse({ kind: 'book', title: 'X', isbn: '12-34' }).success).toBe(false);
    // In the service: the check digit, the order of the days.
    for (const [input, path] of [
      [{ isbn: '0306406153' }, 'isbn'],
      [{ startedOn: '2026-05-02', finishedOn: '2026-05-01' }, 'finishedOn'],
    ] as const) {
      const error = await rejects(call('library.create', { kind: 'book', title: 'X', ...input }));
      expect(error.code).toBe('invalid_input');
      expect(error.issues?.[0]?.path).toBe(path);
    }
    expect(await t.store.db.selectFrom('library_items').select('id').execute()).toEqual([]);
  });

  it('lists with filters, sorts and a text search that ignores accents and case', async () => {
    await book('Ascoltare il cliente', {
      people: [{ name: 'Anna Conti' }],
      tags: ['ascolto'],
      status: 'done',
      rating: 4,
      finishedOn: '2026-03-01',
      startedOn: '2026-02-01',
    });
    await book('Closing With Care', { people: [{ name: 'Bob Grey' }], tags: ['closing'] });
    await call('library.create', {
      kind: 'video',
      title: 'Città e clienti',
      people: [{ name: 'Anna Conti', role: 'speaker' }],
    });
    const all = await call('library.list', {});
    expect(all.total).toBe(3);
    expect((await call('library.list', { kind: 'video' })).items.map((i) => i.title)).toEqual(['Città e clienti']);
    expect((await call('library.list', { tag: 'ascolto' })).items.map((i) => i.title)).toEqual([
      'Ascoltare il cliente',
    ]);
    expect((await call('library.list', { author: 'anna conti' })).total).toBe(2);
    expect((await call('library.list', { status: 'done' })).items[0]!.rating).toBe(4);
    expect((await call('library.list', { sort: 'title' })).items.map((i) => i.title)).toEqual([
      'Ascoltare il cliente',
      'Città e clienti',
      'Closing With Care',
    ]);
    expect((await call('library.list', { text: 'citta' })).items.map((i) => i.title)).toEqual(['Città e clienti']);
    const facets = await call('library.facets');
    expect(facets.kinds).toMatchObject({ book: 2, video: 1, audio: 0 });
    expect(facets.authors[0]).toEqual({ name: 'Anna Conti', count: 2 });
  });

  it('edits tags and status of many items at once, and refuses an unknown id without changing any', async () => {
    const a = await book('A', { tags: ['old', 'keep'] });
    const b = await book('B', { tags: ['OLD'] });
    expect(
      await call('library.bulkEdit', {
        ids: [a.id, b.id],
        addTags: ['new'],
        removeTags: ['old'],
        status: 'in_progress',
      }),
    ).toEqual({ updated: 2 });
    expect((await call('library.get', { id: a.id })).tags).toEqual(['keep', 'new']);
    expect((await call('library.get', { id: b.id })).tags).toEqual(['new']);
    const error = await rejects(call('library.bulkEdit', { ids: [a.id, 999], addTags: ['x'] }));
    expect(error.code).toBe('not_found');
    expect((await call('library.get', { id: a.id })).tags).toEqual(['keep', 'new']);
  });

  it('records progress: starting sets the status, pages and minutes add up per day', async () => {
    const item = await book('Pages', { pages: 300 });
    const first = await call('library.progress', { id: item.id, on: '2026-06-14', page: 20, minutes: 25 });
    expect(first).toMatchObject({ status: 'in_progress', startedOn: '2026-06-14', progressPage: 20 });
    await call('library.progress', { id: item.id, on: '2026-06-15', page: 50, minutes: 30 });
    await call('library.progress', { id: item.id, on: '2026-06-15', page: 65, minutes: 10 });
    const sessions = await t.store.db.selectFrom('learning_sessions').selectAll().orderBy('on_date').execute();
    expect(sessions.map((s) => [s.on_date, s.minutes, s.pages])).toEqual([
      ['2026-06-14', 25, 0],
      ['2026-06-15', 40, 45],
    ]);
  });
});

describe('highlights, takeaways and action items', () => {
  it('turns a highlight into a takeaway that creates a technique whose source is the item and the highlight', async () => {
    const item = await book('The Patient Seller', { people: [{ name: 'Lena Park' }] });
    const highlight = await call('library.highlightSave', {
      itemId: item.id,
      text: 'Ask what happens if nothing changes.',
      locStart: 631,
      locEnd: 632,
    });
    const takeaway = await call('library.takeawaySave', {
      itemId: item.id,
      highlightId: highlight.id,
      text: 'Ask about the cost of doing nothing',
      technique: { create: { name: 'Cost of inaction', category: 'discovery' } },
    });
    expect(takeaway.technique?.name).toBe('Cost of inaction');
    const technique = await t.store.db
      .selectFrom('techniques')
      .selectAll()
      .where('id', '=', takeaway.technique!.id)
      .executeTakeFirstOrThrow();
    expect(technique).toMatchObject({
      source: 'The Patient Seller',
      source_item_id: item.id,
      source_highlight_id: highlight.id,
    });
    const whole = await call('library.get', { id: item.id });
    expect(whole.techniques.map((x) => x.name)).toEqual(['Cost of inaction']);
    expect(whole.takeawayList).toHaveLength(1);
    expect(whole.highlightList[0]).toMatchObject({ locStart: 631, locEnd: 632, origin: 'manual' });
  });

  it('a takeaway with a technique name already taken fails whole: no takeaway, no technique', async () => {
    await call('techniques.create', { name: 'Mirroring' });
    const item = await book('Listening');
    await rejects(
      call('library.takeawaySave', {
        itemId: item.id,
        text: 'Mirror',
        technique: { create: { name: 'mirroring' } },
      }),
    );
    expect(await t.store.db.selectFrom('library_takeaways').select('id').execute()).toEqual([]);
    expect(await t.store.db.selectFrom('techniques').select('id').execute()).toHaveLength(1);
  });

  it('moves takeaways to the survivor when their technique is merged', async () => {
    const item = await book('Merge me');
    const a = await call('techniques.create', { name: 'Label it' });
    const b = await call('techniques.create', { name: 'Labelling' });
    await call('library.takeawaySave', { itemId: item.id, text: 'Name the feeling', technique: { id: a.id } });
    await call('techniques.merge', { from: a.id, into: b.id });
    const [takeaway] = (await call('library.get', { id: item.id })).takeawayList;
    expect(takeaway!.technique?.id).toBe(b.id);
  });

  it('refuses a highlight of another item and an unknown goal', async () => {
    const one = await book('One');
    const two = await book('Two');
    const h = await call('library.highlightSave', { itemId: one.id, text: 'x' });
    await rejects(call('library.takeawaySave', { itemId: two.id, highlightId: h.id, text: 'y' }));
    await rejects(call('library.takeawaySave', { itemId: two.id, text: 'y', goalId: 77 }));
    expect(await t.store.db.selectFrom('library_takeaways').select('id').execute()).toEqual([]);
  });
});

describe('deleting', () => {
  it('removes the item with its highlights, and its stored file once no other item names it', async () => {
    const dir = join(t.dir, 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.book'), 'same bytes');
    const reader: FileReader = {
      extensions: ['.book'],
      read: async () => ({ ...emptyItem('ebook', 'application/x-book'), title: 'Twice' }),
    };
    const folder = libraryFolder(t.file);
    const run = (onDuplicate: 'keep_both' | 'report') =>
      importFiles(t.store, { paths: [dir], link: false, onDuplicate, folder, now: FIXED_NOW, readers: [reader] });
    const first = (await run('report')).results[0]!.id!;
    const second = (await run('keep_both')).results[0]!.id!;
    await call('library.highlightSave', { itemId: first, text: 'kept?' });
    const files = () => readdirSync(folder).filter((n) => n !== 'covers');
    expect(files()).toHaveLength(1);
    await call('library.delete', { id: first });
    expect(files()).toHaveLength(1);
    expect(await t.store.db.selectFrom('library_highlights').select('id').execute()).toEqual([]);
    await call('library.delete', { id: second });
    expect(files()).toEqual([]);
    expect(existsSync(folder)).toBe(true);
  });
});

describe('opening a file in the system viewer', () => {
  it('never opens a file of a type the library does not read (a linked file swapped for a program), nor an item without one', async () => {
    const opened: string[] = [];
    const handlers = testHandlers(t.store, { openFile: async (path) => void opened.push(path) });
    const dir = join(t.dir, 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'setup.exe'), 'MZ');
    const reader: FileReader = {
      extensions: ['.exe'],
      read: async () => ({ ...emptyItem('ebook', 'application/epub+zip'), title: 'Not a book' }),
    };
    const { id } = (
      await importFiles(t.store, {
        paths: [join(dir, 'setup.exe')],
        link: true,
        onDuplicate: 'report',
        folder: libraryFolder(t.file),
        now: FIXED_NOW,
        readers: [reader],
      })
    ).results[0]!;
    expect((await rejects(handlers['library.open']({ id: id! }))).message).toBe('library.errors.notOpenable');
    const physical = await call('library.create', { kind: 'book', title: 'Paper' });
    expect((await rejects(handlers['library.open']({ id: physical.id }))).message).toBe('library.errors.noFile');
    expect(opened).toEqual([]);
    // Without a viewer (the CLI, the preview) nothing opens.
    expect((await rejects(t.handlers['library.open']({ id: physical.id }))).code).toBe('forbidden');
  });
});
