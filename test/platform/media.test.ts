import { readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/features/library/fileImport';
import { mediaFile } from '../../src-main/features/library';
import { coverUrl, mediaUrl } from '../../src-main/features/library/repository';
import { emptyItem, type FileReader } from '../../src-main/features/library/readers/types';
import { libraryFolder } from '../../src-main/features/library/storage';
import {
  createMediaHandler,
  mediaHeaders,
  parseMediaUrl,
  parseRange,
  rangeApplies,
  servedContentType,
  validatorsOf,
} from '../../src-main/platform/media';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';

describe('parseMediaUrl', () => {
  it.each([
    ['rapport-media://item/1', { target: 'item', id: 1 }],
    ['rapport-media://cover/42', { target: 'cover', id: 42 }],
    ['rapport-media://ITEM/7', { target: 'item', id: 7 }],
    ['rapport-media://item/9007199254740991', { target: 'item', id: 9007199254740991 }],
    // Query and fragment name nothing on disk; they are left aside, as a cache-buster would be.
    ['rapport-media://cover/3?v=2', { target: 'cover', id: 3 }],
  ])('%s names %j', (url, expected) => {
    expect(parseMediaUrl(url)).toEqual(expected);
  });

  it.each([
    'rapport-media://item/../../etc/passwd',
    'rapport-media://item/..%2F..%2Fetc%2Fpasswd',
    'rapport-media://item/1abc',
    'rapport-media://item/1/',
    'rapport-media://item/1/2',
    'rapport-media://item/01',
    'rapport-media://item/0',
    'rapport-media://item/-1',
    'rapport-media://item/1.5',
    'rapport-media://item/%31',
    'rapport-media://item/1e3',
    'rapport-media://item/9007199254740993',
    'rapport-media://item/99999999999999999999',
    'rapport-media://item/',
    'rapport-media://item',
    'rapport-media://file/1',
    'rapport-media://item.evil/1',
    'rapport-media://user@item/1',
    'rapport-media://item:80/1',
    'rapport://item/1',
    'file:///etc/passwd',
    'http://item/1',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(parseMediaUrl(url)).toBeNull();
  });

  it('reads the URLs the library API hands out', () => {
    expect(parseMediaUrl(mediaUrl(12))).toEqual({ target: 'item', id: 12 });
    expect(parseMediaUrl(coverUrl(12))).toEqual({ target: 'cover', id: 12 });
  });
});

describe('parseRange', () => {
  it.each([
    // [header, size, decision]
    [null, 100, { kind: 'whole' }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=10-', 100, { kind: 'partial', start: 10, end: 99 }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-1000', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=90-1000', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=99-99', 100, { kind: 'partial', start: 99, end: 99 }],
    ['BYTES=5-6', 100, { kind: 'partial', start: 5, end: 6 }],
    ['  bytes=5-6  ', 100, { kind: 'partial', start: 5, end: 6 }],
    ['bytes=5-6,', 100, { kind: 'partial', start: 5, end: 6 }],
    ['bytes=0-99999999999999999999999999', 100, { kind: 'partial', start: 0, end: 99 }],
    // Not satisfiable: 416.
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=100-200', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-0', 0, { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', 100, { kind: 'unsatisfiable' }],
    ['bytes=200-300, 400-500', 100, { kind: 'unsatisfiable' }],
    // Malformed or another unit: ignored, the whole file.
    ['bytes=9-0', 100, { kind: 'whole' }],
    ['bytes=', 100, { kind: 'whole' }],
    ['bytes=,', 100, { kind: 'whole' }],
    ['bytes=-', 100, { kind: 'whole' }],
    ['bytes=a-b', 100, { kind: 'whole' }],
    ['bytes=1-2-3', 100, { kind: 'whole' }],
    ['bytes=+1-2', 100, { kind: 'whole' }],
    ['bytes=1 - 2', 100, { kind: 'whole' }],
    ['bytes=0x10-', 100, { kind: 'whole' }],
    ['bytes 0-9', 100, { kind: 'whole' }],
    ['items=0-9', 100, { kind: 'whole' }],
    ['0-9', 100, { kind: 'whole' }],
    ['', 100, { kind: 'whole' }],
    ['bytes=0-9, x', 100, { kind: 'whole' }],
    // Several ranges: no multipart, the whole file when any can be served.
    ['bytes=0-9, 20-29', 100, { kind: 'whole' }],
    ['bytes=0-9, 200-', 100, { kind: 'whole' }],
    [`bytes=${Array.from({ length: 101 }, () => '200-').join(',')}`, 100, { kind: 'whole' }],
    // An empty file has no byte to name; a suffix of it is the (empty) whole file.
    ['bytes=-5', 0, { kind: 'whole' }],
  ])('%j of %i bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('any satisfiable single range lies inside the file and says its length', () => {
    const spec = fc.oneof(
      fc.tuple(fc.nat(5000), fc.option(fc.nat(5000), { nil: undefined })).map(([a, b]) => `${a}-${b ?? ''}`),
      fc.nat(5000).map((n) => `-${n}`),
    );
    fc.assert(
      fc.property(spec, fc.nat(4000), (range, size) => {
        const decision = parseRange(`bytes=${range}`, size);
        if (decision.kind !== 'partial') return;
        const length = decision.end - decision.start + 1;
        expect(decision.start).toBeGreaterThanOrEqual(0);
        expect(decision.start).toBeLessThanOrEqual(decision.end);
        expect(decision.end).toBeLessThan(size);
        expect(length).toBeGreaterThan(0);
        expect(length).toBeLessThanOrEqual(size);
      }),
    );
  });

  it('never throws on any header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.nat(), (header, size) => {
        const decision = parseRange(header, size);
        expect(['whole', 'partial', 'unsatisfiable']).toContain(decision.kind);
      }),
    );
  });
});

