import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/connection';
import { createCustomer } from '../../src-main/features/customers/service';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { exportCsv } from '../../src-main/features/exchange/export';
import type { ImportKind } from '../../src-main/features/imports/contract';
import { runImport } from '../../src-main/features/imports/engine';
import { recordNamedSale, type NamedSale } from '../../src-main/features/sales/service';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { decodeListCell, encodeListCell } from '../../src-main/shared/csvCells';
import { FIXED_NOW, storesPerTest, type TestStore } from '../helpers/store';
import { writeCsv } from '../imports/helpers';

/**
 * Issue 15, point 6: the four cases a tester found where export → import lost data, each on
 * its own, and what ids in an export mean when the database is not empty.
 */

const stores = storesPerTest();

const importInto = (store: Store, path: string, kind: ImportKind) =>
  runImport(store, {
    path,
    kind,
    options: {},
    skipInvalid: false,
    dryRun: false,
    defaultCurrency: 'EUR',
    now: FIXED_NOW,
  });

const WON = {
  amountMinor: 10_000,
  currency: 'EUR',
  status: 'won',
  stage: null,
  openedOn: '2026-03-01',
  closedOn: '2026-03-01',
  satisfaction: null,
  nps: null,
  lostReason: null,
  notes: null,
  product: null,
  techniques: [],
} as const;

function sale(t: TestStore, title: string, customer: NamedSale['customer'], extra: Partial<NamedSale> = {}) {
  return t.store.db
    .transaction()
    .execute((db) => recordNamedSale(db, { ...WON, title, customer, ...extra }, FIXED_NOW));
}

function customer(t: TestStore, input: CustomerInput) {
  return createCustomer(t.store.db, CustomerInput.parse(input), FIXED_NOW);
}

/** Exports both files of `from` and imports them, customers first, into `into`. */
async function roundTrip(from: TestStore, into: TestStore): Promise<void> {
  const customers = join(from.dir, 'customers.csv');
  const sales = join(from.dir, 'sales.csv');
  await exportCsv(from.store.db, 'customers', customers);
  await exportCsv(from.store.db, 'sales', sales);
  expect((await importInto(into.store, customers, 'customers')).errors).toEqual([]);
  expect((await importInto(into.store, sales, 'sales')).errors).toEqual([]);
}

const rows = (t: TestStore, sql: string): unknown[] => t.store.sqlite.prepare(sql).all();

/** Each sale with its customer's own row (not just its name): who bought what, exactly. */
const SALES_WITH_CUSTOMERS = `SELECT s.title, c.name, c.email, c.phone, c.tags,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM sale_techniques st
      JOIN techniques t ON t.id = st.technique_id WHERE st.sale_id = s.id ORDER BY t.name)) AS techniques
  FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.id`;

