import type { Kysely } from 'kysely';
import type { DB, NewCustomerRow } from '../../db/schema';
import {
  maxId,
  rowWriter,
  type InsertedCustomers,
  type SampleContext,
  type SampleText,
} from '../../kernel/sampleContext';
import { isoToDayNumber } from '../../shared/dates';
import { normaliseName } from '../../shared/names';

interface Segment {
  /** The deals' key for it (features/sales/sampleData.ts): the English name. */
  name: string;
  label: SampleText;
  weight: number;
  /** Multiplies a customer's share of repeat purchases: bigger accounts buy more often. */
  loyalty: number;
  sizes: readonly (readonly [string, number])[];
}
const SEGMENTS: readonly Segment[] = [
  {
    name: 'Small business',
    label: { en: 'Small business', it: 'Piccola impresa' },
    weight: 45,
    loyalty: 1,
    sizes: [
      ['1-9', 7],
      ['10-49', 3],
    ],
  },
  {
    name: 'Mid-market',
    label: { en: 'Mid-market', it: 'Media impresa' },
    weight: 25,
    loyalty: 1.8,
    sizes: [
      ['10-49', 3],
      ['50-249', 7],
    ],
  },
  {
    name: 'Enterprise',
    label: { en: 'Enterprise', it: 'Grande impresa' },
    weight: 10,
    loyalty: 3,
    sizes: [
      ['250-999', 6],
      ['1000+', 4],
    ],
  },
  { name: 'Consumer', label: { en: 'Consumer', it: 'Privato' }, weight: 20, loyalty: 0.6, sizes: [] },
];

/** A sample segment's name in the sample's language, by its key (for rules that name it). */
export const sampleSegment = (key: string): SampleText => SEGMENTS.find((s) => s.name === key)!.label;

const INDUSTRIES: readonly SampleText[] = [
  { en: 'Retail', it: 'Commercio al dettaglio' },
  { en: 'Manufacturing', it: 'Manifattura' },
  { en: 'Hospitality', it: 'Turismo e ristorazione' },
  { en: 'Healthcare', it: 'Sanità' },
  { en: 'Professional services', it: 'Servizi professionali' },
  { en: 'Construction', it: 'Edilizia' },
  { en: 'Food & beverage', it: 'Alimentare' },
  { en: 'Technology', it: 'Tecnologia' },
  { en: 'Logistics', it: 'Logistica' },
  { en: 'Education', it: 'Istruzione' },
];

/** A sample industry's name in the sample's language, by its English name (for notes that name it). */
export const sampleIndustry = (key: string): SampleText => INDUSTRIES.find((i) => i.en === key)!;

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

/** How customers found the seller; the first is the one that makes them "referred". */
const REFERRAL: SampleText = { en: 'Referral', it: 'Passaparola' };
const SOURCES: readonly (readonly [SampleText, number])[] = [
  [REFERRAL, 30],
  [{ en: 'Website', it: 'Sito web' }, 25],
  [{ en: 'Trade fair', it: 'Fiera' }, 15],
  [{ en: 'Cold call', it: 'Telefonata a freddo' }, 15],
  [{ en: 'LinkedIn', it: 'LinkedIn' }, 15],
];

const TAG_COUNTS = [
  [0, 5],
  [1, 3],
  [2, 2],
] as const;
const TAGS: readonly SampleText[] = [
  { en: 'Newsletter', it: 'Newsletter' },
  { en: 'Decision maker', it: 'Decisore' },
  { en: 'Price sensitive', it: 'Attento al prezzo' },
  { en: 'Multi-site', it: 'Più sedi' },
  { en: 'Partner', it: 'Partner' },
  { en: 'Needs follow-up', it: 'Da ricontattare' },
];

