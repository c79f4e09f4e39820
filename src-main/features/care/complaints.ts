import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import {
  COMPLAINT_AGEING_DAYS,
  type Complaint,
  type ComplaintCategory,
  type ComplaintInput,
  type ComplaintPatch,
  type ComplaintSource,
  type Severity,
} from './contract';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import { AppError, notFound } from '../../kernel/errors';
import { addDays } from '../../shared/dates';
import { checkCustomerAndSale, notInFuture } from './references';

export interface NewComplaint {
  customerId: number;
  saleId: number | null;
  checkInId: number | null;
  openedOn: string;
  source: ComplaintSource;
  category: ComplaintCategory;
  severity: Severity;
  description: string;
}

const CLOSED = new Set(['resolved', 'closed_unresolved']);

/** Opens a complaint; it reminds COMPLAINT_AGEING_DAYS later if still open (the ageing reminder). */
export async function openComplaint(db: Kysely<DB>, c: NewComplaint, now: Date): Promise<Complaint> {
  await checkCustomerAndSale(db, c.customerId, c.saleId, 'complaint');
  notInFuture(c.openedOn, localIsoDate(now), 'openedOn');
  const iso = now.toISOString();
  const id = await repo.insertComplaint(db, {
    customer_id: c.customerId,
    sale_id: c.saleId,
    check_in_id: c.checkInId,
    opened_on: c.openedOn,
    source: c.source,
    category: c.category,
    severity: c.severity,
    description: c.description,
    status: 'open',
    resolution: null,
    resolved_on: null,
    remind_on: addDays(c.openedOn, COMPLAINT_AGEING_DAYS),
    created_at: iso,
    updated_at: iso,
  });
  return (await repo.getComplaint(db, id))!;
}

export async function createComplaint(
  db: Kysely<DB>,
  input: z.output<typeof ComplaintInput>,
  now: Date,
): Promise<Complaint> {
  return openComplaint(db, { ...input, checkInId: null }, now);
}

/**
 * Moves a complaint along: open → in progress → resolved, or closed unresolved (and back, if
 * it flares up again). Closing records the day (today unless given); reopening clears it.
 */
export async function updateComplaint(
  db: Kysely<DB>,
  id: number,
  patch: z.output<typeof ComplaintPatch>,
  now: Date,
): Promise<Complaint> {
  const row = await repo.findComplaintRow(db, id);
  if (!row) throw notFound('Complaint', id);
  const today = localIsoDate(now);
  const status = patch.status ?? row.status;
  const closed = CLOSED.has(status);
  if (patch.resolvedOn !== undefined && !closed)
    throw new AppError('invalid_input', 'failures.resolutionDayOnlyClosed', [
      { path: 'resolvedOn', message: 'errors.invalid' },
    ]);
  const resolvedOn = closed ? (patch.resolvedOn ?? row.resolved_on ?? today) : null;
  if (resolvedOn !== null) {
    if (resolvedOn < row.opened_on)
      throw new AppError('invalid_input', 'failures.resolvedBeforeOpened', [
        { path: 'resolvedOn', message: 'errors.resolvedBeforeOpened' },
      ]);
    notInFuture(resolvedOn, today, 'resolvedOn');
  }
  const saleId = patch.saleId === undefined ? row.sale_id : patch.saleId;
  if (saleId !== row.sale_id) await checkCustomerAndSale(db, row.customer_id, saleId, 'complaint');
  await repo.updateComplaint(db, id, {
    status,
    resolved_on: resolvedOn,
    sale_id: saleId,
    ...(patch.category ? { category: patch.category } : {}),
    ...(patch.severity ? { severity: patch.severity } : {}),
    ...(patch.description ? { description: patch.description } : {}),
    ...(patch.resolution !== undefined ? { resolution: patch.resolution } : {}),
    updated_at: now.toISOString(),
  });
  return (await repo.getComplaint(db, id))!;
}

async function activeComplaint(db: Kysely<DB>, id: number): Promise<{ remind_on: string }> {
  const row = await repo.findComplaintRow(db, id);
  if (!row) throw notFound('Complaint', id);
  if (CLOSED.has(row.status))
    throw new AppError('conflict', `failures.complaintAlready.${row.status}`, undefined, { id });
  return row;
}

export async function complaintRemindOn(db: Kysely<DB>, id: number): Promise<string> {
  return (await activeComplaint(db, id)).remind_on;
}

/** Snooze or reschedule the reminder of an open complaint. */
export async function moveComplaintReminder(db: Kysely<DB>, id: number, remindOn: string, now: Date): Promise<void> {
  await activeComplaint(db, id);
  await repo.updateComplaint(db, id, { remind_on: remindOn, updated_at: now.toISOString() });
}

export { listComplaints } from './repository';
