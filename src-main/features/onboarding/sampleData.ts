import type Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import { writeAlone } from '../../db/alone';
import { withInsertTriggersSuspended } from '../../db/bulkInsert';
import { PRAGMAS, refreshStatistics, type Connection } from '../../db/connection';
import type { DB } from '../../db/schema';
import { generateSampleCare, keepSampleBookTidy } from '../care';
import { generateSampleCatalog } from '../catalog';
import { generateSampleCustomers } from '../customers';
import { generateSampleExperiments } from '../experiments';
import { generateSampleGoals, generateSampleLearningGoal } from '../goals';
import { generateSampleJournal } from '../journal';
import { generateSampleLibrary } from '../library';
import { generateSampleSales } from '../sales';
import { generateSampleTraining } from '../training';
import { AppError } from '../../kernel/errors';
import { createSampleContext, type SampleContext } from '../../kernel/sampleContext';
import { isIsoDate } from '../../shared/dates';
import type { Language } from '../../shared/domain';
import { isCurrencyCode } from '../../shared/money';
import { sampleFlags, type SampleFlags } from './sampleRows';

/**
 * Sample data for "explore with sample data" and `rapport demo`: two busy years of one
 * independent seller, realistic enough that every screen has something to show (seasonal
 * revenue, loyal customers, techniques that work better than others), and deterministic
 * by seed so a bug seen on sample data can be reproduced row for row.
 *
 * Each feature generates its own part; this module picks the seed and the order. Determinism
 * holds for the same seed, end date, currency, clock and @faker-js/faker version (faker
 * supplies the names; every other draw comes from our own PRNG).
 */
export interface SampleOptions {
  sales: number;
  seed: number;
  /** Last day of the 24-month period, `YYYY-MM-DD`. */
  endDate: string;
  currency: string;
  /** The language of every text the sample writes (titles, names, notes); English unless given. */
  language?: Language;
}

/** Rows inserted by one run. Products and techniques that already existed are reused, not counted. */
export interface SampleCounts {
  customers: number;
  sales: number;
  products: number;
  techniques: number;
}

/**
 * The steps of a large sample, in order, which `rapport demo` reports as each begins: the sales
 * and their customers, their care history, the summaries and indexes made from them, the
 * follow-ups tidied, and the rest (goals, journal, experiments, library).
 */
export type SampleStep = 'sales' | 'care' | 'summaries' | 'tidy' | 'rest';

/** Far above any real seller; keeps a typo (`--sales 1e9`) from filling the disk. */
export const MAX_SAMPLE_SALES = 1_000_000;

function validate(options: SampleOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.sales) || options.sales < 0 || options.sales > MAX_SAMPLE_SALES)
    problems.push(`the number of sales must be a whole number from 0 to ${MAX_SAMPLE_SALES}`);
  if (!Number.isSafeInteger(options.seed)) problems.push('the seed must be a whole number');
  if (!isIsoDate(options.endDate)) problems.push('the end date must be a real day written YYYY-MM-DD');
  if (!isCurrencyCode(options.currency)) problems.push('the currency must be an ISO 4217 code such as EUR');
  if (problems.length > 0) throw new AppError('invalid_input', `Cannot generate sample data: ${problems.join('; ')}.`);
}

/**
 * Inserts sample products, techniques, training notes, customers, sales, care history, goals, journal entries,
 * experiments and a learning library (with a learning goal). Runs inside
 * the caller's transaction (it opens none), so a failure leaves nothing half-written; `sqlite`
 * is the connection that transaction runs on, which the bulk of the rows is streamed through.
 *
 * The steps draw from one random stream in turn, so their order is part of the output:
 * changing it changes every row after it.
 */
export async function generateSampleData(
  db: Kysely<DB>,
  sqlite: Database.Database,
  options: SampleOptions,
  now: Date,
  onStep: (step: SampleStep) => void = () => undefined,
): Promise<SampleCounts> {
  validate(options);
  // Flagged, so that "remove sample data" can find exactly these rows again.
  const flags = await sampleFlags(db);
  const counts = await generateFlagged(
    db,
    await createSampleContext(options, now, sqlite),
    options.sales,
    onStep,
    flags,
  );
  await flags.flag();
  return counts;
}

/**
 * `rapport demo`: the sample in a transaction of its own on `store`. Its indexes are made anew
 * at its end (db/bulkInsert.ts), and sorting a million rows' keys in memory (temp_store MEMORY,
 * db/connection.ts) took 120 MB more than the rest of the run at its peak: meanwhile SQLite's
 * temporary files go to disk. Once it has committed, the planner's statistics are brought up to
 * date (db/connection.ts refreshStatistics), so the next open does not do it on the window's time.
 *
 * Foreign keys are not checked meanwhile: the generator writes only new rows, whose references
 * it numbered itself (test/onboarding checks them with foreign_key_check), and at a million
 * sales checking them looked up a customer at random for every sale, check-in and conversation:
 * the inserts took about 13 s more CPU, a tenth of the run. Its CHECK constraints are not
 * evaluated either: a date's pattern, a status's list, a rating's range, for each of the
 * 5.5 million rows of a million-sale book, cost their inserts a third of their time (test/onboarding
 * runs integrity_check, which evaluates them all, on demo books). Both are set around the
 * transaction (foreign_keys can change only outside one).
 *
 * SQLite's sorts (the index rebuilds' above all) use a helper thread per core meanwhile: at a
 * million sales, rebuilding the largest indexes took a quarter to a third less time. On a store
 * opened alone (OpenOptions.alone: the CLI's, the bench's), the file is written with a rollback
 * journal instead of the WAL (db/alone.ts).
 */
