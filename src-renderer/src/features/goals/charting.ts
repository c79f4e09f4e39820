import type { Chart, ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { useEffect, useState } from 'react';

/** chart.js and what draws with it (chartjs.ts). */
export type ChartTools = typeof import('./chartjs');

let loading: Promise<ChartTools> | null = null;

/** chart.js, loaded once, with the first chart drawn; a failed load is tried again by the next chart. */
function loadChartTools(): Promise<ChartTools> {
  loading ??= import('./chartjs').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Draws a chart on `context` once chart.js has arrived: a screen shows its words, numbers and
 * the chart's place (and its table) first, and the picture a moment later. `config` is asked for
 * then, with chart.js's tools. Returns what takes the chart down again (for an effect's cleanup).
 */
export function drawChart<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>(
  context: CanvasRenderingContext2D,
  config: (tools: ChartTools) => ChartConfiguration<TType, TData, TLabel>,
): () => void {
  let chart: Chart<TType, TData, TLabel> | null = null;
  let gone = false;
  void loadChartTools().then((tools) => {
    if (!gone) chart = new tools.Chart(context, config(tools));
  });
  return () => {
    gone = true;
    chart?.destroy();
  };
}

/** The value of a CSS custom property on `element`, as the current theme resolves it. */
export function cssColor(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
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
