/**
 * Calendar arithmetic on business dates comes from shared/dates.ts (whole day numbers, no
 * Date and no time zone, so a DST change or a month end cannot shift a day).
 */
export { addDays, daysBetween, eachDay } from '../../shared/dates';
