/**
 * The periods Home (and a report) shows and what they are compared with: the contract's schemas
 * are built from these. Without zod, so Home's screen can list them without carrying the schemas.
 */

/** The calendar week, month, quarter or year containing today, or a range. */
export const HOME_PERIODS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type HomePeriod = (typeof HOME_PERIODS)[number];
/** Compared with the period of the same length just before, or with the same dates a year earlier. */
export const HOME_COMPARISONS = ['previous', 'last_year'] as const;
