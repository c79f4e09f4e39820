import { z } from 'zod';
import { isIsoDate } from './dates';
import { isCurrencyCode } from './money';

/**
 * Entity and input schemas. Validation messages are message keys (see messages.ts) so the
 * renderer can show them in the user's language and the CLI in English.
 */
export const Id = z.int().positive();
export const IsoDateSchema = z.string().refine(isIsoDate, { error: 'errors.date' });
export const Currency = z.string().refine(isCurrencyCode, { error: 'errors.currency' });
export const AmountMinor = z
  .int({ error: 'errors.amount' })
  .min(0, { error: 'errors.amountNegative' })
  .max(1e13, { error: 'errors.amountTooLarge' });

/** Optional free text: trimmed, and blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'errors.tooLong' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

export const SALE_STATUSES = ['open', 'won', 'lost'] as const;
export const SaleStatus = z.enum(SALE_STATUSES, { error: 'errors.status' });
export type SaleStatus = z.infer<typeof SaleStatus>;

export const SALE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const;
export const SaleStage = z.enum(SALE_STAGES, { error: 'errors.stage' });

export const LANGUAGES = ['en', 'it'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const THEMES = ['system', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);

// ---- customers ------------------------------------------------------------------------

export const CustomerInput = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  company: optionalText(200),
  email: z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s.toLowerCase()))
    .pipe(z.email({ error: 'errors.email' }).max(254).nullable())
    .nullable()
    .optional()
    .transform((s) => s ?? null),
  phone: optionalText(50),
  segment: optionalText(80),
  industry: optionalText(80),
  region: optionalText(80),
  companySize: optionalText(40),
  acquisitionSource: optionalText(80),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  notes: optionalText(5000),
});
export type CustomerInput = z.input<typeof CustomerInput>;

export const Customer = z.object({
  id: Id,
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  segment: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  companySize: z.string().nullable(),
  acquisitionSource: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type Customer = z.infer<typeof Customer>;

export const CustomerSummary = Customer.extend({
  purchases: z.int(),
  lifetimeValueMinor: z.int(),
  lastPurchase: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const DuplicateHint = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  reason: z.enum(['email', 'name']),
});
export type DuplicateHint = z.infer<typeof DuplicateHint>;

export const CUSTOMER_SORTS = ['name', 'createdAt', 'lifetimeValue', 'lastPurchase', 'purchases'] as const;

export const CustomerQuery = z.object({
  search: z.string().trim().max(200).optional(),
  segment: z.string().optional(),
  region: z.string().optional(),
  industry: z.string().optional(),
  archived: z.enum(['active', 'archived', 'all']).default('active'),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
});

// ---- catalogue ------------------------------------------------------------------------

export const ProductInput = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  category: optionalText(80),
  listPriceMinor: AmountMinor.nullable().default(null),
  currency: Currency.default('EUR'),
});
export const Product = z.object({
  id: Id,
  name: z.string(),
  category: z.string().nullable(),
  listPriceMinor: z.int().nullable(),
  currency: z.string(),
});
export type Product = z.infer<typeof Product>;

export const TechniqueInput = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(120, { error: 'errors.tooLong' }),
  description: optionalText(2000),
});
export const Technique = z.object({ id: Id, name: z.string(), description: z.string().nullable() });
export type Technique = z.infer<typeof Technique>;

// ---- sales ----------------------------------------------------------------------------

const SaleFields = z.object({
  title: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  customerId: z.int({ error: 'errors.customerRequired' }).positive({ error: 'errors.customerRequired' }),
  productId: Id.nullable().default(null),
  amountMinor: AmountMinor,
  currency: Currency,
  status: SaleStatus,
  stage: SaleStage.nullable().default(null),
  openedOn: IsoDateSchema,
  closedOn: IsoDateSchema.nullable().default(null),
  techniqueIds: z.array(Id).max(20).default([]),
  satisfaction: z
    .int()
    .min(1, { error: 'errors.satisfaction' })
    .max(5, { error: 'errors.satisfaction' })
    .nullable()
    .default(null),
  nps: z.int().min(0, { error: 'errors.nps' }).max(10, { error: 'errors.nps' }).nullable().default(null),
  lostReason: optionalText(500),
  notes: optionalText(5000),
});

/** Cross-field rules of a sale; issues carry the field path so forms can show them inline. */
export const SaleInput = SaleFields.superRefine((sale, ctx) => {
  if (sale.status === 'open') {
    if (sale.closedOn !== null) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'errors.openHasClose' });
  } else {
    if (sale.closedOn === null) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'errors.closedNeedsDate' });
    else if (sale.closedOn < sale.openedOn)
      ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'errors.closeBeforeOpen' });
    if (sale.stage !== null) ctx.addIssue({ code: 'custom', path: ['stage'], message: 'errors.stageOnlyOpen' });
  }
  if (sale.status !== 'lost' && sale.lostReason !== null)
    ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'errors.lostReasonOnlyLost' });
});
export type SaleInput = z.input<typeof SaleInput>;
export type SaleData = z.output<typeof SaleInput>;

export const Sale = z.object({
  id: Id,
  title: z.string(),
  customerId: Id,
  customerName: z.string(),
  productId: Id.nullable(),
  productName: z.string().nullable(),
  amountMinor: z.int(),
  currency: z.string(),
  status: SaleStatus,
  stage: SaleStage.nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  techniques: z.array(Technique),
  satisfaction: z.int().nullable(),
  nps: z.int().nullable(),
  lostReason: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Sale = z.infer<typeof Sale>;

export const SALE_SORTS = ['date', 'amount', 'customer', 'title', 'status'] as const;

export const SaleQuery = z.object({
  search: z.string().trim().max(200).optional(),
  statuses: z.array(SaleStatus).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  customerId: Id.optional(),
  productId: Id.optional(),
  techniqueId: Id.optional(),
  sort: z.enum(SALE_SORTS).default('date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
});

export const CustomerDetail = z.object({
  customer: Customer,
  lifetimeValueMinor: z.int(),
  currency: z.string(),
  purchases: z.int(),
  firstPurchase: z.string().nullable(),
  lastPurchase: z.string().nullable(),
  avgSatisfaction: z.number().nullable(),
  sales: z.array(Sale),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

// ---- stats & settings -----------------------------------------------------------------

export const StatsQuery = z
  .object({ from: IsoDateSchema, to: IsoDateSchema, currency: Currency.optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'errors.rangeOrder' });

/** Period statistics; key names are the CLI's stable JSON contract. */
export const Stats = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  revenue_cents: z.int(),
  deals_won: z.int(),
  deals_lost: z.int(),
  deals_open: z.int(),
  win_rate: z.number().nullable(),
  avg_deal_cents: z.int().nullable(),
  customers_active: z.int(),
  new_customers: z.int(),
  repeat_customers: z.int(),
  avg_satisfaction: z.number().nullable(),
  nps: z.number().nullable(),
});
export type Stats = z.infer<typeof Stats>;

export const Settings = z.object({
  language: Language,
  currency: Currency,
  theme: Theme,
  onboarded: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int() });