const CUSTOMER_NOTES: readonly SampleText[] = [
  { en: 'Prefers calls in the morning.', it: 'Preferisce essere chiamato la mattina.' },
  { en: 'Pays on 60 days; send invoices early.', it: 'Paga a 60 giorni: mandare le fatture per tempo.' },
  {
    en: 'Long-standing relationship, values loyalty discounts.',
    it: 'Rapporto di lunga data, apprezza gli sconti fedeltà.',
  },
  { en: 'Owner makes every decision personally.', it: 'Il titolare decide tutto di persona.' },
];

const CONSUMER_MAIL_DOMAINS_IT = ['gmail.com', 'libero.it', 'outlook.it', 'yahoo.it', 'virgilio.it'];
const CONSUMER_MAIL_DOMAINS_EN = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'icloud.com'];

const PARETO_CAP = 25;

/**
 * The sample's customers as the deals drawn for them see them, each by its index `c` (0 to
 * `count` - 1). Arrays of numbers, not objects: a quarter of a million customer objects with
 * their rows took 800 bytes each. Their rows wait in a temporary table (DRAFTS), not in memory.
 */
export interface SampleCustomers {
  count: number;
  /** Segment key (its English name): what they buy, and how. */
  segment(c: number): string;
  /** Came through a referral. */
  referred(c: number): boolean;
  /** Company, or the person's name: how a deal's title names them. */
  label(c: number): string;
  /** Indices of their deals among the deals asked for, ascending; every customer has at least one. */
  deals(c: number): number[];
  /**
   * Inserts the customers, numbered and recorded in order of first contact (`firstDays`, by
   * index, UTC day numbers). Returns each one's id by that index, and what later steps read.
   */
  insert(firstDays: ArrayLike<number>): { ids: Int32Array; rows: InsertedCustomers };
}

type DraftRow = Omit<NewCustomerRow, 'id' | 'created_at' | 'updated_at'>;
/** The drawn customers' rows until they are inserted, by index: one JSON array of DraftRow's values each. */
const DRAFTS = 'temp.sample_customer_drafts';
interface Draft {
  row: DraftRow;
  segment: string;
  referred: boolean;
  /** Heavy-tailed share of repeat purchases. */
  weight: number;
  label: string;
}

/**
 * About one customer for every four of `deals` deals, and who made which deal: every customer
 * has at least one; the rest go to a heavy-tailed (Pareto) few, so a minority of loyal
 * accounts make up much of the revenue, and the most loyal few are tagged VIP.
 *
 * The customers are drawn now but inserted by `insert` once their deals are drawn: their
 * ids and recorded-at times follow their first contact, which the deals decide. Until then
 * each one's row waits as one JSON text in a temporary table: at a million sales those texts
 * took 80 MB of memory.
 */
