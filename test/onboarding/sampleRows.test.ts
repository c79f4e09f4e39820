import { describe, expect, it } from 'vitest';
import { ProductInput } from '../../src-main/features/catalog/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { InteractionInput } from '../../src-main/features/care/contract';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { JournalEntryInput } from '../../src-main/features/journal/contract';
import { all, generateSample, one } from '../helpers/sample';
import { storeForEachTest } from '../helpers/store';

const t = storeForEachTest();

const KINDS = {
  customers: 'customers',
  sales: 'sales',
  products: 'products',
  techniques: 'techniques',
  goals: 'goals',
  checkIns: 'check_ins',
  interactions: 'interactions',
  complaints: 'complaints',
  journalEntries: 'journal_entries',
  experiments: 'experiments',
  libraryItems: 'library_items',
} as const;
const tableCounts = (): Record<keyof typeof KINDS, number> =>
  Object.fromEntries(
    Object.entries(KINDS).map(([kind, table]) => [kind, one(t, `SELECT count(*) FROM ${table}`)]),
  ) as Record<keyof typeof KINDS, number>;
const dump = (): unknown =>
  Object.fromEntries(
    [
      ...Object.values(KINDS),
      'sale_techniques',
      'goal_milestones',
      'goal_values',
      'goal_changes',
      'follow_up_snoozes',
      'journal_entry_techniques',
      'technique_merges',
      'library_people',
      'library_highlights',
      'library_takeaways',
      'library_actions',
      'learning_sessions',
    ].map((table) => [table, all(t, `SELECT * FROM ${table} ORDER BY 1, 2`)]),
  );

/** A real book the seller typed in: one customer with a sale of a product, a technique and a goal. */
async function realBook(): Promise<{ customerId: number; saleId: number; productId: number; techniqueId: number }> {
  const h = t.handlers;
  const customer = await h['customers.create'](CustomerInput.parse({ name: 'Anna Real', tags: [] }));
  const product = await h['products.create'](
    ProductInput.parse({
      name: 'Real widget',
      category: null,
      listPriceMinor: 1000,
      currency: 'EUR',
    }),
  );
  const technique = await h['techniques.create'](TechniqueInput.parse({ name: 'Real handshake', description: null }));
  const sale = await h['sales.create'](
    SaleInput.parse({
      title: 'Real deal',
      customerId: customer.id,
      productId: product.id,
      amountMinor: 5000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-10',
      techniqueIds: [technique.id],
    }),
  );
  return { customerId: customer.id, saleId: sale.id, productId: product.id, techniqueId: technique.id };
}

