import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { busyError, holderPathFor } from '../../src-main/db/holder';
import { AppError } from '../../src-main/kernel/errors';
import { FIXED_NOW, storeForEachTest, testHandlers } from '../helpers/store';
import { importFile, salesCsv, writeCsv } from '../imports/helpers';
import { ensureCliBuilt, sandbox } from '../cli/helpers';
import { caller } from '../helpers/caller';

/**
 * Issue 15, point 5: a write that cannot get the database because a long writer holds it says
 * who holds it, since when and what to do — in words, in the app and the CLI — instead of
 * "database is locked".
 */

/** An import of `rows` sales that stops after its first chunk and holds the database until released. */
function heldImport(t: ReturnType<typeof storeForEachTest>, rows: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const holding = new Promise<void>((resolve) => (reached = resolve));
  const done = importFile(t, writeCsv(t, 'crm-export.csv', salesCsv(rows)), {
    onProgress: () => undefined,
    progressIntervalMs: 0,
    afterProgress: async () => {
      reached();
      await released;
    },
  });
  return { holding, release, done };
}

describe('who holds the database', () => {
  const t = storeForEachTest();

  it('a write refused while an import holds the database names the import, its start and its process; the note goes with it', async () => {
    const importing = heldImport(t, 5_000);
    await importing.holding;
    expect(existsSync(holderPathFor(t.file))).toBe(true);

    const other = await openDatabase(t.file);
    try {
      other.sqlite.pragma('busy_timeout = 50');
      const refused = await caller({ ...t, store: other, handlers: testHandlers(other) })('customers.create', {
        name: 'Ada Neri',
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({
        code: 'conflict',
        message: 'failures.databaseHeld.import',
        values: { name: 'crm-export.csv', since: format(FIXED_NOW, 'HH:mm'), pid: process.pid },
      });
    } finally {
      await other.close();
    }
    importing.release();
    expect((await importing.done).inserted).toBe(5_000);
    expect(existsSync(holderPathFor(t.file))).toBe(false);
  });

  it('the CLI says it in words and saves nothing', async () => {
    ensureCliBuilt();
    const box = sandbox();
    try {
      const importing = heldImport(t, 5_000);
      await importing.holding;
      // spawnSync: this process (and its held import) waits while the command runs.
      const sale = 'sales add --customer Ada --amount 12.50 --status won --date 2026-06-01'.split(' ');
      const result = box.run(['--db', t.file, ...sale], { RAPPORT_LANG: 'en' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('an import of “crm-export.csv”');
      expect(result.stderr).toContain(`process ${process.pid}`);
      expect(result.stderr).toContain('Nothing was saved');
      expect(result.stderr).not.toMatch(/locked/i);
      importing.release();
      await importing.done;
      expect(t.store.sqlite.prepare("SELECT count(*) FROM customers WHERE name = 'Ada'").pluck().get()).toBe(0);
    } finally {
      box.cleanup();
    }
  }, 30_000);

  it('a note left by a killed writer is ignored, and removed at the next open', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const note = { pid: deadPid, work: 'import', name: 'old.csv', since: FIXED_NOW.toISOString() };
    writeFileSync(holderPathFor(t.file), JSON.stringify(note));
    expect(busyError(t.file).message).toBe('failures.databaseBusy');
    const reopened = await openDatabase(t.file);
    await reopened.close();
    expect(existsSync(holderPathFor(t.file))).toBe(false);
  });

  it('a note that is not ours, or not whole, is never believed', () => {
    writeFileSync(holderPathFor(t.file), '{"pid": 1, "work": "imp');
    expect(busyError(t.file).message).toBe('failures.databaseBusy');
    writeFileSync(
      holderPathFor(t.file),
      JSON.stringify({ pid: process.pid, work: 'rm -rf', name: 'x', since: 'soon' }),
    );
    expect(busyError(t.file).message).toBe('failures.databaseBusy');
  });
});

describe('an import in this same process', () => {
  const t = storeForEachTest();

  it('holds up no screen: queries read on their own connection while it writes, and see its rows once it commits', async () => {
    await importFile(t, writeCsv(t, 'first.csv', salesCsv(30)));
    const importing = heldImport(t, 5_000);
    await importing.holding;
    // Before, every query waited on the import's transaction (kysely runs one per connection).
    const list = await caller(t)('sales.list', {});
    expect(list.total).toBe(30);
    expect((await caller(t)('stats.summary', { from: '2026-03-01', to: '2026-03-31' })).deals_won).toBe(20);
    importing.release();
    const { inserted } = await importing.done;
    expect(inserted).toBeGreaterThan(4_900);
    expect((await caller(t)('sales.list', {})).total).toBe(30 + inserted);
  });
});
