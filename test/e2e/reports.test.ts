/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validReport } from '../../src-main/features/reports/json';
import { openSampleData, SHOTS, startApp, type E2EApp } from './harness';

/**
 * The coach report from the app, in real Chromium on the sample book: the preview shows the
 * report's own page (its stylesheet allowed by the app's CSP, nothing else), a PDF and a JSON
 * report are saved through the stand-in save dialog, the PDF's text and the JSON's schema are
 * checked, and Settings' export log lists both, newest first.
 */

let app: E2EApp;
beforeAll(async () => {
  app = await startApp('reports');
  await openSampleData(app);
}, 180_000);
afterAll(() => app?.close());

const SELLER = 'Ada Lovelace';

describe('Reports', () => {
  it('previews the report as it will print, styled by its own stylesheet', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Coach report', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Your name on the report' }).fill(SELLER);
    const frame = page.frameLocator('iframe.reports-sheet');
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 30_000 }).toContain(SELLER);
    expect(await frame.locator('h1').innerText()).toBe('Progress report');
    // The report's own <style> applied inside the sandboxed frame (its hash is in the app's CSP).
    const style = await frame
      .locator('h2')
      .first()
      .evaluate((h) => getComputedStyle(h).borderBottomStyle);
    expect(style).toBe('solid');
    // No script runs there: the frame is sandboxed without allow-scripts.
    expect(await page.locator('iframe.reports-sheet').getAttribute('sandbox')).toBe('');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Up to date' }).count()).toBe(1);
    await app.shot('reports-en-light');
    expect(app.problems).toEqual([]);
  }, 60_000);

  it('saves a PDF through the save dialog; its text is the report', async () => {
    const { page, files } = app;
    await page.getByRole('radio', { name: 'PDF' }).check({ force: true });
    await page.getByRole('button', { name: 'Save report…' }).click();
    const saved = page.locator('.reports-saved');
    await saved.waitFor({ timeout: 60_000 });
    const path = (await saved.locator('.reports-path').innerText()).trim();
    expect(path.startsWith(files)).toBe(true);
    expect(path).toMatch(/rapport-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain(SELLER);
    for (const heading of ['Summary', 'Goals', 'Volume', 'Quality', 'Customer care']) expect(text).toContain(heading);
    expect(text).toMatch(/Page 1 of \d+/);
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '2', path, join(SHOTS, 'reports-pdf')]);
    expect(await saved.getByRole('list', { name: 'Rows per section' }).innerText()).toContain('Summary');
    expect(app.problems).toEqual([]);
  }, 90_000);

  it('saves a JSON report that passes validReport, with only the sections chosen', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Techniques: what works' }).uncheck({ force: true });
    await page.getByRole('radio', { name: 'JSON' }).check({ force: true });
    await page.getByRole('checkbox', { name: 'Pseudonymise customers' }).check({ force: true });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Up to date' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save report…' }).click();
    const path = page.locator('.reports-saved .reports-path');
    await expect.poll(async () => (await path.innerText()).trim(), { timeout: 30_000 }).toMatch(/\.json$/);
    const file = (await path.innerText()).trim();
    expect(existsSync(file)).toBe(true);
    const doc = validReport(JSON.parse(readFileSync(file, 'utf8')));
    expect(doc.seller.name).toBe(SELLER);
    expect(doc.techniques).toBeNull();
    expect(doc.goals).not.toBeNull();
    expect(doc.privacy.pseudonymized).toBe(true);
    writeFileSync(join(SHOTS, 'reports.json'), JSON.stringify(doc, null, 2));
    expect(app.problems).toEqual([]);
  }, 60_000);

  it("lists both in Settings' export log, newest first", async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const log = page.getByRole('list', { name: 'Export log' });
    await log.waitFor();
    const entries = log.locator(':scope > li');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).innerText()).toMatch(/JSON[\s\S]*pseudonymised[\s\S]*\.json/);
    expect(await entries.nth(1).innerText()).toMatch(/PDF[\s\S]*All sections[\s\S]*\.pdf/);
    await log.scrollIntoViewIfNeeded();
    await app.shot('settings-export-log-en-light');
    expect(app.problems).toEqual([]);
  });
});
