import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileIdentity, openDatabase } from '../../src-main/db/connection';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { SaleInput as SaleSchema } from '../../src-main/features/sales/contract';
import { AppError } from '../../src-main/kernel/errors';
import { dispatch } from '../../src-main/ipc/register';
import { translator } from '../../src-main/shared/locales/translate';
import { ROOT } from '../cli/helpers';
import { FIXED_NOW, freshStore, tempDir, type TestStore } from '../helpers/store';
import { asyncRefusal } from '../helpers/words';
import { sampleDatabase } from '../exchange/backupFixtures';

/**
 * Issue 15, point 1, the writer's side: a connection that opened a database file a restore
 * then replaced must never commit into the file swapped away (the sale would be reported as
 * saved and be nowhere). Every write checks, once it holds the write lock, that the path still
 * names its file; an open that waited for a restore's lock opens the new file instead.
 */

const sales = (file: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  } finally {
    db.close();
  }
};

const products = (file: string, name: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare('SELECT count(*) FROM products WHERE name = ?').pluck().get(name) as number;
  } finally {
    db.close();
  }
};

describe('a store whose database file was replaced', () => {
  let t: TestStore;
  let customerId: number;
  let replacement: string;
  beforeEach(async () => {
    t = await freshStore();
    customerId = (await t.handlers['customers.create'](CustomerInput.parse({ name: 'Acme S.r.l.', tags: [] }))).id;
    // Another database renamed over the path while the store has it open, as a restore does,
    // here without the restore's lock (a sync tool, a file manager). The old file's -wal and
    // -shm are removed by name, as the restore does: left there, they would be read as the new
    // file's (SQLite does not checkpoint or delete them when a moved file's connection closes).
    // The new file is read only once the store is closed.
    replacement = join(t.dir, 'replacement.sqlite');
    await sampleDatabase(replacement, 3);
    renameSync(replacement, t.file);
    for (const suffix of ['-wal', '-shm']) rmSync(t.file + suffix);
  });
  afterEach(() => t.cleanup());

  const sale = () =>
    SaleSchema.parse({
      title: 'Annual plan',
      customerId,
      amountMinor: 120_000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-03-01',
      closedOn: '2026-03-10',
    });

  it('refuses a write transaction with failures.swap.replaced (the IPC envelope), and nothing reaches either file', async () => {
    const reply = await dispatch(t.handlers, 'sales.create', sale(), () => undefined);
    expect(reply).toEqual({ ok: false, error: { code: 'conflict', message: 'failures.swap.replaced' } });
    expect(t.store.sqlite.inTransaction).toBe(false);
    // The file swapped away, read through the store's own connection, and the new one.
    expect(t.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(0);
    await t.store.close();
    expect(sales(t.file)).toBe(3);
  });

  it('refuses a write outside a transaction too', async () => {
    const insert = t.store.db
      .insertInto('products')
      .values({ name: 'Ghost', currency: 'EUR', created_at: 'x' })
      .execute();
    await expect(insert).rejects.toEqual(new AppError('conflict', 'failures.swap.replaced'));
    expect(t.store.sqlite.inTransaction).toBe(false);
    expect(t.store.sqlite.prepare("SELECT count(*) FROM products WHERE name = 'Ghost'").pluck().get()).toBe(0);
    await t.store.close();
    expect(products(t.file, 'Ghost')).toBe(0);
  });

  it('says so in words, in English and Italian', async () => {
    expect(await asyncRefusal(() => t.handlers['sales.create'](sale()))).toBe(
      'The database was replaced by a restore while this was being saved: nothing was saved. Try again.',
    );
    expect(translator('it')('failures.swap.replaced')).toBe(
      'Il database è stato sostituito da un ripristino durante il salvataggio: non è stato salvato nulla. Riprova.',
    );
  });

  it('still reads (the old data, until it is reopened), and a reopened store writes to the new file', async () => {
    expect(await t.store.db.selectFrom('customers').select('name').execute()).toEqual([{ name: 'Acme S.r.l.' }]);
    await t.store.close();
    const reopened = await openDatabase(t.file, { now: () => FIXED_NOW });
    try {
      await reopened.db
        .transaction()
        .execute((trx) =>
          trx.insertInto('products').values({ name: 'After', currency: 'EUR', created_at: 'x' }).execute(),
        );
    } finally {
      await reopened.close();
    }
    expect(products(t.file, 'After')).toBe(1);
    expect(sales(t.file)).toBe(3);
  });
});

describe('opening while a restore holds the database', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('waits for it, then opens the file the restore swapped in, not the one it swapped away', async () => {
    const file = join(dir, 'rapport.sqlite');
    await sampleDatabase(file, 2);
    const staged = join(dir, 'staged.sqlite');
    await sampleDatabase(staged, 7, 3);

    // What swapInStaged does: one connection holds the database exclusively (leaving WAL).
    const held = new Database(file, { fileMustExist: true });
    held.pragma('locking_mode = EXCLUSIVE');
    expect(held.pragma('journal_mode = PERSIST', { simple: true })).toBe('persist');
    held.exec('BEGIN EXCLUSIVE; COMMIT');
    const swappedAway = fileIdentity(file);

    // A child opens the database (it waits for the lock) and adds a product.
    const script = `
      import { openDatabase, fileIdentity } from ${JSON.stringify(join(ROOT, 'src-main/db/connection.ts'))};
      process.stdout.write('opening\\n');
      const store = await openDatabase(${JSON.stringify(file)});
      const sales = store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get();
      await store.db.insertInto('products').values({ name: 'Child', currency: 'EUR', created_at: 'x' }).execute();
      await store.close();
      process.stdout.write(JSON.stringify({ sales }) + '\\n');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('opening')) resolve();
      }),
    );
    // Give it a moment to reach the lock (had it not, it opens the new file anyway).
    await new Promise((resolve) => setTimeout(resolve, 300));
    renameSync(staged, file);
    held.close();

    expect({ code: await exited, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out.split('\n')[1]!)).toEqual({ sales: 7 });
    expect(fileIdentity(file)).not.toBe(swappedAway);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM products WHERE name = 'Child'").pluck().get()).toBe(1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 30_000);
});
