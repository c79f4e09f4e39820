import type { ReactElement } from 'react';

const WIDTH = 96;
const HEIGHT = 28;
const PAD = 2;

/**
 * A card's trend as a tiny line (inline SVG: lighter than a chart per card). Decorative:
 * the card's text says the figure and its change, the chart below has the numbers.
 * Buckets with nothing to measure (null) break the line.
 */
export function Sparkline({ values }: { values: readonly (number | null)[] }): ReactElement | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0 || values.length < 2) return null;
  const [low, high] = [Math.min(0, ...known), Math.max(...known)];
  const span = high - low || 1;
  const x = (i: number): number => PAD + (i * (WIDTH - 2 * PAD)) / (values.length - 1);
  const y = (v: number): number => HEIGHT - PAD - ((v - low) * (HEIGHT - 2 * PAD)) / span;
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const last = values[lastIndex]!;
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true">
      <path className="sparkline-base" d={`M${PAD} ${y(low)}H${WIDTH - PAD}`} />
      {segments.map((d) => (
        <path key={d} className="sparkline-line" d={d} />
      ))}
      <circle className="sparkline-dot" cx={x(lastIndex)} cy={y(last)} r={2.25} />
    </svg>
  );
}
