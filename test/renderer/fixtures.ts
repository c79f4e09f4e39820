import type { CustomerSummary, Product, Sale, Settings, Technique } from '../../src-main/shared/domain';

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

export const TECHNIQUES: Technique[] = [
  { id: 1, name: 'SPIN questions', description: null },
  { id: 2, name: 'Trial close', description: null },
];
