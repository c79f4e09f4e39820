export { dayNumber, isoFromDayNumber, weekdayOf } from './calendar';
export { registerGoals } from './cli';
export { FORECAST_DEFAULTS, forecastGoal } from './forecast';
export { goalsHandlers } from './handlers';
export { goalJson, type GoalJson } from './json';
export { goalStatuses, homeGoals, pollNudges } from './overview';
export type { RevenuePace } from './overview';
export { generateSampleGoals, generateSampleLearningGoal } from './sampleData';
