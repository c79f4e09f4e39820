import type Database from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import {
  CHECK_IN_BACKFILL_DAYS,
  SUPERSEDE_DAYS,
  type CheckIn,
  type CheckInCompletion,
  type Complaint,
} from './contract';
import type { DB, NewCheckInRow } from '../../db/schema';
import * as repo from './repository';
import { parseCadenceRows } from './rulesRepository';
import { AppError, notFound } from '../../kernel/errors';
import { cadenceFor, loadCadenceConfig, planCheckIns, toConfig } from './cadence';
import { openComplaint } from './complaints';
import { addDays } from '../../shared/dates';
import { notInFuture } from './references';

/**
 * Brings a sale's check-ins in line with the sale, inside the caller's transaction (the
 * same one that wrote the sale). A won sale has one check-in per cadence step (see
 * planCheckIns); a sale that is not won has no pending ones. Pending check-ins move when
 * the close date, product or customer changes (their due date follows, a snooze is
 * dropped with the date it moved); done and skipped ones are history and stay as they are.
 */
export async function syncSaleCheckIns(db: Kysely<DB>, saleId: number, now: Date): Promise<void> {
  const today = localIsoDate(now);
  const nowIso = now.toISOString();
  const sale = await db
    .selectFrom('sales as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.status', 's.closed_on', 's.customer_id', 's.product_id', 'c.segment'])
    .where('s.id', '=', saleId)
    .executeTakeFirst();
  const existing = await repo.checkInRowsOfSale(db, saleId);
  const pending = existing.filter((c) => c.status === 'pending');
  if (!sale || sale.status !== 'won' || sale.closed_on === null) {
    await repo.deleteCheckIns(
      db,
      pending.map((c) => c.id),
    );
    return;
  }
  const plan = planCheckIns(
    sale.closed_on,
    cadenceFor(await loadCadenceConfig(db), { segment: sale.segment, productId: sale.product_id }),
    today,
  );
  const planned = new Map(plan.map((p) => [p.stepDays, p.scheduledOn]));
  const stale: number[] = [];
  for (const row of existing) {
    const scheduledOn = planned.get(row.step_days);
    if (row.status === 'pending' && scheduledOn === undefined) stale.push(row.id);
    else if (row.status === 'pending' && (scheduledOn !== row.scheduled_on || row.customer_id !== sale.customer_id))
      await repo.updateCheckIn(db, row.id, {
        scheduled_on: scheduledOn!,
        due_on: scheduledOn!,
        customer_id: sale.customer_id,
        updated_at: nowIso,
      });
    // History follows a sale moved to another customer (a typo fixed), dates unchanged.
    else if (row.customer_id !== sale.customer_id)
      await repo.updateCheckIn(db, row.id, { customer_id: sale.customer_id, updated_at: nowIso });
  }
  await repo.deleteCheckIns(db, stale);
  const taken = new Set(existing.map((c) => c.step_days));
  await repo.insertCheckIns(
    db,
    plan.filter((p) => !taken.has(p.stepDays)).map((p) => newCheckIn(saleId, sale.customer_id, p, nowIso)),
  );
  await db.executeQuery(CompiledQuery.raw(SUPERSEDE_SQL, [sale.customer_id]));
}

/**
 * Removes a customer's pending check-ins that a newer won sale supersedes: one of that sale's
 * check-ins (any status) is scheduled within SUPERSEDE_DAYS of it. Newer is a later close
 * date, or the same day and a later id. Run after every sync of the customer's sales, so the
 * order sales are recorded in does not matter; a re-sync of the older sale plans them again
 * and this removes them again. They are plans, not history: never done, they are not missed.
 */
const SUPERSEDE_SQL = `
  DELETE FROM check_ins AS old
  WHERE old.status = 'pending' AND old.customer_id = ? AND EXISTS (
    SELECT 1 FROM check_ins AS new
      JOIN sales AS newer ON newer.id = new.sale_id
      JOIN sales AS older ON older.id = old.sale_id
    WHERE new.customer_id = old.customer_id AND new.sale_id <> old.sale_id
      AND (newer.closed_on > older.closed_on OR (newer.closed_on = older.closed_on AND newer.id > older.id))
      AND abs(julianday(new.scheduled_on) - julianday(old.scheduled_on)) <= ${SUPERSEDE_DAYS})`;

function newCheckIn(
  saleId: number,
  customerId: number,
  p: { stepDays: number; scheduledOn: string },
  nowIso: string,
): NewCheckInRow {
  return {
    sale_id: saleId,
    customer_id: customerId,
    step_days: p.stepDays,
    scheduled_on: p.scheduledOn,
    due_on: p.scheduledOn,
    completed_on: null,
    outcome: null,
    csat: null,
    nps: null,
    concern: null,
    created_at: nowIso,
    updated_at: nowIso,
  };
}

