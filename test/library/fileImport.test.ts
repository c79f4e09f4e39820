import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, type FileImportRequest } from '../../src-main/features/library/fileImport';
import { emptyItem, ReadFailure, type FileReader } from '../../src-main/features/library/readers/types';
import { libraryFolder } from '../../src-main/features/library/storage';
import { sweepLibrary } from '../../src-main/features/library/service';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';

/**
 * The file import around the readers: walking, limits, dedupe, the library folder, one result
 * per file. The reader here reads a tiny "key: value" text format (.book files written by the
 * test), so every case is a real file on disk going through the real pipeline and database;
 * the real readers have their own tests on files made by real tools.
 */
const bookReader: FileReader = {
  extensions: ['.book'],
  async read(path, _size, ctx) {
    const text = readFileSync(path, 'utf8');
    if (text.startsWith('BAD')) throw new ReadFailure('library.failures.unreadable', { detail: 'bad' });
    if (text.startsWith('SLOW')) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 10_000);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    }
    const fields = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const item = emptyItem('ebook', 'application/x-book');
    item.title = fields.title ?? null;
    item.people = fields.author ? [{ name: fields.author, role: 'author' }] : [];
    item.isbns = fields.isbn ? [fields.isbn] : [];
    item.pages = fields.pages ? Number(fields.pages) : null;
    if (fields.cover) item.cover = { mime: 'image/png', data: Buffer.from(fields.cover) };
    return item;
  },
};

