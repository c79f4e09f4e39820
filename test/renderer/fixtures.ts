import {
  emptyFollowUpList,
  type CheckIn,
  type Complaint,
  type FollowUp,
  type FollowUpList,
  type Interaction,
} from '../../src-main/features/care/contract';
import type { CustomerSummary } from '../../src-main/features/customers/contract';
import type { Product } from '../../src-main/features/catalog/contract';
import type { Technique } from '../../src-main/features/techniques/contract';
import type { Sale } from '../../src-main/features/sales/contract';
import type { Settings } from '../../src-main/features/settings/contract';
import type { HomeSummary } from '../../src-main/features/home/contract';

export function settingsFixture(patch: Partial<Settings> = {}): Settings {
  return { language: 'en', currency: 'EUR', theme: 'system', onboarded: true, ...patch };
}

export function customerFixture(patch: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    id: 1,
    name: 'Giulia Bianchi',
    company: 'Bianchi Arredamenti',
    email: 'giulia@bianchi.example',
    phone: null,
    segment: 'SMB',
    industry: 'Retail',
    region: 'Lombardia',
    companySize: null,
    acquisitionSource: null,
    tags: [],
    notes: null,
    archived: false,
    createdAt: '2025-01-10T09:00:00.000Z',
    purchases: 3,
    lifetimeValueMinor: 420000,
    lastPurchase: '2026-02-14',
    ...patch,
  };
}

export function saleFixture(patch: Partial<Sale> = {}): Sale {
  return {
    id: 1,
    title: 'Showroom lighting',
    customerId: 1,
    customerName: 'Giulia Bianchi',
    productId: null,
    productName: null,
    amountMinor: 125000,
    currency: 'EUR',
    status: 'won',
    stage: null,
    openedOn: '2026-01-05',
    closedOn: '2026-01-20',
    techniques: [],
    satisfaction: 4,
    nps: null,
    lostReason: null,
    notes: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-20T10:00:00.000Z',
    ...patch,
  };
}

export const PRODUCTS: Product[] = [
  { id: 1, name: 'Consulting day', category: 'Services', listPriceMinor: 80000, currency: 'EUR' },
  { id: 2, name: 'Custom project', category: 'Services', listPriceMinor: null, currency: 'EUR' },
];

export function techniqueFixture(id: number, name: string, patch: Partial<Technique> = {}): Technique {
  return {
    id,
    name,
    description: null,
    category: 'other',
    steps: [],
    source: null,
    retired: false,
    starter: null,
    sales: 0,
    entries: 0,
    mergedFrom: [],
    ...patch,
  };
}

export const TECHNIQUES: Technique[] = [
  techniqueFixture(1, 'SPIN questions', { category: 'discovery' }),
  techniqueFixture(2, 'Trial close', { category: 'closing' }),
];

// ---- customer care ------------------------------------------------------------------------

export function followUpListFixture(patch: Partial<FollowUpList> = {}): FollowUpList {
  const list: FollowUpList = { ...emptyFollowUpList('2026-11-27'), ...patch };
  // Counts follow the items unless the test says otherwise (a list cut at the limit).
  if (!patch.counts)
    list.counts = {
      overdue: list.overdue.length,
      today: list.today.length,
      week: list.week.length,
      later: list.later.length,
    };
  return list;
}

type Item<K extends FollowUp['kind']> = Extract<FollowUp, { kind: K }>;

export function checkInItem(patch: Partial<Item<'check_in'>> = {}): Item<'check_in'> {
  return {
    id: 'c11',
    kind: 'check_in',
    customerId: 1,
    customerName: 'Giulia Bianchi',
    saleId: 1,
    saleTitle: 'Workshop',
    dueOn: '2026-11-25',
    status: 'pending',
    daysOverdue: 2,
    checkInId: 11,
    stepDays: 30,
    scheduledOn: '2026-11-25',
    closedOn: '2026-10-26',
    also: [],
    ...patch,
  };
}

export function stayInTouchItem(patch: Partial<Item<'stay_in_touch'>> = {}): Item<'stay_in_touch'> {
  return {
    id: 's4',
    kind: 'stay_in_touch',
    customerId: 4,
    customerName: 'Marco Rossi',
    saleId: null,
    saleTitle: null,
    dueOn: '2026-10-29',
    status: 'overdue',
    daysOverdue: 29,
    lastContactOn: '2026-09-13',
    daysSinceContact: 75,
    idealDays: 46,
    maxDays: 60,
    ...patch,
  };
}

