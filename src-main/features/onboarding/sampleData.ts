import type { Faker } from '@faker-js/faker';
import type { Kysely } from 'kysely';
import type {
  ComplaintRow,
  DB,
  InteractionRow,
  NewCheckInRow,
  NewCustomerRow,
  NewSaleRow,
  SaleTechniqueTable,
} from '../../db/schema';
import { COMPLAINT_AGEING_DAYS } from '../care/contract';
import { findProductByName, findTechniqueByName, insertProduct, insertTechnique } from '../catalog';
import { isIsoDate } from '../../shared/dates';
import { isCurrencyCode, minorDigits } from '../../shared/money';
import { normaliseName } from '../../shared/names';
import { generateSampleGoals } from '../goals';
import { AppError } from '../../kernel/errors';
import { cadenceFor, loadCadenceConfig } from '../care';
import { dayNumberToIso as isoDay, isoToDayNumber as dayNumber } from '../../shared/dates';
import { seededRandom } from '../../shared/statistics/random';

/**
 * Sample data for "explore with sample data" and `rapport demo`: two busy years of one
 * independent seller, realistic enough that every screen has something to show (seasonal
 * revenue, loyal customers, techniques that work better than others), and deterministic
 * by seed so a bug seen on sample data can be reproduced row for row.
 *
 * Determinism holds for the same seed, end date, currency, clock and @faker-js/faker
 * version (faker supplies the names; every other draw comes from our own PRNG below).
 */
export interface SampleOptions {
  sales: number;
  seed: number;
  /** Last day of the 24-month period, `YYYY-MM-DD`. */
  endDate: string;
  currency: string;
}

/** Rows inserted by one run. Products and techniques that already existed are reused, not counted. */
export interface SampleCounts {
  customers: number;
  sales: number;
  products: number;
  techniques: number;
}

/** Far above any real seller; keeps a typo (`--sales 1e9`) from filling the disk. */
/** Size of the "explore with sample data" dataset: a couple of busy years for one seller. */
export const SAMPLE_SALES = 1500;
export const SAMPLE_SEED = 42;
export const MAX_SAMPLE_SALES = 1_000_000;

// ---- the story the data tells ------------------------------------------------------------

