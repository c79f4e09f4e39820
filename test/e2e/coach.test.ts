/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { reportJson } from '../../src-main/features/reports/json';
import { testHandlers } from '../helpers/store';
import { startApp, type E2EApp } from './harness';

/**
 * The coach workspace in real Chromium: two sellers' JSON reports, each made by `report.build`
 * on a database of its own and written as `rapport report --format json` writes it, are opened
 * through the open dialog (the preview's stand-in picks the newest .json in its folder); the
 * side-by-side table and the charts show them, a note is kept, the combined summary is saved
 * as PDF and CSV, and a hand-edited report is refused with the check that failed. One seller's
 * name is markup that would fetch and run if it were ever treated as HTML.
 */

const HOSTILE = '<img src=http://127.0.0.1:1/x onerror=alert(1)><script>alert(2)</script>';

async function sellerReport(dir: string, seller: string, seed: number): Promise<string> {
  const store = await openDatabase(join(dir, `${seed}.sqlite`), {});
  try {
    const now = new Date('2026-07-01T09:00:00Z');
    await store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(trx, store.sqlite, { sales: 300, seed, endDate: '2026-06-30', currency: 'EUR' }, now),
      );
    const doc = await testHandlers(store)['report.build']({
      from: '2026-04-01',
      to: '2026-06-30',
      compare: 'previous',
      sections: ['goals', 'volume', 'quality', 'loyalty'],
      anonymize: true,
      journalText: false,
      journalIds: [],
      comment: HOSTILE,
      seller,
    });
    return reportJson(doc);
  } finally {
    await store.close();
  }
}

let app: E2EApp;
const requests: string[] = [];
beforeAll(async () => {
  app = await startApp('coach');
  mkdirSync(app.files, { recursive: true });
  const [sara, luca] = [await sellerReport(app.dir, HOSTILE, 7), await sellerReport(app.dir, 'Luca Bianchi', 8)];
  writeFileSync(join(app.files, 'sara.json'), sara);
  writeFileSync(join(app.files, 'luca.json'), luca);
  const tampered = JSON.parse(luca) as { summary: { revenue_cents: number } };
  tampered.summary.revenue_cents += 100_000;
  writeFileSync(join(app.files, 'tampered.json'), JSON.stringify(tampered, null, 2));
  app.page.on('request', (request) => requests.push(request.url()));
}, 240_000);
afterAll(() => app?.close());

/** Makes `name` the newest file in the stand-in dialog's folder, which its open dialog picks. */
function newest(name: string): void {
  const at = new Date(Date.now() + 1000 * (requests.length + 1));
  utimesSync(join(app.files, name), at, at);
}

describe('the coach workspace', () => {
  it("opens two sellers' reports, compares them, keeps a note and exports the combined summary", async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await page.getByRole('button', { name: /Start empty/ }).click();
    await page.getByRole('link', { name: 'Coach', exact: true }).click();
    await page.getByRole('heading', { name: 'Coach workspace', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'No reports yet' }).waitFor();

    for (const file of ['luca.json', 'sara.json']) {
      newest(file);
      await page.getByRole('button', { name: 'Open a report…' }).click();
      await page
        .getByText(/^Opened the report of/)
        .last()
        .waitFor();
    }
    const table = page.getByRole('table', { name: /Sellers' figures for/ });
    await table.waitFor();
    // The first report's notice may still be showing: the table is waited for with both sellers.
    await expect
      .poll(() => table.getByRole('columnheader').allInnerTexts())
      .toEqual(['Figure', HOSTILE, 'Luca Bianchi']);
    expect(await table.locator('tbody tr').count()).toBe(10);
    expect(await page.locator('main canvas').count()).toBe(2);
    await page.getByRole('button', { name: 'Show the numbers' }).first().click();
    await page.getByRole('table', { name: /Bar chart: revenue per seller in EUR/ }).waitFor();
    // Nothing the reports hold became markup, ran, or reached the network.
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(requests.filter((url) => url.includes('127.0.0.1:1/'))).toEqual([]);
    await app.shot('coach-en-light');

    const note = page.getByRole('textbox', { name: 'Your notes on Luca Bianchi' });
    await note.fill('Ask about the April dip.');
    await page.locator('.coach-note', { has: note }).getByRole('button', { name: 'Save note' }).click();
    await page.getByText('Note on Luca Bianchi saved.').waitFor();
    await page.reload();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Your notes on Luca Bianchi' }).inputValue())
      .toBe('Ask about the April dip.');

    await page.getByRole('button', { name: 'Export summary (PDF)' }).click();
    await page.getByText(/^Saved rapport-coach-summary-.*\.pdf\.$/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Export summary (CSV)' }).click();
    await page.getByText(/^Saved rapport-coach-summary-.*\.csv\.$/).waitFor();
    const saved = readdirSync(app.files);
    const pdf = join(
      app.files,
      saved.find((f) => f.endsWith('.pdf'))!,
    );
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Coach summary');
    expect(text).toContain('Luca Bianchi');
    expect(text).toContain('<img src=http://127.0.0.1:1/x');
    expect(text).toContain('Ask about the April dip.');
    const csv = readFileSync(
      join(
        app.files,
        saved.find((f) => f.endsWith('.csv'))!,
      ),
      'utf8',
    )
      .trimEnd()
      .split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^\ufeffSeller,From,To,Currency/);
    expect(app.problems).toEqual([]);
  });

  it('refuses a hand-edited report, saying which check failed, and keeps nothing of it', async () => {
    const { page } = app;
    newest('tampered.json');
    await page.getByRole('button', { name: 'Open a report…' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'tampered.json was not opened' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('its integrity digest does not match its content');
    expect(
      await page
        .getByRole('table', { name: /Sellers' figures for/ })
        .getByRole('columnheader')
        .count(),
    ).toBe(3);
    await app.shot('coach-refused-en-light');
    expect(app.problems).toEqual([]);
  });
});
