import type Database from 'better-sqlite3';
import { processIsAlive } from '../kernel/files';
import { dropDeferredSales } from './salesFacts';
import { foldSearchIndex } from './searchIndex';
import { dropTechniqueFactsDeferral } from './techniqueFacts';

/**
 * An import writes its batch in steps, each committed on its own, so that the seller's own saves
 * go in between (features/imports/engine.ts). Until the batch is whole it is marked with the
 * process writing it (`import_batches.running_pid`), and its sales are not yet in the summary
 * tables (their upkeep is deferred to the end). A batch cut short — cancelled, failed, or its
 * process killed — is taken back here: the import stays all or nothing.
 */

/** Tables whose rows an import creates and a takeback may remove. */
export type CreatedByImports = 'customers' | 'products' | 'techniques';

/** Every foreign key to `table` (the column `col` of the table `child`), read from the schema. */
export const referencesSql = (table: CreatedByImports): string =>
  `SELECT m.name AS child, f."from" AS col FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
   WHERE m.type = 'table' AND f."table" = '${table}'`;

/**
 * SQL true for a row `alias` of a table that no row anywhere refers to, from that table's
 * foreign keys (`references`, as referencesSql reads them): a table added later is covered.
 */
export function unreferenced(alias: string, references: readonly { child: string; col: string }[]): string {
  if (references.length === 0) return '1';
  return references.map((r) => `NOT EXISTS (SELECT 1 FROM "${r.child}" WHERE "${r.col}" = ${alias}.id)`).join(' AND ');
}

const referencesTo = (sqlite: Database.Database, table: CreatedByImports): { child: string; col: string }[] =>
  sqlite.prepare(referencesSql(table)).all() as { child: string; col: string }[];

/**
 * Takes back batch `batchId` if it is still running: its sales (with their links and pending
 * check-ins), the customers, products and techniques it created that nothing else refers to,
 * and the batch itself. A customer the seller has since sold to or written about stays, as an
 * ordinary customer. Runs inside the caller's transaction. False when the batch is whole or gone.
 */
export function takeBackBatch(sqlite: Database.Database, batchId: number): boolean {
  const batch = sqlite
    .prepare('SELECT created_at FROM import_batches WHERE id = ? AND running_pid IS NOT NULL')
    .get(batchId) as { created_at: string } | undefined;
  if (!batch) return false;
  dropDeferredSales(sqlite, batchId);
  dropTechniqueFactsDeferral(sqlite, batchId);
  sqlite
    .prepare(
      `DELETE FROM customers AS c WHERE import_batch_id = ? AND ${unreferenced('c', referencesTo(sqlite, 'customers'))}`,
    )
    .run(batchId);
  // The customers kept are indexed now, and the batch's deferral ends.
  foldSearchIndex(sqlite, batchId);
  sqlite.prepare('UPDATE customers SET import_batch_id = NULL WHERE import_batch_id = ?').run(batchId);
  // Products and techniques record no batch: the import made those dated with its own time.
  for (const table of ['products', 'techniques'] as const)
    sqlite
      .prepare(`DELETE FROM ${table} AS t WHERE created_at = ? AND ${unreferenced('t', referencesTo(sqlite, table))}`)
      .run(batch.created_at);
  sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
  return true;
}

/**
 * At open: takes back every batch whose importing process is gone (a kill between two steps).
 * Reads first, so an open with nothing to take back writes nothing; each batch in a transaction
 * of its own, checked again inside it (another process opening meanwhile may have taken it).
 */
export function takeBackInterruptedImports(
  sqlite: Database.Database,
  isAlive: (pid: number) => boolean = processIsAlive,
): number[] {
  const running = sqlite.prepare('SELECT id, running_pid FROM import_batches WHERE running_pid IS NOT NULL').all() as {
    id: number;
    running_pid: number;
  }[];
  const taken: number[] = [];
  for (const batch of running.filter((b) => !isAlive(b.running_pid)))
    if (sqlite.transaction(() => takeBackBatch(sqlite, batch.id)).immediate()) taken.push(batch.id);
  return taken;
}
