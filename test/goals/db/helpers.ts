import type { Input } from '../../../src-main/shared/api';
import { beforeEach } from 'vitest';
import { storeForEachTest, type TestStore } from '../../helpers/store';
import type { GoalNudges } from '../../../src-main/features/goals/contract/api';

import { caller, type Caller } from '../../helpers/caller';

export { caller, type Caller };

/**
 * For the calling file: a store per test (see storeForEachTest) and a contract-checking caller
 * that reaches the current test's store.
 */
export function callerForEachTest(): { t: TestStore; call: Caller } {
  const t = storeForEachTest();
  return { t, call: caller(t) };
}

/**
 * For the calling file: before each test, a fresh store (see storeForEachTest) with one
 * customer, Ada (id 1), and the rows `seedRows` writes; `call` is a contract-checking caller on
 * it. Both reach the current test's store.
 */
export function adaForEachTest(seedRows: (s: Seeder) => void): { t: TestStore; call: Caller } {
  const { t, call } = callerForEachTest();
  beforeEach(() => {
    const s = seed(t);
    s.customer(1, 'Ada');
    seedRows(s);
  });
  return { t, call };
}

/**
 * Rows written straight into SQLite, so a test controls every date and id (going through
 * sales.create would also schedule check-ins, which the metric tests set up themselves).
 */
export type Seeder = ReturnType<typeof seed>;

export function seed(t: TestStore) {
  const run = (statement: string, ...params: unknown[]): void => {
    t.store.sqlite.prepare(statement).run(...params);
  };
  return {
    customer: (id: number, name: string, segment: string | null = null): void =>
      run(
        `INSERT INTO customers (id, name, name_key, segment, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`,
        id,
        name,
        name.toLowerCase(),
        segment,
      ),
    product: (id: number, name: string): void =>
      run(`INSERT INTO products (id, name, currency, created_at) VALUES (?, ?, 'EUR', 'x')`, id, name),
    technique: (id: number, name: string): void =>
      run(`INSERT INTO techniques (id, name, created_at) VALUES (?, ?, 'x')`, id, name),
    sale: (s: {
      id: number;
      customer: number;
      product?: number | null;
      amount?: number;
      currency?: string;
      status: 'won' | 'lost' | 'open';
      on: string;
      satisfaction?: number | null;
      nps?: number | null;
      techniques?: number[];
    }): void => {
      run(
        `INSERT INTO sales (id, title, customer_id, product_id, amount_minor, currency, status, opened_on, closed_on,
           satisfaction, nps, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`,
        s.id,
        `Sale ${s.id}`,
        s.customer,
        s.product ?? null,
        s.amount ?? 10000,
        s.currency ?? 'EUR',
        s.status,
        s.on,
        s.status === 'open' ? null : s.on,
        s.satisfaction ?? null,
        s.nps ?? null,
      );
      for (const technique of s.techniques ?? []) run(`INSERT INTO sale_techniques VALUES (?, ?)`, s.id, technique);
    },
    checkIn: (c: {
      sale: number;
      customer: number;
      step: number;
      due: string;
      status: 'pending' | 'done' | 'skipped';
      completed?: string;
      csat?: number | null;
      nps?: number | null;
    }): void =>
      run(
        `INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`,
        c.sale,
        c.customer,
        c.step,
        c.due,
        c.due,
        c.status,
        c.completed ?? null,
        c.csat ?? null,
        c.nps ?? null,
      ),
    interaction: (customer: number, on: string): void =>
      run(
        `INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (?, 'call', ?, 'Call', 'x')`,
        customer,
        on,
      ),
  };
}

/** A goal over June 2026 (FIXED_NOW is Monday 15 June), with whatever the test changes. */
export const june = (more: Partial<Input<'goals.create'>> & Pick<Input<'goals.create'>, 'metric' | 'target'>) =>
  ({
    title: `June ${more.metric}`,
    period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
    ...more,
  }) as Input<'goals.create'>;

export const count = (t: TestStore, table: string): number =>
  (t.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** One goal's behind-pace (or at-risk) nudge in June 2026: 1 of 4 where 2 were expected. */
export const nudge = (title: string, status: 'behind' | 'at_risk'): GoalNudges['items'][number] => ({
  goalId: 1,
  title,
  status,
  actual: 1,
  expected: 2,
  target: 4,
  unit: 'count',
  currency: null,
  period: { from: '2026-06-01', to: '2026-06-30' },
});