describe('sample rows: marked, counted, removed', () => {
  it('flags exactly what the generator wrote and leaves the seller’s rows unflagged', async () => {
    await realBook();
    const before = tableCounts();
    await generateSample(t, { sales: 300 });
    const after = tableCounts();
    for (const [kind, table] of Object.entries(KINDS)) {
      expect(one(t, `SELECT count(*) FROM ${table} WHERE sample = 1`), kind).toBe(
        after[kind as keyof typeof KINDS] - before[kind as keyof typeof KINDS],
      );
    }
    expect(one(t, "SELECT sample FROM customers WHERE name = 'Anna Real'")).toBe(0);
  });

  it('counts, then removes exactly the sample rows and what hangs off them, keeping every real row', async () => {
    const real = await realBook();
    const realOnly = dump();
    await generateSample(t, { sales: 300 });
    const sampleCounts = Object.fromEntries(
      Object.entries(KINDS).map(([kind, table]) => [kind, one(t, `SELECT count(*) FROM ${table} WHERE sample = 1`)]),
    );
    const { sample } = await t.handlers['onboarding.dataCounts'](undefined);
    expect(sample).toEqual(sampleCounts);
    expect(sample.sales).toBe(300);

    expect(await t.handlers['onboarding.removeSample'](undefined)).toEqual(sample);
    // What is left is the real book, row for row, and nothing dangles.
    expect(dump()).toEqual(realOnly);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(one(t, 'SELECT count(*) FROM sales WHERE id = ' + real.saleId)).toBe(1);
    expect((await t.handlers['onboarding.dataCounts'](undefined)).sample).toEqual({
      customers: 0,
      sales: 0,
      products: 0,
      techniques: 0,
      goals: 0,
      checkIns: 0,
      interactions: 0,
      complaints: 0,
      journalEntries: 0,
      experiments: 0,
      libraryItems: 0,
    });
  });

  it('keeps a sample customer, product and technique that a real sale uses, and a sale a real note is about', async () => {
    await generateSample(t, { sales: 300 });
    const h = t.handlers;
    const [customerId, productId, techniqueId] = [
      one(t, 'SELECT min(id) FROM customers'),
      one(t, 'SELECT min(id) FROM products'),
      one(t, 'SELECT min(id) FROM techniques'),
    ];
    const realSale = await h['sales.create'](
      SaleInput.parse({
        title: 'A real sale for a sample customer',
        customerId,
        productId,
        amountMinor: 5000,
        currency: 'EUR',
        status: 'open',
        openedOn: '2026-06-10',
        techniqueIds: [techniqueId],
      }),
    );
    // A real conversation about another customer's sample sale keeps that sale (and its customer).
    const { id: saleId, customer_id: otherCustomer } = all(
      t,
      `SELECT id, customer_id FROM sales WHERE sample = 1 AND customer_id <> ${customerId} ORDER BY id LIMIT 1`,
    )[0] as { id: number; customer_id: number };
    await h['care.interactions.create'](
      InteractionInput.parse({
        customerId: otherCustomer,
        kind: 'call',
        occurredOn: '2026-06-12',
        summary: 'Asked how it went',
        saleId,
      }),
    );
    const { sample } = await h['onboarding.dataCounts'](undefined);
    expect(sample.customers).toBe(one(t, 'SELECT count(*) FROM customers WHERE sample = 1') - 2);

    await h['onboarding.removeSample'](undefined);
    expect(all(t, 'SELECT id FROM customers ORDER BY id').map((r) => r.id)).toEqual(
      [customerId, otherCustomer].sort((a, b) => a - b),
    );
    expect(all(t, 'SELECT id FROM sales ORDER BY id').map((r) => r.id)).toEqual([saleId, realSale.id]);
    // The products and techniques still in use, and only those: the two kept sales'.
    expect(all(t, 'SELECT id FROM products ORDER BY id').map((r) => r.id)).toEqual(
      all(t, 'SELECT DISTINCT product_id AS id FROM sales WHERE product_id IS NOT NULL ORDER BY 1').map((r) => r.id),
    );
    expect(all(t, 'SELECT id FROM products').map((r) => r.id)).toContain(productId);
    expect(all(t, 'SELECT id FROM techniques').map((r) => r.id)).toEqual(
      all(t, `SELECT technique_id AS id FROM sale_techniques ORDER BY 1`)
        .map((r) => r.id)
        .filter((v, i, a) => a.indexOf(v) === i),
    );
    expect(one(t, 'SELECT count(*) FROM goals')).toBe(0);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps a sample technique a real journal entry or experiment names, and removes the sample journal', async () => {
    await generateSample(t, { sales: 300 });
    const h = t.handlers;
    const [first, second, third] = all(t, 'SELECT id FROM techniques WHERE sample = 1 ORDER BY id').map(
      (r) => r.id as number,
    );
    const sampleSale = all(t, 'SELECT id, customer_id FROM sales WHERE sample = 1 ORDER BY id LIMIT 1')[0] as {
      id: number;
      customer_id: number;
    };
    const real = await h['journal.create'](
      JournalEntryInput.parse({
        date: '2026-06-10',
        title: 'My own note',
        techniqueIds: [first],
        saleId: sampleSale.id,
      }),
    );
    t.store.sqlite
      .prepare(
        `INSERT INTO experiments (technique_id, hypothesis, started_on, stop_deals, created_at, updated_at)
         VALUES (?, 'Mine', '2026-06-01', 10, 'x', 'x')`,
      )
      .run(second);
    const sampleEntries = one(t, 'SELECT count(*) FROM journal_entries WHERE sample = 1');
    expect(sampleEntries).toBeGreaterThan(10);
    const { sample } = await h['onboarding.dataCounts'](undefined);
    // The sample's two experiments (one concluded, one running) are sample rows; the seller's is not.
    expect(sample).toMatchObject({ journalEntries: sampleEntries, experiments: 2 });
    expect(sample.techniques).toBe(one(t, 'SELECT count(*) FROM techniques WHERE sample = 1') - 2);

    expect(await h['onboarding.removeSample'](undefined)).toEqual(sample);
    expect(all(t, 'SELECT id FROM techniques ORDER BY id').map((r) => r.id)).toEqual([first, second]);
    expect(all(t, 'SELECT id FROM techniques').map((r) => r.id)).not.toContain(third);
    // The seller's entry stays, its words whole; the sample sale it was about went.
    expect(await h['journal.get']({ id: real.id })).toMatchObject({
      title: 'My own note',
      sale: null,
      techniques: [{ id: first }],
    });
    expect(one(t, 'SELECT count(*) FROM journal_entries')).toBe(1);
    expect(one(t, 'SELECT count(*) FROM experiments')).toBe(1);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('keeps a sample library item the seller has written a highlight on, and removes the others with all they hold', async () => {
    await generateSample(t, { sales: 100 });
    const items = one(t, 'SELECT count(*) FROM library_items WHERE sample = 1');
    expect(items).toBeGreaterThan(5);
    expect(one(t, 'SELECT count(*) FROM library_takeaways WHERE technique_id IS NOT NULL')).toBeGreaterThan(0);
    const kept = one(t, "SELECT min(id) FROM library_items WHERE kind = 'book'");
    await t.handlers['library.highlightSave']({
      itemId: kept,
      kind: 'highlight',
      text: 'Mine',
      note: null,
      locStart: null,
      locEnd: null,
      page: 3,
      positionS: null,
    });
    expect((await t.handlers['onboarding.dataCounts'](undefined)).sample.libraryItems).toBe(items - 1);
    await t.handlers['onboarding.removeSample'](undefined);
    expect(all(t, 'SELECT id FROM library_items').map((r) => r.id)).toEqual([kept]);
    expect(all(t, 'SELECT text FROM library_highlights WHERE sample = 0').map((r) => r.text)).toEqual(['Mine']);
    expect(one(t, 'SELECT count(*) FROM learning_sessions WHERE item_id <> ' + kept)).toBe(0);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('removes all or nothing: a failure half-way leaves every row', async () => {
    await realBook();
    await generateSample(t, { sales: 200 });
    const before = dump();
    // Sales, check-ins, conversations and goals are gone by the time customers are deleted.
    t.store.sqlite.exec(
      "CREATE TRIGGER refuse BEFORE DELETE ON customers BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    await expect(t.handlers['onboarding.removeSample'](undefined)).rejects.toThrow(/disk on fire/);
    expect(dump()).toEqual(before);
    await expect(t.handlers['onboarding.startAfresh']({ confirm: 'remove-everything' })).rejects.toThrow(
      /disk on fire/,
    );
    expect(dump()).toEqual(before);
  });

  it('a fresh start removes every record and keeps the settings', async () => {
    await t.handlers['settings.update']({ currency: 'GBP' });
    await realBook();
    await generateSample(t, { sales: 200 });
    const { all: everything } = await t.handlers['onboarding.dataCounts'](undefined);
    expect(everything).toEqual(tableCounts());
    expect(await t.handlers['onboarding.startAfresh']({ confirm: 'remove-everything' })).toEqual(everything);
    expect(Object.values(tableCounts())).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await t.handlers['settings.get'](undefined)).currency).toBe('GBP');
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);
  });
});
