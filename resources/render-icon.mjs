#!/usr/bin/env node
/**
 * Renders icon.svg to icon.png (512×512, transparent corners) with Chromium, whose SVG
 * support (gradients, opacity) ImageMagick's built-in renderer lacks.
 * Usage: node resources/render-icon.mjs [path-to-chromium]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';

const svg = readFileSync(fileURLToPath(new URL('./icon.svg', import.meta.url)), 'utf8');
const browser = await launchChromium(process.argv[2]);
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({
    path: fileURLToPath(new URL('./icon.png', import.meta.url)),
    omitBackground: true,
  });
} finally {
  await browser.close();
}
