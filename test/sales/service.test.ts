import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaleInput } from '../../src-main/features/sales/contract';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { ProductInput } from '../../src-main/features/catalog/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import {
  SaleEntry,
  SaleInput as SaleSchema,
  SaleQuery,
  type SaleEntryData,
} from '../../src-main/features/sales/contract';
import { recordNamedSale, type NamedSale } from '../../src-main/features/sales/service';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';

let t: TestStore;
let customerId: number;
beforeEach(async () => {
  t = await freshStore();
  customerId = (await t.handlers['customers.create'](CustomerInput.parse({ name: 'Acme S.r.l.', tags: [] }))).id;
});
afterEach(() => t.cleanup());

const won = (overrides: Partial<SaleInput> = {}): SaleInput => ({
  title: 'Annual plan',
  customerId,
  amountMinor: 120_000,
  currency: 'EUR',
  status: 'won',
  openedOn: '2026-03-01',
  closedOn: '2026-03-10',
  ...overrides,
});
const create = (input: SaleInput) => t.handlers['sales.create'](SaleSchema.parse(input));
const count = (): number => (t.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;

describe('sale validation (the shared zod schema)', () => {
  it.each([
    ['an open sale with a close date', { status: 'open', closedOn: '2026-03-10' }, 'closedOn', 'errors.openHasClose'],
    ['a won sale without a close date', { closedOn: null }, 'closedOn', 'errors.closedNeedsDate'],
    ['closing before opening', { closedOn: '2026-02-01' }, 'closedOn', 'errors.closeBeforeOpen'],
    ['an impossible date', { openedOn: '2026-02-31' }, 'openedOn', 'errors.date'],
    ['a year no business record has', { closedOn: '9999-12-31' }, 'closedOn', 'errors.dateRange'],
    ['a negative amount', { amountMinor: -5 }, 'amountMinor', 'errors.amountNegative'],
    ['a fractional minor amount', { amountMinor: 10.5 }, 'amountMinor', 'errors.amount'],
    ['satisfaction out of range', { satisfaction: 6 }, 'satisfaction', 'errors.satisfaction'],
    ['NPS out of range', { nps: 11 }, 'nps', 'errors.nps'],
    ['an unknown status', { status: 'pending' as never }, 'status', 'errors.status'],
    ['a stage on a closed sale', { stage: 'proposal' }, 'stage', 'errors.stageOnlyOpen'],
    ['a lost reason on a won sale', { lostReason: 'price' }, 'lostReason', 'errors.lostReasonOnlyLost'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency', 'errors.currency'],
    ['an empty title', { title: '   ' }, 'title', 'errors.required'],
  ] as const)('rejects %s', (_label, overrides, path, message) => {
    const result = SaleSchema.safeParse(won(overrides as Partial<SaleInput>));
    expect(result.success).toBe(false);
    expect(result.error!.issues).toContainEqual(expect.objectContaining({ path: [path], message }));
  });
});

describe('sales', () => {
  it('creates a sale with techniques and product and reads it back', async () => {
    const product = await t.handlers['products.create'](
      ProductInput.parse({ name: 'Premium', listPriceMinor: 99_900, currency: 'EUR' }),
    );
    const spin = await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'SPIN questions' }));
    const story = await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'Storytelling' }));
    const sale = await create(
      won({ productId: product.id, techniqueIds: [story.id, spin.id, spin.id], satisfaction: 5, nps: 9 }),
    );
    expect(sale).toMatchObject({
      customerName: 'Acme S.r.l.',
      productName: 'Premium',
      amountMinor: 120_000,
      satisfaction: 5,
      nps: 9,
      createdAt: FIXED_NOW.toISOString(),
    });
    expect(sale.techniques.map((x) => x.name)).toEqual(['SPIN questions', 'Storytelling']);
    expect(await t.handlers['sales.get']({ id: sale.id })).toEqual(sale);
  });

  it('rejects unknown references with field issues and writes nothing', async () => {
    await expect(create(won({ customerId: 999, productId: 5, techniqueIds: [7] }))).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [
        { path: 'customerId', message: 'errors.unknownCustomer' },
        { path: 'productId', message: 'errors.unknownProduct' },
        { path: 'techniqueIds', message: 'errors.unknownTechnique' },
      ],
    });
    expect(count()).toBe(0);
  });

  it('updates and deletes; a missing sale is not_found', async () => {
    const spin = await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'SPIN' }));
    const sale = await create(won({ techniqueIds: [spin.id] }));
    const updated = await t.handlers['sales.update']({
      id: sale.id,
      sale: SaleSchema.parse(won({ status: 'lost', lostReason: 'Price', techniqueIds: [] })),
    });
    expect(updated).toMatchObject({ status: 'lost', lostReason: 'Price', techniques: [] });
    await t.handlers['sales.delete']({ id: sale.id });
    expect(count()).toBe(0);
    await expect(t.handlers['sales.delete']({ id: sale.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.handlers['sales.update']({ id: 77, sale: SaleSchema.parse(won()) })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('lists with filters, search, sort and paging', async () => {
    const other = (await t.handlers['customers.create'](CustomerInput.parse({ name: 'Bottega Verdi', tags: [] }))).id;
    const spin = await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'SPIN' }));
    const tv = await t.handlers['products.create'](ProductInput.parse({ name: 'Television', currency: 'EUR' }));
    await create(won({ title: 'A', closedOn: '2026-03-10', amountMinor: 300 }));
    await create(
      won({ title: 'B 100%', closedOn: '2026-04-10', amountMinor: 100, customerId: other, techniqueIds: [spin.id] }),
    );
    await create(
      won({ title: 'C', status: 'lost', closedOn: '2026-05-10', amountMinor: 200, productId: tv.id, lostReason: 'x' }),
    );
    await create(
      won({ title: 'D', status: 'open', stage: 'proposal', openedOn: '2026-06-01', closedOn: null, amountMinor: 400 }),
    );

    const list = (q: Record<string, unknown>) =>
      t.handlers['sales.list'](SaleQuery.parse({ sort: 'date', dir: 'desc', limit: 50, offset: 0, ...q })).then(
        (r) => ({
          total: r.total,
          titles: r.items.map((s) => s.title),
        }),
      );
    expect(await list({})).toEqual({ total: 4, titles: ['D', 'C', 'B 100%', 'A'] });
    expect(await list({ sort: 'amount', dir: 'asc' })).toMatchObject({ titles: ['B 100%', 'C', 'A', 'D'] });
    expect(await list({ statuses: ['won', 'lost'], from: '2026-04-01', to: '2026-05-31' })).toEqual({
      total: 2,
      titles: ['C', 'B 100%'],
    });
    expect(await list({ customerId: other })).toMatchObject({ titles: ['B 100%'] });
    expect(await list({ techniqueId: spin.id })).toMatchObject({ titles: ['B 100%'] });
    expect(await list({ productId: tv.id })).toMatchObject({ titles: ['C'] });
    expect(await list({ search: 'verdi' })).toMatchObject({ titles: ['B 100%'] });
    expect(await list({ search: 'television' })).toMatchObject({ titles: ['C'] });
    expect(await list({ search: '100%' })).toMatchObject({ titles: ['B 100%'] });
    expect(await list({ limit: 2, offset: 2 })).toEqual({ total: 4, titles: ['B 100%', 'A'] });
  });

  /** Records a won sale by names, in a transaction of its own. */
  const recordByNames = (names: Pick<NamedSale, 'customer' | 'product' | 'techniques'>) =>
    t.store.db.transaction().execute((db) => recordNamedSale(db, { ...SaleSchema.parse(won()), ...names }, FIXED_NOW));

  it('records a sale by names, creating customer, product and techniques in one transaction', async () => {
    const first = await recordByNames({
      customer: { name: 'Nuovo Cliente', email: 'nuovo@example.it' },
      product: 'Consulting',
      techniques: ['Referral ask', 'referral ask'],
    });
    expect(first.customerCreated).toBe(true);
    expect(first.sale.techniques.map((x) => x.name)).toEqual(['Referral ask']);
    const again = await recordByNames({
      customer: { name: 'Someone', email: 'NUOVO@example.it' },
      product: 'consulting',
      techniques: [],
    });
    expect(again.customerCreated).toBe(false);
    expect(again.sale.customerId).toBe(first.sale.customerId);
    expect(again.sale.productId).toBe(first.sale.productId);
  });

  it('rolls back the customer it created when the sale itself fails', async () => {
    const customers = (): number =>
      (t.store.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    const before = customers();
    const bad = { ...SaleSchema.parse(won()), amountMinor: -1 };
    await expect(
      t.store.db
        .transaction()
        .execute((db) =>
          recordNamedSale(
            db,
            { ...bad, customer: { name: 'Ghost', email: null }, product: 'Ghost product', techniques: ['Ghost'] },
            FIXED_NOW,
          ),
        ),
    ).rejects.toThrow(/CHECK/);
    expect(customers()).toBe(before);
    expect((t.store.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n).toBe(0);
  });
});

