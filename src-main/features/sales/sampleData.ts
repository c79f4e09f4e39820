import type { Kysely } from 'kysely';
import type { DB, NewSaleRow } from '../../db/schema';
import {
  DAY_MS,
  maxId,
  rowWriter,
  type InsertedCustomers,
  type InsertedSales,
  type SampleContext,
  type SampleText,
} from '../../kernel/sampleContext';
import { minorDigits } from '../../shared/money';
import type { RandomSource } from '../../shared/statistics/random';
import type { SampleCatalog, SampleProduct, SampleTechnique } from '../catalog';
import type { SampleCustomers } from '../customers';

/** How each customer segment buys. */
interface SegmentDeals {
  /** Days from first contact to close. */
  cycle: readonly [number, number];
  quantity: readonly [number, number];
  winBonus: number;
}
const DEALS_BY_SEGMENT: Readonly<Record<string, SegmentDeals>> = {
  'Small business': { cycle: [3, 30], quantity: [1, 2], winBonus: 0 },
  'Mid-market': { cycle: [10, 60], quantity: [1, 3], winBonus: -0.02 },
  Enterprise: { cycle: [30, 120], quantity: [1, 4], winBonus: -0.08 },
  Consumer: { cycle: [0, 14], quantity: [1, 1], winBonus: 0.03 },
};

/** The segments, in the order of PRODUCT_PREFERENCES' columns. */
const PREFERENCE_COLUMNS: readonly string[] = ['Small business', 'Mid-market', 'Enterprise', 'Consumer'];
/**
 * Each segment's relative preference for each product of the sample catalogue, by the
 * product's key (its English name): one row a product, one column a segment.
 */
const PRODUCT_PREFERENCES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  'Essentials subscription': [8, 2, 0, 10],
  'Professional subscription': [5, 8, 3, 2],
  'Enterprise suite': [0.3, 2, 8, 0],
  'Onboarding package': [4, 4, 2, 1],
  'Custom integration': [1, 4, 7, 0],
  'Training workshop': [3, 4, 4, 5],
  'Premium support': [3, 5, 6, 1],
  'Hardware kit': [3, 2, 1, 6],
};

const NO_TECHNIQUE_WIN_RATE = 0.68;

const LOST_REASONS: readonly (readonly [SampleText, number])[] = [
  [{ en: 'Price too high', it: 'Prezzo troppo alto' }, 30],
  [{ en: 'Chose a competitor', it: 'Ha scelto un concorrente' }, 25],
  [{ en: 'No budget this year', it: 'Niente budget quest’anno' }, 15],
  [{ en: 'Postponed to next year', it: 'Rimandato all’anno prossimo' }, 15],
  [{ en: 'No decision made', it: 'Nessuna decisione presa' }, 10],
  [{ en: 'Stopped replying', it: 'Non risponde più' }, 5],
];

const TECHNIQUES_PER_SALE = [
  [0, 20],
  [1, 50],
  [2, 30],
] as const;
const WON_SATISFACTION = [
  [5, 40],
  [4, 36],
  [3, 14],
  [2, 7],
  [1, 3],
] as const;
const STAGES_NEW = [
  ['lead', 5],
  ['qualified', 4],
  ['proposal', 1],
] as const;
const STAGES_WARM = [
  ['qualified', 4],
  ['proposal', 4],
  ['negotiation', 2],
] as const;
const STAGES_OLD = [
  ['proposal', 5],
  ['negotiation', 5],
] as const;

const SALE_NOTES: readonly SampleText[] = [
  { en: 'Asked for a call back after the summer.', it: 'Chiede di essere richiamato dopo l’estate.' },
  { en: 'Decision maker on holiday until next month.', it: 'Chi decide è in ferie fino al mese prossimo.' },
  { en: 'Wants references from similar clients.', it: 'Vuole referenze di clienti simili.' },
  { en: 'Budget approved by the board.', it: 'Budget approvato dal consiglio di amministrazione.' },
  { en: "Comparing with a competitor's offer.", it: 'Sta confrontando con l’offerta di un concorrente.' },
  { en: 'Prefers to be contacted by email.', it: 'Preferisce essere contattato via email.' },
  { en: 'Met at the regional trade fair.', it: 'Conosciuto alla fiera regionale.' },
  { en: 'Needs the quote split across two cost centres.', it: 'Serve il preventivo diviso su due centri di costo.' },
];

