import fc from 'fast-check';
import { expect } from 'vitest';
import type { SaleEntry } from '../../src-main/features/sales/contract';
import { CheckInCompletion } from '../../src-main/features/care/contract';
import { addDays } from '../../src-main/shared/dates';
import { AppError } from '../../src-main/kernel/errors';
import type { TestStore } from './store';
import { importFile, writeCsv } from '../imports/helpers';

/**
 * Random sequences of the writes the app makes to sales, check-ins and imports, through its
 * own handlers: what the tables kept by triggers (db/techniqueFacts.ts, db/salesFacts.ts) must
 * survive. A test gives the shape of its sales and import rows, adds writes of its own, and
 * applies the shared ones with applySaleWrite.
 */

type ParsedSale = ReturnType<typeof SaleEntry.parse>;

const START = '2025-10-01';
/** Days after 2025-10-01; the fixed clock (2026-06-15) is day 257, and nothing is dated after it. */
export const dayOf = (offset: number): string => addDays(START, offset);

/** The i-th of `list` (wrapping), or undefined when it is empty. */
export const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length === 0 ? undefined : list[i % list.length];

/** The shared writes, weighted, for sales of shape `S` and import rows of shape `R`. */
export const saleWrites = <S, R>(sale: fc.Arbitrary<S>, importRow: fc.Arbitrary<R>) =>
  [
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('addSale' as const), sale }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('editSale' as const), pick: fc.nat(), sale }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteSale' as const), pick: fc.nat() }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('answerCheckIn' as const),
        pick: fc.nat(),
        on: fc.integer({ min: 0, max: 257 }),
        csat: fc.option(fc.integer({ min: 1, max: 5 })),
        nps: fc.option(fc.integer({ min: 0, max: 10 })),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('skipCheckIn' as const), pick: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('import' as const),
        rows: fc.array(importRow, { minLength: 1, maxLength: 12 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('undoImport' as const), pick: fc.nat() }) },
  ] as const;

/**
 * One run that makes every shared kind of write at least once (a won sale schedules the
 * check-ins answered and skipped; the import is undone): given to fast-check as an example, so
 * a coverage check never depends on the random runs happening to make each kind.
 */
export const everySaleWrite = <S, R>(wonSale: S, row: R): SaleWrite<S, R>[] => [
  { kind: 'addSale', sale: wonSale },
  { kind: 'addSale', sale: wonSale },
  { kind: 'editSale', pick: 0, sale: wonSale },
  { kind: 'answerCheckIn', pick: 0, on: 257, csat: 5, nps: 9 },
  { kind: 'skipCheckIn', pick: 0 },
  { kind: 'import', rows: [row, row] },
  { kind: 'undoImport', pick: 0 },
  { kind: 'deleteSale', pick: 1 },
];

export type SaleWrite<S, R> =
  ReturnType<typeof saleWrites<S, R>>[number]['arbitrary'] extends fc.Arbitrary<infer W> ? W : never;

export interface SaleWriteShape<S, R> {
  /** The sale a write of `fields` saves (its title numbered `n`). */
  sale: (fields: S) => ParsedSale;
  /** The CSV an import of `rows` reads (header included). */
  csv: (rows: readonly R[]) => string;
}

/** An imported row of the sales CSV salesCsv writes. */
export interface CsvSale {
  day: number;
  customer: string;
  currency?: string;
  status: string;
  satisfaction?: number | null;
}

/**
 * The sales CSV an import of `rows` reads (header included), the amounts' cents unique to write
 * `n` so that no row is a duplicate of an earlier import's; EUR unless a row says otherwise.
 */
export const salesCsv = (rows: readonly CsvSale[], n: number): string =>
  [
    'Date,Customer,Amount,Currency,Status,Satisfaction',
    ...rows.map((r, i) =>
      [
        dayOf(r.day),
        r.customer,
        `${10 + i}.${String(n).padStart(2, '0')}`,
        r.currency ?? 'EUR',
        r.status,
        r.status === 'open' ? '' : (r.satisfaction ?? ''),
      ].join(','),
    ),
    '',
  ].join('\n');

/** Applies a shared write; false when there was nothing to apply it to (no sale, no pending check-in…). */
export async function applySaleWrite<S, R>(
  t: TestStore,
  w: SaleWrite<S, R>,
  n: number,
  shape: SaleWriteShape<S, R>,
): Promise<boolean> {
  const h = t.handlers;
  const ids = (statement: string): number[] => t.store.sqlite.prepare(statement).pluck().all() as number[];
  switch (w.kind) {
    case 'addSale':
      await h['sales.create'](shape.sale(w.sale));
      return true;
    case 'editSale': {
      const id = pick(ids('SELECT id FROM sales ORDER BY id'), w.pick);
      if (id === undefined) return false;
      await h['sales.update']({ id, sale: shape.sale(w.sale) });
      return true;
    }
    case 'deleteSale': {
      const id = pick(ids('SELECT id FROM sales ORDER BY id'), w.pick);
      if (id === undefined) return false;
      await h['sales.delete']({ id });
      return true;
    }
    case 'answerCheckIn': {
      const id = pick(ids("SELECT id FROM check_ins WHERE status = 'pending' ORDER BY id"), w.pick);
      if (id === undefined) return false;
      await h['care.checkins.complete'](
        CheckInCompletion.parse({ id, completedOn: dayOf(w.on), csat: w.csat, nps: w.nps }),
      );
      return true;
    }
    case 'skipCheckIn': {
      const id = pick(ids("SELECT id FROM check_ins WHERE status = 'pending' ORDER BY id"), w.pick);
      if (id === undefined) return false;
      await h['care.checkins.skip']({ id });
      return true;
    }
    case 'import': {
      const result = await importFile(t, writeCsv(t, `import-${n}.csv`, shape.csv(w.rows)));
      expect(result.inserted).toBe(w.rows.length);
      return true;
    }
    case 'undoImport': {
      const batch = pick(ids('SELECT id FROM import_batches WHERE undone_at IS NULL ORDER BY id'), w.pick);
      if (batch === undefined) return false;
      await h['import.undo']({ batchId: batch });
      return true;
    }
  }
}

/**
 * Applies `writes` in order with `apply`, noting in `made` each kind it applied, and runs `check`
 * after every one (named in `after`). A write the app refuses (an AppError) must leave
 * everything as it was, which the check after it verifies.
 */
export async function applyEach<W extends { kind: string }>(
  writes: readonly W[],
  apply: (w: W, n: number) => Promise<boolean>,
  made: Set<W['kind']>,
  check: (after: string) => Promise<void>,
): Promise<void> {
  for (const [n, w] of writes.entries()) {
    try {
      if (await apply(w, n)) made.add(w.kind);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    await check(`after write ${n}: ${JSON.stringify(w)}`);
  }
}
