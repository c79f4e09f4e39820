export { careMetrics } from './care';
export { registerStats } from './cli';
export { CARE_METRICS, LEARNING_METRICS } from './definitions';
export { valuesBetween } from './facts';
export type { GoalFilterValues } from './facts';
export { loadSeries } from './goals';
export { metricsHandlers } from './handlers';
export { readMetrics, shown } from './definitions';
export type { MetricName, MetricReader } from './definitions';
export { learningProgress, openPipeline, PIPELINE_STAGES, revenueSplit, topTechniques } from './periods';
export type { PipelineStage } from './periods';
export { customerSatisfaction, periodLearning, periodStats } from './stats';
export type { LearningTotals } from './stats';
export {
  effectiveness,
  techniqueEffectiveness,
  techniqueSegments,
  techniqueUsage,
  WHAT_WORKS_MINIMUM,
  WHAT_WORKS_PRIOR,
} from './techniques';
export type { TechniqueQuery } from './techniques';
