import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { JournalEntryInput, JournalQuery, MAX_BODY_BYTES } from '../../src-main/features/journal/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';
import { all, one } from '../helpers/sample';

const t = storeForEachTest();
const h = () => t.handlers;

const entry = (fields: Partial<JournalEntryInput> = {}) =>
  h()['journal.create'](JournalEntryInput.parse({ date: '2026-06-01', title: 'Tried it', ...fields }));
const list = (query: Partial<Record<string, unknown>> = {}) => h()['journal.list'](JournalQuery.parse(query));

const rows = () => ({
  entries: all(t, 'SELECT * FROM journal_entries ORDER BY id'),
  links: all(t, 'SELECT * FROM journal_entry_techniques ORDER BY 1, 2'),
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function book() {
  const ada = await h()['customers.create'](CustomerInput.parse({ name: 'Ada Rossi' }));
  const bruno = await h()['customers.create'](CustomerInput.parse({ name: 'Bruno Bianchi' }));
  const spin = await h()['techniques.create'](TechniqueInput.parse({ name: 'SPIN questions' }));
  const fff = await h()['techniques.create'](TechniqueInput.parse({ name: 'Feel-felt-found' }));
  const sale = await h()['sales.create'](
    SaleInput.parse({
      title: 'Suite for Ada',
      customerId: ada.id,
      amountMinor: 980_000,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-05-02',
    }),
  );
  return { ada, bruno, spin, fff, sale };
}

describe('journal entries', () => {
  it('creates, reads, updates and deletes an entry with every field', async () => {
    const { ada, spin, fff, sale } = await book();
    const created = await entry({
      date: '2026-06-03',
      title: '  Discovery call with Ada ',
      situation: 'Second call, the IT lead joined',
      customerId: ada.id,
      saleId: sale.id,
      techniqueIds: [spin.id, fff.id, spin.id],
      action: 'Asked implication questions about downtime',
      outcome: 'worked',
      learned: 'Numbers land better than stories with IT',
      nextTime: 'Bring the uptime report',
      confidence: 4,
      tags: ['discovery', 'IT', 'Discovery'],
      body: '**Key:** they lose _two days_ a month.\n\n- uptime\n- cost',
    });
    expect(created).toEqual({
      id: created.id,
      date: '2026-06-03',
      title: 'Discovery call with Ada',
      situation: 'Second call, the IT lead joined',
      customer: { id: ada.id, name: 'Ada Rossi' },
      sale: {
        id: sale.id,
        title: 'Suite for Ada',
        status: 'open',
        closedOn: null,
        amountMinor: 980_000,
        currency: 'EUR',
      },
      techniques: [
        { id: fff.id, name: 'Feel-felt-found', description: null },
        { id: spin.id, name: 'SPIN questions', description: null },
      ],
      action: 'Asked implication questions about downtime',
      outcome: 'worked',
      learned: 'Numbers land better than stories with IT',
      nextTime: 'Bring the uptime report',
      confidence: 4,
      tags: ['discovery', 'IT'],
      body: '**Key:** they lose _two days_ a month.\n\n- uptime\n- cost',
      experimentId: null,
      createdAt: FIXED_NOW.toISOString(),
      updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await h()['journal.get']({ id: created.id })).toEqual(created);

    const updated = await h()['journal.update']({
      id: created.id,
      ...JournalEntryInput.parse({ date: '2026-06-04', title: 'Call', techniqueIds: [fff.id], outcome: 'mixed' }),
    });
    expect(updated).toMatchObject({
      date: '2026-06-04',
      title: 'Call',
      customer: null,
      sale: null,
      situation: null,
      techniques: [{ id: fff.id }],
      outcome: 'mixed',
      tags: [],
      body: '',
    });
    expect(one(t, 'SELECT count(*) FROM journal_entry_techniques')).toBe(1);

    expect(await h()['journal.delete']({ id: created.id })).toEqual({ id: created.id });
    expect(one(t, 'SELECT count(*) FROM journal_entries')).toBe(0);
    expect(one(t, 'SELECT count(*) FROM journal_entry_techniques')).toBe(0);
    await expect(h()['journal.get']({ id: created.id })).rejects.toMatchObject({
      code: 'not_found',
      message: 'journal.failures.notFound',
    });
    await expect(h()['journal.delete']({ id: created.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      h()['journal.update']({ id: 999, ...JournalEntryInput.parse({ date: '2026-06-04', title: 'x' }) }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes the sale’s customer when only the sale is given, and shows the sale’s outcome once it closes', async () => {
    const { ada, sale } = await book();
    const created = await entry({ saleId: sale.id });
    expect(created.customer).toEqual({ id: ada.id, name: 'Ada Rossi' });
    expect(created.sale).toMatchObject({ status: 'open', closedOn: null });
    await h()['sales.update']({
      id: sale.id,
      sale: SaleInput.parse({
        title: 'Suite for Ada',
        customerId: ada.id,
        amountMinor: 950_000,
        currency: 'EUR',
        status: 'won',
        openedOn: '2026-05-02',
        closedOn: '2026-06-10',
      }),
    });
    expect((await h()['journal.get']({ id: created.id })).sale).toEqual({
      id: sale.id,
      title: 'Suite for Ada',
      status: 'won',
      closedOn: '2026-06-10',
      amountMinor: 950_000,
      currency: 'EUR',
    });
    expect((await list()).items[0]!.sale).toMatchObject({ status: 'won' });
    // The text stays when the sale goes; the link does not.
    await h()['sales.delete']({ id: sale.id });
    expect(await h()['journal.get']({ id: created.id })).toMatchObject({ title: 'Tried it', sale: null });
  });

  it('refuses unknown links and another customer’s sale, naming each field, writing nothing', async () => {
    const { ada, bruno, spin, sale } = await book();
    await entry({ title: 'Kept', techniqueIds: [spin.id] });
    const before = rows();
    const unknown = await rejection(entry({ customerId: 999, saleId: 998, techniqueIds: [spin.id, 997] }));
    expect(unknown).toMatchObject({ code: 'invalid_input', message: 'journal.failures.references' });
    expect(unknown.issues).toEqual([
      { path: 'customerId', message: 'errors.unknownCustomer' },
      { path: 'saleId', message: 'errors.unknownSale' },
      { path: 'techniqueIds', message: 'errors.unknownTechnique' },
    ]);
    const other = await rejection(entry({ customerId: bruno.id, saleId: sale.id }));
    expect(other.issues).toEqual([{ path: 'saleId', message: 'errors.saleOfOtherCustomer' }]);
    const id = (before.entries[0] as { id: number }).id;
    const badUpdate = await rejection(
      h()['journal.update']({
        id,
        ...JournalEntryInput.parse({ date: '2026-06-02', title: 'Changed', techniqueIds: [12345] }),
      }),
    );
    expect(badUpdate.issues).toEqual([{ path: 'techniqueIds', message: 'errors.unknownTechnique' }]);
    expect(rows()).toEqual(before);
    // The right customer for the sale is fine.
    expect((await entry({ customerId: ada.id, saleId: sale.id })).sale!.id).toBe(sale.id);
  });

  it('refuses an empty title, a bad date and a body over 1 MB by the contract', () => {
    const parse = (fields: Record<string, unknown>) =>
      JournalEntryInput.safeParse({ date: '2026-06-01', title: 'x', ...fields }).error?.issues.map((i) => [
        i.path.join('.'),
        i.message,
      ]);
    expect(parse({ title: '   ' })).toEqual([['title', 'errors.required']]);
    expect(parse({ date: '2026-02-30' })).toEqual([['date', 'errors.date']]);
    // 1 MB of UTF-8: 'è' is two bytes, so half as many characters already reach it.
    expect(parse({ body: 'è'.repeat(MAX_BODY_BYTES / 2) })).toBeUndefined();
    expect(parse({ body: 'è'.repeat(MAX_BODY_BYTES / 2) + 'x' })).toEqual([['body', 'journal.errors.bodyTooLarge']]);
    expect(parse({ confidence: 6 })?.[0]?.[0]).toBe('confidence');
    expect(parse({ outcome: 'great' })?.[0]?.[0]).toBe('outcome');
  });
});

describe('journal list', () => {
  async function timeline() {
    const b = await book();
    const made = [
      await entry({ date: '2026-05-10', title: 'A', customerId: b.ada.id, outcome: 'worked', tags: ['price'] }),
      await entry({ date: '2026-06-01', title: 'B', techniqueIds: [b.spin.id], outcome: 'didnt', tags: ['Price'] }),
      await entry({ date: '2026-06-01', title: 'C', saleId: b.sale.id, techniqueIds: [b.spin.id, b.fff.id] }),
      await entry({
        date: '2026-04-20',
        title: 'D',
        customerId: b.bruno.id,
        outcome: 'worked',
        tags: ['demo', 'price'],
      }),
      await entry({ date: '2026-06-12', title: 'E', techniqueIds: [b.fff.id], outcome: 'mixed' }),
    ];
    return { ...b, made };
  }
  const titles = (page: { items: { title: string }[] }) => page.items.map((e) => e.title);

  it('is newest first by date, then the latest written, with the total', async () => {
    await timeline();
    const page = await list();
    expect(titles(page)).toEqual(['E', 'C', 'B', 'A', 'D']);
    expect(page.total).toBe(5);
  });

  it('filters by technique, customer, sale, outcome, tag and period, and combines them', async () => {
    const { spin, fff, ada, bruno, sale } = await timeline();
    expect(titles(await list({ techniqueId: spin.id }))).toEqual(['C', 'B']);
    expect(titles(await list({ techniqueId: fff.id }))).toEqual(['E', 'C']);
    expect(titles(await list({ customerId: ada.id }))).toEqual(['C', 'A']);
    expect(titles(await list({ customerId: bruno.id }))).toEqual(['D']);
    expect(titles(await list({ saleId: sale.id }))).toEqual(['C']);
    expect(titles(await list({ outcome: 'worked' }))).toEqual(['A', 'D']);
    expect(titles(await list({ tag: 'price' }))).toEqual(['B', 'A', 'D']);
    expect(titles(await list({ tag: 'demo' }))).toEqual(['D']);
    expect(titles(await list({ tag: 'pri' }))).toEqual([]);
    expect(titles(await list({ from: '2026-05-01', to: '2026-06-01' }))).toEqual(['C', 'B', 'A']);
    expect(titles(await list({ from: '2026-06-02' }))).toEqual(['E']);
    const both = await list({ techniqueId: spin.id, tag: 'price', from: '2026-05-01' });
    expect([titles(both), both.total]).toEqual([['B'], 1]);
  });

  it('pages with a stable order and the full total', async () => {
    await timeline();
    const first = await list({ limit: 2 });
    const second = await list({ limit: 2, offset: 2 });
    const third = await list({ limit: 2, offset: 4 });
    expect([titles(first), titles(second), titles(third)]).toEqual([['E', 'C'], ['B', 'A'], ['D']]);
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect((await list({ offset: 10 })).items).toEqual([]);
    expect(JournalQuery.safeParse({ from: '2026-06-02', to: '2026-06-01' }).error?.issues[0]?.path).toEqual(['to']);
  });

  it('counts tags, most used first, one spelling per tag', async () => {
    await timeline();
    expect(await h()['journal.tags'](undefined)).toEqual([
      { tag: expect.stringMatching(/^price$/i), count: 3 },
      { tag: 'demo', count: 1 },
    ]);
  });

  it('names the experiment an entry concludes', async () => {
    const { spin } = await book();
    const conclusion = await entry({ title: 'Conclusion', techniqueIds: [spin.id] });
    const { lastInsertRowid } = t.store.sqlite
      .prepare(
        `INSERT INTO experiments (technique_id, hypothesis, started_on, stop_deals, ended_on, conclusion_entry_id,
           created_at, updated_at) VALUES (?, 'SPIN wins more', '2026-05-01', 10, '2026-06-01', ?, 'x', 'x')`,
      )
      .run(spin.id, conclusion.id);
    expect((await h()['journal.get']({ id: conclusion.id })).experimentId).toBe(Number(lastInsertRowid));
  });
});
