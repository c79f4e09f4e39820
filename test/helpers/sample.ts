import {
  generateSampleData,
  type SampleCounts,
  type SampleOptions,
} from '../../src-main/features/onboarding/sampleData';
import { FIXED_NOW, type TestStore } from './store';

/** The sample the feature tests look at: 2,000 sales over the 24 months ending SAMPLE_END. */
export const SAMPLE_END = '2026-06-30';
export const SAMPLE_START = '2024-07-01';
export const SAMPLE_OPTIONS: SampleOptions = { sales: 2000, seed: 42, endDate: SAMPLE_END, currency: 'EUR' };

/** Generates sample data into `t` in one transaction, as the app and `rapport demo` do. */
export function generateSample(
  t: TestStore,
  options: Partial<SampleOptions> = {},
  now: Date = FIXED_NOW,
): Promise<SampleCounts> {
  return t.store.db
    .transaction()
    .execute((trx) => generateSampleData(trx, t.store.sqlite, { ...SAMPLE_OPTIONS, ...options }, now));
}

export type Row = Record<string, unknown>;
export const all = (t: TestStore, sql: string): Row[] => t.store.sqlite.prepare(sql).all() as Row[];
export const one = <T = number>(t: TestStore, sql: string): T => t.store.sqlite.prepare(sql).pluck().get() as T;
