import { chromium } from 'playwright-core';

/**
 * Debian's Chromium (never a downloaded browser), headless, with no sandbox (it runs in
 * containers), GPU or background traffic: one launch for the E2E tests, the screenshot
 * script and the icon renderer.
 */
export function launchChromium(executablePath = '/usr/bin/chromium') {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