interface SampleProduct {
  name: string;
  category: string;
  /** Major units of a euro-like currency; scaled by PRICE_SCALE for others. */
  price: number;
}
const PRODUCTS: readonly SampleProduct[] = [
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

interface SampleTechnique {
  name: string;
  description: string;
  /** Probability that a decided (won or lost) sale using only this technique is won. */
  winRate: number;
  /** How often sellers reach for it. */
  popularity: number;
}
/**
 * Deliberately different win rates, so the technique journal has a finding to show.
 * They average about 0.7, which with ~15% open deals gives ~60% won and ~25% lost overall.
 */
const TECHNIQUES: readonly SampleTechnique[] = [
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
  { name: 'Discount close', description: 'A discount to get the signature now.', winRate: 0.45, popularity: 0.9 },
];
const NO_TECHNIQUE_WIN_RATE = 0.68;
const DISCOUNT_CLOSE = 'Discount close';
const REFERRAL_INTRO = 'Referral introduction';

interface Segment {
  name: string;
  weight: number;
  /** Multiplies a customer's share of repeat purchases: bigger accounts buy more often. */
  loyalty: number;
  /** Days from first contact to close. */
  cycle: readonly [number, number];
  quantity: readonly [number, number];
  sizes: readonly (readonly [string, number])[];
  winBonus: number;
  /** Relative preference for each product, aligned with PRODUCTS. */
  productWeights: readonly number[];
}
const SEGMENTS: readonly Segment[] = [
  {
    name: 'Small business',
    weight: 45,
    loyalty: 1,
    cycle: [3, 30],
    quantity: [1, 2],
    sizes: [
      ['1-9', 7],
      ['10-49', 3],
    ],
    winBonus: 0,
    productWeights: [8, 5, 0.3, 4, 1, 3, 3, 3],
  },
  {
    name: 'Mid-market',
    weight: 25,
    loyalty: 1.8,
    cycle: [10, 60],
    quantity: [1, 3],
    sizes: [
      ['10-49', 3],
      ['50-249', 7],
    ],
    winBonus: -0.02,
    productWeights: [2, 8, 2, 4, 4, 4, 5, 2],
  },
  {
    name: 'Enterprise',
    weight: 10,
    loyalty: 3,
    cycle: [30, 120],
    quantity: [1, 4],
    sizes: [
      ['250-999', 6],
      ['1000+', 4],
    ],
    winBonus: -0.08,
    productWeights: [0, 3, 8, 2, 7, 4, 6, 1],
  },
  {
    name: 'Consumer',
    weight: 20,
    loyalty: 0.6,
    cycle: [0, 14],
    quantity: [1, 1],
    sizes: [],
    winBonus: 0.03,
    productWeights: [10, 2, 0, 1, 0, 5, 1, 6],
  },
];

const INDUSTRIES = [
  'Retail',
  'Manufacturing',
  'Hospitality',
  'Healthcare',
  'Professional services',
  'Construction',
  'Food & beverage',
  'Technology',
  'Logistics',
  'Education',
] as const;

/** Italian regions, weighted roughly by population. */
const REGIONS: readonly (readonly [string, number])[] = [
  ['Lombardia', 17],
  ['Lazio', 10],
  ['Campania', 9],
  ['Sicilia', 8],
  ['Veneto', 8],
  ['Emilia-Romagna', 7.5],
  ['Piemonte', 7],
  ['Puglia', 6.5],
  ['Toscana', 6],
  ['Calabria', 3],
  ['Sardegna', 2.7],
  ['Liguria', 2.5],
  ['Marche', 2.5],
  ['Abruzzo', 2.2],
  ['Friuli-Venezia Giulia', 2],
  ['Trentino-Alto Adige', 1.8],
  ['Umbria', 1.5],
  ['Basilicata', 0.9],
  ['Molise', 0.5],
  ["Valle d'Aosta", 0.2],
];

const SOURCES: readonly (readonly [string, number])[] = [
  ['Referral', 30],
  ['Website', 25],
  ['Trade fair', 15],
  ['Cold call', 15],
  ['LinkedIn', 15],
];

const TAG_COUNTS = [
  [0, 5],
  [1, 3],
  [2, 2],
] as const;
const TAGS = ['Newsletter', 'Decision maker', 'Price sensitive', 'Multi-site', 'Partner', 'Needs follow-up'] as const;

const LOST_REASONS: readonly (readonly [string, number])[] = [
  ['Price too high', 30],
  ['Chose a competitor', 25],
  ['No budget this year', 15],
  ['Postponed to next year', 15],
  ['No decision made', 10],
  ['Stopped replying', 5],
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

const SALE_NOTES = [
  'Asked for a call back after the summer.',
  'Decision maker on holiday until next month.',
  'Wants references from similar clients.',
  'Budget approved by the board.',
  "Comparing with a competitor's offer.",
  'Prefers to be contacted by email.',
  'Met at the regional trade fair.',
  'Needs the quote split across two cost centres.',
];

const CUSTOMER_NOTES = [
  'Prefers calls in the morning.',
  'Pays on 60 days; send invoices early.',
  'Long-standing relationship, values loyalty discounts.',
  'Owner makes every decision personally.',
];

const CONSUMER_MAIL_DOMAINS_IT = ['gmail.com', 'libero.it', 'outlook.it', 'yahoo.it', 'virgilio.it'];
const CONSUMER_MAIL_DOMAINS_EN = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com'];

/**
 * Relative number of deals closed in each month: spring and autumn peaks, an August
 * dip (Italy closes for Ferragosto), a quiet December and January.
 */
const MONTH_WEIGHTS = [0.8, 0.95, 1.2, 1.3, 1.25, 1.0, 0.85, 0.3, 1.15, 1.35, 1.25, 0.7];
const WEEKEND_WEIGHT = 0.12;
/** Share of deals still open at the end date, and how far back the oldest of them reaches. */
const OPEN_SHARE = 0.15;
const OPEN_WINDOW_DAYS = 120;
const PARETO_CAP = 25;

// ---- seeded randomness --------------------------------------------------------------------

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Index of the first cumulative weight above r·total: sampling proportional to weight. */
function sampleCumulative(cumulative: Float64Array, r: number): number {
  const target = r * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---- calendar (UTC day numbers, so the laptop's time zone never shifts a date) ----------

const DAY_MS = 86_400_000;

// ---- generation ---------------------------------------------------------------------------

interface CustomerDraft {
  row: Omit<NewCustomerRow, 'id' | 'created_at' | 'updated_at'>;
  segment: Segment;
  /** Heavy-tailed share of repeat purchases. */
  weight: number;
  label: string;
  sales: number[];
  firstDay: number;
}

interface SaleDraft {
  open: boolean;
  /** Business day: closed on, or opened on while open. */
  day: number;
  openedDay: number;
  customer: number;
}

function validate(options: SampleOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.sales) || options.sales < 0 || options.sales > MAX_SAMPLE_SALES)
    problems.push(`the number of sales must be a whole number from 0 to ${MAX_SAMPLE_SALES}`);
  if (!Number.isSafeInteger(options.seed)) problems.push('the seed must be a whole number');
  if (!isIsoDate(options.endDate)) problems.push('the end date must be a real day written YYYY-MM-DD');
  if (!isCurrencyCode(options.currency)) problems.push('the currency must be an ISO 4217 code such as EUR');
  if (problems.length > 0) throw new AppError('invalid_input', `Cannot generate sample data: ${problems.join('; ')}.`);
}

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * Inserts sample customers, products, techniques and sales. Runs inside the caller's
 * transaction (it opens none), so a failure leaves nothing half-written.
 */
export async function generateSampleData(db: Kysely<DB>, options: SampleOptions, now: Date): Promise<SampleCounts> {
  validate(options);
  const { Faker, it, en, en_GB, base } = await import('@faker-js/faker');
  const random = new Random(options.seed);
  // Own instances, not the shared `faker`: seeding a global would disturb any other user.
  const fakerIt = new Faker({ locale: [it, en, base] });
  const fakerEn = new Faker({ locale: [en_GB, en, base] });
  fakerIt.seed(options.seed);
  fakerEn.seed(options.seed + 1);

  const nowIso = now.toISOString();
  // Recorded-at timestamps on the business day, never after the real clock (sample data
  // may end in the future). Customers are recorded at 8:xx, before their first deal (9–18h).
  const stamp = (day: number, hour: number): string => {
    const iso = `${isoDay(day)}T${String(hour).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`;
    return iso < nowIso ? iso : nowIso;
  };
  const workStamp = (day: number): string => stamp(day, random.int(9, 18));

  const endDay = dayNumber(options.endDate);
  const end = new Date(endDay * DAY_MS);
  const startDay = Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), end.getUTCDate() + 1) / DAY_MS;

  // Catalogue first: reuse what the seller already has under the same (NOCASE-unique) name.
  const counts: SampleCounts = { customers: 0, sales: 0, products: 0, techniques: 0 };
  const catalogueStamp = stamp(startDay, 8);
  const digits = minorDigits(options.currency);
  const scale = (PRICE_SCALE[options.currency] ?? 1) * 10 ** digits;
  const products: { id: number; listPriceMinor: number; spec: SampleProduct }[] = [];
  for (const spec of PRODUCTS) {
    const existing = await findProductByName(db, spec.name);
    const defaultPrice = Math.round(spec.price * scale);
    if (existing) {
      const usable = existing.list_price_minor !== null && existing.currency === options.currency;
      products.push({ id: existing.id, listPriceMinor: usable ? existing.list_price_minor! : defaultPrice, spec });
    } else {
      const row = await insertProduct(db, {
        name: spec.name,
        category: spec.category,
        listPriceMinor: defaultPrice,
        currency: options.currency,
        createdAt: catalogueStamp,
      });
      counts.products++;
      products.push({ id: row.id, listPriceMinor: defaultPrice, spec });
    }
  }
  const techniqueIds = new Map<string, number>();
  for (const spec of TECHNIQUES) {
    const existing = await findTechniqueByName(db, spec.name);
    if (existing) techniqueIds.set(spec.name, existing.id);
    else {
      const row = await insertTechnique(db, {
        name: spec.name,
        description: spec.description,
        createdAt: catalogueStamp,
      });
      counts.techniques++;
      techniqueIds.set(spec.name, row.id);
    }
  }
  if (options.sales === 0) return counts;

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
  const sales: SaleDraft[] = [];
  for (let i = 0; i < options.sales; i++) {
    const open = random.chance(OPEN_SHARE);
    const day = open
      ? Math.max(startDay, endDay - Math.floor(OPEN_WINDOW_DAYS * random.float() ** 1.6))
      : startDay + sampleCumulative(cumulative, random.float());
    sales.push({ open, day, openedDay: day, customer: -1 });
  }

  // 2. Who buys. Every customer has at least one deal; the rest go to a heavy-tailed
  //    (Pareto) few, so a minority of loyal accounts make up much of the revenue.
  const customerCount = Math.max(1, Math.round(options.sales / 4));
  const customers: CustomerDraft[] = [];
  const usedEmails = new Set<string>();
  for (let c = 0; c < customerCount; c++) customers.push(makeCustomer(random, fakerIt, fakerEn, usedEmails));
  const customerWeights = new Float64Array(customerCount);
  let weightSum = 0;
  for (let c = 0; c < customerCount; c++) {
    weightSum += customers[c]!.weight;
    customerWeights[c] = weightSum;
  }
  for (let i = 0; i < sales.length; i++) {
    const c = i < customerCount ? i : sampleCumulative(customerWeights, random.float());
    sales[i]!.customer = c;
    customers[c]!.sales.push(i);
  }
  // The most loyal few are the ones a seller would tag VIP.
  const vipThreshold = [...customers].map((c) => c.sales.length).sort((a, b) => b - a)[
    Math.floor(customerCount * 0.05)
  ]!;

  // 3. What each deal is, in the order the customer lived it.
  const saleRows: Omit<NewSaleRow, 'id'>[] = new Array(sales.length);
  const saleTechniques: string[][] = new Array(sales.length);
  const productEntries = (segment: Segment): (readonly [number, number])[] =>
    segment.productWeights.map((w, p) => [p, w] as const);
  const entriesBySegment = new Map(SEGMENTS.map((s) => [s, productEntries(s)]));
  const techniqueEntries = TECHNIQUES.map((t) => [t, t.popularity] as const);

  for (const customer of customers) {
    customer.sales.sort((a, b) => sales[a]!.day - sales[b]!.day || a - b);
    if (customer.sales.length >= vipThreshold && customer.sales.length >= 8) {
      const tags = JSON.parse(customer.row.tags) as string[];
      customer.row.tags = JSON.stringify(['VIP', ...tags]);
    }
    let wonBefore = false;
    for (const index of customer.sales) {
      const draft = sales[index]!;
      const segment = customer.segment;
      if (!draft.open) {
        const cycle = random.int(segment.cycle[0], segment.cycle[1]);
        // Deals closing early in the period started inside it too, spread rather than piled
        // up on its first day.
        draft.openedDay = draft.day - cycle >= startDay ? draft.day - cycle : random.int(startDay, draft.day);
      }
      customer.firstDay = Math.min(customer.firstDay, draft.openedDay);

      const hasProduct = random.chance(0.96);
      const product = hasProduct ? products[random.weighted(entriesBySegment.get(segment)!)]! : null;

      const used: SampleTechnique[] = [];
      const howMany = random.weighted(TECHNIQUES_PER_SALE);
      if (customer.row.acquisition_source === 'Referral' && !wonBefore && random.chance(0.5)) {
        used.push(TECHNIQUES.find((t) => t.name === REFERRAL_INTRO)!);
      }
      while (used.length < howMany) {
        const t = random.weighted(techniqueEntries);
        if (!used.includes(t)) used.push(t);
      }

      let winRate = used.length > 0 ? used.reduce((sum, t) => sum + t.winRate, 0) / used.length : NO_TECHNIQUE_WIN_RATE;
      winRate += segment.winBonus + (wonBefore ? 0.06 : 0);
      const status = draft.open ? 'open' : random.chance(Math.min(0.97, Math.max(0.05, winRate))) ? 'won' : 'lost';

      let amountMinor: number;
      const unit = 5 * 10 ** digits;
      const discounted = used.some((t) => t.name === DISCOUNT_CLOSE);
      if (product) {
        const quantity = random.int(segment.quantity[0], segment.quantity[1]);
        const factor = Math.min(1.4, Math.max(0.7, Math.exp(0.12 * random.normal()))) * (discounted ? 0.85 : 1);
        amountMinor = Math.max(1, Math.round((product.listPriceMinor * quantity * factor) / unit)) * unit;
      } else {
        amountMinor = Math.max(1, Math.round((800 * scale * Math.exp(0.6 * random.normal())) / unit)) * unit;
      }

      const { satisfaction, nps } = rating(random, status);

      const kind = !wonBefore
        ? (product?.spec.name ?? 'New deal')
        : product && RECURRING_CATEGORIES.has(product.spec.category)
          ? 'Renewal'
          : random.pick(['Upsell', 'Reorder', 'Expansion']);
      const age = endDay - draft.openedDay;
      const created = workStamp(draft.openedDay);
      const updated = workStamp(draft.day);
      saleRows[index] = {
        title: `${kind} — ${customer.label}`,
        customer_id: 0, // set once customer ids are known
        product_id: product?.id ?? null,
        amount_minor: amountMinor,
        currency: options.currency,
        status,
        stage: status === 'open' ? openStage(random, age) : null,
        opened_on: isoDay(draft.openedDay),
        closed_on: status === 'open' ? null : isoDay(draft.day),
        satisfaction,
        nps,
        lost_reason: status === 'lost' ? random.weighted(LOST_REASONS) : null,
        notes: random.chance(0.08) ? random.pick(SALE_NOTES) : null,
        created_at: created,
        updated_at: updated < created ? created : updated,
      };
      saleTechniques[index] = used.map((t) => t.name);
      if (status === 'won') wonBefore = true;
    }
  }

  // 4. Ids in date order (customers by first contact, sales by business date), as if the
  //    seller had typed them in over two years. Explicit ids let the batched inserts refer
  //    to each other without reading anything back; we are inside one transaction, so
  //    nobody else can take them.
  const customerBase = (await maxId(db, 'customers')) + 1;
  const customerOrder = customers
    .map((_, c) => c)
    .sort((a, b) => customers[a]!.firstDay - customers[b]!.firstDay || a - b);
  const customerIds = new Int32Array(customerCount);
  const customerRows: NewCustomerRow[] = customerOrder.map((c, position) => {
    customerIds[c] = customerBase + position;
    const created = stamp(customers[c]!.firstDay, 8);
    return { id: customerBase + position, ...customers[c]!.row, created_at: created, updated_at: created };
  });
  for (const chunk of chunks(customerRows)) await db.insertInto('customers').values(chunk).execute();

  const saleBase = (await maxId(db, 'sales')) + 1;
  const saleOrder = sales.map((_, i) => i).sort((a, b) => sales[a]!.day - sales[b]!.day || a - b);
  const orderedSales: NewSaleRow[] = [];
  const links: SaleTechniqueTable[] = [];
  saleOrder.forEach((i, position) => {
    const id = saleBase + position;
    orderedSales.push({ id, ...saleRows[i]!, customer_id: customerIds[sales[i]!.customer]! });
    for (const name of saleTechniques[i]!) links.push({ sale_id: id, technique_id: techniqueIds.get(name)! });
  });
  for (const chunk of chunks(orderedSales)) await db.insertInto('sales').values(chunk).execute();
  for (const chunk of chunks(links)) await db.insertInto('sale_techniques').values(chunk).execute();

  // 5. After the sale: check-ins, conversations and complaints (drawn last, so the rows above
  //    stay what they were before the care history existed).
  await sampleCareHistory(db, random, { sales: orderedSales, customers: customerRows, endDay, stamp });
  await generateSampleGoals(db, { endDate: options.endDate, currency: options.currency, seed: options.seed }, now);

  counts.customers = customerRows.length;
  counts.sales = orderedSales.length;
  return counts;
}