let t: TestStore;
let src: string;
let folder: string;
const request = (paths: string[], more: Partial<FileImportRequest> = {}): FileImportRequest => ({
  paths,
  link: false,
  onDuplicate: 'report',
  folder,
  now: FIXED_NOW,
  readers: [bookReader],
  ...more,
});
const write = (name: string, text: string): string => {
  const path = join(src, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const stored = () => readdirSync(folder).filter((n) => n !== 'covers');

beforeEach(async () => {
  t = await freshStore();
  src = join(t.dir, 'incoming');
  folder = libraryFolder(t.file);
  mkdirSync(src);
});
afterEach(() => t.cleanup());

describe('library file import', () => {
  it('walks a folder, copies each file into the library folder by its content hash, and says one line per file', async () => {
    write('a.book', 'title: The Quiet Close\nauthor: Giulia Ferri\nisbn: 0-306-40615-2\npages: 212\ncover: PNGDATA');
    write('shelf/b.book', 'title: Questions That Sell\nauthor: Tom Baker');
    write('shelf/.hidden.book', 'title: Hidden');
    write('shelf/notes.xyz', 'not a book');
    const result = await importFiles(t.store, request([src]));
    expect(result.results.map((r) => [r.file.slice(src.length), r.status])).toEqual([
      ['/a.book', 'created'],
      ['/shelf/b.book', 'created'],
    ]);
    expect(result).toMatchObject({ created: 2, duplicates: 0, failed: 0, cancelled: false });
    const rows = await t.store.db.selectFrom('library_items').selectAll().orderBy('id').execute();
    expect(rows[0]).toMatchObject({
      title: 'The Quiet Close',
      isbn13: '9780306406157',
      isbn10: '0306406152',
      pages: 212,
      source: 'stored',
      status: 'want',
    });
    // The stored copy is byte for byte the file, named by its SHA-256.
    expect(stored()).toHaveLength(2);
    expect(readFileSync(join(folder, rows[0]!.file_name!), 'utf8')).toContain('The Quiet Close');
    expect(rows[0]!.file_name).toMatch(/^[0-9a-f]{64}\.book$/);
    expect(readFileSync(join(folder, 'covers', rows[0]!.cover_name!), 'utf8')).toBe('PNGDATA');
    const people = await t.store.db.selectFrom('library_people').selectAll().orderBy('item_id').execute();
    expect(people.map((p) => [p.item_id, p.name, p.role])).toEqual([
      [rows[0]!.id, 'Giulia Ferri', 'author'],
      [rows[1]!.id, 'Tom Baker', 'author'],
    ]);
  });

  it('finds duplicates by ISBN (ISBN-10 or -13), then by content, then by title and first author', async () => {
    write('one.book', 'title: Negotiating Calmly\nauthor: Ada Rossi\nisbn: 9780306406157');
    await importFiles(t.store, request([join(src, 'one.book')]));
    write('isbn.book', 'title: Another Title\nauthor: Someone Else\nisbn: 0306406152');
    write('copy.book', readFileSync(join(src, 'one.book'), 'utf8'));
    write('title.book', 'title: negotiating calmly: a field guide\nauthor: ROSSI, Ada');
    write('other.book', 'title: Negotiating Calmly\nauthor: Bruno Neri');
    const result = await importFiles(t.store, request([src]));
    const by = Object.fromEntries(result.results.map((r) => [r.file.split('/').at(-1), [r.status, r.match, r.id]]));
    expect(by['isbn.book']).toEqual(['duplicate', 'isbn', 1]);
    expect(by['one.book']).toEqual(['duplicate', 'isbn', 1]);
    expect(by['copy.book']).toEqual(['duplicate', 'isbn', 1]);
    expect(by['title.book']).toEqual(['duplicate', 'title_author', 1]);
    expect(by['other.book']![0]).toBe('created');
    expect(result.results.find((r) => r.status === 'duplicate')!.reason).toBe('library.import.duplicateOf.isbn');
    expect(await t.store.db.selectFrom('library_items').select('id').execute()).toHaveLength(2);
  });

  it('matches the same bytes under another name as the same file', async () => {
    write('x.book', 'title: Cold Calls\nauthor: Ugo Sala');
    await importFiles(t.store, request([join(src, 'x.book')]));
    // Same content, a title the reader cannot see differently: only the hash can tell.
    write('renamed/x-copy.book', 'title: Cold Calls\nauthor: Ugo Sala');
    const [r] = (await importFiles(t.store, request([join(src, 'renamed')]))).results;
    expect(r).toMatchObject({ status: 'duplicate', id: 1 });
    expect(['file', 'title_author']).toContain(r!.match);
  });

  it('keeps both, or replaces the existing item’s file and metadata while keeping what the seller wrote', async () => {
    const path = write('v1.book', 'title: Closing Time\nauthor: Ada Rossi\nisbn: 9780306406157\npages: 100');
    await importFiles(t.store, request([path]));
    await t.store.db.updateTable('library_items').set({ status: 'done', rating: 5, summary: 'Mine' }).execute();
    const oldName = (await t.store.db.selectFrom('library_items').select('file_name').executeTakeFirstOrThrow())
      .file_name!;
    const v2 = write(
      'v2.book',
      'title: Closing Time (2nd edition)\nauthor: Ada Rossi\nisbn: 9780306406157\npages: 140',
    );
    const used = await importFiles(t.store, request([v2], { onDuplicate: 'use_new' }));
    expect(used.results[0]).toMatchObject({ status: 'updated', id: 1 });
    const row = await t.store.db.selectFrom('library_items').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Closing Time (2nd edition)',
      pages: 140,
      status: 'done',
      rating: 5,
      summary: 'Mine',
    });
    // The first file went (no row names it); the new one is there.
    expect(stored()).toEqual([row.file_name]);
    expect(existsSync(join(folder, oldName))).toBe(false);

    const both = await importFiles(t.store, request([path], { onDuplicate: 'keep_both' }));
    expect(both.results[0]).toMatchObject({ status: 'created', id: 2 });
  });

  it('links files in place without copying, and flags a linked file that has gone missing', async () => {
    const path = write('linked.book', 'title: Linked Book');
    const result = await importFiles(t.store, request([path], { link: true }));
    expect(result.results[0]!.status).toBe('created');
    expect(existsSync(folder) ? stored() : []).toEqual([]);
    const { id } = result.results[0]!;
    expect((await t.handlers['library.get']({ id: id! })).source).toBe('linked');
    rmSync(path);
    expect(await t.handlers['library.checkLinks'](undefined)).toEqual({ missing: 1, found: 0 });
    expect((await t.handlers['library.get']({ id: id! })).fileMissing).toBe(true);
    writeFileSync(path, 'title: Linked Book');
    expect(await t.handlers['library.checkLinks'](undefined)).toEqual({ missing: 0, found: 1 });
    expect((await t.handlers['library.get']({ id: id! })).fileMissing).toBe(false);

    // One item's check looks at that item's file only.
    const other = write('other.book', 'title: Other Book');
    const second = (await importFiles(t.store, request([other], { link: true }))).results[0]!.id!;
    rmSync(path);
    rmSync(other);
    expect(await t.handlers['library.checkLinks']({ id: second })).toEqual({ missing: 1, found: 0 });
    expect((await t.handlers['library.get']({ id: second })).fileMissing).toBe(true);
    expect((await t.handlers['library.get']({ id: id! })).fileMissing).toBe(false);
  });

  it('gives a bad file, a missing path, an unknown type, a file too large and a reader that hangs a line each, and imports the rest', async () => {
    write('1-good.book', 'title: Good One');
    write('2-bad.book', 'BAD');
    write('3-slow.book', 'SLOW');
    write('4-big.book', `title: Big\n${'x'.repeat(5000)}`);
    write('5-good.book', 'title: Good Two');
    const odd = write('odd.xyz', 'x');
    const result = await importFiles(
      t.store,
      request([src, join(src, 'missing.book'), odd], {
        limits: {
          maxFileBytes: 4000,
          timeoutMs: 300,
          zip: { maxEntries: 1, maxInflatedBytes: 1, maxRatio: 1, maxEntryBytes: 1 },
        },
      }),
    );
    const lines = result.results.map((r) => [r.file.split('/').at(-1), r.status, r.reason]);
    expect(lines).toEqual([
      ['1-good.book', 'created', null],
      ['2-bad.book', 'error', 'library.failures.unreadable'],
      ['3-slow.book', 'error', 'library.failures.timeout'],
      ['4-big.book', 'error', 'library.failures.tooLarge'],
      ['5-good.book', 'created', null],
      ['missing.book', 'error', 'library.failures.notFound'],
      ['odd.xyz', 'error', 'library.failures.unsupported'],
    ]);
    expect(result).toMatchObject({ created: 2, failed: 5 });
    // Nothing of the failed files is left behind.
    expect(stored()).toHaveLength(2);
  });

  it('reports progress with counts, bytes and time left, and a cancel stops between files keeping what was imported', async () => {
    for (let i = 0; i < 6; i++) write(`f${i}.book`, `title: Book ${i}`);
    const controller = new AbortController();
    const seen: { done: number; total: number }[] = [];
    const result = await importFiles(
      t.store,
      request([src], {
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: (p) => {
          seen.push({ done: p.done, total: p.total });
          expect(p.totalBytes).toBeGreaterThan(0);
          if (p.done === 3) controller.abort();
        },
      }),
    );
    expect(result.cancelled).toBe(true);
    expect(result.created).toBe(3);
    expect(seen[0]).toEqual({ done: 0, total: 6 });
    expect(seen.at(-1)).toEqual({ done: 3, total: 6 });
    expect(await t.store.db.selectFrom('library_items').select('id').execute()).toHaveLength(3);
  });

  it('sweeps leftovers of an interrupted import, but only old ones and never a file a row names', async () => {
    const path = write('kept.book', 'title: Kept');
    await importFiles(t.store, request([path]));
    const [kept] = stored();
    mkdirSync(folder, { recursive: true });
    // A copy that died before its rename, and a file renamed but never committed: both old.
    const temp = join(folder, '.incoming-0123456789abcdef');
    const orphan = join(folder, `${'a'.repeat(64)}.book`);
    const fresh = join(folder, `${'b'.repeat(64)}.book`);
    for (const f of [temp, orphan, fresh]) writeFileSync(f, 'partial');
    const old = new Date(FIXED_NOW.getTime() - 2 * 3600_000);
    for (const f of [temp, orphan, join(folder, kept!)]) utimesSync(f, old, old);
    expect(await sweepLibrary(t.store.db, folder, FIXED_NOW)).toBe(2);
    expect(stored().sort()).toEqual([kept, `${'b'.repeat(64)}.book`].sort());
  });
});
