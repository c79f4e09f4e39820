import { sql, type Kysely } from 'kysely';

/**
 * Import batches, saved column mappings, and on sales and customers the columns that make an
 * import idempotent (external_id, fingerprint) and undoable (import_batch_id).
 * Frozen in time: never edit a migration that has shipped; add a new one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE import_batches (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('sales', 'customers')),
      source_name TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
      inserted INTEGER NOT NULL DEFAULT 0,
      duplicates INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      customers_created INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      undone_at TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX import_batches_source ON import_batches (source_sha256)`.execute(db);

  // Nullable columns with a NULL default: ALTER TABLE ADD COLUMN keeps every existing row as is.
  await sql`ALTER TABLE sales ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id)`.execute(db);
  await sql`ALTER TABLE sales ADD COLUMN external_id TEXT`.execute(db);
  await sql`ALTER TABLE sales ADD COLUMN fingerprint TEXT`.execute(db);
  await sql`CREATE UNIQUE INDEX sales_external_id ON sales (external_id) WHERE external_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX sales_fingerprint ON sales (fingerprint) WHERE fingerprint IS NOT NULL`.execute(db);
  await sql`CREATE INDEX sales_import_batch ON sales (import_batch_id) WHERE import_batch_id IS NOT NULL`.execute(db);

  await sql`ALTER TABLE customers ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id)`.execute(db);
  await sql`ALTER TABLE customers ADD COLUMN external_id TEXT`.execute(db);
  await sql`CREATE UNIQUE INDEX customers_external_id ON customers (external_id) WHERE external_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX customers_import_batch ON customers (import_batch_id) WHERE import_batch_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE import_mappings (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
      kind TEXT NOT NULL CHECK (kind IN ('sales', 'customers')),
      mapping TEXT NOT NULL CHECK (json_valid(mapping)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}
