import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { normaliseName } from '../../shared/names';
import type { Customer, CustomerDetail, CustomerInput, DuplicateHint } from './contract';
import type { DB, NewCustomerRow } from '../../db/schema';
import * as repo from './repository';
import { salesOfCustomer } from '../../db/saleRows';
import { customerSatisfaction } from '../metrics';
import { notFound } from '../../kernel/errors';

export type CustomerData = z.output<typeof CustomerInput>;

function toRow(data: CustomerData, nowIso: string): Omit<NewCustomerRow, 'created_at'> {
  return {
    name: data.name,
    name_key: normaliseName(data.name),
    company: data.company,
    email: data.email,
    phone: data.phone,
    segment: data.segment,
    industry: data.industry,
    region: data.region,
    company_size: data.companySize,
    acquisition_source: data.acquisitionSource,
    tags: JSON.stringify([...new Set(data.tags)]),
    notes: data.notes,
    updated_at: nowIso,
  };
}

export async function createCustomer(db: Kysely<DB>, data: CustomerData, now: Date): Promise<Customer> {
  const iso = now.toISOString();
  return repo.toCustomer(await repo.insertCustomer(db, { ...toRow(data, iso), created_at: iso }));
}

export async function updateCustomer(db: Kysely<DB>, id: number, data: CustomerData, now: Date): Promise<Customer> {
  const row = await repo.updateCustomer(db, id, toRow(data, now.toISOString()));
  if (!row) throw notFound('Customer', id);
  return repo.toCustomer(row);
}

export async function setArchived(db: Kysely<DB>, id: number, archived: boolean, now: Date): Promise<Customer> {
  const iso = now.toISOString();
  const row = await repo.updateCustomer(db, id, { archived_at: archived ? iso : null, updated_at: iso });
  if (!row) throw notFound('Customer', id);
  return repo.toCustomer(row);
}

export async function likelyDuplicates(
  db: Kysely<DB>,
  probe: { name: string; email: string | null; excludeId?: number },
): Promise<DuplicateHint[]> {
  const email = probe.email?.trim().toLowerCase() || null;
  const nameKey = normaliseName(probe.name);
  if (!email && !nameKey) return [];
  return repo.findDuplicates(db, { email, nameKey, ...(probe.excludeId ? { excludeId: probe.excludeId } : {}) });
}

/**
 * How a customer named by a seller (typed on the command line, in the sale form) was settled:
 * `found` by email, or by name when the emails do not contradict; `created` when none was;
 * `emailDiffers` when the only customer of that name has another email: nothing is written,
 * and the caller asks the seller which they mean rather than dropping the email typed.
 */
export type CustomerMatch =
  { kind: 'found' | 'created'; customer: Customer } | { kind: 'emailDiffers'; customer: Customer; email: string };

/**
 * The customer with this email, else with this normalised name (one without an email, or
 * without another one), else a new one (with the company, when given). With `alwaysNew`, a
 * customer of the same name is not taken: a new one is added unless the email is known.
 */
export async function findOrCreateCustomer(
  db: Kysely<DB>,
  identity: { name: string; email: string | null; company?: string | null },
  now: Date,
  { alwaysNew = false }: { alwaysNew?: boolean } = {},
): Promise<CustomerMatch> {
  const email = identity.email?.trim().toLowerCase() || null;
  const found = await repo.findCustomerByIdentity(db, { email, nameKey: normaliseName(identity.name) });
  if (found?.by === 'email') return { kind: 'found', customer: repo.toCustomer(found.row) };
  if (found && !alwaysNew) {
    const customer = repo.toCustomer(found.row);
    // The same name with another email is most likely someone else: never merge silently.
    if (email !== null && customer.email !== null && customer.email !== email)
      return { kind: 'emailDiffers', customer, email };
    return { kind: 'found', customer };
  }
  const data: CustomerData = {
    name: identity.name.trim(),
    email,
    company: identity.company ?? null,
    phone: null,
    segment: null,
    industry: null,
    region: null,
    companySize: null,
    acquisitionSource: null,
    tags: [],
    notes: null,
  };
  return { kind: 'created', customer: await createCustomer(db, data, now) };
}

export async function customerDetail(db: Kysely<DB>, id: number, currency: string): Promise<CustomerDetail> {
  const row = await repo.findCustomer(db, id);
  if (!row) throw notFound('Customer', id);
  const sales = await salesOfCustomer(db, id);
  const won = sales.filter((s) => s.status === 'won');
  const closedDates = won.map((s) => s.closedOn!).sort();
  return {
    customer: repo.toCustomer(row),
    currency,
    lifetimeValueMinor: won.filter((s) => s.currency === currency).reduce((sum, s) => sum + s.amountMinor, 0),
    purchases: won.length,
    firstPurchase: closedDates[0] ?? null,
    lastPurchase: closedDates.at(-1) ?? null,
    avgSatisfaction: await customerSatisfaction(db, id),
    sales,
  };
}

export { listCustomers, distinctValues } from './repository';
