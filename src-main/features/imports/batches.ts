import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ImportBatch, ImportKind, ImportUndoResult, SavedMapping } from './contract';
import { AppError, notFound } from '../../kernel/errors';
import { IMPORTERS } from './importers';

/** Every import batch, newest first. */
export async function listBatches(db: Kysely<DB>): Promise<ImportBatch[]> {
  // A batch still being written (in steps) is not history yet.
  const rows = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('running_pid', 'is', null)
    .orderBy('id', 'desc')
    .execute();
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

/** Takes back one batch, by its importer (importers.ts). Run inside one transaction. */
export async function undoBatch(db: Kysely<DB>, batchId: number, now: Date): Promise<ImportUndoResult> {
  const batch = await db.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch || batch.running_pid !== null) throw notFound('Import batch', batchId);
  if (batch.undone_at !== null)
    throw new AppError('conflict', `Import batch ${batchId} was already undone on ${batch.undone_at}.`);
  await db.updateTable('import_batches').set({ undone_at: now.toISOString() }).where('id', '=', batchId).execute();
  return IMPORTERS[batch.kind].history.undo(db, batchId);
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
