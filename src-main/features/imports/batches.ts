import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ImportBatch, ImportKind, ImportUndoResult, SavedMapping } from './contract';
import { AppError, notFound } from '../../kernel/errors';

/** Every import batch, newest first. */
export async function listBatches(db: Kysely<DB>): Promise<ImportBatch[]> {
  const rows = await db.selectFrom('import_batches').selectAll().orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    sourceName: r.source_name,
    sourceSha256: r.source_sha256,
    options: JSON.parse(r.options) as Record<string, unknown>,
    inserted: r.inserted,
    duplicates: r.duplicates,
    skipped: r.skipped,
    customersCreated: r.customers_created,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
  }));
}

/**
 * Removes exactly the batch's sales (their technique links and pending check-ins go with
 * them), then the customers that this or an earlier undone batch created and that nothing
 * refers to any more. A customer someone has since sold to, called or heard a complaint
 * from stays. Run inside one transaction.
 */
export async function undoBatch(db: Kysely<DB>, batchId: number, now: Date): Promise<ImportUndoResult> {
  const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw notFound('Import batch', batchId);
  if (batch.undone_at !== null)
    throw new AppError('conflict', `Import batch ${batchId} was already undone on ${batch.undone_at}.`);

  const sales = await db.deleteFrom('sales').where('import_batch_id', '=', batchId).executeTakeFirst();
  await db.updateTable('import_batches').set({ undone_at: now.toISOString() }).where('id', '=', batchId).execute();
  const undone = db.selectFrom('import_batches').select('id').where('undone_at', 'is not', null);
  // Anything the seller has since recorded about a customer keeps it: a sale, a call, a
  // check-in answered (a pending one went with its sale), a complaint, a contact rule.
  const unreferenced = sql<boolean>`NOT EXISTS (SELECT 1 FROM sales WHERE sales.customer_id = customers.id)
    AND NOT EXISTS (SELECT 1 FROM interactions WHERE interactions.customer_id = customers.id)
    AND NOT EXISTS (SELECT 1 FROM check_ins WHERE check_ins.customer_id = customers.id)
    AND NOT EXISTS (SELECT 1 FROM complaints WHERE complaints.customer_id = customers.id)
    AND NOT EXISTS (SELECT 1 FROM contact_rules WHERE contact_rules.customer_id = customers.id)`;
  const customers = await db
    .deleteFrom('customers')
    .where('import_batch_id', 'in', undone)
    .where(unreferenced)
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

export async function listMappings(db: Kysely<DB>, kind?: ImportKind): Promise<SavedMapping[]> {
  const rows = await db
    .selectFrom('import_mappings')
    .selectAll()
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
    .orderBy(sql`name COLLATE NOCASE`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    mapping: JSON.parse(r.mapping) as Record<string, string>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Saves a named mapping; the same name (any case) replaces it. */
export async function saveMapping(
  db: Kysely<DB>,
  input: { name: string; kind: ImportKind; mapping: Record<string, string> },
  now: Date,
): Promise<SavedMapping> {
  const iso = now.toISOString();
  const row = await db
    .insertInto('import_mappings')
    .values({
      name: input.name,
      kind: input.kind,
      mapping: JSON.stringify(input.mapping),
      created_at: iso,
      updated_at: iso,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ kind: input.kind, mapping: JSON.stringify(input.mapping), updated_at: iso }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mapping: JSON.parse(row.mapping) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
