import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { generateDemo } from '../../src-main/features/onboarding';
import { SAMPLE_OPTIONS } from '../helpers/sample';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { importFile, salesCsv, writeCsv } from '../imports/helpers';

/**
 * The bulk writers (the sample book, an import) bring the planner's statistics up to date once
 * they have committed, so the next open (the app's start, every CLI command) finds nothing
 * stale to analyse: at a million sales that analysis took about 240 ms of the first start.
 */

let t: TestStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** The planner's statistics of the tables a bulk write fills. */
const statistics = (sqlite: Database.Database) =>
  sqlite
    .prepare(
      "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ('sales', 'customers', 'check_ins') ORDER BY tbl, idx",
    )
    .all() as { tbl: string; idx: string; stat: string }[];

/** The statistics as the next open leaves them, after its own refresh. */
async function afterReopening(): Promise<unknown[]> {
  await t!.store.close();
  const reopened = await openDatabase(t!.file, { now: () => FIXED_NOW });
  try {
    return statistics(reopened.sqlite);
  } finally {
    await reopened.close();
  }
}

describe('the planner’s statistics after a bulk write', () => {
  it('are fresh once the sample book is written: the next open has nothing to analyse', async () => {
    t = await freshStore();
    await generateDemo(t.store, { ...SAMPLE_OPTIONS, sales: 400 }, FIXED_NOW);
    const fresh = statistics(t.store.sqlite);
    expect(fresh.filter((s) => s.tbl === 'sales').length).toBeGreaterThan(3);
    expect(fresh.find((s) => s.tbl === 'customers' && s.idx === 'customers_by_name')?.stat).toMatch(/^100 /);
    expect(await afterReopening()).toEqual(fresh);
  });

  it('are fresh once an import has committed: the next open has nothing to analyse', async () => {
    t = await freshStore();
    await importFile(t, writeCsv(t, 'many.csv', salesCsv(3000)));
    const fresh = statistics(t.store.sqlite);
    expect(fresh.filter((s) => s.tbl === 'sales').some((s) => s.stat.startsWith('3000 '))).toBe(true);
    expect(await afterReopening()).toEqual(fresh);
  });
});
