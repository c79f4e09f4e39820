import type { Kysely } from 'kysely';
import type { FieldIssue } from '../../shared/api';
import type { Sale, SaleData, SaleEntryData } from './contract';
import type { DB, NewSaleRow } from '../../db/schema';
import { countExisting } from '../catalog';
import { findCustomer } from '../customers';
import * as repo from './repository';
import { AppError, notFound } from '../../kernel/errors';
import { findOrCreateProduct } from '../catalog';
import { findOrCreateTechnique } from '../techniques';
import { findOrCreateCustomer, type CustomerMatch } from '../customers';
import { syncSaleCheckIns } from '../care';

function toRow(data: SaleData, nowIso: string): Omit<NewSaleRow, 'created_at'> {
  return {
    title: data.title,
    customer_id: data.customerId,
    product_id: data.productId,
    amount_minor: data.amountMinor,
    currency: data.currency,
    status: data.status,
    stage: data.stage,
    opened_on: data.openedOn,
    closed_on: data.closedOn,
    satisfaction: data.satisfaction,
    nps: data.nps,
    lost_reason: data.lostReason,
    notes: data.notes,
    updated_at: nowIso,
  };
}

/** References are checked up front so the user hears which field is wrong, not "FOREIGN KEY failed". */
async function checkReferences(db: Kysely<DB>, data: SaleData): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!(await findCustomer(db, data.customerId)))
    issues.push({ path: 'customerId', message: 'errors.unknownCustomer' });
  if (data.productId !== null && (await countExisting(db, 'products', [data.productId])) === 0)
    issues.push({ path: 'productId', message: 'errors.unknownProduct' });
  const techniqueIds = [...new Set(data.techniqueIds)];
  if ((await countExisting(db, 'techniques', techniqueIds)) !== techniqueIds.length)
    issues.push({ path: 'techniqueIds', message: 'errors.unknownTechnique' });
  if (issues.length > 0) throw new AppError('invalid_input', 'failures.saleReferences', issues);
}

/**
 * The customer a match settled on, or a refusal naming the customer of the same name and its
 * other email (`field` is where the email was typed): nothing has been written.
 */
function matched(match: CustomerMatch, field: string): CustomerMatch & { kind: 'found' | 'created' } {
  if (match.kind !== 'emailDiffers') return match;
  const values = {
    name: match.customer.name,
    id: match.customer.id,
    theirs: match.customer.email!,
    typed: match.email,
  };
  throw new AppError(
    'invalid_input',
    'sales.customerMatch.emailDiffers',
    [{ path: field, message: 'sales.customerMatch.otherEmail', values }],
    values,
  );
}

/**
 * The sale with its customer's id: the one picked, or the one typed in the sale form, found by
 * email or name (as the CLI does) or added now, inside the caller's transaction. A customer of
 * the same name with another email is not taken: the seller hears so (and can pick them).
 */
async function withCustomer(db: Kysely<DB>, entry: SaleEntryData, now: Date): Promise<SaleData> {
  const { newCustomer, customerId, ...fields } = entry;
  if (!newCustomer) return { ...fields, customerId: customerId! };
  const match = matched(await findOrCreateCustomer(db, newCustomer, now), 'newCustomer.email');
  return { ...fields, customerId: match.customer.id };
}

/** A won sale gets its check-ins in the same transaction (see services/care/checkins.ts). */
export async function createSale(db: Kysely<DB>, entry: SaleEntryData, now: Date): Promise<Sale> {
  const data = await withCustomer(db, entry, now);
  await checkReferences(db, data);
  const iso = now.toISOString();
  const id = await repo.insertSale(db, { ...toRow(data, iso), created_at: iso }, data.techniqueIds);
  if (data.status === 'won') await syncSaleCheckIns(db, id, now);
  return (await repo.getSale(db, id))!;
}

/**
 * Winning, reopening, or changing the close date, product or customer of a sale reschedules
 * its pending check-ins; editing anything else (a title, a note) leaves them alone.
 */
export async function updateSale(db: Kysely<DB>, id: number, entry: SaleEntryData, now: Date): Promise<Sale> {
  const data = await withCustomer(db, entry, now);
  await checkReferences(db, data);
  const before = await repo.getSale(db, id);
  if (!before || !(await repo.updateSale(db, id, toRow(data, now.toISOString()), data.techniqueIds)))
    throw notFound('Sale', id);
  if (
    before.status !== data.status ||
    before.closedOn !== data.closedOn ||
    before.productId !== data.productId ||
    before.customerId !== data.customerId
  )
    await syncSaleCheckIns(db, id, now);
  return (await repo.getSale(db, id))!;
}

/** Its pending check-ins go with it (a trigger, so an import undo does the same; see 0003). */
export async function deleteSale(db: Kysely<DB>, id: number): Promise<void> {
  if (!(await repo.deleteSale(db, id))) throw notFound('Sale', id);
}

export async function getSale(db: Kysely<DB>, id: number): Promise<Sale> {
  const sale = await repo.getSale(db, id);
  if (!sale) throw notFound('Sale', id);
  return sale;
}

/**
 * A sale described by names, as typed on the command line: its customer by id, or by name and
 * email (found as findOrCreateCustomer does; `alwaysNew` adds one even if the name is known).
 */
export type NamedSale = Omit<SaleData, 'customerId' | 'productId' | 'techniqueIds'> & {
  customer: { id: number } | { name: string; email: string | null; alwaysNew?: boolean };
  product: string | null;
  techniques: readonly string[];
};

/**
 * Records a sale, creating its customer, product and techniques when they are new. A customer
 * named with an email that differs from the one of the same name in the book is refused
 * (sales.customerMatch.emailDiffers, on `email`), never merged with the email dropped.
 */
export async function recordNamedSale(
  db: Kysely<DB>,
  sale: NamedSale,
  now: Date,
): Promise<{ sale: Sale; customerCreated: boolean }> {
  const who = sale.customer;
  let customer: { id: number };
  let created = false;
  if ('id' in who) {
    const found = await findCustomer(db, who.id);
    if (!found)
      throw new AppError('invalid_input', 'failures.saleReferences', [
        { path: 'customerId', message: 'errors.unknownCustomer' },
      ]);
    customer = found;
  } else {
    const match = matched(await findOrCreateCustomer(db, who, now, { alwaysNew: who.alwaysNew ?? false }), 'email');
    customer = match.customer;
    created = match.kind === 'created';
  }
  const product = sale.product ? await findOrCreateProduct(db, sale.product, sale.currency, now) : null;
  const techniqueIds: number[] = [];
  for (const name of sale.techniques) techniqueIds.push((await findOrCreateTechnique(db, name, now)).id);
  const { customer: _c, product: _p, techniques: _t, ...fields } = sale;
  const created_ = await createSale(
    db,
    { ...fields, customerId: customer.id, productId: product?.id ?? null, techniqueIds },
    now,
  );
  return { sale: created_, customerCreated: created };
}

export { listSales } from './repository';
