import { z } from 'zod';
import { Empty, command, query } from '../../shared/operations';
import { Settings } from '../settings/contract';

/** Rows of each kind: the sample data, the whole book, or what a removal took. */
export const DataCounts = z.object({
  customers: z.int(),
  sales: z.int(),
  products: z.int(),
  techniques: z.int(),
  goals: z.int(),
  checkIns: z.int(),
  interactions: z.int(),
  complaints: z.int(),
  journalEntries: z.int(),
  experiments: z.int(),
  libraryItems: z.int(),
});
export type DataCounts = z.infer<typeof DataCounts>;

/** Everything a removal can touch. */
const BOOK = [
  'customers',
  'sales',
  'products',
  'techniques',
  'care',
  'goals',
  'journal',
  'experiments',
  'training',
  'library',
] as const;

export const onboardingOps = {
  // "Sample" fills every kind of record (see sampleData.ts); "empty" only marks onboarding done.
  'onboarding.start': command(z.object({ mode: z.enum(['empty', 'sample']) }), Settings, {
    writes: ['settings', ...BOOK],
  }),
  // What "remove sample data" would remove, and what the book holds (what a fresh start removes).
  'onboarding.dataCounts': query(Empty, z.object({ sample: DataCounts, all: DataCounts })),
  // Exactly the sample rows and what hangs off them, in one transaction; returns what went.
  'onboarding.removeSample': command(Empty, DataCounts, { writes: BOOK }),
  // Every record, keeping settings; `confirm` must say so, so no stray call empties the book.
  'onboarding.startAfresh': command(z.object({ confirm: z.literal('remove-everything') }), DataCounts, {
    writes: BOOK,
  }),
} as const;
