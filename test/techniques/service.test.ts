import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { JournalEntryInput } from '../../src-main/features/journal/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { GoalInput } from '../../src-main/features/goals/contract/api';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';
import { all, one } from '../helpers/sample';

const t = storeForEachTest();
const h = () => t.handlers;

const technique = (name: string, extra: Partial<TechniqueInput> = {}) =>
  h()['techniques.create'](TechniqueInput.parse({ name, ...extra }));

/** Every row the catalogue and what points at it hold: what a refused call must leave alone. */
const dump = () =>
  Object.fromEntries(
    [
      'techniques',
      'sale_techniques',
      'journal_entry_techniques',
      'goal_filters',
      'technique_merges',
      'experiments',
    ].map((table) => [table, all(t, `SELECT * FROM ${table} ORDER BY 1, 2`)]),
  );

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function saleWith(customerId: number, techniqueIds: number[], title = 'Deal') {
  return h()['sales.create'](
    SaleInput.parse({
      title,
      customerId,
      amountMinor: 10_000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-05-01',
      closedOn: '2026-05-20',
      techniqueIds,
    }),
  );
}

const entryWith = (techniqueIds: number[], title = 'Tried it') =>
  h()['journal.create'](JournalEntryInput.parse({ date: '2026-06-01', title, techniqueIds }));

