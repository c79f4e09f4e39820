export { scheduleImportedCheckIns, syncSaleCheckIns } from './checkins';
export { registerCare } from './cli';
export { careHandlers } from './handlers';
export { countFollowUps } from './followups';
export { dueNotifications } from './notifications';
export { notInFuture } from './references';
export { generateSampleCare, keepSampleBookTidy } from './sampleData';
export { followUpTitle } from './wording';
