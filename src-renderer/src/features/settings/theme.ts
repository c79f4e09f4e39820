import { useEffect } from 'react';
import type { Settings } from '../../../../src-main/features/settings/contract';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** The theme the stylesheets see: "system" is resolved here, and only here. */
export function resolveTheme(theme: Settings['theme']): 'light' | 'dark' {
  return theme === 'dark' || (theme === 'system' && systemPrefersDark()) ? 'dark' : 'light';
}

/**
 * Sets the resolved theme on <html>; the stylesheets only know `data-theme="light|dark"`.
 *
 * While the attribute flips, `data-theme-switching` turns CSS transitions off (base.css):
 * otherwise every control that eases its background on hover would also ease it from the old
 * theme to the new one, and for a moment show a light box with the dark theme's light text.
 */
export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  const next = resolveTheme(theme);
  if (root.dataset.theme === next) return;
  root.dataset.themeSwitching = '';
  root.dataset.theme = next;
  // Compute the new colours now, with transitions off, so there is nothing left to animate.
  void window.getComputedStyle(document.body ?? root).color;
  setTimeout(() => delete root.dataset.themeSwitching, 0);
}

/** Keeps <html> in step with the chosen theme, and with the OS while the choice is "system". */
export function useTheme(theme: Settings['theme']): void {
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(DARK_QUERY);
    const follow = (): void => applyTheme('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [theme]);
}
