/// <reference lib="dom" />
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type E2EApp } from './harness';

/**
 * Home in real Chromium on the sample book: the app opens on it after the welcome, and a card
 * opens the very records its figure counts — the deals won this month are the sales list's
 * won sales of the month, as many as the card says.
 */

let app: E2EApp;
beforeAll(async () => {
  app = await startApp('home');
}, 180_000);
afterAll(() => app?.close());

const number = (text: string): number => Number(text.replace(/[^\d]/g, ''));

describe('Home', () => {
  it('opens after the welcome, and a card opens the records behind its figure', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await page.getByRole('button', { name: /Explore with sample data/ }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.location.hash)).toBe('#/home');
    const cards = page.getByRole('region', { name: 'Key figures' });
    const won = cards.getByRole('link', { name: /^Deals won/ });
    const value = number(await won.locator('.home-card-value').innerText());
    expect(value).toBeGreaterThan(0);
    await app.shot('home-en-light');

    await won.click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    // The address is plain again; the filters are the card's: won sales, this month so far.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/sales');
    expect(await page.getByRole('checkbox', { name: 'Won' }).isChecked()).toBe(true);
    const range = page.locator('.pagination').getByText(/ of /);
    await expect.poll(async () => number((await range.innerText()).split(' of ')[1] ?? '')).toBe(value);
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(Math.min(value, 50));
    expect(app.problems).toEqual([]);
  });

  it("on a reload the screen's rows come before the badge's count and the reminders' check are asked for", async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    // What the page asks main and when the answer is in, in order, from the reload on.
    const log: string[] = [];
    const channel = (request: Request): string | null =>
      request.url().endsWith('/invoke')
        ? (request.postDataJSON() as { channel: string }).channel.replace(/^rapport:/, '')
        : null;
    const asked = (request: Request): void => void (channel(request) && log.push(`asked ${channel(request)}`));
    const answered = (request: Request): void => void (channel(request) && log.push(`answered ${channel(request)}`));
    page.on('request', asked);
    page.on('requestfinished', answered);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
      const badge = page.getByRole('link', { name: /^Follow-ups/ }).locator('.nav-badge');
      await badge.waitFor();
      expect(number(await badge.innerText())).toBeGreaterThan(0);
      await expect.poll(() => log).toContain('asked app.firstScreenShown');
    } finally {
      page.off('request', asked);
      page.off('requestfinished', answered);
    }
    const rows = log.indexOf('answered sales.list');
    expect(rows).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('asked care.followups.count')).toBeGreaterThan(rows);
    expect(log.indexOf('asked app.firstScreenShown')).toBeGreaterThan(rows);
    expect(app.problems).toEqual([]);
  });

  it('shows a chart’s numbers a click away, and a year against the year before', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('radio', { name: 'This year' }).check({ force: true });
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption('last_year');
    const chart = page.getByRole('region', { name: 'Revenue by month', exact: true });
    await chart.getByRole('button', { name: 'Show the numbers' }).click();
    const table = chart.getByRole('table');
    await table.waitFor();
    // One row per month so far, January first.
    const month = new Date().getMonth() + 1;
    expect(await table.locator('tbody tr').count()).toBe(month);
    await app.shot('home-year-en-light');
    expect(app.problems).toEqual([]);
  });

  it('opens the pipeline’s numbers: its open deals by stage are the sales list’s open sales', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const chart = page.getByRole('region', { name: 'Pipeline by stage' });
    await chart.getByRole('button', { name: 'Show the numbers' }).click();
    const table = chart.getByRole('table');
    await table.waitFor();
    const stages = await table.locator('tbody th').allInnerTexts();
    expect(stages.slice(0, 4)).toEqual(['Lead', 'Qualified', 'Proposal', 'Negotiation']);
    const counts = (await table.locator('tbody tr td:nth-of-type(1)').allInnerTexts()).map(number);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    // The sentence above the chart says the same total.
    expect(number((await chart.locator('.home-chart-summary').innerText()).split(' open')[0]!)).toBe(total);
    await app.shot('home-pipeline-en-light');

    await page.evaluate(() => {
      window.location.hash = '#/sales?status=open';
    });
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Open' }).isChecked()).toBe(true);
    const range = page.locator('.pagination').getByText(/ of /);
    await expect.poll(async () => number((await range.innerText()).split(' of ')[1] ?? '')).toBe(total);
    expect(app.problems).toEqual([]);
  });
});
