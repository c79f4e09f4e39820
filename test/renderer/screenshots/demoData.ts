import type { Output, ParsedInput } from '../../../src-main/shared/api';
import { addDays, localIsoDate } from '../../../src-main/shared/dates';
import { emptyFollowUpList } from '../../../src-main/features/care/contract';
import {
  CustomerInput,
  type Customer,
  type CustomerSummary,
  type DuplicateHint,
} from '../../../src-main/features/customers/contract';
import type { Product } from '../../../src-main/features/catalog/contract';
import type { Technique } from '../../../src-main/features/techniques/contract';
import { demoJournal, demoTechniques } from './demoJournal';
import { libraryDemoHandlers } from './demoLibrary';
import { demoTrainingHandlers, demoTrainingNotes } from './demoTraining';
import { assignTechniques, whatWorksDemoHandlers } from './demoWhatWorks';
import type { Sale } from '../../../src-main/features/sales/contract';
import type { Settings } from '../../../src-main/features/settings/contract';
import type { FakeHandlers } from '../fakeApi';
import { AppError } from '../../../src-main/kernel/errors';

/** A small deterministic PRNG, so every screenshot run shows the same book. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const FIRST = [
  'Giulia',
  'Marco',
  'Chiara',
  'Luca',
  'Sofia',
  'Matteo',
  'Elena',
  'Davide',
  'Anna',
  'Paolo',
  'Sara',
  'Andrea',
];
const LAST = [
  'Bianchi',
  'Rossi',
  'Conti',
  'Ferrari',
  'Esposito',
  'Romano',
  'Galli',
  'Moretti',
  'Greco',
  'Fontana',
  'Marino',
];
const COMPANIES = [
  'Arredamenti',
  'Logistica',
  'Studio Tecnico',
  'Ottica',
  'Hotel',
  'Farmacia',
  'Costruzioni',
  'Design',
];
const SEGMENTS = ['SMB', 'Mid-market', 'Enterprise'];
const REGIONS = ['Lombardia', 'Lazio', 'Piemonte', 'Veneto', 'Emilia-Romagna', 'Toscana'];
const INDUSTRIES = ['Retail', 'Manufacturing', 'Hospitality', 'Healthcare', 'Professional services'];
const SOURCES = ['Referral', 'Trade fair', 'Website', 'Cold call'];
// Deal titles and lost reasons are what the seller writes: in the book's language. Both lists
// have the same length in each, so the picks, and the rest of the book, are the same in either.
const TITLES: Record<Settings['language'], readonly string[]> = {
  en: [
    'Showroom lighting',
    'Annual maintenance',
    'Office refit',
    'Spring collection',
    'Training package',
    'Pilot project',
    'Renewal 2026',
    'Warehouse shelving',
  ],
  it: [
    'Illuminazione showroom',
    'Manutenzione annuale',
    'Rinnovo uffici',
    'Collezione primavera',
    'Pacchetto formazione',
    'Progetto pilota',
    'Rinnovo 2026',
    'Scaffalature magazzino',
  ],
};
const LOST_REASONS: Record<Settings['language'], readonly string[]> = {
  en: ['Price too high', 'Chose a competitor', 'Budget frozen'],
  it: ['Prezzo troppo alto', 'Ha scelto un concorrente', 'Budget congelato'],
};

export interface DemoOptions {
  language: Settings['language'];
  onboarded: boolean;
  /** Start with no customers and no sales, as after "Start empty". */
  empty: boolean;
  /** The database failed its check at start and is open read-only (the shell's banner). */
  damaged?: boolean;
  /**
   * Goals on learning, the learning plan and action items among the follow-ups, as the real
   * backend answered them (test/screenshots/learningDemo.ts; shoot.mjs passes them in).
   */
  learning?: LearningReplies;
  /** Home's replies as the real backend answered them on the sample book (test/screenshots/homeDemo.ts). */
  home?: HomeReplies;
  /** The coach workspace as the real backend kept it (test/screenshots/coachDemo.ts). */
  coach?: Output<'coach.list'>;
  /** The Reports screen's replies, as the real backend answered them (test/screenshots/reportsDemo.ts). */
  reports?: ReportsReplies;
}