/**
 * The hook of an import: schedules check-ins for the won sales of one batch, on its raw
 * connection inside its transaction (the importer writes through prepared statements, see
 * services/import/writer.ts). Same plan as a sale typed in by hand, so an imported history
 * mostly gets none: only sales closed within the last cadence step (plus the backfill
 * window) can still have a check-in ahead; then those a newer sale supersedes go, as for a
 * sale typed in. Returns how many were created (before superseding).
 */
export function scheduleImportedCheckIns(sqlite: Database.Database, batchId: number, nowIso: string): number {
  const today = localIsoDate(new Date(nowIso));
  const config = toConfig(
    parseCadenceRows(
      sqlite.prepare('SELECT product_id, segment, days FROM cadence_rules').all() as {
        product_id: number | null;
        segment: string | null;
        days: string;
      }[],
    ),
  );
  const longest = Math.max(
    0,
    ...config.defaultDays,
    ...[...config.byProduct.values(), ...config.bySegment.values()].flat(),
  );
  // Only sales recent enough for their last step to be due within the window can get any.
  const sales = sqlite
    .prepare(
      `SELECT s.id, s.customer_id, s.product_id, s.closed_on, c.segment
       FROM sales s JOIN customers c ON c.id = s.customer_id
       WHERE s.import_batch_id = ? AND s.status = 'won' AND s.closed_on >= ?`,
    )
    .all(batchId, addDays(today, -CHECK_IN_BACKFILL_DAYS - longest)) as {
    id: number;
    customer_id: number;
    product_id: number | null;
    closed_on: string;
    segment: string | null;
  }[];
  const insert = sqlite.prepare(
    `INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  let created = 0;
  for (const sale of sales) {
    const days = cadenceFor(config, { segment: sale.segment, productId: sale.product_id });
    for (const p of planCheckIns(sale.closed_on, days, today)) {
      insert.run(sale.id, sale.customer_id, p.stepDays, p.scheduledOn, p.scheduledOn, nowIso, nowIso);
      created++;
    }
  }
  const supersede = sqlite.prepare(SUPERSEDE_SQL);
  for (const customerId of new Set(sales.map((s) => s.customer_id))) supersede.run(customerId);
  return created;
}

async function pendingCheckIn(db: Kysely<DB>, id: number): Promise<CheckIn> {
  const checkIn = await repo.getCheckIn(db, id);
  if (!checkIn) throw notFound('Check-in', id);
  if (checkIn.status !== 'pending')
    throw new AppError('conflict', `failures.checkInAlready.${checkIn.status}`, undefined, {
      id,
      date: checkIn.completedOn ?? '',
    });
  return checkIn;
}

/**
 * Records a check-in as done with its outcome and ratings. A concern opens a complaint
 * prefilled from it (source check_in, same sale, opened on the check-in day) in the same
 * transaction, so there is never a done check-in whose concern got lost.
 */
export async function completeCheckIn(
  db: Kysely<DB>,
  input: z.output<typeof CheckInCompletion>,
  now: Date,
): Promise<{ checkIn: CheckIn; complaint: Complaint | null }> {
  const checkIn = await pendingCheckIn(db, input.id);
  const completedOn = input.completedOn ?? localIsoDate(now);
  notInFuture(completedOn, localIsoDate(now), 'completedOn');
  await repo.updateCheckIn(db, checkIn.id, {
    status: 'done',
    completed_on: completedOn,
    outcome: input.outcome,
    csat: input.csat,
    nps: input.nps,
    concern: input.concern,
    updated_at: now.toISOString(),
  });
  const complaint =
    input.concern === null
      ? null
      : await openComplaint(
          db,
          {
            customerId: checkIn.customerId,
            saleId: checkIn.saleId,
            checkInId: checkIn.id,
            openedOn: completedOn,
            source: 'check_in',
            category: input.concernCategory,
            severity: input.concernSeverity,
            description: input.concern,
          },
          now,
        );
  return { checkIn: (await repo.getCheckIn(db, checkIn.id))!, complaint };
}

/** Not needed after all (the customer was met anyway, or left): recorded, not counted as done. */
export async function skipCheckIn(db: Kysely<DB>, id: number, now: Date): Promise<CheckIn> {
  await pendingCheckIn(db, id);
  await repo.updateCheckIn(db, id, {
    status: 'skipped',
    completed_on: localIsoDate(now),
    updated_at: now.toISOString(),
  });
  return (await repo.getCheckIn(db, id))!;
}

/** Moves a pending check-in's due date (snooze or reschedule); the cadence date stays. */
export async function moveCheckIn(db: Kysely<DB>, id: number, dueOn: string, now: Date): Promise<void> {
  await pendingCheckIn(db, id);
  await repo.updateCheckIn(db, id, { due_on: dueOn, updated_at: now.toISOString() });
}

export async function checkInDueOn(db: Kysely<DB>, id: number): Promise<string> {
  return (await pendingCheckIn(db, id)).dueOn;
}

export { listCheckIns } from './repository';