describe('export → import keeps what the tester lost', () => {
  it('a technique named `SPIN; Demo` comes back as one technique', async () => {
    const [from, into] = [await stores(), await stores()];
    await sale(from, 'Demo day', { name: 'Acme', email: null }, { techniques: ['SPIN; Demo', 'Closing'] });
    await roundTrip(from, into);
    expect(rows(into, 'SELECT name FROM techniques ORDER BY name')).toEqual([
      { name: 'Closing' },
      { name: 'SPIN; Demo' },
    ]);
    expect(rows(into, SALES_WITH_CUSTOMERS)).toEqual(rows(from, SALES_WITH_CUSTOMERS));
  });

  it('customer tags `a;b`, `c,d`, `e|f` come back whole, in their order', async () => {
    const [from, into] = [await stores(), await stores()];
    await customer(from, { name: 'Acme', tags: ['a;b', 'c,d', 'e|f', '[x]'] });
    const bianchi = await customer(from, { name: 'Bianchi', tags: ['[plain]', 'second'] });
    await sale(from, 'Bianchi deal', { id: bianchi.id });
    await roundTrip(from, into);
    expect(rows(into, 'SELECT name, tags FROM customers ORDER BY id')).toEqual([
      { name: 'Acme', tags: '["a;b","c,d","e|f","[x]"]' },
      { name: 'Bianchi', tags: '["[plain]","second"]' },
    ]);
  });

  it('two customers of the same name and no email come back as two, each with their own sales', async () => {
    const [from, into] = [await stores(), await stores()];
    const milan = await customer(from, { name: 'Mario Rossi', phone: '02 111' });
    const rome = await customer(from, { name: 'Mario Rossi', phone: '06 222' });
    // The second's sale first, so that matching in file order would swap them.
    await sale(from, 'Rome 1', { id: rome.id });
    await sale(from, 'Milan 1', { id: milan.id });
    await sale(from, 'Rome 2', { id: rome.id });
    await roundTrip(from, into);
    expect(rows(into, 'SELECT name, phone FROM customers ORDER BY id')).toEqual([
      { name: 'Mario Rossi', phone: '02 111' },
      { name: 'Mario Rossi', phone: '06 222' },
    ]);
    expect(rows(into, SALES_WITH_CUSTOMERS)).toEqual(rows(from, SALES_WITH_CUSTOMERS));
  });

  it('a sales file alone keeps two same-named customers apart by their customer_id', async () => {
    const [from, into] = [await stores(), await stores()];
    const a = await customer(from, { name: 'Mario Rossi' });
    const b = await customer(from, { name: 'Mario Rossi' });
    await sale(from, 'A', { id: a.id });
    await sale(from, 'B', { id: b.id });
    await sale(from, 'A again', { id: a.id });
    const sales = join(from.dir, 'sales.csv');
    await exportCsv(from.store.db, 'sales', sales);
    expect((await importInto(into.store, sales, 'sales')).customers_created).toBe(2);
    expect(rows(into, 'SELECT title, customer_id FROM sales ORDER BY id')).toEqual([
      { title: 'A', customer_id: 1 },
      { title: 'B', customer_id: 2 },
      { title: 'A again', customer_id: 1 },
    ]);
  });

  it('`Mario Rossi` with m2@x.it is not given the Mario Rossi who has m1@x.it', async () => {
    const t = await stores();
    const mario = await sale(t, 'First', { name: 'Mario Rossi', email: 'm1@x.it' });
    const before = rows(t, 'SELECT * FROM sales');
    await expect(sale(t, 'Second', { name: 'Mario Rossi', email: 'm2@x.it' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'sales.customerMatch.emailDiffers',
      values: { name: 'Mario Rossi', id: mario.sale.customerId, theirs: 'm1@x.it', typed: 'm2@x.it' },
      issues: [expect.objectContaining({ path: 'email', message: 'sales.customerMatch.otherEmail' })],
    });
    expect(rows(t, 'SELECT * FROM sales')).toEqual(before);
    expect(rows(t, 'SELECT name, email FROM customers')).toEqual([{ name: 'Mario Rossi', email: 'm1@x.it' }]);
    // The seller settles it: this customer by id, or a new one of the same name.
    const same = await sale(t, 'Second', { id: mario.sale.customerId });
    expect(same.sale.customerId).toBe(mario.sale.customerId);
    const other = await sale(t, 'Third', { name: 'Mario Rossi', email: 'm2@x.it', alwaysNew: true });
    expect(other.customerCreated).toBe(true);
    expect(rows(t, 'SELECT name, email FROM customers ORDER BY id')).toEqual([
      { name: 'Mario Rossi', email: 'm1@x.it' },
      { name: 'Mario Rossi', email: 'm2@x.it' },
    ]);
    // Without an email, or with the same one, the name still finds them.
    expect((await sale(t, 'Fourth', { name: 'mario rossi', email: null })).sale.customerId).toBe(mario.sale.customerId);
    expect((await sale(t, 'Fifth', { name: 'Mario Rossi', email: 'M2@x.it' })).sale.customerId).toBe(
      other.sale.customerId,
    );
  });

  it('the sale form refuses a new customer whose name is in the book with another email, on its email field', async () => {
    const t = await stores();
    await sale(t, 'First', { name: 'Mario Rossi', email: 'm1@x.it' });
    const entry = SaleEntry.parse({
      title: 'From the form',
      amountMinor: 500,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-03-02',
      newCustomer: { name: 'Mario Rossi', email: 'm2@x.it' },
    });
    await expect(t.handlers['sales.create'](entry)).rejects.toMatchObject({
      message: 'sales.customerMatch.emailDiffers',
      issues: [expect.objectContaining({ path: 'newCustomer.email', message: 'sales.customerMatch.otherEmail' })],
    });
    expect(rows(t, 'SELECT count(*) AS n FROM sales')).toEqual([{ n: 1 }]);
  });
});

describe('the importer never merges a row into a customer with another email', () => {
  it('a sales row whose email differs from the same-named customer gets its own customer', async () => {
    const t = await stores();
    await sale(t, 'Known', { name: 'Mario Rossi', email: 'm1@x.it' });
    const file = writeCsv(
      t,
      'sales.csv',
      'date,customer,customer_email,amount,status\n2026-03-05,Mario Rossi,m2@x.it,10,won\n2026-03-06,Mario Rossi,,10,won\n',
    );
    const result = await importInto(t.store, file, 'sales');
    expect(result).toMatchObject({ inserted: 2, customers_created: 1, errors: [] });
    expect(rows(t, 'SELECT c.email FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.id')).toEqual([
      { email: 'm1@x.it' },
      { email: 'm2@x.it' },
      // No email: the first Mario Rossi, as before.
      { email: 'm1@x.it' },
    ]);
  });

  it('a customers row with another email than the same-named customer is a new customer, not a duplicate', async () => {
    const t = await stores();
    await customer(t, { name: 'Mario Rossi', email: 'm1@x.it' });
    const file = writeCsv(t, 'customers.csv', 'name,email\nMario Rossi,m2@x.it\nMario Rossi,m1@x.it\nMario Rossi,\n');
    expect(await importInto(t.store, file, 'customers')).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(rows(t, 'SELECT email FROM customers ORDER BY id')).toEqual([{ email: 'm1@x.it' }, { email: 'm2@x.it' }]);
  });
});

describe('ids in an export', () => {
  it('never match rows of a database that did not come from that export', async () => {
    const [from, into] = [await stores(), await stores()];
    const ada = await customer(from, { name: 'Ada Lovelace' });
    await sale(from, 'Engine', { id: ada.id });
    // The target already has a customer with Ada's id (1), and a sale with her sale's id: the
    // ids alone move nothing onto them.
    await sale(into, 'Compiler', { name: 'Grace Hopper', email: 'grace@navy.example' });
    await customer(into, { name: 'Linus' });
    const before = rows(into, SALES_WITH_CUSTOMERS);
    await roundTrip(from, into);
    expect(rows(into, SALES_WITH_CUSTOMERS)).toEqual([...before, ...rows(from, SALES_WITH_CUSTOMERS)]);
    expect(rows(into, 'SELECT id, name FROM customers ORDER BY id')).toEqual([
      { id: 1, name: 'Grace Hopper' },
      { id: 2, name: 'Linus' },
      { id: 3, name: 'Ada Lovelace' },
    ]);
  });

  it('a customers import records which customer each id of its file became', async () => {
    const [from, into] = [await stores(), await stores()];
    const a = await customer(from, { name: 'Mario Rossi', phone: '1' });
    const b = await customer(from, { name: 'Mario Rossi', phone: '2' });
    await sale(from, 'B', { id: b.id });
    await sale(from, 'A', { id: a.id });
    await roundTrip(from, into);
    expect(rows(into, SALES_WITH_CUSTOMERS)).toEqual(rows(from, SALES_WITH_CUSTOMERS));
    const batches = rows(into, `SELECT kind, json_extract(options, '$.sourceIds') AS ids FROM import_batches`);
    expect(batches).toEqual([
      { kind: 'customers', ids: '{"1":1,"2":2}' },
      { kind: 'sales', ids: null },
    ]);
  });

  it('a hand-made file without ids and with plain lists reads as before', async () => {
    const t = await stores();
    const customers = writeCsv(
      t,
      'c.csv',
      'Name,Tags\nMario Rossi,"vip; north|b2b, gold"\nmario rossi,x\n[Bianchi],"[vip]; old"\n',
    );
    expect(await importInto(t.store, customers, 'customers')).toMatchObject({ inserted: 2, duplicates: 1 });
    expect(rows(t, 'SELECT name, tags FROM customers ORDER BY id')).toEqual([
      { name: 'Mario Rossi', tags: '["vip","north","b2b","gold"]' },
      { name: '[Bianchi]', tags: '["[vip]","old"]' },
    ]);
    const sales = writeCsv(
      t,
      's.csv',
      'Date,Customer,Amount,Status,Technique,ID\n2026-03-01,Mario Rossi,10,won,SPIN; Demo|spin,CRM-1\n',
    );
    expect(await importInto(t.store, sales, 'sales')).toMatchObject({ inserted: 1, customers_created: 0 });
    expect(rows(t, 'SELECT name FROM techniques ORDER BY name')).toEqual([{ name: 'Demo' }, { name: 'SPIN' }]);
    // A lone `ID` column is still the CRM's id, which makes a re-import add nothing.
    expect(rows(t, 'SELECT external_id FROM sales')).toEqual([{ external_id: 'CRM-1' }]);
  });
});

describe('list cells', () => {
  it('stay plain while no name holds a separator, and are a JSON array otherwise', () => {
    expect(encodeListCell([])).toBe('');
    expect(encodeListCell(['vip', 'north east'])).toBe('vip; north east');
    expect(encodeListCell(['SPIN; Demo', 'Closing'])).toBe('["SPIN; Demo","Closing"]');
    expect(encodeListCell(['[x]'])).toBe('["[x]"]');
    expect(encodeListCell(['x', '[y]'])).toBe('x; [y]');
    for (const items of [[], ['a'], ['a;b', 'c,d', 'e|f'], ['[x]', 'y'], ['"quoted"', 'new\nline'], ['x', '[y]']])
      expect(decodeListCell(encodeListCell(items), /[;|,]/)).toEqual(items);
    expect(decodeListCell('[1, 2]', /[;|,]/)).toEqual(['[1', '2]']);
    expect(decodeListCell('[vip', /;/)).toEqual(['[vip']);
  });
});
