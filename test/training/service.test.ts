import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { TrainingNoteInput } from '../../src-main/features/training/contract';
import { ProductInput } from '../../src-main/features/catalog/contract';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { api } from '../../src-main/shared/api';
import { FIXED_NOW, storeForEachTest, testHandlers } from '../helpers/store';
import { all, one } from '../helpers/sample';

const t = storeForEachTest();
const h = () => t.handlers;

const create = (note: TrainingNoteInput) => h()['training.create'](TrainingNoteInput.parse(note));
const update = (id: number, note: TrainingNoteInput) =>
  h()['training.update']({ id, note: TrainingNoteInput.parse(note) });
const forSale = (productId: number | null, customerId: number | null) =>
  h()['training.forSale']({ productId, customerId });
const product = async (name: string) =>
  (await h()['products.create'](ProductInput.parse({ name, currency: 'EUR' }))).id;
const customer = async (name: string, segment: string | null, industry: string | null) =>
  (await h()['customers.create'](CustomerInput.parse({ name, segment, industry }))).id;
const notes = () => all(t, 'SELECT * FROM training_notes ORDER BY id');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('training notes', () => {
  it('writes a product note with every part, reads it back, changes and deletes it', async () => {
    const suite = await product('Enterprise suite');
    const created = await create({
      subject: 'product',
      productId: suite,
      features: '  Single sign-on, approval workflows ',
      benefits: 'One system from quote to invoice',
      pricing: 'Yearly, by company size',
      objections: [
        { objection: ' IT must approve it ', answer: ' Send the security sheet first ' },
        { objection: 'Budget starts in January' },
      ],
      body: '**Bring IT in early.**',
    });
    expect(created).toEqual({
      id: created.id,
      subject: 'product',
      product: { id: suite, name: 'Enterprise suite' },
      name: null,
      features: 'Single sign-on, approval workflows',
      benefits: 'One system from quote to invoice',
      pricing: 'Yearly, by company size',
      who: null,
      caresAbout: null,
      whatWorks: null,
      objections: [
        { objection: 'IT must approve it', answer: 'Send the security sheet first' },
        { objection: 'Budget starts in January', answer: '' },
      ],
      body: '**Bring IT in early.**',
      updatedAt: FIXED_NOW.toISOString(),
    });
    expect(await h()['training.get']({ id: created.id })).toEqual(created);
    expect(await h()['training.list'](undefined)).toEqual([created]);

    const later = new Date(FIXED_NOW.getTime() + 86_400_000);
    const changed = await testHandlers(t.store, { now: () => later })['training.update']({
      id: created.id,
      note: TrainingNoteInput.parse({ subject: 'product', productId: suite, pricing: 'Up to 8% off multi-year' }),
    });
    expect(changed).toMatchObject({
      features: null,
      pricing: 'Up to 8% off multi-year',
      objections: [],
      body: '',
      updatedAt: later.toISOString(),
    });
    expect(one(t, 'SELECT created_at FROM training_notes')).toBe(FIXED_NOW.toISOString());

    expect(await h()['training.delete']({ id: created.id })).toEqual({ id: created.id });
    expect(notes()).toEqual([]);
    expect((await rejection(h()['training.delete']({ id: created.id }))).code).toBe('not_found');
    const missing = await rejection(h()['training.get']({ id: created.id }));
    expect([missing.code, missing.message, missing.values]).toEqual([
      'not_found',
      'training.failures.notFound',
      { id: created.id },
    ]);
  });

  it('lists products first, then segments, then industries, each by name whatever the case', async () => {
    const b = await product('b-widget');
    const a = await product('A-widget');
    await create({ subject: 'industry', name: 'Retail' });
    await create({ subject: 'segment', name: 'smb' });
    await create({ subject: 'product', productId: b });
    await create({ subject: 'segment', name: 'Enterprise' });
    await create({ subject: 'product', productId: a });
    const list = await h()['training.list'](undefined);
    expect(list.map((n) => [n.subject, n.product?.name ?? n.name])).toEqual([
      ['product', 'A-widget'],
      ['product', 'b-widget'],
      ['segment', 'Enterprise'],
      ['segment', 'smb'],
      ['industry', 'Retail'],
    ]);
    expect((await h()['training.list']({ subject: 'segment' })).map((n) => n.name)).toEqual(['Enterprise', 'smb']);
  });

  it('needs a product for a product note and a name for the others (the shared schema says so)', () => {
    const issues = (note: unknown) =>
      (TrainingNoteInput.safeParse(note).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);
    expect(issues({ subject: 'product' })).toEqual([['productId', 'errors.required']]);
    expect(issues({ subject: 'segment', name: '   ' })).toEqual([['name', 'errors.required']]);
    expect(issues({ subject: 'industry' })).toEqual([['name', 'errors.required']]);
    expect(issues({ subject: 'segment', name: 'SMB', objections: [{ objection: ' ', answer: 'x' }] })).toEqual([
      ['objections.0.objection', 'errors.required'],
    ]);
    expect(issues({ subject: 'region', name: 'North' })).toHaveLength(1);
  });

  it('refuses an unknown product and what does not belong to the subject, naming each field, writing nothing', async () => {
    const widget = await product('Widget');
    const unknown = await rejection(create({ subject: 'product', productId: widget + 100, who: 'Owners' }));
    expect([unknown.code, unknown.message]).toEqual(['invalid_input', 'training.failures.invalid']);
    expect(unknown.issues).toEqual([
      { path: 'productId', message: 'errors.unknownProduct' },
      { path: 'who', message: 'training.errors.onlyForGroups' },
    ]);
    const mixed = await rejection(
      h()['training.create']({
        ...TrainingNoteInput.parse({ subject: 'segment', name: 'SMB', features: 'Fast', pricing: 'Cheap' }),
        productId: widget,
      }),
    );
    expect(mixed.issues).toEqual([
      { path: 'productId', message: 'training.errors.productOnlyForProducts' },
      { path: 'features', message: 'training.errors.onlyForProducts' },
      { path: 'pricing', message: 'training.errors.onlyForProducts' },
    ]);
    const named = await rejection(
      h()['training.create']({ ...TrainingNoteInput.parse({ subject: 'product', productId: widget }), name: 'X' }),
    );
    expect(named.issues).toEqual([{ path: 'name', message: 'training.errors.nameOnlyForGroups' }]);
    expect(notes()).toEqual([]);
  });

  it('keeps one note per product: a second is a conflict naming the first, and nothing is written', async () => {
    const widget = await product('Widget');
    const first = await create({ subject: 'product', productId: widget, features: 'First' });
    const before = notes();
    const second = await rejection(create({ subject: 'product', productId: widget, features: 'Second' }));
    expect(second).toMatchObject({
      code: 'conflict',
      message: 'training.failures.productTaken',
      issues: [{ path: 'productId', message: 'training.errors.productTaken' }],
      values: { id: first.id, name: 'Widget' },
    });
    expect(notes()).toEqual(before);
    // Its own note, saved again, is no conflict.
    expect(await update(first.id, { subject: 'product', productId: widget, features: 'Again' })).toMatchObject({
      features: 'Again',
    });
  });

  it('keeps one note per segment and per industry name, whatever the case (accented letters too)', async () => {
    const retail = await create({ subject: 'segment', name: 'Retail' });
    const health = await create({ subject: 'industry', name: 'Sanità' });
    const before = notes();
    for (const [subject, name, taken] of [
      ['segment', ' retail ', retail],
      ['industry', 'SANITÀ', health],
    ] as const) {
      const error = await rejection(create({ subject, name }));
      expect(error).toMatchObject({
        code: 'conflict',
        message: `training.failures.${subject}Taken`,
        issues: [{ path: 'name', message: `training.errors.${subject}Taken` }],
        values: { id: taken.id, name: taken.name },
      });
    }
    expect(notes()).toEqual(before);
    // A segment and an industry may share a name; a note may change its own name's case.
    await create({ subject: 'industry', name: 'Retail' });
    expect(await update(retail.id, { subject: 'segment', name: 'RETAIL' })).toMatchObject({ name: 'RETAIL' });
    // Moving a note onto a name another note has is a conflict too.
    const other = await create({ subject: 'industry', name: 'Logistics' });
    expect((await rejection(update(other.id, { subject: 'industry', name: 'sanità' }))).code).toBe('conflict');
    expect((await rejection(update(999, { subject: 'industry', name: 'New' }))).code).toBe('not_found');
  });

  it('any spelling of a name in other letter cases is the same segment (property)', async () => {
    await create({ subject: 'segment', name: 'Mid-market Città' });
    const count = () => one(t, 'SELECT count(*) FROM training_notes');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), async (upper) => {
        const name = [...'Mid-market Città'].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
        const error = await rejection(create({ subject: 'segment', name: `  ${name} ` }));
        expect(error.code).toBe('conflict');
        expect(count()).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('stores objections exactly as trimmed, in their order (property)', async () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ objection: text, answer: fc.string({ maxLength: 40 }) }), { maxLength: 6 }),
        async (objections) => {
          const note = await create({ subject: 'industry', name: `Industry ${n++}`, objections });
          expect(note.objections).toEqual(
            objections.map((o) => ({ objection: o.objection.trim(), answer: o.answer.trim() })),
          );
          expect((await h()['training.get']({ id: note.id })).objections).toEqual(note.objections);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('goes with its product', async () => {
    const widget = await product('Widget');
    await create({ subject: 'product', productId: widget });
    await create({ subject: 'segment', name: 'SMB' });
    t.store.sqlite.prepare('DELETE FROM products WHERE id = ?').run(widget);
    expect((await h()['training.list'](undefined)).map((n) => n.name)).toEqual(['SMB']);
  });
});

describe('what you know for a sale', () => {
  async function book() {
    const suite = await product('Enterprise suite');
    const support = await product('Premium support');
    const suiteNote = await create({ subject: 'product', productId: suite, features: 'SSO' });
    const smb = await create({ subject: 'segment', name: 'SMB', whatWorks: 'Short demos' });
    const retail = await create({ subject: 'industry', name: 'Retail', caresAbout: 'Seasons' });
    await create({ subject: 'segment', name: 'Retail', who: 'A segment that shares the name' });
    return { suite, support, suiteNote, smb, retail };
  }

  it('gives the product’s note, then the customer’s segment’s and industry’s, in that order', async () => {
    const { suite, suiteNote, smb, retail } = await book();
    const ada = await customer('Ada', 'smb ', 'RETAIL');
    expect((await forSale(suite, ada)).map((n) => n.id)).toEqual([suiteNote.id, smb.id, retail.id]);
    expect((await forSale(null, ada)).map((n) => n.id)).toEqual([smb.id, retail.id]);
    expect((await forSale(suite, null)).map((n) => n.id)).toEqual([suiteNote.id]);
    expect(await forSale(null, null)).toEqual([]);
  });

  it('leaves out what has no note: a product without one, a customer without segment or industry', async () => {
    const { support, retail } = await book();
    const bruno = await customer('Bruno', null, 'Retail');
    const carla = await customer('Carla', 'Consumer', null);
    expect((await forSale(support, bruno)).map((n) => n.id)).toEqual([retail.id]);
    expect(await forSale(support, carla)).toEqual([]);
  });

  it('refuses a product or customer that does not exist, naming it', async () => {
    const error = await rejection(forSale(404, 405));
    expect([error.code, error.issues]).toEqual([
      'invalid_input',
      [
        { path: 'productId', message: 'errors.unknownProduct' },
        { path: 'customerId', message: 'errors.unknownCustomer' },
      ],
    ]);
  });

  it('parses its input with the contract: nothing chosen is null', () => {
    expect(api['training.forSale'].input.parse({})).toEqual({ productId: null, customerId: null });
  });
});

describe('the segments and industries customers carry', () => {
  it('once each whatever the case or spaces, in their most used spelling, sorted', async () => {
    await customer('A', 'SMB', 'Retail');
    await customer('B', 'smb', ' Retail ');
    await customer('C', 'SMB', 'Logistics');
    await customer('D', 'enterprise', null);
    await customer('E', null, 'retail');
    expect(await h()['training.groups'](undefined)).toEqual({
      segments: ['enterprise', 'SMB'],
      industries: ['Logistics', 'Retail'],
    });
  });
});
