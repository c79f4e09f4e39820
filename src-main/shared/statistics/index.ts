/**
 * The statistics every feature shares, each written once: a seeded random source, the
 * median. Pure functions on plain numbers, usable on both sides of the process boundary.
 */
export { seededRandom } from './random';

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
