import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryFolder } from '../../src-main/features/library/storage';
import { previewDropPaths, previewMediaUrl, rewriteMediaUrls } from '../../src-main/preview/library';
import type { Bridge, Envelope } from '../../src-main/shared/api';
import { launchChromium } from '../../scripts/chromium.mjs';
import { postToBridge, rawRequest, startFixture, type PreviewFixture } from './support';

/**
 * The library's edges in the browser preview: media served by the desktop app's own handler
 * under the preview's origin (URLs in replies rewritten to it), and files dropped on the page
 * standing for those in the preview's library folder. The Chromium part makes a real, trusted
 * drop through the DevTools protocol (Input.dispatchDragEvent), so the real preload's
 * isTrusted check is what lets it through; an event a script dispatches is not.
 */

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone: a real file Chromium plays, made here. */
function wav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

interface PageGlobals {
  rapport?: Bridge;
  document: {
    createElement(tag: 'audio'): AudioLike;
    body: { append(node: unknown): void; dispatchEvent(event: unknown): boolean };
  };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: string[], name: string) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean }) => unknown;
  dropped?: unknown[];
}
interface AudioLike {
  src: string;
  preload: string;
  currentTime: number;
  duration: number;
  readyState: number;
  seekable: { length: number; end(i: number): number };
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void;
  append?: never;
}

let fx: PreviewFixture;
let browser: Browser;
let itemId: number;
let shelf: string;
const AUDIO = wav(6);

beforeAll(async () => {
  fx = await startFixture();
  browser = await launchChromium();
  // An audio item stored in the library folder, as the file import leaves one (written beside
  // the preview's own connection: WAL allows it).
  const folder = libraryFolder(fx.dbPath);
  mkdirSync(join(folder, 'covers'), { recursive: true });
  writeFileSync(join(folder, 'tone.wav'), AUDIO);
  writeFileSync(join(folder, 'covers', 'tone.png'), 'PNG');
  const db = new Database(fx.dbPath);
  try {
    const at = '2026-06-15T09:30:00.000Z';
    itemId = Number(
      db
        .prepare(
          `INSERT INTO library_items (kind, title, title_key, source, file_name, file_hash, file_size, file_mime,
             cover_name, created_at, updated_at)
           VALUES ('audio', 'A tone', 'a tone', 'stored', 'tone.wav', 'hash', ?, 'audio/wav', 'tone.png', ?, ?)`,
        )
        .run(AUDIO.length, at, at).lastInsertRowid,
    );
  } finally {
    db.close();
  }
  shelf = join(fx.dir, 'data', 'nested', 'preview-files', 'library');
  mkdirSync(join(shelf, 'Talks'), { recursive: true });
  writeFileSync(join(shelf, 'Talks', 'one.txt'), 'x');
  writeFileSync(join(shelf, 'notes.md'), '# Notes');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await fx?.cleanup();
});

describe('rewriting media URLs for the preview', () => {
  const base = 'http://127.0.0.1:5000/__rapport';
  it('turns exactly the API’s media URLs into the preview’s, key included', () => {
    expect(previewMediaUrl('rapport-media://item/12', base, 'k-1')).toBe(`${base}/media/item/12?key=k-1`);
    expect(previewMediaUrl('rapport-media://cover/3', base, 'k')).toBe(`${base}/media/cover/3?key=k`);
    for (const other of ['rapport-media://item/12/x', 'see rapport-media://item/12', 'rapport-media://item/01', 'x']) {
      expect(previewMediaUrl(other, base, 'k')).toBe(other);
    }
    expect(
      rewriteMediaUrls(
        { ok: true, value: { items: [{ coverUrl: 'rapport-media://cover/1', n: 1, none: null }], flag: true } },
        base,
        'k',
      ),
    ).toEqual({
      ok: true,
      value: { items: [{ coverUrl: `${base}/media/cover/1?key=k`, n: 1, none: null }], flag: true },
    });
  });

  it('takes a dropped name only as a plain name in the shelf that exists', () => {
    expect(previewDropPaths(['Talks', 'notes.md', 'missing.pdf'], shelf)).toEqual([
      join(shelf, 'Talks'),
      join(shelf, 'notes.md'),
    ]);
    expect(
      previewDropPaths(['../library/notes.md', '/etc/passwd', '..', '.', 'Talks/one.txt', 'a\\b', 'c:x', 7, ''], shelf),
    ).toEqual([]);
    expect(previewDropPaths('notes.md', shelf)).toEqual([]);
  });
});

