import type { ReactElement } from 'react';

/**
 * A rate's 95% interval on a 0–100% track: the band from low to high, a mark at the rate and,
 * when given, a thin line at the baseline. Decoration only: the numbers are said next to it.
 */
export function IntervalBar({
  rate,
  low,
  high,
  baseline,
}: {
  rate: number;
  low: number;
  high: number;
  baseline: number | null;
}): ReactElement {
  const at = (share: number): string => `${Math.max(0, Math.min(1, share)) * 100}%`;
  return (
    <span className="interval-bar" aria-hidden="true">
      <span className="interval-band" style={{ left: at(low), width: `calc(${at(high)} - ${at(low)})` }} />
      {baseline !== null && <span className="interval-baseline" style={{ left: at(baseline) }} />}
      <span className="interval-rate" style={{ left: at(rate) }} />
    </span>
  );
}