export async function generateSampleCustomers(
  db: Kysely<DB>,
  ctx: SampleContext,
  deals: number,
): Promise<SampleCustomers> {
  const { random } = ctx;
  const count = Math.max(1, Math.round(deals / 4));
  ctx.sqlite.exec(`CREATE TEMP TABLE ${DRAFTS} (c INTEGER PRIMARY KEY, row TEXT NOT NULL)`);
  // In batches: one statement a draft took 0.69 s CPU at a million sales.
  const draft = rowWriter(ctx.sqlite, DRAFTS, { flagged: false });
  const labels: string[] = [];
  const segments = new Uint8Array(count);
  const referred = new Uint8Array(count);
  const weights = new Float64Array(count);
  const usedEmails = new Set<string>();
  let weightSum = 0;
  let columns: (keyof DraftRow)[] = [];
  for (let c = 0; c < count; c++) {
    const made = makeCustomer(ctx, usedEmails);
    columns = Object.keys(made.row) as (keyof DraftRow)[];
    draft.write({ c, row: JSON.stringify(columns.map((column) => made.row[column])) });
    labels.push(made.label);
    segments[c] = SEGMENTS.findIndex((s) => s.name === made.segment);
    referred[c] = made.referred ? 1 : 0;
    weightSum += made.weight;
    weights[c] = weightSum;
  }
  draft.flush();
  // Who made which deal, then each customer's deals in a row of one array (counting sort).
  const owner = new Int32Array(deals);
  const dealCounts = new Int32Array(count);
  for (let i = 0; i < deals; i++) dealCounts[(owner[i] = i < count ? i : random.cumulative(weights))]!++;
  const starts = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) starts[c + 1] = starts[c]! + dealCounts[c]!;
  const byCustomer = new Int32Array(deals);
  const filled = starts.slice(0, count);
  for (let i = 0; i < deals; i++) byCustomer[filled[owner[i]!]!++] = i;
  const vipThreshold = Array.from(dealCounts).sort((a, b) => b - a)[Math.floor(count * 0.05)]!;
  const vip = (c: number): boolean => dealCounts[c]! >= vipThreshold && dealCounts[c]! >= 8;

  const base = (await maxId(db, 'customers')) + 1;
  return {
    count,
    segment: (c) => SEGMENTS[segments[c]!]!.name,
    referred: (c) => referred[c] === 1,
    label: (c) => labels[c]!,
    deals: (c) => Array.from(byCustomer.subarray(starts[c], starts[c + 1])),
    insert(firstDays) {
      const order = Int32Array.from({ length: count }, (_, c) => c).sort(
        (a, b) => firstDays[a]! - firstDays[b]! || a - b,
      );
      const ids = new Int32Array(count);
      const written: (string | null)[] = [];
      const createdDays = new Int32Array(count);
      const write = rowWriter(ctx.sqlite, 'customers');
      const drafted = ctx.sqlite.prepare(`SELECT row FROM ${DRAFTS} WHERE c = ?`).pluck();
      order.forEach((c, position) => {
        ids[c] = base + position;
        const created = ctx.stamp(firstDays[c]!, 8);
        const values = JSON.parse(drafted.get(c) as string) as unknown[];
        const row = Object.fromEntries(columns.map((column, k) => [column, values[k]])) as DraftRow;
        if (vip(c)) row.tags = JSON.stringify(['VIP', ...(JSON.parse(row.tags) as string[])]);
        write.write({ id: base + position, ...row, created_at: created, updated_at: created } satisfies NewCustomerRow);
        written.push(row.segment ?? null);
        createdDays[position] = isoToDayNumber(created.slice(0, 10));
      });
      write.flush();
      ctx.sqlite.exec(`DROP TABLE ${DRAFTS}`);
      return { ids, rows: { firstId: base, count, segments: written, createdDays } };
    },
  };
}

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function makeCustomer({ random, faker: fakers, say }: SampleContext, usedEmails: Set<string>): Draft {
  const segment = random.weighted(SEGMENTS.map((s) => [s, s.weight] as const));
  const italian = random.chance(0.8);
  const faker = italian ? fakers.it : fakers.en;
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
  while (tags.size < tagCount) tags.add(say(random.pick(TAGS)));
  // Pareto(α≈1.2) weights: most customers buy once or twice, a few buy dozens of times.
  // Capped, or on 100k sales one account would buy several times a day for two years.
  const pareto = Math.min(PARETO_CAP, (1 - random.float()) ** (-1 / 1.2));
  const weight = pareto * segment.loyalty * (source === REFERRAL ? 1.3 : 1);

  return {
    row: {
      name,
      name_key: normaliseName(name),
      company,
      email,
      phone,
      segment: say(segment.label),
      industry: business ? say(random.pick(INDUSTRIES)) : null,
      region: italian || random.chance(0.4) ? random.weighted(REGIONS) : 'International',
      company_size: business ? random.weighted(segment.sizes) : null,
      acquisition_source: say(source),
      tags: JSON.stringify([...tags]),
      notes: random.chance(0.05) ? say(random.pick(CUSTOMER_NOTES)) : null,
      archived_at: null,
    },
    segment: segment.name,
    referred: source === REFERRAL,
    weight,
    label: company ?? name,
  };
}
