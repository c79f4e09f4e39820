import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, ROOT, startApp, type E2EApp } from './harness';

/**
 * The library's import and player over the real preview backend and readers, in Chromium:
 * a folder picked (the preview's stand-in picker takes its library/ folder) with one line per
 * file, a duplicate found in it compared and kept as a second item (imported again on its own), a file dropped on the window (a real,
 * trusted drop through the DevTools protocol) whose duplicate is replaced by the new file, and
 * a recording played, paused and found again where it stopped after a reload.
 */

type Page = E2EApp['page'];

const FIXTURES = join(ROOT, 'test/fixtures/library');

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone, long enough to play and stop in the middle. */
function wav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('importing into the library and playing', () => {
  let app: E2EApp;
  let page: Page;
  let shelf: string;

  beforeAll(async () => {
    app = await startApp('library-import');
    page = app.page;
    shelf = join(app.files, 'library');
    mkdirSync(shelf, { recursive: true });
    copyFileSync(join(FIXTURES, 'notes-negotiation-en.md'), join(shelf, 'negotiation.md'));
    copyFileSync(join(FIXTURES, 'media-podcast.mp3'), join(shelf, 'podcast.mp3'));
    // The same recording under another name (read first: folders are walked by name): the same file.
    copyFileSync(join(FIXTURES, 'media-podcast.mp3'), join(shelf, 'podcast-again.mp3'));
    copyFileSync(join(FIXTURES, 'media-random.mp3'), join(shelf, 'noise.mp3'));
    writeFileSync(join(shelf, 'tone.wav'), wav(30));
    await openSampleData(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('picks a folder, shows one line per file, and keeps a duplicate found in it as a second item', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add files' }).click();
    // The stand-in picker chooses its library/ folder: the import walks it.
    await page.getByRole('menuitem', { name: 'Choose a folder…' }).click();
    const results = page.getByRole('region', { name: 'Import finished' });
    await results.waitFor({ timeout: 30_000 });
    const lines = results.getByRole('list', { name: 'One line per file' }).getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(5);
    const text = (await lines.allTextContents()).join('\n');
    expect(text).toContain('negotiation.md');
    expect(text).toContain('noise.mp3');
    expect(await results.getByRole('status').textContent()).toBe(
      '3 added · 1 already in the library · 1 could not be read',
    );
    const duplicate = lines.filter({ hasText: 'podcast.mp3' });
    expect(await duplicate.textContent()).toContain('(the same file)');
    await duplicate.getByRole('button', { name: 'Compare' }).click();
    await duplicate.getByRole('table').waitFor();
    await app.shot('library-import-merge-preview');
    await duplicate.getByRole('button', { name: 'Keep both' }).click();
    await duplicate.getByText('Added as a separate item').waitFor();
    expect(await duplicate.getByRole('button', { name: 'Compare' }).count()).toBe(0);
    await results.getByRole('button', { name: 'Done' }).click();
  });

  it('imports what is dropped on the window; the new file replaces the one already there', async () => {
    // A real drag from outside the page: trusted, so the preload reads it (a script's would not be).
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(shelf, 'negotiation.md')], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
      await cdp.send('Input.dispatchDragEvent', { type, x: 600, y: 400, data });
    const results = page.getByRole('region', { name: 'Import finished' });
    await results.waitFor({ timeout: 30_000 });
    const line = results.getByRole('listitem').filter({ hasText: 'negotiation.md' });
    expect(await line.textContent()).toContain('Already in the library');
    await line.getByRole('button', { name: 'Compare' }).click();
    await line.getByRole('button', { name: 'Use the new file' }).click();
    await line.getByText(/Replaced with the new file/).waitFor();
    await results.getByRole('button', { name: 'Done' }).click();
  });

  it('plays a recording, saves where it stopped, and starts there again', async () => {
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('tone');
    await page.keyboard.press('Enter');
    const grid = page.getByRole('list', { name: 'Library items' });
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(1);
    await grid.getByRole('link').first().click();
    const audio = page.locator('main audio');
    await audio.waitFor();
    // Muted, a page may play without a gesture; the app's own handlers hear play and pause.
    await audio.evaluate(async (element: HTMLAudioElement) => {
      element.muted = true;
      await element.play();
    });
    await page.waitForTimeout(3000);
    const stopped = await audio.evaluate((element: HTMLAudioElement) => {
      element.pause();
      return element.currentTime;
    });
    expect(stopped).toBeGreaterThan(1);
    await page.getByText(/^Picks up where you stopped/).waitFor();
    await page.reload();
    await page.locator('main audio').waitFor();
    await expect
      .poll(() => page.locator('main audio').evaluate((element: HTMLAudioElement) => element.currentTime))
      .toBeGreaterThan(stopped - 0.6);
    const resumed = await page.locator('main audio').evaluate((element: HTMLAudioElement) => element.currentTime);
    expect(resumed).toBeLessThan(stopped + 0.6);
    await app.shot('library-player-resumed');
    expect(app.problems).toEqual([]);
  });
});