function makeCustomer(random: Random, fakerIt: Faker, fakerEn: Faker, usedEmails: Set<string>): CustomerDraft {
  const segment = random.weighted(SEGMENTS.map((s) => [s, s.weight] as const));
  const italian = random.chance(0.8);
  const faker = italian ? fakerIt : fakerEn;
  const sex = random.chance(0.5) ? 'female' : 'male';
  const first = faker.person.firstName(sex);
  const last = faker.person.lastName();
  const name = `${first} ${last}`;
  const business = segment.name !== 'Consumer';

  let company: string | null = null;
  if (business) {
    if (italian) {
      const suffix = segment.name === 'Enterprise' ? 'S.p.A.' : random.chance(0.8) ? 'S.r.l.' : 'S.n.c.';
      company = random.chance(0.6) ? `${faker.person.lastName()} ${suffix}` : faker.company.name();
    } else {
      company = faker.company.name();
      if (random.chance(0.5)) company = `${company.split(/[ ,-]/)[0]} Ltd`;
    }
  }

  let email: string | null = null;
  if (random.chance(0.9)) {
    const domain = company
      ? `${slug(company.split(/[ ,-]/).find((word) => word.length >= 3) ?? company) || 'azienda'}${italian ? '.it' : random.pick(['.com', '.co.uk'])}`
      : random.pick(italian ? CONSUMER_MAIL_DOMAINS_IT : CONSUMER_MAIL_DOMAINS_EN);
    const local = `${slug(first) || 'info'}.${slug(last) || 'cliente'}`;
    email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
  }
  const phone = random.chance(0.75)
    ? italian
      ? `+39 3${random.int(20, 99)} ${random.int(100, 999)} ${random.int(1000, 9999)}`
      : `+44 7${random.int(100, 999)} ${random.int(100000, 999999)}`
    : null;

  const source = random.weighted(SOURCES);
  const tags = new Set<string>();
  const tagCount = random.weighted(TAG_COUNTS);
  while (tags.size < tagCount) tags.add(random.pick(TAGS));
  // Pareto(α≈1.2) weights: most customers buy once or twice, a few buy dozens of times.
  // Capped, or on 100k sales one account would buy several times a day for two years.
  const pareto = Math.min(PARETO_CAP, (1 - random.float()) ** (-1 / 1.2));
  const weight = pareto * segment.loyalty * (source === 'Referral' ? 1.3 : 1);

  return {
    row: {
      name,
      name_key: normaliseName(name),
      company,
      email,
      phone,
      segment: segment.name,
      industry: business ? random.pick(INDUSTRIES) : null,
      region: italian || random.chance(0.4) ? random.weighted(REGIONS) : 'International',
      company_size: business ? random.weighted(segment.sizes) : null,
      acquisition_source: source,
      tags: JSON.stringify([...tags]),
      notes: random.chance(0.05) ? random.pick(CUSTOMER_NOTES) : null,
      archived_at: null,
    },
    segment,
    weight,
    label: company ?? name,
    sales: [],
    firstDay: Number.POSITIVE_INFINITY,
  };
}

