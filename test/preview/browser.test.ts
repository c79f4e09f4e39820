import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, Envelope } from '../../src-main/shared/api';
import { ensureBuilt } from '../helpers/build';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startFixture, type PreviewFixture } from './support';

/**
 * What the page's global object looks like from these tests. The Node type-check has no
 * DOM library (on purpose: main-process code must not reach for browser globals), so each
 * page.evaluate callback reads the page through this view of `globalThis`.
 */
interface PageGlobals {
  rapport?: Bridge;
  require?: unknown;
  ipcRenderer?: unknown;
  electron?: unknown;
  location: { hash: string };
  document: { getElementById(id: string): { childElementCount: number } | null };
}

let fx: PreviewFixture;
let browser: Browser;
beforeAll(async () => {
  fx = await startFixture();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await fx?.cleanup();
});

/** Opens a page and records console errors, page errors and CSP violations. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).rapport !== undefined);
  return { page, problems };
}

describe('the preview in Chromium', () => {
  it('runs the real preload: window.rapport.invoke reaches the real backend', async () => {
    const { page, problems } = await open(fx.preview.url);
    const reply = await page.evaluate(() => (globalThis as unknown as PageGlobals).rapport!.invoke('app.info', {}));
    expect(reply).toEqual({
      ok: true,
      value: { version: '9.9.9-test', databasePath: fx.dbPath, platform: process.platform },
    });
    await expect.poll(() => page.textContent('#root')).toBe('stub loaded');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('removes the secret from the address bar before the app starts', async () => {
    const { page } = await open(fx.preview.url);
    expect(page.url()).toBe(`${fx.preview.origin}/`);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.hash)).toBe('');
    await page.context().close();
  });

  it('exposes only the bridge: no ipcRenderer, require or electron', async () => {
    const { page } = await open(fx.preview.url);
    const exposed = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const keys = Object.keys(g.rapport!).sort();
      try {
        (g as { rapport?: unknown }).rapport = null;
      } catch {
        // strict-mode code throws; either way the bridge must stay
      }
      return {
        keys,
        require: typeof g.require,
        ipcRenderer: typeof g.ipcRenderer,
        electron: typeof g.electron,
        writable: g.rapport !== null,
      };
    });
    expect(exposed).toEqual({
      keys: ['cancel', 'invoke', 'on'],
      require: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      writable: true,
    });
    await page.context().close();
  });

  it('applies the preload allowlist and the envelope contract', async () => {
    const { page } = await open(fx.preview.url);
    const replies = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as PageGlobals).rapport as unknown as {
        invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
      };
      return {
        unknown: await bridge.invoke('app.quit', {}),
        prefixed: await bridge.invoke('rapport:app.info', {}),
        invalid: await bridge.invoke('customers.create', { name: '' }),
      };
    });
    expect(replies.unknown).toEqual({ ok: false, error: { code: 'forbidden', message: 'Unknown channel.' } });
    expect(replies.prefixed).toEqual({ ok: false, error: { code: 'forbidden', message: 'Unknown channel.' } });
    expect(replies.invalid).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'name', message: 'errors.required' }] },
    });
    await page.context().close();
  });

  it('cancels a call the page gives an id: its fetch is aborted and it answers cancelled; the calls after are answered', async () => {
    const { page, problems } = await open(fx.preview.url);
    const replies = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as PageGlobals).rapport!;
      const cancelled = bridge.invoke('customers.list', {}, 1);
      bridge.cancel(1);
      const listed = bridge.invoke('customers.list', {}, 2);
      const list = await listed;
      // Answered: a late cancel for it changes nothing, and the next call is answered.
      bridge.cancel(2);
      return {
        cancelled: await cancelled,
        list,
        created: await bridge.invoke('customers.create', { name: 'Nadia Ferri', tags: [] }),
        after: await bridge.invoke('customers.list', {}),
      };
    });
    expect(replies.cancelled).toEqual({ ok: false, error: { code: 'cancelled', message: 'failures.cancelled' } });
    expect(replies.list).toMatchObject({ ok: true });
    expect(replies.created).toMatchObject({ ok: true, value: { name: 'Nadia Ferri' } });
    expect(replies.after).toMatchObject({ ok: true, value: { items: [{ name: 'Nadia Ferri' }] } });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('delivers data.changed events to on() listeners, and stops after unsubscribe', async () => {
    const { page } = await open(fx.preview.url);
    const events = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as PageGlobals).rapport!;
      const seen: unknown[] = [];
      let resolveFirst: () => void = () => {};
      const first = new Promise<void>((resolve) => (resolveFirst = resolve));
      const off = bridge.on('data.changed', (payload) => {
        seen.push(payload);
        resolveFirst();
      });
      // The stream connects asynchronously; keep writing until the first event arrives.
      for (let i = 0; i < 50 && seen.length === 0; i++) {
        await bridge.invoke('techniques.create', { name: `Technique ${i}` });
        await Promise.race([first, new Promise((r) => setTimeout(r, 100))]);
      }
      off();
      const count = seen.length;
      await bridge.invoke('techniques.create', { name: 'After unsubscribe' });
      await new Promise((r) => setTimeout(r, 300));
      return { first: seen[0], countAfterOff: seen.length - count };
    });
    expect(events).toEqual({ first: { entities: ['techniques'] }, countAfterOff: 0 });
    await page.context().close();
  });

  it('keeps working after a reload (secret kept in this tab’s sessionStorage)', async () => {
    const { page } = await open(fx.preview.url);
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).rapport !== undefined);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).rapport!.invoke('settings.get', undefined)),
    ).toMatchObject({ ok: true });
    await page.context().close();
  });

  it('refuses a tab opened without the secret', async () => {
    const { page } = await open(`${fx.preview.origin}/`);
    const reply = await page.evaluate(() => (globalThis as unknown as PageGlobals).rapport!.invoke('app.info', {}));
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'The Rapport backend is not available.' } });
    await page.context().close();
  });
});

// The real renderer (`npm test` builds it first; a lone run builds it here): it must load
// under the CSP with no errors and talk to the backend through the bridge.
describe('the real renderer in the preview', () => {
  let realRenderer = '';
  beforeAll(() => {
    realRenderer = ensureBuilt();
  }, 300_000);

  it('renders under the CSP without console errors', async () => {
    const real = await startFixture(realRenderer);
    try {
      const { page, problems } = await open(real.preview.url);
      await expect
        .poll(() =>
          page.evaluate(
            () => (globalThis as unknown as PageGlobals).document.getElementById('root')?.childElementCount ?? 0,
          ),
        )
        .toBeGreaterThan(0);
      expect(
        await page.evaluate(() => (globalThis as unknown as PageGlobals).rapport!.invoke('app.info', {})),
      ).toMatchObject({ ok: true });
      expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    } finally {
      await real.cleanup();
    }
  });
});
