import { z } from 'zod';
import {
  AmountMinor,
  Currency,
  CustomerEmail,
  CustomerName,
  Id,
  IsoDateSchema,
  optionalText,
  Page,
} from '../../shared/domain';
import { ById, command, query } from '../../shared/operations';
import { TechniqueRef as Technique } from '../techniques/contract';

export const SALE_STATUSES = ['open', 'won', 'lost'] as const;
export const SaleStatus = z.enum(SALE_STATUSES, { error: 'errors.status' });
export type SaleStatus = z.infer<typeof SaleStatus>;

export const SALE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const;
export const SaleStage = z.enum(SALE_STAGES, { error: 'errors.stage' });

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
function checkSale(
  sale: Pick<z.output<typeof SaleFields>, 'status' | 'stage' | 'openedOn' | 'closedOn' | 'lostReason'>,
  ctx: z.RefinementCtx,
): void {
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
}

/** A sale of a customer already in the book (the CLI and imports resolve names to an id first). */
export const SaleInput = SaleFields.superRefine(checkSale);
export type SaleInput = z.input<typeof SaleInput>;
export type SaleData = z.output<typeof SaleInput>;

/** A customer typed in the sale form: what the form asks; the rest is filled in on their page. */
export const NewCustomer = z.object({ name: CustomerName, email: CustomerEmail, company: optionalText(200) });
export type NewCustomer = z.input<typeof NewCustomer>;

/**
 * A sale as the app's sale form sends it: for a customer picked from the book (`customerId`) or
 * for one typed there (`newCustomer`), found or added in the sale's own transaction, so a
 * cancelled or refused sale leaves no customer behind and a repeated click adds no second one.
 */
export const SaleEntry = SaleFields.extend({
  customerId: SaleFields.shape.customerId.optional(),
  newCustomer: NewCustomer.optional(),
}).superRefine((sale, ctx) => {
  if ((sale.customerId === undefined) === (sale.newCustomer === undefined))
    ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'errors.customerRequired' });
  checkSale(sale, ctx);
});
export type SaleEntry = z.input<typeof SaleEntry>;
export type SaleEntryData = z.output<typeof SaleEntry>;

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

/**
 * A won sale gets check-ins; winning, reopening or re-dating one reschedules them, and a
 * deleted sale takes its pending ones along (care/checkins.ts): all three write care. Creating
 * or editing one may add the customer it names (`newCustomer`).
 */
export const salesOps = {
  'sales.list': query(SaleQuery, Page(Sale)),
  'sales.get': query(ById, Sale),
  'sales.create': command(SaleEntry, Sale, { writes: ['sales', 'care', 'customers'] }),
  'sales.update': command(z.object({ id: Id, sale: SaleEntry }), Sale, { writes: ['sales', 'care', 'customers'] }),
  'sales.delete': command(ById, z.object({ id: Id }), { writes: ['sales', 'care'] }),
} as const;