describe('a sale entered with a new customer (the sale form’s “Create customer …”)', () => {
  const customerRows = () =>
    t.store.sqlite.prepare('SELECT name, email, company FROM customers ORDER BY id').all() as {
      name: string;
      email: string | null;
      company: string | null;
    }[];
  const entry = (overrides: Partial<SaleEntry> = {}): SaleEntryData => {
    const { customerId: _picked, ...sale } = won();
    return SaleEntry.parse({ ...sale, ...overrides });
  };

  it('needs exactly one of a picked customer and a new one; the new one’s fields are checked', () => {
    const issues = (input: unknown) => SaleEntry.safeParse(input).error?.issues ?? [];
    const required = { path: ['customerId'], message: 'errors.customerRequired' };
    const { customerId: _picked, ...sale } = won();
    expect(issues(sale)).toContainEqual(expect.objectContaining(required));
    expect(issues({ ...won(), newCustomer: { name: 'Nora Conti' } })).toContainEqual(expect.objectContaining(required));
    expect(issues({ ...sale, newCustomer: { name: ' ', email: 'nora@' } })).toEqual([
      expect.objectContaining({ path: ['newCustomer', 'name'], message: 'errors.required' }),
      expect.objectContaining({ path: ['newCustomer', 'email'], message: 'errors.email' }),
    ]);
    expect(issues({ ...sale, newCustomer: { name: 'Nora Conti' } })).toEqual([]);
  });

  it('writes the customer and the sale together', async () => {
    const sale = await t.handlers['sales.create'](
      entry({ newCustomer: { name: ' Nora Conti ', email: 'Nora@Conti.example', company: 'Conti Ottica' } }),
    );
    expect(customerRows()).toEqual([
      { name: 'Acme S.r.l.', email: null, company: null },
      { name: 'Nora Conti', email: 'nora@conti.example', company: 'Conti Ottica' },
    ]);
    expect(sale).toMatchObject({ customerName: 'Nora Conti', status: 'won' });
    expect(count()).toBe(1);
  });

  it('writes no customer when the sale is refused', async () => {
    await expect(
      t.handlers['sales.create'](entry({ newCustomer: { name: 'Ghost Buyer' }, productId: 404 })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'productId', message: 'errors.unknownProduct' }],
    });
    expect(customerRows().map((c) => c.name)).toEqual(['Acme S.r.l.']);
    expect(count()).toBe(0);
  });

  it('never adds a second customer of the same name or email: a repeated or racing entry finds the first', async () => {
    const [a, b] = await Promise.all([
      t.handlers['sales.create'](entry({ newCustomer: { name: 'Bottega Rossi S.r.l.' } })),
      t.handlers['sales.create'](entry({ newCustomer: { name: 'bottega rossi srl' } })),
    ]);
    const byName = await t.handlers['sales.create'](entry({ newCustomer: { name: 'ACME srl' } }));
    expect(b.customerId).toBe(a.customerId);
    expect(byName.customerId).toBe(customerId);
    expect(customerRows().map((c) => c.name)).toEqual(['Acme S.r.l.', 'Bottega Rossi S.r.l.']);
    expect(count()).toBe(3);
  });

  it('moves an edited sale to a new customer', async () => {
    const sale = await create(won());
    const moved = await t.handlers['sales.update']({ id: sale.id, sale: entry({ newCustomer: { name: 'Lia Neri' } }) });
    expect(moved.customerName).toBe('Lia Neri');
    expect(customerRows().map((c) => c.name)).toEqual(['Acme S.r.l.', 'Lia Neri']);
  });
});
