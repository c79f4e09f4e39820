import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { busyError, holderPathFor } from '../../src-main/db/holder';
import { AppError } from '../../src-main/kernel/errors';
import { FIXED_NOW, storeForEachTest, testHandlers } from '../helpers/store';
import { contentHash, importFile, paused, previewFile, salesCsv, writeCsv } from '../imports/helpers';
import { ImportCancelled } from '../../src-main/features/imports/engine';
import { expectSalesFactsRecomputed } from '../metrics/salesFactsCheck';
import { ensureCliBuilt, sandbox } from '../cli/helpers';
import { caller } from '../helpers/caller';

/**
 * Issue 15, point 5: a write that cannot get the database because a long writer holds it says
 * who holds it, since when and what to do — in words, in the app and the CLI — instead of
 * "database is locked". And an import no longer is such a writer: it commits in steps, and the
 * seller's saves go in between.
 */

/** An import of `rows` sales that stops after a step and waits, between steps, until released. */
function heldImport(t: ReturnType<typeof storeForEachTest>, rows: number) {
  const pause = paused();
  const done = importFile(t, writeCsv(t, 'crm-export.csv', salesCsv(rows)), pause.pacing);
  return { ...pause, done };
}

/**
 * The import wizard's preview of `rows` sales (a dry run: one transaction, rolled back) that
 * stops after its first chunk and holds the database until released.
 */
function heldPreview(t: ReturnType<typeof storeForEachTest>, rows: number) {
  const pause = paused();
  const done = previewFile(t, writeCsv(t, 'crm-export.csv', salesCsv(rows)), pause.pacing);
  return { ...pause, done };
}

describe('who holds the database', () => {
  const t = storeForEachTest();

  it('a write refused while an import holds the database names the import, its start and its process; the note goes with it', async () => {
    const importing = heldPreview(t, 5_000);
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
    expect((await importing.done).counts.insert).toBe(5_000);
    expect(existsSync(holderPathFor(t.file))).toBe(false);
  });

  it('the CLI says it in words and saves nothing', async () => {
    ensureCliBuilt();
    const box = sandbox();
    try {
      const importing = heldPreview(t, 5_000);
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

describe('an import written in steps', () => {
  const t = storeForEachTest();
  const customers = (name: string): number =>
    t.store.sqlite.prepare('SELECT count(*) FROM customers WHERE name = ?').pluck().get(name) as number;

  it('holds up no screen: queries answer while it writes, and its figures count once it is whole', async () => {
    await importFile(t, writeCsv(t, 'first.csv', salesCsv(30)));
    const importing = heldImport(t, 5_000);
    await importing.holding;
    // Between two steps: the lists answer at once; the summaries count the batch only when whole.
    expect((await caller(t)('sales.list', {})).total).toBeGreaterThan(30);
    expect((await caller(t)('stats.summary', { from: '2026-03-01', to: '2026-03-31' })).deals_won).toBe(20);
    importing.release();
    const { inserted } = await importing.done;
    expect(inserted).toBeGreaterThan(4_900);
    expect((await caller(t)('sales.list', {})).total).toBe(30 + inserted);
    await expectSalesFactsRecomputed(t.store.sqlite, t.store.db, 'the import');
  });

  it("the seller's own saves go in between its steps, in this process and from another", async () => {
    const importing = heldImport(t, 5_000);
    await importing.holding;
    // In the app: the sale form's save is answered while the import still runs.
    const sale = await caller(t)('sales.create', {
      title: 'Saved during the import',
      newCustomer: { name: 'Ada Neri' },
      amountMinor: 45_000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-02',
    });
    // From another process's connection, without waiting at all.
    const other = await openDatabase(t.file);
    try {
      other.sqlite.pragma('busy_timeout = 0');
      await caller({ ...t, store: other, handlers: testHandlers(other) })('customers.create', { name: 'Bea Conti' });
    } finally {
      await other.close();
    }
    importing.release();
    expect((await importing.done).inserted).toBe(5_000);
    expect((await caller(t)('sales.get', { id: sale.id })).title).toBe('Saved during the import');
    expect(customers('Bea Conti')).toBe(1);
    await expectSalesFactsRecomputed(t.store.sqlite, t.store.db, 'an import with saves in between');
  });

  it("a cancel after some steps takes them back; the seller's sale saved meanwhile stays, with the imported customer it went to", async () => {
    await importFile(t, writeCsv(t, 'first.csv', salesCsv(30)));
    const before = contentHash(t.store.sqlite);
    const controller = new AbortController();
    const pause = paused();
    // New customers, products and a technique, so that the takeback has each kind to remove.
    const lines = ['Date,Customer,Email,Amount,Currency,Status,Product,Technique'];
    for (let i = 1; i <= 5_000; i++)
      lines.push(
        `2026-04-${String((i % 28) + 1).padStart(2, '0')},Late ${i % 60},late${i % 60}@example.com,${i}.50,EUR,won,Late plan ${i % 3},Late pitch`,
      );
    const done = importFile(t, writeCsv(t, 'crm-export.csv', `${lines.join('\n')}\n`), {
      ...pause.pacing,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await pause.holding;
    const imported = t.store.sqlite
      .prepare("SELECT id, name FROM customers WHERE import_batch_id IS NOT NULL AND name LIKE 'Late%' LIMIT 1")
      .get() as { id: number; name: string };
    const sale = await caller(t)('sales.create', {
      title: 'Sold to an imported customer',
      customerId: imported.id,
      amountMinor: 9_900,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-03',
    });
    controller.abort();
    pause.release();
    expect(await done).toBeInstanceOf(ImportCancelled);
    // Nothing of the import is left but the customer the seller sold to, now an ordinary one.
    const left = t.store.sqlite
      .prepare(
        "SELECT count(*) FROM sales WHERE title LIKE 'Late%' OR import_batch_id IN (SELECT id FROM import_batches WHERE running_pid IS NOT NULL)",
      )
      .pluck()
      .get();
    expect(left).toBe(0);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(1);
    expect(t.store.sqlite.prepare('SELECT import_batch_id FROM customers WHERE id = ?').get(imported.id)).toEqual({
      import_batch_id: null,
    });
    expect(t.store.sqlite.prepare("SELECT count(*) FROM customers WHERE name LIKE 'Late%'").pluck().get()).toBe(1);
    expect((await caller(t)('sales.get', { id: sale.id })).customerId).toBe(imported.id);
    await expectSalesFactsRecomputed(t.store.sqlite, t.store.db, 'a cancelled import');
    // Without the seller's sale and its customer, the database is as before the import.
    await caller(t)('sales.delete', { id: sale.id });
    t.store.sqlite.prepare('DELETE FROM customers WHERE id = ?').run(imported.id);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });
});
