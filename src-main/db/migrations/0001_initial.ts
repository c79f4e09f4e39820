import { sql, type Kysely } from 'kysely';

/** Frozen in time: never edit a migration that has shipped; add a new one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      name_key TEXT NOT NULL,
      company TEXT,
      email TEXT,
      phone TEXT,
      segment TEXT,
      industry TEXT,
      region TEXT,
      company_size TEXT,
      acquisition_source TEXT,
      tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
      notes TEXT,
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX customers_name_key ON customers (name_key)`.execute(db);
  await sql`CREATE INDEX customers_email ON customers (email)`.execute(db);

  await sql`
    CREATE TABLE products (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      category TEXT,
      list_price_minor INTEGER CHECK (list_price_minor >= 0),
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE techniques (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      description TEXT,
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE sales (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
      product_id INTEGER REFERENCES products (id) ON DELETE SET NULL,
      amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
      stage TEXT CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation')),
      opened_on TEXT NOT NULL,
      closed_on TEXT,
      satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
      nps INTEGER CHECK (nps BETWEEN 0 AND 10),
      lost_reason TEXT,
      notes TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((status = 'open') = (closed_on IS NULL)),
      CHECK (stage IS NULL OR status = 'open')
    ) STRICT`.execute(db);
  // A sale's business date is when it closed, or when it opened while still open; the log
  // sorts and filters on that expression, so it gets an index of its own.
  await sql`CREATE INDEX sales_date ON sales (coalesce(closed_on, opened_on), id)`.execute(db);
  await sql`CREATE INDEX sales_amount ON sales (amount_minor, id)`.execute(db);
  await sql`CREATE INDEX sales_closed ON sales (status, closed_on)`.execute(db);
  // Covers "won sales per customer in purchase order": lifetime value, first/repeat purchase.
  await sql`
    CREATE INDEX sales_won_by_customer ON sales (customer_id, closed_on, id, amount_minor, currency, satisfaction)
    WHERE status = 'won'`.execute(db);
  await sql`CREATE INDEX sales_opened ON sales (opened_on)`.execute(db);
  await sql`CREATE INDEX sales_customer ON sales (customer_id, closed_on)`.execute(db);
  await sql`CREATE INDEX sales_product ON sales (product_id)`.execute(db);

  await sql`
    CREATE TABLE sale_techniques (
      sale_id INTEGER NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
      technique_id INTEGER NOT NULL REFERENCES techniques (id) ON DELETE RESTRICT,
      PRIMARY KEY (sale_id, technique_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX sale_techniques_technique ON sale_techniques (technique_id, sale_id)`.execute(db);

  await sql`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value))) STRICT`.execute(
    db,
  );
}
