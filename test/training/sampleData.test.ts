import { describe, expect, it } from 'vitest';
import { TrainingNote, TrainingNoteInput } from '../../src-main/features/training/contract';
import { all, generateSample, one } from '../helpers/sample';
import { storesPerTest, type TestStore } from '../helpers/store';

const store = storesPerTest();

const notes = (t: TestStore) => t.handlers['training.list'](undefined);
/** Every word a note says (not the names it is about). */
const words = (n: TrainingNote): string[] =>
  [
    n.features,
    n.benefits,
    n.pricing,
    n.who,
    n.caresAbout,
    n.whatWorks,
    n.body,
    ...n.objections.flatMap((o) => [o.objection, o.answer]),
  ].filter((text): text is string => !!text);

describe('the sample’s training notes', () => {
  it('cover sample products, and segments and industries the sample customers carry, flagged as sample', async () => {
    const t = await store();
    await generateSample(t, { sales: 300 });
    const list = await notes(t);
    expect(list.map((n) => [n.subject, n.product?.name ?? n.name])).toEqual([
      ['product', 'Enterprise suite'],
      ['product', 'Premium support'],
      ['product', 'Professional subscription'],
      ['segment', 'Enterprise'],
      ['segment', 'Small business'],
      ['industry', 'Hospitality'],
      ['industry', 'Manufacturing'],
      ['industry', 'Retail'],
    ]);
    expect(one(t, 'SELECT count(*) FROM training_notes WHERE sample = 1')).toBe(list.length);
    const segments = new Set(all(t, 'SELECT DISTINCT segment AS v FROM customers').map((r) => r.v));
    const industries = new Set(all(t, 'SELECT DISTINCT industry AS v FROM customers').map((r) => r.v));
    for (const n of list) {
      if (n.subject === 'segment') expect(segments.has(n.name)).toBe(true);
      if (n.subject === 'industry') expect(industries.has(n.name)).toBe(true);
      // Each one is a note the app itself would accept: saved again unchanged, it stays as it is.
      const again = await t.handlers['training.update']({
        id: n.id,
        note: TrainingNoteInput.parse({ ...n, productId: n.product?.id ?? null }),
      });
      expect({ ...again, updatedAt: n.updatedAt }).toEqual(n);
      // Real sentences, with every objection answered.
      expect(words(n).every((w) => w.length > 10)).toBe(true);
    }
    expect(list.filter((n) => n.subject === 'product').every((n) => n.objections.length > 0)).toBe(true);
    expect(list.some((n) => n.body.includes('**'))).toBe(true);
  });

  it('shows beside a sample sale: its product’s note, then its customer’s segment and industry', async () => {
    const t = await store();
    await generateSample(t, { sales: 600 });
    const sale = all(
      t,
      `SELECT s.product_id, s.customer_id FROM sales s JOIN products p ON p.id = s.product_id
       JOIN customers c ON c.id = s.customer_id
       WHERE p.name = 'Premium support' AND c.segment = 'Small business' AND c.industry = 'Retail' LIMIT 1`,
    )[0] as { product_id: number; customer_id: number };
    expect(sale).toBeDefined();
    const shown = await t.handlers['training.forSale']({ productId: sale.product_id, customerId: sale.customer_id });
    expect(shown.map((n) => [n.subject, n.product?.name ?? n.name])).toEqual([
      ['product', 'Premium support'],
      ['segment', 'Small business'],
      ['industry', 'Retail'],
    ]);
  });

  it('is written in Italian for an Italian seller, naming the Italian products and groups', async () => {
    const [en, it] = [await store(), await store()];
    await generateSample(en, { sales: 200 });
    await generateSample(it, { sales: 200, language: 'it' });
    const italian = await notes(it);
    expect(italian.map((n) => n.product?.name ?? n.name)).toEqual([
      'Abbonamento Professional',
      'Assistenza premium',
      'Suite Enterprise',
      'Grande impresa',
      'Piccola impresa',
      'Commercio al dettaglio',
      'Manifattura',
      'Turismo e ristorazione',
    ]);
    const english = new Set((await notes(en)).flatMap(words));
    expect(italian.flatMap(words).filter((w) => english.has(w))).toEqual([]);
    expect(italian.flatMap(words).join(' ')).toMatch(/perché|più|già|è /);
    // The rest of the sample is the same row for row: the notes drew nothing from its random stream.
    const shape = (t: TestStore) => all(t, 'SELECT id, customer_id, product_id, amount_minor, opened_on FROM sales');
    expect(shape(it)).toEqual(shape(en));
  });

  it('goes with "remove sample data" while the seller’s own notes stay, and a second sample keeps theirs', async () => {
    const t = await store();
    await generateSample(t, { sales: 200 });
    const own = await t.handlers['training.create'](
      TrainingNoteInput.parse({ subject: 'industry', name: 'Logistics', whatWorks: 'Call before 9' }),
    );
    const suite = (await notes(t)).find((n) => n.product?.name === 'Enterprise suite')!;
    await t.handlers['training.update']({
      id: suite.id,
      note: TrainingNoteInput.parse({ subject: 'product', productId: suite.product!.id, pricing: 'My own prices' }),
    });
    // A second sample on top reuses the products; the notes there are stay as the seller left them.
    await generateSample(t, { sales: 50, seed: 7 });
    expect((await notes(t)).find((n) => n.id === suite.id)!.pricing).toBe('My own prices');
    expect(one(t, "SELECT count(*) FROM training_notes WHERE subject = 'product'")).toBe(3);

    await t.handlers['onboarding.removeSample'](undefined);
    expect((await notes(t)).map((n) => n.id)).toEqual([own.id]);
    await t.handlers['onboarding.startAfresh']({ confirm: 'remove-everything' });
    expect(await notes(t)).toEqual([]);
  });
});
