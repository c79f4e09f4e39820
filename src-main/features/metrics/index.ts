export { careMetrics } from './care';
export { registerStats } from './cli';
export { CARE_METRICS, loadSeries } from './goals';
export { valuesBetween } from './goalsRepository';
export type { GoalFilterValues } from './goalsRepository';
export { metricsHandlers } from './handlers';
