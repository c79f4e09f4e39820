/**
 * The index of the first item of an ascending list whose key is at or after `target` (the
 * list's length when there is none): a binary search, for lists read again and again.
 */
export function lowerBound<T, K extends number | string>(
  items: readonly T[],
  target: K,
  keyOf: (item: T) => K = (item) => item as unknown as K,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