export function reorderItem(patch: Partial<Item<'reorder'>> = {}): Item<'reorder'> {
  return {
    id: 'r5',
    kind: 'reorder',
    customerId: 5,
    customerName: 'Ottica Verdi',
    saleId: null,
    saleTitle: null,
    dueOn: '2026-11-22',
    status: 'late',
    daysOverdue: 5,
    lastPurchaseOn: '2026-10-06',
    daysSincePurchase: 52,
    usualDays: 47,
    purchases: 6,
    ...patch,
  };
}

export function complaintItem(patch: Partial<Item<'complaint'>> = {}): Item<'complaint'> {
  return {
    id: 'k3',
    kind: 'complaint',
    customerId: 1,
    customerName: 'Giulia Bianchi',
    saleId: null,
    saleTitle: null,
    dueOn: '2026-11-27',
    status: 'open',
    daysOverdue: 0,
    complaintId: 3,
    openedOn: '2026-11-18',
    daysOpen: 9,
    severity: 'high',
    category: 'delivery',
    ...patch,
  };
}

/** An action item of a seminar's notes, due yesterday (today is 27 November 2026 in these tests). */
export function actionItem(patch: Partial<Item<'action'>> = {}): Item<'action'> {
  return {
    id: 'a5',
    kind: 'action',
    customerId: null,
    customerName: null,
    saleId: null,
    saleTitle: null,
    dueOn: '2026-11-26',
    status: 'open',
    daysOverdue: 1,
    actionId: 5,
    itemId: 12,
    itemTitle: 'Closing Summit 2026',
    itemKind: 'seminar',
    text: 'Call the three customers who said no in October',
    ...patch,
  };
}

export function complaintFixture(patch: Partial<Complaint> = {}): Complaint {
  return {
    id: 3,
    customerId: 1,
    customerName: 'Giulia Bianchi',
    saleId: null,
    saleTitle: null,
    checkInId: null,
    openedOn: '2026-11-18',
    source: 'call',
    category: 'delivery',
    severity: 'high',
    description: 'Two lamps arrived broken',
    status: 'open',
    resolution: null,
    resolvedOn: null,
    daysToResolve: null,
    remindOn: '2026-11-25',
    createdAt: '2026-11-18T09:00:00.000Z',
    updatedAt: '2026-11-18T09:00:00.000Z',
    ...patch,
  };
}

export function checkInFixture(patch: Partial<CheckIn> = {}): CheckIn {
  return {
    id: 11,
    saleId: 1,
    saleTitle: 'Workshop',
    customerId: 1,
    customerName: 'Giulia Bianchi',
    stepDays: 30,
    scheduledOn: '2026-11-25',
    dueOn: '2026-11-25',
    status: 'pending',
    completedOn: null,
    outcome: null,
    csat: null,
    nps: null,
    concern: null,
    complaintId: null,
    createdAt: '2026-10-26T10:00:00.000Z',
    updatedAt: '2026-10-26T10:00:00.000Z',
    ...patch,
  };
}

export function interactionFixture(patch: Partial<Interaction> = {}): Interaction {
  return {
    id: 21,
    customerId: 1,
    customerName: 'Giulia Bianchi',
    kind: 'call',
    occurredOn: '2026-11-20',
    summary: 'Asked about the spring range',
    saleId: null,
    saleTitle: null,
    createdAt: '2026-11-20T15:00:00.000Z',
    ...patch,
  };
}

/** Home on a book with nothing in it yet (its first-run state). */
export function emptyHomeFixture(): HomeSummary {
  return {
    asOf: '2026-11-27',
    period: 'month',
    compare: 'previous',
    current: { from: '2026-11-01', to: '2026-11-27' },
    previous: { from: '2026-10-01', to: '2026-10-27' },
    grain: 'week',
    currencies: ['EUR'],
    cards: [],
    followUps: { today: 0, overdue: 0 },
    goals: { onTrack: 0, total: 0, behind: 0 },
    hasSales: false,
    charts: {
      revenuePace: [],
      newRepeat: [],
      pipeline: ['lead', 'qualified', 'proposal', 'negotiation', 'none'].map((stage) => ({
        stage: stage as 'lead',
        count: 0,
        amounts: [],
      })),
      techniques: { rows: [], waiting: 0, minimum: { withIt: 10, without: 10 } },
      learning: [],
    },
  };
}