/** The replies test/screenshots/reportsDemo.ts makes (its ReportsReplies, as JSON). */
export interface ReportsReplies {
  preview: Output<'report.preview'>;
  journal: Output<'journal.list'>;
  log: Output<'report.log'>;
}

/** The Reports screen's handlers: the recorded preview (whatever the options), the month's journal, the log. */
function reportsHandlers(replies: ReportsReplies): FakeHandlers {
  return {
    'report.preview': () => replies.preview,
    'journal.list': () => replies.journal,
    'report.log': () => replies.log,
  };
}

/** The replies test/screenshots/homeDemo.ts makes (its HomeReplies, as JSON). */
export interface HomeReplies {
  summaries: Record<string, Output<'home.summary'>>;
  goalsBehind: Output<'goals.list'>;
  followUps: Output<'care.followups.list'>;
  count: Output<'care.followups.count'>;
  experiments: Output<'experiments.list'>;
  empty: Output<'home.summary'>;
}

/** Home's handlers: the recorded replies (a custom range shows the recorded month's), or an empty book's. */
function homeHandlers(replies: HomeReplies, empty: boolean): FakeHandlers {
  return {
    'home.summary': ({ period, compare }) =>
      empty ? replies.empty : (replies.summaries[`${period}|${compare}`] ?? replies.summaries[`month|${compare}`]!),
    'goals.list': () => replies.goalsBehind,
    'care.followups.list': () => replies.followUps,
    'care.followups.count': () => replies.count,
    'experiments.list': () => replies.experiments,
  };
}

/**
 * The coach workspace: the recorded reports and notes (none in an empty book); opening a file
 * refuses it as main refuses a hand-edited report, so a scene can show the refusal.
 */
function coachHandlers(workspace: Output<'coach.list'>, empty: boolean): FakeHandlers {
  return {
    'coach.list': () => (empty ? { reports: [], notes: [] } : workspace),
    'dialog.openFile': () => ({ path: '/home/ada/Downloads/luca-q2.json' }),
    'coach.open': () => {
      throw new AppError(
        'invalid_input',
        'coach.refused.tampered',
        [{ path: 'integrity', message: 'coach.refused.tampered' }],
        {
          file: '/home/ada/Downloads/luca-q2.json',
        },
      );
    },
  };
}

/** The replies test/screenshots/learningDemo.ts makes (its LearningReplies, as JSON). */
export interface LearningReplies {
  goalsList: Output<'goals.list'>;
  timeline: Output<'goals.timeline'>;
  goals: Record<number, Output<'goals.get'>>;
  followUps: Output<'care.followups.list'>;
  count: Output<'care.followups.count'>;
}

/** The learning scenes' handlers: the recorded replies, the follow-ups narrowed by kind as asked. */
function learningHandlers(replies: LearningReplies): FakeHandlers {
  return {
    'goals.list': () => replies.goalsList,
    'goals.timeline': () => replies.timeline,
    'goals.get': ({ id }) => replies.goals[id] ?? Object.values(replies.goals)[0]!,
    'care.followups.list': ({ kinds }) => {
      if (!kinds) return replies.followUps;
      const list = structuredClone(replies.followUps);
      for (const bucket of ['overdue', 'today', 'week', 'later'] as const) {
        list[bucket] = list[bucket].filter((item) => kinds.includes(item.kind));
        list.counts[bucket] = list[bucket].length;
      }
      return list;
    },
    'care.followups.count': () => replies.count,
  };
}

