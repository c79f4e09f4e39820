import { sql, type Kysely } from 'kysely';
import { refreshStaleDueDays } from '../../db/dueDays';
import type { ContactRule } from './contract';
import type { DB } from '../../db/schema';
import { chunks } from '../../kernel/sampleContext';

/** Cadence overrides, contact rules and snoozes of computed follow-ups. */

export interface CadenceRows {
  /** Null when no default was saved (the built-in one applies). */
  defaultDays: number[] | null;
  products: { productId: number; productName: string; days: number[] }[];
  segments: { segment: string; days: number[] }[];
}

export async function readCadence(db: Kysely<DB>): Promise<CadenceRows> {
  const rows = await db
    .selectFrom('cadence_rules as r')
    .leftJoin('products as p', 'p.id', 'r.product_id')
    .select(['r.product_id', 'r.segment', 'r.days', 'p.name as product_name'])
    .orderBy('p.name')
    .orderBy('r.segment')
    .execute();
  return parseCadenceRows(rows);
}

/** Rows of cadence_rules as read by Kysely or by a raw statement (the importer's). */
export function parseCadenceRows(
  rows: readonly { product_id: number | null; segment: string | null; days: string; product_name?: string | null }[],
): CadenceRows {
  const cadence: CadenceRows = { defaultDays: null, products: [], segments: [] };
  for (const r of rows) {
    const days = JSON.parse(r.days) as number[];
    if (r.product_id !== null)
      cadence.products.push({ productId: r.product_id, productName: r.product_name ?? '', days });
    else if (r.segment !== null) cadence.segments.push({ segment: r.segment, days });
    else cadence.defaultDays = days;
  }
  return cadence;
}

export async function replaceCadence(
  db: Kysely<DB>,
  cadence: {
    defaultDays: readonly number[];
    products: readonly { productId: number; days: readonly number[] }[];
    segments: readonly { segment: string; days: readonly number[] }[];
  },
): Promise<void> {
  await db.deleteFrom('cadence_rules').execute();
  await db
    .insertInto('cadence_rules')
    .values([
      { product_id: null, segment: null, days: JSON.stringify(cadence.defaultDays) },
      ...cadence.products.map((p) => ({ product_id: p.productId, segment: null, days: JSON.stringify(p.days) })),
      ...cadence.segments.map((s) => ({ product_id: null, segment: s.segment, days: JSON.stringify(s.days) })),
    ])
    .execute();
}

export async function readContactRules(db: Kysely<DB>): Promise<ContactRule[]> {
  const rows = await db
    .selectFrom('contact_rules as r')
    .leftJoin('customers as c', 'c.id', 'r.customer_id')
    .select(['r.scope', 'r.value', 'r.customer_id', 'c.name as customer_name', 'r.ideal_days', 'r.max_days'])
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    scope: r.scope,
    value: r.value,
    customerId: r.customer_id,
    customerName: r.customer_name,
    idealDays: r.ideal_days,
    maxDays: r.max_days,
  }));
}

export async function replaceContactRules(
  db: Kysely<DB>,
  rules: readonly Pick<ContactRule, 'scope' | 'value' | 'customerId' | 'idealDays' | 'maxDays'>[],
): Promise<void> {
  await db.deleteFrom('contact_rules').execute();
  if (rules.length > 0)
    await db
      .insertInto('contact_rules')
      .values(
        rules.map((r) => ({
          scope: r.scope,
          value: r.value,
          customer_id: r.customerId,
          ideal_days: r.idealDays,
          max_days: r.maxDays,
        })),
      )
      .execute();
  await refreshStaleDueDays(db);
}

export type SnoozeKind = 'stay_in_touch' | 'reorder';
export interface SnoozeRow {
  customerId: number;
  kind: SnoozeKind;
  basisOn: string;
  dueOn: string;
}

/** Every snooze, or only those of the customers `of`. */
export async function readSnoozes(db: Kysely<DB>, of?: readonly number[]): Promise<SnoozeRow[]> {
  let query = db.selectFrom('follow_up_snoozes').selectAll();
  if (of) query = query.where('customer_id', 'in', sql<number>`(SELECT value FROM json_each(${JSON.stringify(of)}))`);
  const rows = await query.execute();
  return rows.map((r) => ({ customerId: r.customer_id, kind: r.kind, basisOn: r.basis_on, dueOn: r.due_on }));
}

/**
 * Writes the snoozes, each replacing the one its customer had of its kind; at most one of each
 * customer and kind in `snoozes`. Many rows a statement: the sample book snoozes thousands.
 */
export async function saveSnoozes(db: Kysely<DB>, snoozes: readonly SnoozeRow[]): Promise<void> {
  const rows = snoozes.map((s) => ({ customer_id: s.customerId, kind: s.kind, basis_on: s.basisOn, due_on: s.dueOn }));
  for (const chunk of chunks(rows))
    await db
      .insertInto('follow_up_snoozes')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['customer_id', 'kind']).doUpdateSet((eb) => ({
          basis_on: eb.ref('excluded.basis_on'),
          due_on: eb.ref('excluded.due_on'),
        })),
      )
      .execute();
}
