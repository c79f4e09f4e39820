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

/*
 * chart.js, tree-shaken: only the line and bar charts, their two scales and the plugins the
 * charts use are registered, so nothing else ships. Loaded with the first chart drawn (see
 * charting.ts), never with a screen's first paint.
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

/** `css` (any colour the theme gives) seen through: a band under the lines, not a wall. */
export function translucent(css: string, alpha: number): string {
  const parsed = color(css);
  return parsed.valid ? parsed.alpha(alpha).rgbString() : css;
}
