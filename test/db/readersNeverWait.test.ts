import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { api, CHANNELS, type Channel } from '../../src-main/shared/api';
import { caller } from '../helpers/caller';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { generateSample, one } from '../helpers/sample';

/**
 * Issue 15, point 5: readers never wait for a writer. While another process holds the write
 * lock (a long import in the app, `rapport import` in a terminal), every query a screen or a
 * command reads with answers at once from the last committed state — none of them may begin
 * a write transaction and queue behind it. The store's busy timeout is 0 here, so a query
 * that would wait fails at once with SQLITE_BUSY instead of after five seconds.
 */

const YEAR = { from: '2025-07-01', to: '2026-06-30' };

/** The input of each query that needs one (the others are called with nothing, or `{}`). */
function inputs(t: TestStore): Partial<Record<Channel, unknown>> {
  return {
    'stats.summary': YEAR,
    'customers.get': { id: 1 },
    'customers.duplicates': { name: 'Rossi', email: null },
    'sales.get': { id: 1 },
    'care.metrics': YEAR,
    'care.timeline': { customerId: 1 },
    'goals.get': { id: 1 },
    'goals.values.list': { goalId: 1 },
    'techniques.get': { id: 1 },
    'techniques.stats': YEAR,
    'techniques.segments': YEAR,
    'techniques.usage': YEAR,
    'journal.get': { id: 1 },
    'search.query': { text: 'rossi' },
    'experiments.get': { id: 1 },
    'library.get': { id: 1 },
    'training.get': { id: 1 },
    'training.forSale': { saleId: 1 },
    'report.build': YEAR,
    'report.preview': { options: YEAR },
    'data.export': { kind: 'sales', path: join(t.dir, 'sales.csv') },
    'data.backup': { path: join(t.dir, 'backup.sqlite') },
  };
}

/**
 * Queries that are not a screen's read, each for its reason. They are the user's own actions:
 * when another process holds the database they wait for it like any save, then say who holds it.
 */
const NOT_READS: Partial<Record<Channel, string>> = {
  'data.restore': 'replaces the database',
  'data.backups.restore': 'replaces the database',
  'dialog.saveFile': 'opens a dialog',
  'dialog.openFile': 'opens a dialog',
  'library.pick': 'opens a dialog',
  'library.open': 'opens a file in another program',
  'import.preview': 'reads a file the user picked',
  'import.mappings.save': 'saves a mapping the user named',
  'report.save': 'writes a file and records it in the export log',
  'care.ics.export': 'writes a file and records it in the calendar ledger',
  'coach.export': 'writes a file',
};

describe('readers never wait for a writer', () => {
  let t: TestStore;
  let writer: Database.Database;

  beforeAll(async () => {
    t = await freshStore();
    await generateSample(t, { sales: 400 });
    // Goals with periods already closed: looking at them records their results (bookkeeping).
    const call = caller(t);
    await call('goals.create', {
      title: 'Deals each month',
      metric: 'deals_won',
      target: 20,
      period: { kind: 'recurring', every: 'monthly', since: '2025-01-01' },
    });
    t.store.sqlite.pragma('busy_timeout = 0');
    writer = new Database(t.file);
    writer.exec('BEGIN IMMEDIATE');
    writer.exec(
      "INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('Uncommitted', 'uncommitted', '2026-06-15', '2026-06-15')",
    );
  }, 60_000);

  afterAll(async () => {
    writer.exec('ROLLBACK');
    writer.close();
    await t.cleanup();
  });

  const reads = CHANNELS.filter((c) => api[c].writes.length === 0 && !(c in NOT_READS));

  it.each(reads)('%s answers while another process holds the write lock', async (channel) => {
    const input = inputs(t)[channel] ?? (api[channel].input.safeParse(undefined).success ? undefined : {});
    const handler = t.handlers[channel] as (input: unknown) => Promise<unknown>;
    const reply = api[channel].output.parse(await handler(api[channel].input.parse(input)));
    expect(reply).toBeDefined();
  });

  it('reads the last committed state, not the writer’s', () => {
    expect(one(t, "SELECT count(*) FROM customers WHERE name = 'Uncommitted'")).toBe(0);
  });
});

describe('the bookkeeping a look does waits for no one', () => {
  it('records closed periods and nudges when the database is free, and says it did not while another process wrote', async () => {
    const t = await freshStore();
    try {
      await generateSample(t, { sales: 400 });
      const call = caller(t);
      const { id } = await call('goals.create', {
        title: 'Deals each month',
        metric: 'deals_won',
        target: 40,
        period: { kind: 'recurring', every: 'monthly', since: '2026-01-01' },
      });
      t.store.sqlite.pragma('busy_timeout = 0');
      const writer = new Database(t.file);
      writer.exec('BEGIN IMMEDIATE');
      writer.exec("UPDATE settings SET value = value WHERE key = 'language'");

      const busy = await call('goals.get', { id });
      expect(busy.history.periods.length).toBe(5); // January to May, seen on 15 June
      expect(busy.history.periods.every((p) => p.atClose.recordedAt === null)).toBe(true);
      expect(one(t, 'SELECT count(*) FROM goal_period_results')).toBe(0);
      // A nudge is given only once it is in the ledger (at most one a day): none while busy.
      expect((await call('goals.nudges', {})).items).toEqual([]);

      writer.exec('ROLLBACK');
      writer.close();
      const free = await call('goals.get', { id });
      expect(free.history.periods.every((p) => p.atClose.recordedAt === FIXED_NOW.toISOString())).toBe(true);
      expect(one(t, 'SELECT count(*) FROM goal_period_results')).toBe(5);
      expect((await call('goals.nudges', {})).items.map((i) => i.goalId)).toContain(id);
      expect((await call('goals.nudges', {})).items).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
