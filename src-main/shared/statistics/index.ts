/**
 * The statistics every feature shares, each written once: a seeded random source, order
 * statistics (median, quantile), and intervals for a success rate (Wilson score, Beta
 * posterior). Pure functions on plain numbers, usable on both sides of the process boundary.
 */
export { seededRandom } from './random';
export { median, medianOfCounts, quantile } from './order';
export {
  betaPosterior,
  betaQuantile,
  normalQuantile,
  probabilityBetter,
  regularizedBeta,
  wilsonInterval,
} from './proportions';
export type { Interval, RatePosterior } from './proportions';
