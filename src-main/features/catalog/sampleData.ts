import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SampleContext, SampleText } from '../../kernel/sampleContext';
import { minorDigits } from '../../shared/money';
import { findProductByName, insertProduct } from './repository';
import { generateSampleTechniques, type SampleTechnique } from '../techniques';

export type { SampleTechnique };

interface ProductSpec {
  /** The key the deals' product preferences use (features/sales/sampleData.ts): the English name. */
  key: string;
  name: SampleText;
  category: SampleText;
  /** Bought again as a renewal rather than an upsell. */
  recurring: boolean;
  /** Major units of a euro-like currency; scaled for others (PRICE_SCALE). */
  price: number;
}
const SOFTWARE = { en: 'Software', it: 'Software' };
const SUPPORT = { en: 'Support', it: 'Assistenza' };
const SERVICES = { en: 'Services', it: 'Servizi' };
const product = (en: string, it: string, category: SampleText, price: number): ProductSpec => ({
  key: en,
  name: { en, it },
  category,
  recurring: category === SOFTWARE || category === SUPPORT,
  price,
});
/** The sample seller's price list; software and support are renewed, the rest upsold. */
const PRODUCTS: readonly ProductSpec[] = [
  product('Essentials subscription', 'Abbonamento Essential', SOFTWARE, 590),
  product('Professional subscription', 'Abbonamento Professional', SOFTWARE, 1490),
  product('Enterprise suite', 'Suite Enterprise', SOFTWARE, 9800),
  product('Onboarding package', 'Pacchetto di avviamento', SERVICES, 750),
  product('Custom integration', 'Integrazione su misura', SERVICES, 4200),
  product('Training workshop', 'Corso di formazione', { en: 'Training', it: 'Formazione' }, 1200),
  product('Premium support', 'Assistenza premium', SUPPORT, 1800),
  product('Hardware kit', 'Kit hardware', { en: 'Hardware', it: 'Hardware' }, 2600),
];

/**
 * Rough purchasing-power scale so that a yen or krona price list does not look absurd.
 * Not an exchange rate: amounts in different currencies are never added together.
 */
const PRICE_SCALE: Readonly<Record<string, number>> = { JPY: 150, SEK: 11, NOK: 11, DKK: 7, PLN: 4 };

export interface SampleProduct {
  id: number;
  /** The deals' key for it: its English name, whatever the sample's language. */
  key: string;
  name: string;
  category: string;
  listPriceMinor: number;
  /** Bought again as a renewal rather than an upsell. */
  recurring: boolean;
}

export interface SampleCatalog {
  /** In the price list's order, whether new or reused. */
  products: readonly SampleProduct[];
  techniques: readonly SampleTechnique[];
  /** Minor units of the sample currency per major unit of the euro-like price list. */
  priceScale: number;
  /** Rows inserted; products and techniques that already existed are reused, not counted. */
  added: { products: number; techniques: number };
}

/**
 * The sample seller's products and sales techniques. Reuses what the seller already has under
 * the same (NOCASE-unique) name, keeping its list price when it is in the sample's currency.
 */
export async function generateSampleCatalog(db: Kysely<DB>, ctx: SampleContext): Promise<SampleCatalog> {
  const added = { products: 0, techniques: 0 };
  const createdAt = ctx.stamp(ctx.startDay, 8);
  const priceScale = (PRICE_SCALE[ctx.currency] ?? 1) * 10 ** minorDigits(ctx.currency);
  const products: SampleProduct[] = [];
  for (const spec of PRODUCTS) {
    const [name, category] = [ctx.say(spec.name), ctx.say(spec.category)];
    const existing = await findProductByName(db, name);
    const defaultPrice = Math.round(spec.price * priceScale);
    let id: number;
    let listPriceMinor = defaultPrice;
    if (existing) {
      id = existing.id;
      if (existing.list_price_minor !== null && existing.currency === ctx.currency)
        listPriceMinor = existing.list_price_minor;
    } else {
      const row = await insertProduct(db, {
        name,
        category,
        listPriceMinor: defaultPrice,
        currency: ctx.currency,
        createdAt,
      });
      id = row.id;
      added.products++;
    }
    products.push({ id, key: spec.key, name, category, listPriceMinor, recurring: spec.recurring });
  }
  const sampleTechniques = await generateSampleTechniques(db, ctx, createdAt);
  added.techniques = sampleTechniques.added;
  const { techniques } = sampleTechniques;
  return { products, techniques, priceScale, added };
}