export function demoHandlers(options: DemoOptions): FakeHandlers {
  const rnd = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  let settings: Settings = {
    language: options.language,
    currency: 'EUR',
    theme: 'system',
    onboarded: options.onboarded,
  };

  const products: Product[] = [
    { id: 1, name: 'Consulting day', category: 'Services', listPriceMinor: 80000, currency: 'EUR' },
    { id: 2, name: 'LED panel kit', category: 'Lighting', listPriceMinor: 124900, currency: 'EUR' },
    { id: 3, name: 'Maintenance plan', category: 'Services', listPriceMinor: 240000, currency: 'EUR' },
    { id: 4, name: 'Custom project', category: 'Projects', listPriceMinor: null, currency: 'EUR' },
    { id: 5, name: 'Training workshop', category: 'Services', listPriceMinor: 95000, currency: 'EUR' },
  ];
  const techniques: Technique[] = options.empty ? [] : demoTechniques(options.language);

  const customers: Customer[] = [];
  const sales: Sale[] = [];
  if (!options.empty) {
    for (let id = 1; id <= 64; id++) {
      const first = FIRST[(id * 7) % FIRST.length]!;
      const last = LAST[(id * 5) % LAST.length]!;
      customers.push({
        id,
        name: `${first} ${last}`,
        company: rnd() < 0.8 ? `${pick(COMPANIES)} ${last}` : null,
        email: rnd() < 0.85 ? `${first}.${last}${id}@example.it`.toLowerCase() : null,
        phone: rnd() < 0.6 ? `+39 02 ${String(1000000 + Math.floor(rnd() * 8999999))}` : null,
        segment: pick(SEGMENTS),
        industry: pick(INDUSTRIES),
        region: pick(REGIONS),
        companySize: pick(['1–10', '11–50', '51–200']),
        acquisitionSource: pick(SOURCES),
        tags: rnd() < 0.4 ? ['vip', pick(['showroom', 'b2b', 'renewal'])] : [],
        notes:
          id === 1
            ? options.language === 'it'
              ? 'Preferisce le telefonate al mattino. Decide insieme al socio, che vive in città.'
              : 'Prefers calls in the morning. Decides together with the business partner.'
            : null,
        archived: id % 23 === 0,
        createdAt: '2024-01-15T09:00:00.000Z',
      });
    }
    for (let id = 1; id <= 1240; id++) {
      const customer = customers[Math.floor(rnd() ** 1.6 * customers.length)]!;
      const product = rnd() < 0.8 ? pick(products) : null;
      const roll = rnd();
      const status: Sale['status'] = roll < 0.55 ? 'won' : roll < 0.8 ? 'lost' : 'open';
      const openedOn = addDays('2024-01-02', Math.floor(rnd() * 690));
      const closedOn = status === 'open' ? null : addDays(openedOn, 3 + Math.floor(rnd() * 40));
      sales.push({
        id,
        title: pick(TITLES[options.language]),
        customerId: customer.id,
        customerName: customer.name,
        productId: product?.id ?? null,
        productName: product?.name ?? null,
        amountMinor: (product?.listPriceMinor ?? 50000) * (1 + Math.floor(rnd() * 4)) + Math.floor(rnd() * 20) * 5000,
        currency: 'EUR',
        status,
        stage: status === 'open' ? pick(['lead', 'qualified', 'proposal', 'negotiation'] as const) : null,
        openedOn,
        closedOn,
        techniques: rnd() < 0.7 ? [pick(techniques)] : [],
        satisfaction: status === 'won' && rnd() < 0.8 ? 3 + Math.floor(rnd() * 3) : null,
        nps: status === 'won' && rnd() < 0.5 ? 6 + Math.floor(rnd() * 5) : null,
        lostReason: status === 'lost' ? pick(LOST_REASONS[options.language]) : null,
        notes: null,
        createdAt: `${openedOn}T09:00:00.000Z`,
        updatedAt: `${closedOn ?? openedOn}T09:00:00.000Z`,
      });
    }
    assignTechniques(sales, techniques, random(7));
  }

  const saleDate = (sale: Sale): string => sale.closedOn ?? sale.openedOn;
  const summary = (customer: Customer): CustomerSummary => {
    const won = sales.filter((s) => s.customerId === customer.id && s.status === 'won');
    return {
      ...customer,
      purchases: won.length,
      lifetimeValueMinor: won.reduce((sum, s) => sum + s.amountMinor, 0),
      lastPurchase: won.map(saleDate).sort().at(-1) ?? null,
    };
  };
  const compare = (a: string | number | null, b: string | number | null): number =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  const page = <T>(items: T[], offset: number, limit: number): { items: T[]; total: number } => ({
    items: items.slice(offset, offset + limit),
    total: items.length,
  });

  const listSales = (q: ParsedInput<'sales.list'>): Output<'sales.list'> => {
    const search = q.search?.toLowerCase();
    const rows = sales.filter(
      (s) =>
        (!search || `${s.title} ${s.customerName}`.toLowerCase().includes(search)) &&
        (!q.statuses || q.statuses.includes(s.status)) &&
        (!q.from || saleDate(s) >= q.from) &&
        (!q.to || saleDate(s) <= q.to) &&
        (!q.customerId || s.customerId === q.customerId) &&
        (!q.productId || s.productId === q.productId) &&
        (!q.techniqueId || s.techniques.some((t) => t.id === q.techniqueId)),
    );
    const key = (s: Sale): string | number =>
      q.sort === 'amount'
        ? s.amountMinor
        : q.sort === 'customer'
          ? s.customerName
          : q.sort === 'title'
            ? s.title
            : q.sort === 'status'
              ? s.status
              : saleDate(s);
    rows.sort((a, b) => compare(key(a), key(b)) * (q.dir === 'asc' ? 1 : -1) || b.id - a.id);
    return page(rows, q.offset, q.limit);
  };

  const listCustomers = (q: ParsedInput<'customers.list'>): Output<'customers.list'> => {
    const search = q.search?.toLowerCase();
    const rows = customers
      .filter(
        (c) =>
          (!search || `${c.name} ${c.company ?? ''} ${c.email ?? ''}`.toLowerCase().includes(search)) &&
          (!q.segment || c.segment === q.segment) &&
          (!q.region || c.region === q.region) &&
          (!q.industry || c.industry === q.industry) &&
          (q.archived === 'all' || c.archived === (q.archived === 'archived')),
      )
      .map(summary);
    const key = (c: CustomerSummary): string | number | null =>
      q.sort === 'lifetimeValue'
        ? c.lifetimeValueMinor
        : q.sort === 'purchases'
          ? c.purchases
          : q.sort === 'lastPurchase'
            ? c.lastPurchase
            : q.sort === 'createdAt'
              ? c.createdAt
              : c.name;
    rows.sort((a, b) => compare(key(a), key(b)) * (q.dir === 'asc' ? 1 : -1));
    return page(rows, q.offset, q.limit);
  };

  // A sale's new customer is found by email or name, else added, as the app's service does.
  const customerOf = ({ customerId, newCustomer }: ParsedInput<'sales.create'>): number => {
    if (!newCustomer) return customerId!;
    const found = customers.find(
      (c) => (newCustomer.email && c.email === newCustomer.email) || c.name === newCustomer.name,
    );
    if (found) return found.id;
    const added = CustomerInput.parse(newCustomer);
    customers.push({ ...added, id: customers.length + 1, archived: false, createdAt: new Date().toISOString() });
    return customers.length;
  };

  const toSale = (id: number, entry: ParsedInput<'sales.create'>): Sale => {
    const customerId = customerOf(entry);
    const { newCustomer: _new, ...input } = entry;
    return {
      ...input,
      id,
      customerId,
      customerName: customers.find((c) => c.id === customerId)?.name ?? '?',
      productName: products.find((p) => p.id === input.productId)?.name ?? null,
      techniques: techniques.filter((t) => input.techniqueIds.includes(t.id)),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
  };

  const training = demoTrainingNotes(options.language, products, options.empty);
  const journal = demoJournal(options, techniques, customers, sales, training);

  return {
    // No care history unless a scene brings its recorded follow-ups (learning, Home): a customer
    // page shows nothing to follow up, no warning sign and a timeline of their sales alone.
    'care.followups.list': ({ asOf }) => emptyFollowUpList(asOf ?? localIsoDate(new Date())),
    'care.atRisk': () => ({ items: [], total: 0 }),
    'care.timeline': () => [],
    ...journal,
    ...demoTrainingHandlers(training, products, customers),
    ...whatWorksDemoHandlers({ sales, customers, techniques, language: options.language }),
    ...libraryDemoHandlers({ language: options.language, empty: options.empty, techniques }),
    ...(options.learning ? learningHandlers(options.learning) : {}),
    ...(options.home ? homeHandlers(options.home, options.empty) : {}),
    ...(options.coach ? coachHandlers(options.coach, options.empty) : {}),
    ...(options.reports ? reportsHandlers(options.reports) : {}),
    'app.info': () => ({
      version: '0.1.0',
      databasePath: '/home/ada/.config/Rapport/rapport.sqlite',
      platform: 'linux',
      ...(options.damaged
        ? {
            damaged: {
              problems: 'Tree 7 page 7: btreeInitPage() returns error code 11',
              newestGoodBackup: '2025-11-30T16-02-11-406Z-before-import.sqlite',
            },
          }
        : {}),
    }),
    'settings.get': () => settings,
    'settings.update': (patch) => (settings = { ...settings, ...patch }),
    // Settings → Your data: the automatic backups of the last days (none in an empty book).
    'data.backups.list': () =>
      options.empty
        ? []
        : [
            ['2025-11-30T16-02-11-406Z', 'before-import', 9_912_320, sales.length, customers.length],
            ['2025-11-30T08-00-04-120Z', 'daily', 9_830_400, sales.length - 40, customers.length - 3],
            ['2025-11-29T08-00-02-981Z', 'daily', 9_814_016, sales.length - 52, customers.length - 3],
            ['2025-11-02T10-12-40-007Z', 'before-migration', 8_323_072, sales.length - 310, customers.length - 21],
          ].map(([stamp, reason, bytes, salesCount, customerCount]) => ({
            id: `${stamp}-${reason}.sqlite`,
            createdAt: String(stamp).replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/, 'T$1:$2:$3.$4Z'),
            reason: reason as Output<'data.backups.list'>[number]['reason'],
            bytes: Number(bytes),
            sales: Number(salesCount),
            customers: Number(customerCount),
          })),
    'onboarding.start': () =>
      new Promise((resolve) => setTimeout(() => resolve((settings = { ...settings, onboarded: true })), 2500)),
    'customers.list': listCustomers,
    'customers.get': ({ id }) => {
      const customer = customers.find((c) => c.id === id);
      if (!customer) throw new Error(`no customer ${id}`);
      const own = sales.filter((s) => s.customerId === id).sort((a, b) => compare(saleDate(b), saleDate(a)));
      const won = own.filter((s) => s.status === 'won');
      const rated = won.filter((s) => s.satisfaction !== null);
      const s = summary(customer);
      return {
        customer,
        lifetimeValueMinor: s.lifetimeValueMinor,
        currency: 'EUR',
        purchases: s.purchases,
        firstPurchase: won.map(saleDate).sort()[0] ?? null,
        lastPurchase: s.lastPurchase,
        avgSatisfaction: rated.length ? rated.reduce((sum, x) => sum + (x.satisfaction ?? 0), 0) / rated.length : null,
        sales: own,
      };
    },
    'customers.create': (input) => {
      const customer: Customer = {
        ...input,
        id: customers.length + 1,
        archived: false,
        createdAt: new Date().toISOString(),
      };
      customers.push(customer);
      return customer;
    },
    'customers.duplicates': ({ name, email, excludeId }) =>
      customers
        .filter((c) => c.id !== excludeId)
        .flatMap((c): DuplicateHint[] =>
          email && c.email === email.toLowerCase()
            ? [{ id: c.id, name: c.name, email: c.email, reason: 'email' as const }]
            : c.name.toLowerCase() === name.toLowerCase()
              ? [{ id: c.id, name: c.name, email: c.email, reason: 'name' as const }]
              : [],
        ),
    'customers.facets': () => ({ segments: SEGMENTS, regions: REGIONS, industries: INDUSTRIES }),
    'customers.setArchived': ({ id, archived }) => {
      const customer = customers.find((c) => c.id === id)!;
      customer.archived = archived;
      return customer;
    },
    'products.list': () => products,
    'sales.list': listSales,
    'sales.create': (input) => {
      const sale = toSale(sales.length + 1, input);
      sales.push(sale);
      return sale;
    },
    'sales.update': ({ id, sale }) => {
      const updated = toSale(id, sale);
      sales.splice(
        sales.findIndex((s) => s.id === id),
        1,
        updated,
      );
      return updated;
    },
    'sales.delete': ({ id }) => {
      sales.splice(
        sales.findIndex((s) => s.id === id),
        1,
      );
      return { id };
    },
  };
}