describe('rangeApplies (If-Range)', () => {
  const v = validatorsOf(1234, Date.UTC(2026, 5, 15, 9, 30, 12, 345));
  it('applies without If-Range, or with the current ETag or date', () => {
    expect(rangeApplies(null, v)).toBe(true);
    expect(rangeApplies(v.etag, v)).toBe(true);
    expect(rangeApplies(v.lastModified, v)).toBe(true);
    expect(v.lastModified).toBe('Mon, 15 Jun 2026 09:30:12 GMT');
  });
  it.each(['"other"', `W/${validatorsOf(1234, 0).etag}`, 'Mon, 15 Jun 2026 09:30:13 GMT', 'garbage'])(
    'not with %s: the whole file then',
    (ifRange) => {
      expect(rangeApplies(ifRange, v)).toBe(false);
    },
  );
});

describe('servedContentType', () => {
  it.each([
    ['audio/mpeg', 'audio/mpeg'],
    ['audio/mp4', 'audio/mp4'],
    ['video/x-matroska', 'video/x-matroska'],
    ['Video/MP4; codecs="avc1"', 'video/mp4'],
    ['image/png', 'image/png'],
    ['application/pdf', 'application/pdf'],
    ['application/epub+zip', 'application/epub+zip'],
    ['text/markdown', 'text/markdown; charset=utf-8'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['application/javascript', 'application/octet-stream'],
    ['audio/mpeg\r\nX-Evil: 1', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    [null, 'application/octet-stream'],
  ])('%j is served as %s', (mime, served) => {
    expect(servedContentType(mime)).toBe(served);
  });
});

// ---- the handler on real files and a real database ------------------------------------------

/** A reader for `.clip` test files: an audio item typed as Ogg, with a PNG cover when the file says so. */
const clipReader: FileReader = {
  extensions: ['.clip'],
  async read(path) {
    const item = emptyItem('audio', 'audio/ogg');
    item.title = path.split('/').at(-1)!;
    if (path.includes('covered')) item.cover = { mime: 'image/png', data: Buffer.from('PNG-COVER-BYTES') };
    return item;
  },
};

/** 1000 bytes where byte i is i % 251, so any slice can be checked. */
const CONTENT = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

let t: TestStore;
let handler: (request: Request) => Promise<Response>;
let stored: number;
let linked: number;
let linkedPath: string;

async function importOne(path: string, link: boolean): Promise<number> {
  const result = await importFiles(t.store, {
    paths: [path],
    link,
    onDuplicate: 'keep_both',
    folder: libraryFolder(t.file),
    now: FIXED_NOW,
    readers: [clipReader],
  });
  expect(result.results[0]).toMatchObject({ status: 'created' });
  return result.results[0]!.id!;
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  handler(new Request(url, { method, headers }));
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('the media handler', () => {
  beforeEach(async () => {
    t = await freshStore();
    handler = createMediaHandler({
      lookup: (target, id) => mediaFile(t.store.db, t.file, target, id),
      allowedOrigin: 'rapport://app',
    });
    const source = join(t.dir, 'covered-talk.clip');
    writeFileSync(source, CONTENT);
    stored = await importOne(source, false);
    linkedPath = join(t.dir, 'linked-talk.clip');
    writeFileSync(linkedPath, CONTENT.subarray(0, 500));
    linked = await importOne(linkedPath, true);
  });
  afterEach(() => t.cleanup());

  it('serves a stored file whole, with its type, length and the ranges it accepts', async () => {
    const response = await get(`rapport-media://item/${stored}`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'audio/ogg',
      'content-length': '1000',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'access-control-allow-origin': 'rapport://app',
      'cross-origin-resource-policy': 'cross-origin',
    });
    expect(response.headers.get('content-range')).toBeNull();
    expect(await bytesOf(response)).toEqual(CONTENT);
  });

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=990-', 990, 999],
    ['bytes=-25', 975, 999],
    ['bytes=500-100000', 500, 999],
    ['bytes=0-', 0, 999],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const response = await get(`rapport-media://item/${stored}`, { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(await bytesOf(response)).toEqual(CONTENT.subarray(start, end + 1));
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const response = await get(`rapport-media://item/${stored}`, { range: 'bytes=1000-' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
    expect(await bytesOf(response)).toHaveLength(0);
  });

  it('sends the whole file for a malformed or multiple range, and when If-Range is stale', async () => {
    for (const headers of [
      { range: 'bytes=5-1' } as Record<string, string>,
      { range: 'bytes=0-1,5-6' },
      { range: 'bytes=0-9', 'if-range': '"old"' },
    ]) {
      const response = await get(`rapport-media://item/${stored}`, headers);
      expect(response.status).toBe(200);
      expect(await bytesOf(response)).toEqual(CONTENT);
    }
    const fresh = await get(`rapport-media://item/${stored}`);
    const etag = fresh.headers.get('etag')!;
    await fresh.body?.cancel();
    const ranged = await get(`rapport-media://item/${stored}`, { range: 'bytes=0-9', 'if-range': etag });
    expect(ranged.status).toBe(206);
    expect(await bytesOf(ranged)).toEqual(CONTENT.subarray(0, 10));
  });

  it('answers HEAD with the headers and no body, ignoring Range as RFC 9110 says', async () => {
    const response = await get(`rapport-media://item/${stored}`, { range: 'bytes=0-9' }, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.body).toBeNull();
  });

  it('refuses other methods', async () => {
    const response = await get(`rapport-media://item/${stored}`, {}, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves a linked file where it lies, and 404 once it is gone, marking nothing', async () => {
    const response = await get(`rapport-media://item/${linked}`, { range: 'bytes=-10' });
    expect(response.status).toBe(206);
    expect(await bytesOf(response)).toEqual(CONTENT.subarray(490, 500));
    rmSync(linkedPath);
    expect((await get(`rapport-media://item/${linked}`)).status).toBe(404);
    const row = await t.store.db
      .selectFrom('library_items')
      .select('file_missing_at')
      .where('id', '=', linked)
      .executeTakeFirstOrThrow();
    expect(row.file_missing_at).toBeNull();
  });

  it('serves the cover from library/covers with its image type', async () => {
    const response = await get(`rapport-media://cover/${stored}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect((await bytesOf(response)).toString()).toBe('PNG-COVER-BYTES');
    // The linked item has no cover.
    expect((await get(`rapport-media://cover/${linked}`)).status).toBe(404);
  });

  it.each([
    'rapport-media://item/999',
    'rapport-media://item/../../etc/passwd',
    'rapport-media://item/1abc',
    'rapport-media://item/%2e%2e%2fetc%2fpasswd',
    'rapport-media://cover/0',
    'rapport-media://thumb/1',
  ])('answers 404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for an item with no file (a physical copy) and for a stored file removed behind its back', async () => {
    const physical = await t.store.db
      .insertInto('library_items')
      .values({
        kind: 'book',
        title: 'Paper',
        title_key: 'paper',
        created_at: FIXED_NOW.toISOString(),
        updated_at: FIXED_NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await get(`rapport-media://item/${physical.id}`)).status).toBe(404);
    const folder = libraryFolder(t.file);
    for (const name of readdirSync(folder)) if (name !== 'covers') rmSync(join(folder, name));
    expect((await get(`rapport-media://item/${stored}`)).status).toBe(404);
  });

  it('never serves a file named by a tampered row outside the library folder', async () => {
    await t.store.db
      .updateTable('library_items')
      .set({ file_name: '../rapport.sqlite' })
      .where('id', '=', stored)
      .execute();
    expect((await get(`rapport-media://item/${stored}`)).status).toBe(404);
    await t.store.db
      .updateTable('library_items')
      .set({ cover_name: '../../rapport.sqlite' })
      .where('id', '=', stored)
      .execute();
    expect((await get(`rapport-media://cover/${stored}`)).status).toBe(404);
  });

  it('streams: reads a chunk at a time as the consumer pulls, and closes the file when it stops', async () => {
    const big = join(t.dir, 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024); // sparse: 64 MiB that take no disk
    const reads: number[] = [];
    const chunked = createMediaHandler({
      lookup: async () => ({ path: big, mime: 'video/mp4' }),
      chunkSize: 64 * 1024,
    });
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const response = await chunked(new Request('rapport-media://item/1'));
    expect(response.headers.get('content-length')).toBe(String(64 * 1024 * 1024));
    const reader = response.body!.getReader();
    for (let i = 0; i < 3; i++) {
      const { value } = await reader.read();
      reads.push(value!.length);
    }
    expect(reads).toEqual([65536, 65536, 65536]);
    await reader.cancel();
    await expect.poll(openFiles).toBe(before);
  });

  it('says lookup failures are internal errors, and logs them', async () => {
    const logged: string[] = [];
    const failing = createMediaHandler({
      lookup: async () => {
        throw new Error('database closed');
      },
      log: (message) => logged.push(message),
    });
    expect((await failing(new Request('rapport-media://item/1'))).status).toBe(500);
    expect(logged).toEqual(['media: could not look up item 1']);
  });
});

describe('mediaHeaders', () => {
  it('is same-origin without CORS where the page shares the origin (the preview)', () => {
    const headers = mediaHeaders(null);
    expect(headers['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(headers).not.toHaveProperty('Access-Control-Allow-Origin');
  });
});