// ---- the care history ----------------------------------------------------------------------

const CHECK_IN_OUTCOMES = [
  'All running smoothly.',
  'Asked for a second training session.',
  'Happy with the onboarding.',
  'Wants a quote for more seats.',
  'Questions about the invoice, answered.',
  'Uses it every day; no issues.',
];
const CONCERNS: readonly (readonly [string, ComplaintRow['category']])[] = [
  ['The delivery arrived a week late.', 'delivery'],
  ['The invoice showed the wrong VAT rate.', 'billing'],
  ['A feature promised in the demo is missing.', 'product'],
  ['Support took three days to answer.', 'service'],
  ['Set-up took longer than agreed.', 'service'],
  ['One unit arrived damaged.', 'delivery'],
];
const RESOLUTIONS = [
  'Replaced at no cost.',
  'Credit note issued.',
  'Workaround agreed; the fix is in the next release.',
  'Apologised and gave a month of priority support.',
];
const INTERACTIONS_BEFORE: readonly (readonly [InteractionRow['kind'], string])[] = [
  ['call', 'Discovery call about their needs.'],
  ['meeting', 'Demo with the team.'],
  ['email', 'Sent the proposal.'],
  ['visit', 'Visited their office.'],
  ['message', 'Quick question about the price list.'],
];
const INTERACTIONS_AFTER: readonly (readonly [InteractionRow['kind'], string])[] = [
  ['email', 'Sent the training material.'],
  ['call', 'Checked how the rollout is going.'],
  ['note', 'Mentioned a colleague who might be interested.'],
  ['message', 'Asked about next year’s prices.'],
];
/** When a check-in was done relative to its date: mostly on the day, some late. */
const CHECK_IN_DELAY = [
  [-1, 10],
  [0, 50],
  [1, 15],
  [2, 10],
  [5, 10],
  [12, 5],
] as const;
/** Check-ins due in the last days before the end date that are still waiting. */
const RECENT_PENDING_DAYS = 10;

