import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/api';
import { CHECK_IN_BACKFILL_DAYS, DEFAULT_CADENCE_DAYS, type Cadence, type CadenceInput } from './contract';
import type { DB } from '../../db/schema';
import { countExisting } from '../catalog';
import { readCadence, replaceCadence, type CadenceRows } from './rulesRepository';
import { AppError } from '../../kernel/errors';
import { addDays } from '../../shared/dates';

/** The cadence as the scheduler needs it: lookups by segment and by product. */
export interface CadenceConfig {
  defaultDays: readonly number[];
  byProduct: ReadonlyMap<number, readonly number[]>;
  bySegment: ReadonlyMap<string, readonly number[]>;
}

export function toConfig(rows: Pick<CadenceRows, 'defaultDays' | 'products' | 'segments'>): CadenceConfig {
  return {
    defaultDays: rows.defaultDays ?? DEFAULT_CADENCE_DAYS,
    byProduct: new Map(rows.products.map((p) => [p.productId, p.days])),
    bySegment: new Map(rows.segments.map((s) => [s.segment, s.days])),
  };
}

/**
 * Which days after the close date a sale is checked in on. The customer's segment decides
 * first (how an enterprise account is looked after does not change with what it bought),
 * then the product (a hardware kit needs a day-7 call, a subscription does not), then the
 * default.
 */
export function cadenceFor(
  config: CadenceConfig,
  sale: { segment: string | null; productId: number | null },
): readonly number[] {
  if (sale.segment !== null) {
    const days = config.bySegment.get(sale.segment);
    if (days) return days;
  }
  if (sale.productId !== null) {
    const days = config.byProduct.get(sale.productId);
    if (days) return days;
  }
  return config.defaultDays;
}

export interface PlannedCheckIn {
  stepDays: number;
  scheduledOn: string;
}

/**
 * The check-ins a sale closed on `closedOn` should have, seen on `today`: one per cadence
 * day, except those whose date is more than CHECK_IN_BACKFILL_DAYS before today. Recording
 * (or importing) last year's sales must not fill the follow-ups with check-ins nobody will
 * make; a recent close still gets its day-3 call even if it is a few days late.
 */
export function planCheckIns(closedOn: string, days: readonly number[], today: string): PlannedCheckIn[] {
  const oldest = addDays(today, -CHECK_IN_BACKFILL_DAYS);
  return days
    .map((stepDays) => ({ stepDays, scheduledOn: addDays(closedOn, stepDays) }))
    .filter((p) => p.scheduledOn >= oldest);
}

export async function loadCadenceConfig(db: Kysely<DB>): Promise<CadenceConfig> {
  return toConfig(await readCadence(db));
}

export async function getCadence(db: Kysely<DB>): Promise<Cadence> {
  const rows = await readCadence(db);
  return { ...rows, defaultDays: [...(rows.defaultDays ?? DEFAULT_CADENCE_DAYS)] };
}

/**
 * Replaces the whole cadence. Applies to sales won (or whose close date, product or
 * customer change) from now on; check-ins already scheduled keep their dates.
 */
export async function setCadence(db: Kysely<DB>, input: z.output<typeof CadenceInput>): Promise<Cadence> {
  const ids = input.products.map((p) => p.productId);
  if ((await countExisting(db, 'products', ids)) !== ids.length) {
    const issues: FieldIssue[] = [];
    for (const [i, id] of ids.entries())
      if ((await countExisting(db, 'products', [id])) === 0)
        issues.push({ path: `products.${i}.productId`, message: 'errors.unknownProduct' });
    throw new AppError('invalid_input', 'failures.cadenceUnknownProducts', issues);
  }
  await replaceCadence(db, input);
  return getCadence(db);
}
