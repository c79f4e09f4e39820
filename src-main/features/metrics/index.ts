export { careMetrics } from './care';
export { registerStats } from './cli';
export { CARE_METRICS } from './definitions';
export { valuesBetween } from './facts';
export type { GoalFilterValues } from './facts';
export { loadSeries } from './goals';
export { metricsHandlers } from './handlers';
export { customerSatisfaction } from './stats';
