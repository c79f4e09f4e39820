import type Database from 'better-sqlite3';
import { FIXED_NOW } from '../helpers/store';

/** Rows written straight into the source tables: the triggers are what is under test. */
const AT = FIXED_NOW.toISOString();
const inserted = (result: Database.RunResult): number => Number(result.lastInsertRowid);

export function addCustomer(sqlite: Database.Database, name: string, notes: string | null = null): number {
  return inserted(
    sqlite
      .prepare(
        `INSERT INTO customers (name, name_key, notes, created_at, updated_at)
         VALUES (?, lower(?), ?, '2026-01-05T10:00:00.000Z', ?)`,
      )
      .run(name, name, notes, AT),
  );
}

export function addSale(
  sqlite: Database.Database,
  customerId: number,
  title: string,
  notes: string | null,
  openedOn = '2026-02-01',
): number {
  return inserted(
    sqlite
      .prepare(
        `INSERT INTO sales (title, customer_id, amount_minor, currency, status, stage, opened_on, notes, created_at, updated_at)
         VALUES (?, ?, 1000, 'EUR', 'open', 'lead', ?, ?, ?, ?)`,
      )
      .run(title, customerId, openedOn, notes, AT, AT),
  );
}

export function addEntry(
  sqlite: Database.Database,
  entry: { date: string; title: string; body?: string; situation?: string; tags?: string[] },
): number {
  return inserted(
    sqlite
      .prepare(
        `INSERT INTO journal_entries (entry_date, title, situation, tags, body, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.date,
        entry.title,
        entry.situation ?? null,
        JSON.stringify(entry.tags ?? []),
        entry.body ?? '',
        AT,
        AT,
      ),
  );
}

export function addTechnique(
  sqlite: Database.Database,
  name: string,
  description: string | null = null,
  steps: string[] = [],
): number {
  return inserted(
    sqlite
      .prepare('INSERT INTO techniques (name, description, steps, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, description, JSON.stringify(steps), '2026-01-10T08:00:00.000Z', AT),
  );
}

export function addComplaint(
  sqlite: Database.Database,
  customerId: number,
  description: string,
  openedOn = '2026-03-01',
): number {
  return inserted(
    sqlite
      .prepare(
        `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, remind_on, created_at, updated_at)
         VALUES (?, ?, 'call', 'delivery', 'high', ?, ?, ?, ?)`,
      )
      .run(customerId, openedOn, description, openedOn, AT, AT),
  );
}