export async function generateDemo(
  store: Connection,
  options: SampleOptions,
  now: Date,
  onStep?: (step: SampleStep) => void,
): Promise<SampleCounts> {
  store.sqlite.pragma('temp_store = FILE');
  store.sqlite.pragma(`threads = ${availableParallelism()}`);
  store.sqlite.pragma('foreign_keys = OFF');
  store.sqlite.pragma('ignore_check_constraints = ON');
  let counts: SampleCounts;
  try {
    counts = await writeAlone(store.sqlite, () =>
      store.db.transaction().execute((trx) => generateSampleData(trx, store.sqlite, options, now, onStep)),
    );
  } finally {
    store.sqlite.pragma(`foreign_keys = ${PRAGMAS.foreign_keys}`);
    store.sqlite.pragma('ignore_check_constraints = OFF');
    store.sqlite.pragma(`temp_store = ${PRAGMAS.temp_store}`);
    store.sqlite.pragma('threads = 0');
  }
  refreshStatistics(store.sqlite);
  return counts;
}

/**
 * The indexes the bulk write keeps (db/bulkInsert.ts) instead of making them anew from a scan of
 * their table: partial ones it puts no row or only a few rows in (sample rows come from no
 * import and are never archived; only the last days' check-ins and complaints, a twelfth of the
 * check-ins, are still pending or open). Keeping those that take every row, even in key order,
 * cost the inserts more than making them anew (at 200,000 sales, 0.85 s more, 0.7 s less).
 */
const KEPT_INDEXES = [
  ...['customers_external_id', 'customers_import_batch', 'customers_archived'],
  ...['sales_external_id', 'sales_fingerprint', 'sales_import_batch'],
  ...['check_ins_pending', 'check_ins_pending_customer', 'complaints_active'],
];

/** The sample's rows, flagged by `flags` but for those written since its last call. */
async function generateFlagged(
  db: Kysely<DB>,
  ctx: SampleContext,
  count: number,
  onStep: (step: SampleStep) => void,
  flags: SampleFlags,
): Promise<SampleCounts> {
  // The catalogue first: the deals are of its products and techniques.
  const catalog = await generateSampleCatalog(db, ctx);
  const counts: SampleCounts = { customers: 0, sales: 0, ...catalog.added };
  // What the seller knows about the products and the kinds of customers; draws nothing.
  await generateSampleTraining(db, ctx, catalog);
  if (count === 0) return counts;
  await flags.flag();

  // The bulk of the book, streamed: the summary tables and the search index take its rows in
  // one pass at its end.
  // Only their numbers are kept: the arrays the care step read are let go before the steps below.
  const written = await withInsertTriggersSuspended(
    db,
    ctx.sqlite,
    async () => {
      onStep('sales');
      // The customers are drawn inside the sales step, between the deals' dates and their details,
      // and inserted once their deals say when each first got in touch.
      const book = await generateSampleSales(db, ctx, {
        catalog,
        count,
        customers: (deals) => generateSampleCustomers(db, ctx, deals),
      });
      // After the sale: check-ins, conversations and complaints, drawn last so the rows above
      // stay what they were before the care history existed.
      onStep('care');
      await generateSampleCare(db, ctx, book);
      // What comes next, as this returns: the indexes made anew and the summaries caught up.
      onStep('summaries');
      return { customers: book.customers.count, sales: book.sales.count, firstSaleId: book.sales.firstId };
    },
    // Every row it writes is of a customer it writes.
    { kept: KEPT_INDEXES, newCustomersOnly: true },
  );
  await flags.pass();
  // What a diligent seller has done by the end date, read from the follow-ups the book now shows.
  // Its calls (49,000 at a million sales) and snoozes, each for a customer it calls, are
  // inserted with the triggers suspended too: row by row each recomputed its customer's care
  // facts and due days and fed the search index, 2.7 s of the run; the catch-up does them at once.
  onStep('tidy');
  await withInsertTriggersSuspended(db, ctx.sqlite, () => keepSampleBookTidy(db, ctx), { kept: 'all' });
  onStep('rest');
  await generateSampleGoals(db, ctx);
  // The journal last: its entries are about the deals above, and its draws come after theirs.
  await generateSampleJournal(db, ctx, { catalog, firstSaleId: written.firstSaleId });
  // Experiments on the sample techniques, measured on the deals above; draws nothing.
  await generateSampleExperiments(db, ctx, catalog);
  // The learning library: what the seller read and watched, its takeaways tied to the techniques.
  await generateSampleLibrary(db, ctx, catalog.techniques);
  // A learning goal on the library's minutes, after them; draws nothing.
  await generateSampleLearningGoal(db, ctx);
  return { ...counts, customers: written.customers, sales: written.sales };
}
