import { describe, expect, it } from 'vitest';
import { reportStyleHashes } from '../../src-main/features/reports';
import { contentSecurityPolicy, MIN_WINDOW_SIZE, windowOptions } from '../../src-main/platform/security';

const base = {
  preloadPath: '/app/out/preload/index.cjs',
  bounds: { x: 10, y: 20, width: 1200, height: 800 },
  backgroundColor: '#ffffff',
};

describe('windowOptions', () => {
  for (const packaged of [true, false]) {
    it(`isolates and sandboxes the renderer (packaged: ${packaged})`, () => {
      const prefs = windowOptions({ ...base, packaged }).webPreferences ?? {};
      expect(prefs).toMatchObject({
        preload: base.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        enableWebSQL: false,
        safeDialogs: true,
      });
      // Nothing that widens the renderer's powers may ever appear.
      for (const key of ['enableRemoteModule', 'enableBlinkFeatures', 'additionalArguments', 'partition', 'session']) {
        expect(prefs).not.toHaveProperty(key);
      }
    });
  }

  it('offers DevTools only in development', () => {
    expect(windowOptions({ ...base, packaged: true }).webPreferences?.devTools).toBe(false);
    expect(windowOptions({ ...base, packaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('starts hidden with the restored bounds and a minimum size', () => {
    const options = windowOptions({ ...base, packaged: true });
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 1200, height: 800, title: 'Rapport' });
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(options.minHeight).toBe(MIN_WINDOW_SIZE.height);
    expect(options).not.toHaveProperty('icon');
    expect(windowOptions({ ...base, packaged: false, icon: '/i.png' }).icon).toBe('/i.png');
  });
});

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    // The coach report's own stylesheet, by its hash (one per paper), for the Reports screen's sandboxed preview.
    ['style-src', ["'self'", ...reportStyleHashes()]],
    ['connect-src', ["'self'"]],
    // The library's covers, audio and video come from rapport-media:// (the preview serves them as 'self').
    ['img-src', ["'self'", 'data:', 'blob:', 'rapport-media:']],
    ['media-src', ["'self'", 'rapport-media:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'none'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(directives.get(name)).toEqual(sources);
  });

  it('never allows inline or eval-ed code, wildcards or remote schemes', () => {
    for (const banned of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'wasm-unsafe-eval'",
      "'unsafe-hashes'",
      '*',
      'http:',
      'https:',
      'ws:',
      'file:',
    ]) {
      for (const [name, sources] of directives) expect(sources, `${name} contains ${banned}`).not.toContain(banned);
    }
  });

  it('declares each directive once', () => {
    expect(directives.size).toBe(csp.split(';').length);
  });
});
