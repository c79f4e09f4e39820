export { coachHandlers } from './handlers';
export type { CoachContext } from './handlers';
export { readReport } from './read';
export { coachSummaryCsv, coachSummaryHtml } from './summary';
export { registerCoach } from './cli';
