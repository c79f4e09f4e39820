// @vitest-environment jsdom
/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, resolveTheme } from '../../src-renderer/src/features/settings/theme';

/** Every stylesheet of the renderer, as text (read from disk: Vitest hands CSS imports back empty). */
const STYLES = join(__dirname, '../../src-renderer/src/styles');
const sheets: Record<string, string> = Object.fromEntries(
  readdirSync(STYLES)
    .filter((name) => name.endsWith('.css'))
    .map((name) => [name, readFileSync(join(STYLES, name), 'utf8')]),
);
const TOKENS = 'tokens.css';
const tokens = sheets[TOKENS] ?? '';

/** The custom properties declared in the rule whose selector list is exactly `selector`. */
function declaredIn(css: string, selector: string): string[] {
  const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
  const rule = rules.find(
    ([, head]) =>
      head
        ?.replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .trim() === selector,
  );
  if (!rule) throw new Error(`no rule for ${selector}`);
  return [...(rule[2] ?? '').matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1] ?? '').sort();
}

const stripComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');

function prefersDark(dark: boolean): void {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: dark && query.includes('dark'),
      media: query,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  delete document.documentElement.dataset.theme;
});

describe('themes', () => {
  it('light and dark define the very same tokens', () => {
    const light = declaredIn(tokens, ":root, :root[data-theme='light']");
    const dark = declaredIn(tokens, ":root[data-theme='dark']");
    expect(light.length).toBeGreaterThan(30);
    expect(dark).toEqual(light);
  });

  it('only the resolved data-theme decides: no stylesheet keys on the OS or the theme elsewhere', () => {
    expect(Object.keys(sheets)).toContain(TOKENS);
    for (const [path, css] of Object.entries(sheets)) {
      const code = stripComments(css);
      expect([path, /prefers-color-scheme/.test(code)]).toEqual([path, false]);
      if (path !== TOKENS) expect([path, /data-theme=/.test(code)]).toEqual([path, false]);
    }
  });

  it('every var() a stylesheet uses is declared somewhere', () => {
    const all = Object.values(sheets).map(stripComments).join('\n');
    const declared = new Set([...all.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
    // var(--x, fallback) may be left undeclared on purpose.
    const used = new Set([...all.matchAll(/var\((--[\w-]+)\s*\)/g)].map((m) => m[1]));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('"System" on a dark desktop is the dark theme, the same attribute the explicit choice sets', () => {
    prefersDark(true);
    expect(resolveTheme('system')).toBe('dark');
    expect(resolveTheme('dark')).toBe('dark');
    expect(resolveTheme('light')).toBe('light');
    prefersDark(false);
    expect(resolveTheme('system')).toBe('light');
    expect(resolveTheme('dark')).toBe('dark');
  });

  it('switches colours without transitions, then gives transitions back', () => {
    vi.useFakeTimers();
    prefersDark(false);
    applyTheme('system');
    vi.runAllTimers();
    const root = document.documentElement;
    expect(root.dataset.theme).toBe('light');

    prefersDark(true);
    applyTheme('system');
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.themeSwitching).toBe('');
    vi.runAllTimers();
    expect(root.dataset.themeSwitching).toBeUndefined();

    // No change, no pause of transitions.
    applyTheme('dark');
    expect(root.dataset.themeSwitching).toBeUndefined();
  });

  it('the pause of transitions is in the stylesheet', () => {
    const all = Object.values(sheets).map(stripComments).join('\n');
    expect(all).toMatch(/:root\[data-theme-switching\] \*[^{]*\{\s*transition: none !important;/);
  });
});
