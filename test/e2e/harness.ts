import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreview, type Preview, type PreviewOptions } from '../../src-main/preview/server';
import { ensureBuilt } from '../helpers/build';
import { launchChromium } from '../../scripts/chromium.mjs';

/**
 * The whole product, end to end: the production renderer, the real preload bundle and the
 * real backend over a real SQLite file, in Debian's Chromium through the browser preview.
 * Screenshots land in test-results/e2e/ to be looked at.
 */
export const ROOT = resolve(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-results', 'e2e');

export interface E2EApp {
  page: Page;
  preview: Preview;
  /** A temporary folder holding the database; the preview's stand-in dialogs use preview-files/ in it. */
  dir: string;
  /** Where the stand-in save dialog writes and the open dialog picks the newest file. */
  files: string;
  /** Page errors, console errors and preview log lines: a journey ends with none. */
  problems: string[];
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Test seams of the preview a test may set (e.g. importPacing). */
export type AppOptions = Pick<PreviewOptions, 'importPacing'>;

export async function startApp(name: string, options: AppOptions = {}): Promise<E2EApp> {
  const rendererDir = ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), `rapport-e2e-${name}-`));
  const preview = await startPreview({
    dbPath: join(dir, 'rapport.sqlite'),
    port: 0,
    rendererDir,
    version: '0.1.0-e2e',
    log: (message) => problems.push(`[preview] ${message}`),
    ...options,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
  } catch (error) {
    await preview.close();
    throw error;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return {
    page,
    preview,
    dir,
    files: join(dir, 'preview-files'),
    problems,
    shot: (shotName) => page.screenshot({ path: join(SHOTS, `${shotName}.png`) }),
    close: async () => {
      await browser?.close();
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** From the first-run screen: explores the sample data, lands on Home, and opens the Sales list. */
export async function openSampleData({ page, preview }: E2EApp): Promise<void> {
  await page.goto(preview.url);
  await page.getByRole('button', { name: /Explore with sample data/ }).click();
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 30_000 });
  await page.locator('main .home-cards').waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Sales', exact: true }).click();
  await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
}