describe('technique catalogue', () => {
  it('creates with category, steps and source, and lists them by name with their use', async () => {
    const spin = await technique('SPIN questions', {
      category: 'discovery',
      description: 'Ask before you pitch',
      steps: ['Situation', 'Problem', 'Implication', 'Need-payoff'],
      source: 'Neil Rackham, SPIN Selling',
    });
    await technique('Assumptive close', { category: 'closing' });
    expect(spin).toEqual({
      id: spin.id,
      name: 'SPIN questions',
      description: 'Ask before you pitch',
      category: 'discovery',
      steps: ['Situation', 'Problem', 'Implication', 'Need-payoff'],
      source: 'Neil Rackham, SPIN Selling',
      retired: false,
      starter: null,
      sales: 0,
      entries: 0,
      mergedFrom: [],
    });
    const customer = await h()['customers.create'](CustomerInput.parse({ name: 'Ada' }));
    await saleWith(customer.id, [spin.id]);
    await entryWith([spin.id]);
    const list = await h()['techniques.list'](undefined);
    expect(list.map((x) => x.name)).toEqual(['Assumptive close', 'SPIN questions']);
    expect(list[1]).toMatchObject({ sales: 1, entries: 1 });
  });

  it('refuses a second technique of one name, whatever its case, writing nothing', async () => {
    const spin = await technique('SPIN questions');
    const before = dump();
    const error = await rejection(technique('spin QUESTIONS'));
    expect(error).toMatchObject({ code: 'conflict', message: 'failures.techniqueExists' });
    expect(error.issues).toEqual([{ path: 'name', message: 'errors.nameTaken' }]);
    expect(dump()).toEqual(before);
    // Renaming into another's name is refused too; a change of case of its own name is not.
    const other = await technique('Trial close');
    const renamed = await rejection(
      h()['techniques.update']({ id: other.id, ...TechniqueInput.parse({ name: 'Spin Questions' }) }),
    );
    expect(renamed.issues).toEqual([{ path: 'name', message: 'errors.nameTaken' }]);
    expect(one(t, `SELECT name FROM techniques WHERE id = ${other.id}`)).toBe('Trial close');
    const recased = await h()['techniques.update']({
      id: spin.id,
      ...TechniqueInput.parse({ name: 'Spin Questions', category: 'discovery' }),
    });
    expect(recased).toMatchObject({ name: 'Spin Questions', category: 'discovery' });
  });

  it('updates every field, and sales and entries follow a rename', async () => {
    const spin = await technique('SPIN');
    const customer = await h()['customers.create'](CustomerInput.parse({ name: 'Ada' }));
    const sale = await saleWith(customer.id, [spin.id]);
    const updated = await h()['techniques.update']({
      id: spin.id,
      ...TechniqueInput.parse({
        name: 'SPIN questions',
        category: 'discovery',
        description: 'Four kinds of question',
        steps: ['Situation'],
        source: 'A seminar',
      }),
    });
    expect(updated).toMatchObject({
      name: 'SPIN questions',
      description: 'Four kinds of question',
      steps: ['Situation'],
      source: 'A seminar',
      sales: 1,
    });
    expect((await h()['sales.get']({ id: sale.id })).techniques.map((x) => x.name)).toEqual(['SPIN questions']);
    expect(one(t, `SELECT updated_at FROM techniques WHERE id = ${spin.id}`)).toBe(FIXED_NOW.toISOString());
    const missing = await rejection(h()['techniques.update']({ id: 999, ...TechniqueInput.parse({ name: 'X' }) }));
    expect(missing).toMatchObject({ code: 'not_found', message: 'techniques.failures.notFound', values: { id: 999 } });
  });

  it('retires and brings back a technique; a retired one stays on its sales and in the list', async () => {
    const urgency = await technique('Urgency close', { category: 'closing' });
    const customer = await h()['customers.create'](CustomerInput.parse({ name: 'Ada' }));
    const sale = await saleWith(customer.id, [urgency.id]);
    expect(await h()['techniques.retire']({ id: urgency.id, retired: true })).toMatchObject({
      retired: true,
      sales: 1,
    });
    expect(one(t, `SELECT retired_at FROM techniques WHERE id = ${urgency.id}`)).toBe(FIXED_NOW.toISOString());
    expect((await h()['techniques.list'](undefined))[0]).toMatchObject({ name: 'Urgency close', retired: true });
    expect((await h()['sales.get']({ id: sale.id })).techniques.map((x) => x.id)).toEqual([urgency.id]);
    expect(await h()['techniques.retire']({ id: urgency.id, retired: false })).toMatchObject({ retired: false });
    expect(one(t, `SELECT retired_at FROM techniques WHERE id = ${urgency.id}`)).toBeNull();
    await expect(h()['techniques.retire']({ id: 404, retired: true })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('merging techniques', () => {
  it('moves sales, entries, goal filters and experiments to the survivor without duplicates, and records it', async () => {
    const spin = await technique('SPIN questions', { description: 'Kept' });
    const dup = await technique('Spin selling', { description: 'Not copied', steps: ['x'], source: 'Dropped' });
    const other = await technique('Trial close');
    const customer = await h()['customers.create'](CustomerInput.parse({ name: 'Ada' }));
    const onlyDup = await saleWith(customer.id, [dup.id], 'Only the duplicate');
    const both = await saleWith(customer.id, [spin.id, dup.id, other.id], 'Both');
    const entryBoth = await entryWith([spin.id, dup.id], 'Both');
    const entryDup = await entryWith([dup.id], 'Only the duplicate');
    const goal = await h()['goals.create'](
      GoalInput.parse({
        title: 'Discovery revenue',
        metric: 'revenue',
        target: 100_000,
        period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
        filters: { techniqueIds: [spin.id, dup.id] },
      }),
    );
    const goalDup = await h()['goals.create'](
      GoalInput.parse({
        title: 'Old name revenue',
        metric: 'revenue',
        target: 100_000,
        period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
        filters: { techniqueIds: [dup.id] },
      }),
    );
    t.store.sqlite
      .prepare(
        `INSERT INTO experiments (technique_id, hypothesis, started_on, stop_deals, created_at, updated_at)
         VALUES (?, 'Try it on ten deals', '2026-06-01', 10, 'x', 'x')`,
      )
      .run(dup.id);

    const result = await h()['techniques.merge']({ from: dup.id, into: spin.id });
    expect(result).toMatchObject({ salesMoved: 2, entriesMoved: 2 });
    expect(result.survivor).toMatchObject({
      id: spin.id,
      name: 'SPIN questions',
      description: 'Kept',
      steps: [],
      source: null,
      sales: 2,
      entries: 2,
      mergedFrom: ['Spin selling'],
    });
    expect(one(t, `SELECT count(*) FROM techniques WHERE id = ${dup.id}`)).toBe(0);
    const links = (table: string, column: string) =>
      all(t, `SELECT ${column} AS owner, technique_id FROM ${table} ORDER BY 1, 2`);
    expect(links('sale_techniques', 'sale_id')).toEqual([
      { owner: onlyDup.id, technique_id: spin.id },
      { owner: both.id, technique_id: spin.id },
      { owner: both.id, technique_id: other.id },
    ]);
    expect(links('journal_entry_techniques', 'entry_id')).toEqual([
      { owner: entryBoth.id, technique_id: spin.id },
      { owner: entryDup.id, technique_id: spin.id },
    ]);
    expect(links('goal_filters WHERE technique_id IS NOT NULL', 'goal_id')).toEqual([
      { owner: goal.id, technique_id: spin.id },
      { owner: goalDup.id, technique_id: spin.id },
    ]);
    expect(one(t, 'SELECT technique_id FROM experiments')).toBe(spin.id);
    expect(
      all(t, 'SELECT survivor_id, merged_name, sales_moved, entries_moved, merged_at FROM technique_merges'),
    ).toEqual([
      {
        survivor_id: spin.id,
        merged_name: 'Spin selling',
        sales_moved: 2,
        entries_moved: 2,
        merged_at: FIXED_NOW.toISOString(),
      },
    ]);
    expect(all(t, 'PRAGMA foreign_key_check')).toEqual([]);

    // A later merge carries the earlier one's history to the new survivor, oldest first.
    const final = await h()['techniques.merge']({ from: spin.id, into: other.id });
    expect(final.survivor.mergedFrom).toEqual(['Spin selling', 'SPIN questions']);
    expect(final).toMatchObject({ salesMoved: 2, entriesMoved: 2, survivor: { sales: 2, entries: 2 } });
  });

  it('refuses unknown techniques naming the field, and merging one into itself, writing nothing', async () => {
    const spin = await technique('SPIN');
    const before = dump();
    const from = await rejection(h()['techniques.merge']({ from: 77, into: spin.id }));
    expect(from).toMatchObject({ code: 'not_found', issues: [{ path: 'from', message: 'errors.unknownTechnique' }] });
    const into = await rejection(h()['techniques.merge']({ from: spin.id, into: 78 }));
    expect(into).toMatchObject({ code: 'not_found', issues: [{ path: 'into', message: 'errors.unknownTechnique' }] });
    expect(dump()).toEqual(before);
    const { TechniqueMerge } = await import('../../src-main/features/techniques/contract');
    expect(TechniqueMerge.safeParse({ from: spin.id, into: spin.id }).error?.issues[0]).toMatchObject({
      path: ['into'],
      message: 'techniques.errors.mergeSelf',
    });
  });

  it('is all or nothing: a failure half-way leaves every row', async () => {
    const a = await technique('A');
    const b = await technique('B');
    const customer = await h()['customers.create'](CustomerInput.parse({ name: 'Ada' }));
    await saleWith(customer.id, [a.id]);
    await entryWith([a.id]);
    const before = dump();
    t.store.sqlite.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON technique_merges BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    await expect(h()['techniques.merge']({ from: a.id, into: b.id })).rejects.toThrow(/disk on fire/);
    expect(dump()).toEqual(before);
  });
});

describe('starter set', () => {
  it('offers the well-known techniques in English, each with a category and one line', async () => {
    const starter = await h()['techniques.starter'](undefined);
    expect(starter.length).toBeGreaterThanOrEqual(12);
    expect(new Set(starter.map((s) => s.key)).size).toBe(starter.length);
    for (const s of starter) {
      expect(s.name, s.key).not.toMatch(/^techniques\./);
      expect(s.description, s.key).not.toMatch(/^techniques\.|\n/);
      expect(s.added).toBe(false);
    }
    expect(starter.find((s) => s.key === 'spin')).toMatchObject({ name: 'SPIN questions', category: 'discovery' });
    expect(starter.find((s) => s.key === 'feel_felt_found')).toMatchObject({ category: 'objections' });
  });

  it('speaks the seller’s language, adds the chosen ones once, and knows what is there by key or name', async () => {
    const english = await h()['techniques.starter'](undefined);
    await h()['settings.update']({ language: 'it' });
    const italian = await h()['techniques.starter'](undefined);
    expect(italian.map((s) => s.key)).toEqual(english.map((s) => s.key));
    expect(italian.find((s) => s.key === 'spin')!.name).toBe('Domande SPIN');
    expect(italian.find((s) => s.key === 'assumptive_close')!.name).toBe('Chiusura presuntiva');
    // Every name and description is really translated (SPIN's description aside, none is the same).
    const same = italian.filter((s, i) => s.description === english[i]!.description || s.name === english[i]!.name);
    expect(same).toEqual([]);

    // The seller already has one under the starter's Italian name, in another case.
    await technique('chiusura di prova');
    const added = await h()['techniques.addStarter']({ keys: ['spin', 'trial_close', 'follow_up_48h'] });
    expect(added.map((x) => [x.name, x.starter, x.category])).toEqual([
      ['Domande SPIN', 'spin', 'discovery'],
      ['Follow-up entro 48 ore', 'follow_up_48h', 'follow_up'],
    ]);
    expect(added[0]!.description).toContain('situazione');
    const after = await h()['techniques.starter'](undefined);
    expect(
      after
        .filter((s) => s.added)
        .map((s) => s.key)
        .sort(),
    ).toEqual(['follow_up_48h', 'spin', 'trial_close']);
    // Asking again adds nothing; a renamed starter technique is still known by its key.
    await h()['techniques.update']({ id: added[0]!.id, ...TechniqueInput.parse({ name: 'Le mie domande SPIN' }) });
    expect(await h()['techniques.addStarter']({ keys: ['spin', 'trial_close'] })).toEqual([]);
    expect(one(t, 'SELECT count(*) FROM techniques')).toBe(3);
  });

  it('refuses keys outside the starter set, writing nothing', async () => {
    const error = await rejection(h()['techniques.addStarter']({ keys: ['spin', 'mind_reading'] }));
    expect(error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'keys', message: 'techniques.errors.unknownStarter' }],
      values: { keys: 'mind_reading' },
    });
    expect(one(t, 'SELECT count(*) FROM techniques')).toBe(0);
  });
});
