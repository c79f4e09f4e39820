/**
 * The child of the crash harness (test/helpers/crash.ts), run as
 * `node --import tsx crashChild.ts <database> <csv file> <backup file> <tag>`, or without
 * arguments: then it loads, prints `ready` and reads them, tab-separated, from its first stdin
 * line (the harness starts the next child while it checks the last; stdin closed with no line
 * ends it).
 *
 * One life of the app through its real services: open the database (migrating it when it is
 * older), import a CSV, add sales, back up, add sales, restore that backup, open again and add
 * a sale. Before each step it prints `begin <operation>`, and after each step has committed
 * `ack <operation> …`, written synchronously to the pipe so that an ack the parent reads is a
 * write that was reported as saved. The parent SIGKILLs it somewhere in between.
 */
import Database from 'better-sqlite3';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openDatabase, type Store } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { backupDatabase, restoreDatabase } from '../../src-main/features/exchange/backup';
import { runImport } from '../../src-main/features/imports/engine';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { createSale } from '../../src-main/features/sales/service';

let dbFile = '';
let csvFile = '';
let backupFile = '';
let tag = '';

async function argumentsOf(): Promise<string[] | null> {
  if (process.argv.length > 2) return process.argv.slice(2);
  for await (const line of createInterface({ input: process.stdin })) return line.split('\t');
  return null;
}

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

function versionOf(file: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } finally {
    sqlite.close();
  }
}

async function open(): Promise<Store> {
  say(versionOf(dbFile) < LATEST_VERSION ? 'begin migrate' : 'begin open');
  const store = await openDatabase(dbFile);
  say('ack open');
  return store;
}

let sales = 0;
async function addSale(store: Store): Promise<void> {
  const title = `s${tag}-${++sales}`;
  const entry = SaleEntry.parse({
    title,
    newCustomer: { name: `Crash ${tag}-${sales}`, email: null, company: null },
    amountMinor: 1000 + sales,
    currency: 'EUR',
    status: 'won',
    openedOn: '2026-05-01',
    closedOn: '2026-05-02',
    satisfaction: 4,
  });
  say('begin sale');
  await store.db.transaction().execute((trx) => createSale(trx, entry, new Date()));
  say(`ack sale ${title}`);
}

async function main(): Promise<void> {
  say('ready');
  const args = await argumentsOf();
  if (!args) return;
  [dbFile = '', csvFile = '', backupFile = '', tag = ''] = args;
  let store = await open();

  say('begin import');
  const imported = await runImport(store, {
    path: csvFile,
    kind: 'sales',
    options: {},
    skipInvalid: false,
    dryRun: false,
    defaultCurrency: 'EUR',
    now: new Date(),
  });
  say(`ack import ${imported.batch_id} ${imported.inserted}`);

  for (let i = 0; i < 3; i++) await addSale(store);

  say('begin backup');
  await backupDatabase(store.db, store.sqlite, backupFile);
  say(`ack backup ${backupFile}`);

  for (let i = 0; i < 3; i++) await addSale(store);

  say('begin restore');
  await store.close();
  await restoreDatabase(dbFile, backupFile, new Date());
  say(`ack restore ${backupFile}`);

  store = await open();
  for (let i = 0; i < 3; i++) await addSale(store);
  await store.close();
  say('done');
}

main().catch((error: unknown) => {
  say(`error ${(error as Error).stack ?? String(error)}`.replace(/\n/g, ' | '));
  process.exit(1);
});
