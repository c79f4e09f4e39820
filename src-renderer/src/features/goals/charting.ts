import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { color } from 'chart.js/helpers';
import { useEffect, useState } from 'react';

/**
 * chart.js, tree-shaken: only the line and bar charts, their two scales and the plugins the
 * goal charts use are registered, so nothing else ships. Colours come from the stylesheet's custom
 * properties (goals.css maps them onto the theme tokens), read when a chart is drawn.
 */
Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
);

export { Chart };

/** The value of a CSS custom property on `element`, as the current theme resolves it. */
export function cssColor(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}

/** `css` (any colour the theme gives) seen through: a band under the lines, not a wall. */
export function translucent(css: string, alpha: number): string {
  const parsed = color(css);
  return parsed.valid ? parsed.alpha(alpha).rgbString() : css;
}

/**
 * Changes whenever the theme on <html> changes (settings/theme.ts sets `data-theme`), so a
 * canvas, which CSS cannot recolour, is drawn again in the new colours.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/** The 2D context to draw on, or null where there is none (jsdom in tests has no canvas). */
export function contextOf(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  return canvas?.getContext('2d') ?? null;
}
