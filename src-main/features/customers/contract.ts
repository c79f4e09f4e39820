import { z } from 'zod';
import { CustomerEmail, CustomerName, Id, optionalText, Page } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';
import { Sale } from '../sales/contract';

export const CustomerInput = z.object({
  name: CustomerName,
  company: optionalText(200),
  email: CustomerEmail,
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

/**
 * Only the customer's own row changes; the sales and follow-ups that show its name, segment
 * or archived state watch customers themselves.
 */
export const customersOps = {
  'customers.list': query(CustomerQuery, Page(CustomerSummary)),
  'customers.get': query(ById, CustomerDetail),
  'customers.create': command(CustomerInput, Customer, { writes: ['customers'] }),
  'customers.update': command(z.object({ id: Id, customer: CustomerInput }), Customer, { writes: ['customers'] }),
  'customers.setArchived': command(z.object({ id: Id, archived: z.boolean() }), Customer, {
    writes: ['customers'],
  }),
  'customers.duplicates': query(
    z.object({ name: z.string().max(200), email: z.string().max(254).nullable(), excludeId: Id.optional() }),
    z.array(DuplicateHint),
  ),
  'customers.facets': query(
    Empty,
    z.object({ segments: z.array(z.string()), regions: z.array(z.string()), industries: z.array(z.string()) }),
  ),
} as const;
