import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { CUSTOMER_FIELDS, REQUIRED_FIELDS, SALE_FIELDS, type ImportKind, type ImportUndoResult } from './contract';
import type { RecordedImporter } from './importer';
import { CUSTOMER_HEADERS, SALE_HEADERS } from './mapping';
import { readCustomer, readSale, type CustomerCandidate, type SaleCandidate } from './rows';
import { CustomersWriter, SalesWriter } from './writer';
import { endSalesFactsDeferral, withdrawSalesFacts } from '../../db/salesFacts';
import { endTechniqueFactsDeferral, withdrawTechniqueFacts } from '../../db/techniqueFacts';
import { referencesSql, unreferenced } from '../../db/importSteps';

/**
 * Removes exactly the batch's sales (their technique links and pending check-ins go with
 * them), then the customers that this or an earlier undone batch created and that nothing
 * refers to any more. A customer someone has since sold to, called or heard a complaint
 * from stays.
 */
async function removeBatchRows(db: Kysely<DB>, batchId: number): Promise<ImportUndoResult> {
  // What works' per-day tables let go of the batch in one pass, not link by link as it is deleted.
  await withdrawTechniqueFacts(db, batchId);
  await withdrawSalesFacts(db, batchId);
  const sales = await db.deleteFrom('sales').where('import_batch_id', '=', batchId).executeTakeFirst();
  await endTechniqueFactsDeferral(db, batchId);
  await endSalesFactsDeferral(db, batchId);
  const undone = db.selectFrom('import_batches').select('id').where('undone_at', 'is not', null);
  // Anything the seller has since recorded about a customer keeps it: a sale, a call, a
  // check-in answered (a pending one went with its sale), a complaint, a contact rule, a journal entry.
  const { rows: references } = await sql.raw<{ child: string; col: string }>(referencesSql('customers')).execute(db);
  const customers = await db
    .deleteFrom('customers')
    .where('import_batch_id', 'in', undone)
    .where(sql<boolean>`${sql.raw(unreferenced('customers', references))}`)
    .executeTakeFirst();
  const kept = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return {
    batchId,
    salesRemoved: Number(sales.numDeletedRows),
    customersRemoved: Number(customers.numDeletedRows),
    customersKept: kept.n,
  };
}

export const salesImporter: RecordedImporter<SaleCandidate> = {
  kind: 'sales',
  fields: SALE_FIELDS,
  required: REQUIRED_FIELDS.sales,
  headers: SALE_HEADERS,
  dateField: 'date',
  numberField: 'amount',
  read: readSale,
  writer: (sqlite, nowIso, batchId) => new SalesWriter(sqlite, batchId, nowIso),
  history: { kind: 'sales', undo: removeBatchRows },
};

export const customersImporter: RecordedImporter<CustomerCandidate> = {
  kind: 'customers',
  fields: CUSTOMER_FIELDS,
  required: REQUIRED_FIELDS.customers,
  headers: CUSTOMER_HEADERS,
  read: readCustomer,
  writer: (sqlite, nowIso, batchId) => new CustomersWriter(sqlite, batchId, nowIso),
  history: { kind: 'customers', undo: removeBatchRows },
};

/** The importers behind the import wizard and `rapport import`, by the kind they record. */
export const IMPORTERS: Readonly<Record<ImportKind, RecordedImporter<unknown>>> = {
  sales: salesImporter,
  customers: customersImporter,
};
