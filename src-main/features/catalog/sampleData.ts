import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SampleContext } from '../../kernel/sampleContext';
import { minorDigits } from '../../shared/money';
import { findProductByName, findTechniqueByName, insertProduct, insertTechnique } from './repository';

interface ProductSpec {
  name: string;
  category: string;
  /** Major units of a euro-like currency; scaled for others (PRICE_SCALE). */
  price: number;
}
/** The sample seller's price list. */
const PRODUCTS: readonly ProductSpec[] = [
  { name: 'Essentials subscription', category: 'Software', price: 590 },
  { name: 'Professional subscription', category: 'Software', price: 1490 },
  { name: 'Enterprise suite', category: 'Software', price: 9800 },
  { name: 'Onboarding package', category: 'Services', price: 750 },
  { name: 'Custom integration', category: 'Services', price: 4200 },
  { name: 'Training workshop', category: 'Training', price: 1200 },
  { name: 'Premium support', category: 'Support', price: 1800 },
  { name: 'Hardware kit', category: 'Hardware', price: 2600 },
];
/** Products whose repeat purchases are renewals rather than upsells. */
const RECURRING_CATEGORIES = new Set(['Software', 'Support']);

/**
 * Rough purchasing-power scale so that a yen or krona price list does not look absurd.
 * Not an exchange rate: amounts in different currencies are never added together.
 */
const PRICE_SCALE: Readonly<Record<string, number>> = { JPY: 150, SEK: 11, NOK: 11, DKK: 7, PLN: 4 };

/**
 * Deliberately different win rates, so the technique journal has a finding to show.
 * They average about 0.7, which with ~15% open deals gives ~60% won and ~25% lost overall.
 */
const TECHNIQUES: readonly Omit<SampleTechnique, 'id'>[] = [
  {
    name: 'SPIN questions',
    description: 'Situation, problem, implication and need-payoff questions before any pitch.',
    winRate: 0.84,
    popularity: 1,
  },
  {
    name: 'Referral introduction',
    description: 'A satisfied customer introduces the prospect.',
    winRate: 0.8,
    popularity: 0.5,
    effect: 'referral',
  },
  {
    name: 'Tailored demo',
    description: "A demo built around the prospect's own data and workflow.",
    winRate: 0.74,
    popularity: 1,
  },
  { name: 'Free trial', description: 'Two weeks of use before committing.', winRate: 0.67, popularity: 0.7 },
  {
    name: 'Urgency close',
    description: 'A deadline: price list change, limited slots.',
    winRate: 0.56,
    popularity: 0.8,
  },
  {
    name: 'Discount close',
    description: 'A discount to get the signature now.',
    winRate: 0.45,
    popularity: 0.9,
    effect: 'discount',
  },
];

export interface SampleProduct {
  id: number;
  name: string;
  category: string;
  listPriceMinor: number;
  /** Bought again as a renewal rather than an upsell. */
  recurring: boolean;
}

export interface SampleTechnique {
  id: number;
  name: string;
  description: string;
  /** Probability that a decided (won or lost) sale using only this technique is won. */
  winRate: number;
  /** How often sellers reach for it. */
  popularity: number;
  /** How it shapes a deal beyond its win rate: introduces a referred customer, or cuts the price. */
  effect?: 'referral' | 'discount';
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
    const existing = await findProductByName(db, spec.name);
    const defaultPrice = Math.round(spec.price * priceScale);
    let id: number;
    let listPriceMinor = defaultPrice;
    if (existing) {
      id = existing.id;
      if (existing.list_price_minor !== null && existing.currency === ctx.currency)
        listPriceMinor = existing.list_price_minor;
    } else {
      const { name, category } = spec;
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
    products.push({
      id,
      name: spec.name,
      category: spec.category,
      listPriceMinor,
      recurring: RECURRING_CATEGORIES.has(spec.category),
    });
  }
  const techniques: SampleTechnique[] = [];
  for (const spec of TECHNIQUES) {
    const existing = await findTechniqueByName(db, spec.name);
    let id = existing?.id;
    if (id === undefined) {
      id = (await insertTechnique(db, { name: spec.name, description: spec.description, createdAt })).id;
      added.techniques++;
    }
    techniques.push({ ...spec, id });
  }
  return { products, techniques, priceScale, added };
}
