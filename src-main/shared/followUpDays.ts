/**
 * The follow-ups' fixed numbers of days (features/care/contract.ts says what each means), here
 * without the contract's schemas: the database's kept due days (db/dueDays.ts) compute with
 * them, and the database layer is loaded before any feature.
 */

/** A reminder due within this many days of a pending check-in rides on it. */
export const MERGE_DAYS = 3;
/** Purchase days needed before a rhythm, and so a reorder, is expected. */
export const REORDER_MIN_PURCHASES = 3;
/** Rhythms without buying after which a customer has lapsed (no reorder expected). */
export const REORDER_LAPSED_FACTOR = 3;