describe('the preview’s media route', () => {
  const mediaPath = async (): Promise<string> => {
    const reply = await postToBridge(fx.preview, { channel: 'rapport:library.get', input: { id: itemId } });
    const value = JSON.parse(reply.body) as Envelope<{ mediaUrl: string; coverUrl: string }>;
    if (!value.ok) throw new Error(`library.get failed: ${reply.body}`);
    expect(value.value.mediaUrl).toMatch(new RegExp(`^${fx.preview.origin}/__rapport/media/item/${itemId}\\?key=`));
    expect(value.value.coverUrl).toMatch(new RegExp(`^${fx.preview.origin}/__rapport/media/cover/${itemId}\\?key=`));
    return value.value.mediaUrl.slice(fx.preview.origin.length);
  };
  const host = () => ({ host: new URL(fx.preview.origin).host });

  it('serves ranges with the key the replies carry', async () => {
    const path = await mediaPath();
    const whole = await rawRequest(fx.preview.origin, { path, headers: host() });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe(String(AUDIO.length));
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.headers['cross-origin-resource-policy']).toBe('same-origin');
    const part = await rawRequest(fx.preview.origin, { path, headers: { ...host(), range: 'bytes=44-47' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 44-47/${AUDIO.length}`);
    expect(Buffer.from(part.body, 'latin1')).toHaveLength(4);
    const beyond = await rawRequest(fx.preview.origin, { path, headers: { ...host(), range: 'bytes=999999-' } });
    expect(beyond.status).toBe(416);
    const head = await rawRequest(fx.preview.origin, { path, method: 'HEAD', headers: host() });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses without the media key, with a wrong one, or with the bridge secret instead', async () => {
    const path = `/__rapport/media/item/${itemId}`;
    for (const [suffix, headers] of [
      ['', {}],
      ['?key=wrong', {}],
      [`?key=${fx.preview.token}`, {}],
      ['', { 'x-rapport-token': fx.preview.token }],
    ] as const) {
      const reply = await rawRequest(fx.preview.origin, { path: path + suffix, headers: { ...host(), ...headers } });
      expect(reply.status).toBe(403);
    }
  });

  it('answers 404 for ids and names that are not items, and 405 for writes', async () => {
    const path = await mediaPath();
    const key = path.slice(path.indexOf('?'));
    for (const route of ['item/999', 'item/1abc', 'item/..%2F..%2Fetc%2Fpasswd', 'thumb/1', 'item/1/x']) {
      const reply = await rawRequest(fx.preview.origin, { path: `/__rapport/media/${route}${key}`, headers: host() });
      expect(reply.status, route).toBe(404);
    }
    const post = await rawRequest(fx.preview.origin, { path, method: 'POST', headers: host() });
    expect(post.status).toBe(405);
  });
});

describe('drops in the preview', () => {
  it('needs the secret and our origin', async () => {
    const refused = await rawRequest(fx.preview.origin, {
      method: 'POST',
      path: '/__rapport/dropped',
      headers: { host: new URL(fx.preview.origin).host, origin: fx.preview.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['notes.md'] }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('the library in Chromium through the preview', () => {
  async function open(): Promise<{ page: Page; ranges: string[]; statuses: number[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const ranges: string[] = [];
    const statuses: number[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/__rapport/media/')) ranges.push(request.headers()['range'] ?? '(none)');
    });
    page.on('response', (response) => {
      if (response.url().includes('/__rapport/media/')) statuses.push(response.status());
    });
    await page.goto(fx.preview.url);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).rapport !== undefined);
    return { page, ranges, statuses };
  }

  it('plays the item’s audio from the URL the API gives, and seeks by ranges', async () => {
    const { page, ranges, statuses } = await open();
    const result = await page.evaluate(async (id) => {
      const g = globalThis as unknown as PageGlobals;
      const reply = (await g.rapport!.invoke('library.get', { id })) as Envelope<{ mediaUrl: string }>;
      if (!reply.ok) throw new Error(reply.error.message);
      const audio = g.document.createElement('audio');
      audio.preload = 'auto';
      const loaded = new Promise<void>((resolve) => audio.addEventListener('loadedmetadata', () => resolve()));
      audio.src = reply.value.mediaUrl;
      g.document.body.append(audio);
      await loaded;
      const seeked = new Promise<void>((resolve) => audio.addEventListener('seeked', () => resolve(), { once: true }));
      audio.currentTime = 4.5;
      await seeked;
      return {
        duration: audio.duration,
        seekableEnd: audio.seekable.length > 0 ? audio.seekable.end(0) : 0,
        currentTime: audio.currentTime,
      };
    }, itemId);
    expect(result.duration).toBeCloseTo(6, 1);
    // Seekable to the end: the server answers ranges (without them Chromium can seek only
    // within what it has buffered).
    expect(result.seekableEnd).toBeCloseTo(6, 1);
    expect(result.currentTime).toBeCloseTo(4.5, 1);
    expect(ranges.some((range) => range.startsWith('bytes='))).toBe(true);
    expect(statuses).toContain(206);
    await page.context().close();
  });

  it('turns a trusted drop into library.dropped with the paths, which library.import then accepts', async () => {
    const { page } = await open();
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { addEventListener(t: string, l: (e: unknown) => void): void };
      g.dropped = [];
      g.rapport!.on('library.dropped', (payload) => g.dropped!.push(payload));
      // The page accepts drops as the library screen does.
      g.addEventListener('dragover', (e) => (e as { preventDefault(): void }).preventDefault());
      g.addEventListener('drop', (e) => (e as { preventDefault(): void }).preventDefault());
    });
    // The event stream connects asynchronously; give it a moment before the drop.
    await page.waitForTimeout(300);
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(shelf, 'Talks'), join(shelf, 'notes.md')], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x: 20, y: 20, data });
    }
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).dropped))
      .toEqual([{ paths: [join(shelf, 'Talks'), join(shelf, 'notes.md')] }]);
    const imported = await page.evaluate(
      (paths) => (globalThis as unknown as PageGlobals).rapport!.invoke('library.import', { paths }),
      [join(shelf, 'Talks')],
    );
    expect(imported).toMatchObject({ ok: true });
    await page.context().close();
  });

  it('ignores a drop a script dispatches (untrusted), so the page cannot claim a path', async () => {
    const { page } = await open();
    const outcome = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      g.dropped = [];
      g.rapport!.on('library.dropped', (payload) => g.dropped!.push(payload));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const transfer = new g.DataTransfer();
      transfer.items.add(new g.File(['x'], 'notes.md'));
      g.document.body.dispatchEvent(new g.DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const refused = await g.rapport!.invoke('library.import', { paths: ['/etc/passwd'] });
      return { dropped: g.dropped, refused };
    });
    expect(outcome.dropped).toEqual([]);
    expect(outcome.refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await page.context().close();
  });
});