/** What a deal's title calls it when it is not a first purchase of a product. */
const NEW_DEAL: SampleText = { en: 'New deal', it: 'Nuova trattativa' };
const RENEWAL: SampleText = { en: 'Renewal', it: 'Rinnovo' };
const REPEAT_KINDS: readonly SampleText[] = [
  { en: 'Upsell', it: 'Ampliamento' },
  { en: 'Reorder', it: 'Riordino' },
  { en: 'Expansion', it: 'Estensione' },
];

/**
 * Relative number of deals closed in each month: spring and autumn peaks, an August
 * dip (Italy closes for Ferragosto), a quiet December and January.
 */
const MONTH_WEIGHTS = [0.8, 0.95, 1.2, 1.3, 1.25, 1.0, 0.85, 0.3, 1.15, 1.35, 1.25, 0.7];
const WEEKEND_WEIGHT = 0.12;
/** Share of deals still open at the end date, and how far back the oldest of them reaches. */
const OPEN_SHARE = 0.15;
const OPEN_WINDOW_DAYS = 120;

export interface SampleSalesInput {
  catalog: SampleCatalog;
  /** How many deals. */
  count: number;
  /**
   * Draws the customers for `count` deals (customers' generateSampleCustomers). Called between
   * the deals' dates and their details: the order the one random stream has always been drawn
   * in, kept so that a seed still gives the same data.
   */
  customers: (deals: number) => Promise<SampleCustomers>;
}

const STATUSES = ['open', 'won', 'lost'] as const;
const OPEN_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const;
/** Where an optional small number is absent. */
const NONE = -1;

/** Texts kept once and referred to by number (a deal's kind, lost reason, note). */
class Texts {
  private readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(text: string | null): number {
    if (text === null) return NONE;
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.list.push(text) - 1));
    return i;
  }
  at(i: number): string | null {
    return i === NONE ? null : this.list[i]!;
  }
}

/**
 * Two years of deals with seasonal dates, each customer's in the order they lived them:
 * products by segment, techniques with different win rates, renewals and upsells once a
 * customer has bought, ratings, stages of the open ones. Inserts the customers (numbered once
 * their first contact is known) and the sales, both in date order, as if the seller had typed
 * them in over two years.
 *
 * Each deal is drawn into typed arrays (a few dozen bytes a deal), and written as a row only
 * once its customer's id is known, in id order (in batches: rowWriter).
 */
