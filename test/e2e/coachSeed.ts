/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { reportJson } from '../../src-main/features/reports/json';
import { reportDoc } from '../renderer/coach/document';

/**
 * Opens two sellers' reports in the coach workspace (the page must be on it) by dropping them,
 * as a coach drags files from their desktop: a DataTransfer with the files, dropped on the page.
 * The layout and accessibility walks look at the workspace with something in it.
 */
export async function seedCoach(page: Page): Promise<void> {
  if ((await page.locator('main .coach-table').count()) > 0) return;
  const files = [
    { name: 'sara.json', text: reportJson(reportDoc('Sara Venditti')) },
    { name: 'luca.json', text: reportJson(reportDoc('Luca Bianchi', { comment: null })) },
  ];
  await page.locator('main .coach').evaluate((target, dropped) => {
    const data = new DataTransfer();
    for (const f of dropped) data.items.add(new File([f.text], f.name, { type: 'application/json' }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
  await page.locator('main .coach-table').first().waitFor();
  await page.locator('main .coach-chart canvas').first().waitFor();
}
