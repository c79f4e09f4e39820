export { cadenceFor, loadCadenceConfig } from './cadence';
export { scheduleImportedCheckIns, syncSaleCheckIns } from './checkins';
export { registerCare } from './cli';
export { careHandlers } from './handlers';
export { exportCalendar } from './ics';
export { dueNotifications } from './notifications';
export { notInFuture } from './references';
export { followUpTitle } from './wording';
