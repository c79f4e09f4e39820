/**
 * The sample data's size and seed, without the generator (sampleData.ts, which loads every
 * feature): what `rapport demo --help` shows before anything else is loaded.
 */

/** Size of the "explore with sample data" dataset: a couple of busy years for one seller. */
export const SAMPLE_SALES = 1500;
/** Its seed, and `rapport demo`'s default one. */
export const SAMPLE_SEED = 42;