export async function generateSampleSales(
  db: Kysely<DB>,
  ctx: SampleContext,
  input: SampleSalesInput,
): Promise<{ sales: InsertedSales; customers: InsertedCustomers }> {
  const { random, startDay, endDay } = ctx;
  const { catalog, count } = input;

  // 1. When each deal happens. Closed deals follow the seasonal calendar with mild growth;
  //    open deals are recent, because a two-year-old open deal is a dead one.
  const span = endDay - startDay + 1;
  const cumulative = new Float64Array(span);
  let total = 0;
  for (let i = 0; i < span; i++) {
    const date = new Date((startDay + i) * DAY_MS);
    const weekday = date.getUTCDay();
    const growth = 0.85 + (0.3 * i) / span;
    total += MONTH_WEIGHTS[date.getUTCMonth()]! * growth * (weekday === 0 || weekday === 6 ? WEEKEND_WEIGHT : 1);
    cumulative[i] = total;
  }
  const open = new Uint8Array(count);
  // Business day: closed on, or opened on while open.
  const days = new Int32Array(count);
  const openedDays = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    open[i] = random.chance(OPEN_SHARE) ? 1 : 0;
    days[i] = open[i]
      ? Math.max(startDay, endDay - Math.floor(OPEN_WINDOW_DAYS * random.float() ** 1.6))
      : startDay + random.cumulative(cumulative);
    openedDays[i] = days[i]!;
  }

  // 2. Who buys.
  const customers = await input.customers(count);

  // 3. What each deal is, in the order the customer lived it, by the deal's index.
  const customerOf = new Int32Array(count);
  const productOf = new Int32Array(count);
  const amounts = new Float64Array(count);
  const statusOf = new Uint8Array(count);
  const stageOf = new Int8Array(count).fill(NONE);
  const satisfactionOf = new Uint8Array(count);
  const npsOf = new Int8Array(count).fill(NONE);
  const kindOf = new Int32Array(count);
  const lostReasonOf = new Int32Array(count);
  const noteOf = new Int32Array(count);
  const createdAt = new Int32Array(count);
  const updatedAt = new Int32Array(count);
  // At most two techniques a deal (TECHNIQUES_PER_SALE); 0: none.
  const techniquesOf = [new Int32Array(count), new Int32Array(count)];
  const texts = new Texts();
  const firstDays = new Float64Array(customers.count).fill(Number.POSITIVE_INFINITY);
  const productEntries = new Map(
    PREFERENCE_COLUMNS.map((segment, column) => [
      segment,
      catalog.products.map((p) => [p, PRODUCT_PREFERENCES[p.key]?.[column] ?? 0] as const),
    ]),
  );
  const techniqueEntries = catalog.techniques.map((t) => [t, t.popularity] as const);
  const referral = catalog.techniques.find((t) => t.effect === 'referral')!;
  const unit = 5 * 10 ** minorDigits(ctx.currency);

  for (let c = 0; c < customers.count; c++) {
    const deals = customers.deals(c).sort((a, b) => days[a]! - days[b]! || a - b);
    const segmentKey = customers.segment(c);
    const segment = DEALS_BY_SEGMENT[segmentKey]!;
    let wonBefore = false;
    for (const index of deals) {
      customerOf[index] = c;
      const day = days[index]!;
      if (!open[index]) {
        const cycle = random.int(segment.cycle[0], segment.cycle[1]);
        // Deals closing early in the period started inside it too, spread rather than piled
        // up on its first day.
        openedDays[index] = day - cycle >= startDay ? day - cycle : random.int(startDay, day);
      }
      const openedDay = openedDays[index]!;
      firstDays[c] = Math.min(firstDays[c]!, openedDay);

      const hasProduct = random.chance(0.96);
      const product: SampleProduct | null = hasProduct ? random.weighted(productEntries.get(segmentKey)!) : null;

      const used: SampleTechnique[] = [];
      const howMany = random.weighted(TECHNIQUES_PER_SALE);
      if (customers.referred(c) && !wonBefore && random.chance(0.5)) used.push(referral);
      while (used.length < howMany) {
        const t = random.weighted(techniqueEntries);
        if (!used.includes(t)) used.push(t);
      }

      let winRate = used.length > 0 ? used.reduce((sum, t) => sum + t.winRate, 0) / used.length : NO_TECHNIQUE_WIN_RATE;
      winRate += segment.winBonus + (wonBefore ? 0.06 : 0);
      const status = open[index] ? 'open' : random.chance(Math.min(0.97, Math.max(0.05, winRate))) ? 'won' : 'lost';

      let amountMinor: number;
      const discounted = used.some((t) => t.effect === 'discount');
      if (product) {
        const quantity = random.int(segment.quantity[0], segment.quantity[1]);
        const factor = Math.min(1.4, Math.max(0.7, Math.exp(0.12 * random.normal()))) * (discounted ? 0.85 : 1);
        amountMinor = Math.max(1, Math.round((product.listPriceMinor * quantity * factor) / unit)) * unit;
      } else {
        amountMinor =
          Math.max(1, Math.round((800 * catalog.priceScale * Math.exp(0.6 * random.normal())) / unit)) * unit;
      }

      const { satisfaction, nps } = rating(random, status);

      const kind = !wonBefore
        ? (product?.name ?? ctx.say(NEW_DEAL))
        : ctx.say(product?.recurring ? RENEWAL : random.pick(REPEAT_KINDS));
      const age = endDay - openedDay;
      createdAt[index] = ctx.workMinute(openedDay);
      updatedAt[index] = ctx.workMinute(day);
      kindOf[index] = texts.of(kind);
      productOf[index] = product?.id ?? 0;
      amounts[index] = amountMinor;
      statusOf[index] = STATUSES.indexOf(status);
      if (status === 'open') stageOf[index] = OPEN_STAGES.indexOf(openStage(random, age));
      satisfactionOf[index] = satisfaction ?? 0;
      npsOf[index] = nps ?? NONE;
      lostReasonOf[index] = texts.of(status === 'lost' ? ctx.say(random.weighted(LOST_REASONS)) : null);
      noteOf[index] = texts.of(random.chance(0.08) ? ctx.say(random.pick(SALE_NOTES)) : null);
      used.forEach((t, k) => (techniquesOf[k]![index] = t.id));
      if (status === 'won') wonBefore = true;
    }
  }

  // 4. Ids in date order (customers by first contact, sales by business date). Explicit ids
  //    let the rows refer to each other without reading anything back.
  const { ids: customerIds, rows: customerRows } = customers.insert(firstDays);
  const saleBase = (await maxId(db, 'sales')) + 1;
  const saleOrder = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b);
  const statuses: InsertedSales['status'][number][] = [];
  const sales: InsertedSales = {
    firstId: saleBase,
    count,
    customerIds: new Int32Array(count),
    productIds: new Int32Array(count),
    status: statuses,
    satisfaction: new Uint8Array(count),
    openedDays: new Int32Array(count),
    days: new Int32Array(count),
  };
  const writeSale = rowWriter(ctx.sqlite, 'sales');
  const links = rowWriter(ctx.sqlite, 'sale_techniques', { flagged: false, parent: writeSale });
  saleOrder.forEach((i, position) => {
    const id = saleBase + position;
    const status = STATUSES[statusOf[i]!]!;
    const created = ctx.stampOf(createdAt[i]!);
    const updated = ctx.stampOf(updatedAt[i]!);
    const customerId = customerIds[customerOf[i]!]!;
    const row: NewSaleRow = {
      id,
      title: `${texts.at(kindOf[i]!)} — ${customers.label(customerOf[i]!)}`,
      customer_id: customerId,
      product_id: productOf[i] || null,
      amount_minor: amounts[i]!,
      currency: ctx.currency,
      status,
      stage: stageOf[i] === NONE ? null : OPEN_STAGES[stageOf[i]!]!,
      opened_on: ctx.date(openedDays[i]!),
      closed_on: status === 'open' ? null : ctx.date(days[i]!),
      satisfaction: satisfactionOf[i] || null,
      nps: npsOf[i] === NONE ? null : npsOf[i]!,
      lost_reason: texts.at(lostReasonOf[i]!),
      notes: texts.at(noteOf[i]!),
      created_at: created,
      updated_at: updated < created ? created : updated,
    };
    writeSale.write(row);
    for (const techniques of techniquesOf) if (techniques[i]) links.write({ sale_id: id, technique_id: techniques[i] });
    sales.customerIds[position] = customerId;
    sales.productIds[position] = productOf[i]!;
    statuses.push(status);
    sales.satisfaction[position] = satisfactionOf[i]!;
    sales.openedDays[position] = openedDays[i]!;
    sales.days[position] = days[i]!;
  });
  writeSale.flush();
  links.flush();
  return { sales, customers: customerRows };
}

/** Satisfaction 1–5 skewed high on won deals, rare and low on lost ones; NPS follows it. */
function rating(
  random: RandomSource,
  status: 'open' | 'won' | 'lost',
): { satisfaction: number | null; nps: number | null } {
  let satisfaction: number | null = null;
  if (status === 'won' && random.chance(0.82)) satisfaction = random.weighted(WON_SATISFACTION);
  else if (status === 'lost' && random.chance(0.15)) satisfaction = random.int(1, 3);
  let nps: number | null = null;
  if (satisfaction !== null && random.chance(0.8)) {
    nps = Math.min(10, Math.max(0, Math.round(2 * satisfaction + 1.1 * random.normal())));
  } else if (satisfaction === null && status === 'won' && random.chance(0.1)) {
    nps = random.int(6, 10);
  }
  return { satisfaction, nps };
}

/** Older open deals have moved further down the pipeline. */
function openStage(random: RandomSource, ageDays: number): 'lead' | 'qualified' | 'proposal' | 'negotiation' {
  if (ageDays < 14) return random.weighted(STAGES_NEW);
  if (ageDays < 45) return random.weighted(STAGES_WARM);
  return random.weighted(STAGES_OLD);
}
