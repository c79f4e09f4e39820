/** Order statistics of plain number lists. */

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median of values given as [value, how many times] pairs with a positive total: median()
 * of the list they make, without making it (a year of closing times is ~100,000 values, a few
 * hundred distinct).
 */
export function medianOfCounts(counts: readonly (readonly [value: number, count: number])[]): number {
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, count]) => n + count, 0);
  // The value at 0-based position k of the sorted list.
  const at = (k: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) if ((seen += count) > k) return value;
    return Number.NaN;
  };
  const mid = Math.floor(total / 2);
  return total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * The `p` quantile (0–1) of values sorted ascending, by linear interpolation between order
 * statistics (R's type 7, the default of R and NumPy). NaNs, which a typed array sorts last,
 * are skipped; NaN when nothing is left. Takes the list already sorted because the forecast
 * asks several quantiles of one sorted sample per day.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  let m = sorted.length;
  while (m > 0 && Number.isNaN(sorted[m - 1]!)) m--;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(m - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
