import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleCatalog } from '../../src-main/features/catalog/sampleData';
import { createSampleContext } from '../../src-main/kernel/sampleContext';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';

let t: TestStore | undefined;
afterEach(() => t?.cleanup());

async function catalog(store: TestStore, currency: string) {
  const ctx = await createSampleContext({ seed: 42, endDate: '2026-06-30', currency }, FIXED_NOW, store.store.sqlite);
  return store.store.db.transaction().execute((trx) => generateSampleCatalog(trx, ctx));
}

describe('sample catalogue', () => {
  it('reuses what the seller has by name (case-insensitively), and a list price of theirs in the same currency', async () => {
    t = await freshStore();
    const kit = await t.handlers['products.create']({
      name: 'Hardware Kit',
      category: null,
      listPriceMinor: 123_400,
      currency: 'EUR',
    });
    const spin = await t.handlers['techniques.create'](TechniqueInput.parse({ name: 'spin QUESTIONS' }));

    const result = await catalog(t, 'EUR');
    expect(result.added).toEqual({ products: 7, techniques: 5 });
    expect(result.products).toHaveLength(8);
    expect(result.products.find((p) => p.name === 'Hardware kit')).toMatchObject({
      id: kit.id,
      listPriceMinor: 123_400,
    });
    expect(result.techniques.find((x) => x.name === 'SPIN questions')!.id).toBe(spin.id);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM products').pluck().get()).toBe(8);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM techniques').pluck().get()).toBe(6);
    // What the deals need to know about the techniques beyond their win rates.
    expect(result.techniques.filter((x) => x.effect).map((x) => [x.name, x.effect])).toEqual([
      ['Referral introduction', 'referral'],
      ['Discount close', 'discount'],
    ]);
  });

  it('scales the price list to the currency, and ignores a list price in another currency', async () => {
    t = await freshStore();
    await t.handlers['products.create']({
      name: 'Essentials subscription',
      category: null,
      listPriceMinor: 5_000,
      currency: 'USD',
    });
    const yen = await catalog(t, 'JPY');
    expect(yen.priceScale).toBe(150);
    expect(yen.products[0]).toMatchObject({ name: 'Essentials subscription', listPriceMinor: 590 * 150 });
    expect(yen.products.find((p) => p.name === 'Premium support')!).toMatchObject({
      listPriceMinor: 1800 * 150,
      recurring: true,
    });
    expect(yen.products.find((p) => p.name === 'Hardware kit')!.recurring).toBe(false);
  });
});