/**
 * A seller who has looked after their customers, imperfectly: check-ins on the cadence, most
 * done (a few late, a few skipped, some of the last days' still waiting), ratings that follow
 * the sale's satisfaction, concerns that became complaints (older ones mostly resolved), a
 * conversation or two around most deals, and stay-in-touch rules for the bigger accounts.
 */
async function sampleCareHistory(
  db: Kysely<DB>,
  random: Random,
  data: {
    sales: readonly NewSaleRow[];
    customers: readonly NewCustomerRow[];
    endDay: number;
    stamp: (day: number, hour: number) => string;
  },
): Promise<void> {
  const { endDay, stamp } = data;
  const config = await loadCadenceConfig(db);
  const segmentOf = new Map(data.customers.map((c) => [c.id!, c.segment ?? null]));
  const checkIns: NewCheckInRow[] = [];
  const complaints: Omit<ComplaintRow, 'id'>[] = [];
  const interactions: Omit<InteractionRow, 'id'>[] = [];
  let checkInId = await maxId(db, 'check_ins');
  const clampDay = (day: number): number => Math.min(endDay, day);
  const complaintStatus = (openedDay: number): { status: ComplaintRow['status']; resolvedDay: number | null } => {
    if (endDay - openedDay <= 21) {
      const status = random.weighted([
        ['open', 5],
        ['in_progress', 3],
        ['resolved', 2],
      ] as const);
      return { status, resolvedDay: status === 'resolved' ? clampDay(openedDay + random.int(1, 5)) : null };
    }
    // A complaint still being worked on after two months is the exception, not one in ten.
    const status = random.weighted([
      ['resolved', 8],
      ['closed_unresolved', 1],
      ['in_progress', endDay - openedDay <= 60 ? 1 : 0],
    ] as const);
    return { status, resolvedDay: status === 'in_progress' ? null : clampDay(openedDay + random.int(1, 20)) };
  };
  const complaint = (
    customerId: number,
    saleId: number | null,
    checkIn: number | null,
    openedDay: number,
    source: ComplaintRow['source'],
  ): void => {
    const [description, category] = random.pick(CONCERNS);
    const { status, resolvedDay } = complaintStatus(openedDay);
    const at = stamp(openedDay, random.int(9, 18));
    complaints.push({
      customer_id: customerId,
      sale_id: saleId,
      check_in_id: checkIn,
      opened_on: isoDay(openedDay),
      source,
      category,
      severity: random.weighted([
        ['low', 3],
        ['medium', 5],
        ['high', 2],
      ] as const),
      description,
      status,
      resolution: status === 'resolved' ? random.pick(RESOLUTIONS) : null,
      resolved_on: resolvedDay === null ? null : isoDay(resolvedDay),
      remind_on: isoDay(openedDay + COMPLAINT_AGEING_DAYS),
      created_at: at,
      updated_at: resolvedDay === null ? at : stamp(resolvedDay, 17),
    });
  };

  for (const sale of data.sales) {
    const saleId = sale.id!;
    const customerId = sale.customer_id;
    const openedDay = dayNumber(sale.opened_on);
    const day = dayNumber(sale.closed_on ?? sale.opened_on);
    const [kind, summary] = random.pick(INTERACTIONS_BEFORE);
    const talkedDay = random.int(openedDay, day);
    interactions.push({
      customer_id: customerId,
      sale_id: saleId,
      kind,
      occurred_on: isoDay(talkedDay),
      summary,
      created_at: stamp(talkedDay, random.int(9, 18)),
    });
    if (sale.status !== 'won') continue;
    if (random.chance(0.35) && day + 1 <= endDay) {
      const [after, text] = random.pick(INTERACTIONS_AFTER);
      const laterDay = random.int(day + 1, Math.min(endDay, day + 60));
      interactions.push({
        customer_id: customerId,
        sale_id: saleId,
        kind: after,
        occurred_on: isoDay(laterDay),
        summary: text,
        created_at: stamp(laterDay, random.int(9, 18)),
      });
    }
    const baseline = sale.satisfaction ?? 4;
    for (const step of cadenceFor(config, {
      segment: segmentOf.get(customerId) ?? null,
      productId: sale.product_id ?? null,
    })) {
      const dueDay = day + step;
      const due = isoDay(dueDay);
      const row: NewCheckInRow = {
        id: ++checkInId,
        sale_id: saleId,
        customer_id: customerId,
        step_days: step,
        scheduled_on: due,
        due_on: due,
        status: 'pending',
        completed_on: null,
        outcome: null,
        csat: null,
        nps: null,
        concern: null,
        created_at: stamp(day, 18),
        updated_at: stamp(day, 18),
      };
      checkIns.push(row);
      if (dueDay > endDay || (endDay - dueDay <= RECENT_PENDING_DAYS && random.chance(0.5))) continue;
      const doneDay = clampDay(Math.max(day, dueDay + random.weighted(CHECK_IN_DELAY)));
      row.completed_on = isoDay(doneDay);
      row.updated_at = stamp(doneDay, random.int(9, 18));
      if (random.chance(0.07)) {
        row.status = 'skipped';
        continue;
      }
      row.status = 'done';
      row.outcome = random.pick(CHECK_IN_OUTCOMES);
      if (random.chance(0.85)) row.csat = Math.min(5, Math.max(1, Math.round(baseline + 0.8 * random.normal())));
      if (random.chance(0.7))
        row.nps = Math.min(10, Math.max(0, Math.round(2 * (row.csat ?? baseline) + random.normal())));
      if (random.chance((row.csat ?? baseline) <= 2 ? 0.4 : 0.03)) {
        const [concern] = random.pick(CONCERNS);
        row.concern = concern;
        complaint(customerId, saleId, row.id!, doneDay, 'check_in');
      }
    }
  }
  for (const customer of data.customers)
    if (random.chance(0.03)) {
      const created = dayNumber(customer.created_at.slice(0, 10));
      complaint(
        customer.id!,
        null,
        null,
        random.int(Math.min(created, endDay), endDay),
        random.pick(['call', 'email', 'review'] as const),
      );
    }

  for (const chunk of chunks(checkIns)) await db.insertInto('check_ins').values(chunk).execute();
  for (const chunk of chunks(complaints)) await db.insertInto('complaints').values(chunk).execute();
  for (const chunk of chunks(interactions)) await db.insertInto('interactions').values(chunk).execute();
  const hasRules = await db.selectFrom('contact_rules').select('id').limit(1).executeTakeFirst();
  if (!hasRules)
    await db
      .insertInto('contact_rules')
      .values([
        { scope: 'segment', value: 'Enterprise', customer_id: null, ideal_days: 30, max_days: 60 },
        { scope: 'segment', value: 'Mid-market', customer_id: null, ideal_days: 45, max_days: 90 },
        { scope: 'tag', value: 'VIP', customer_id: null, ideal_days: 21, max_days: 45 },
      ])
      .execute();
}

/** Satisfaction 1–5 skewed high on won deals, rare and low on lost ones; NPS follows it. */
function rating(random: Random, status: 'open' | 'won' | 'lost'): { satisfaction: number | null; nps: number | null } {
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
function openStage(random: Random, ageDays: number): 'lead' | 'qualified' | 'proposal' | 'negotiation' {
  if (ageDays < 14) return random.weighted(STAGES_NEW);
  if (ageDays < 45) return random.weighted(STAGES_WARM);
  return random.weighted(STAGES_OLD);
}

async function maxId(db: Kysely<DB>, table: 'customers' | 'sales' | 'check_ins' | 'complaints'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return row?.max ?? 0;
}

/**
 * SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32). Rows per statement are
 * also capped: very wide statements cost more to compile than they save in round trips.
 */
const MAX_VARIABLES = 32_766;
const MAX_ROWS_PER_INSERT = 500;

/** Slices rows for multi-row INSERTs that stay under SQLite's bound-variable limit. */
function* chunks<T extends object>(rows: readonly T[]): Generator<T[]> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_VARIABLES / Object.keys(rows[0]!).length)));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
