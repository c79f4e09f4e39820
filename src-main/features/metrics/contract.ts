import { z } from 'zod';
import { Currency, IsoDateSchema } from '../../shared/domain';
import { query } from '../../shared/operations';

export const StatsQuery = z
  .object({ from: IsoDateSchema, to: IsoDateSchema, currency: Currency.optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'errors.rangeOrder' });

/** Period statistics; key names are the CLI's stable JSON contract. */
export const Stats = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  revenue_cents: z.int(),
  deals_won: z.int(),
  deals_lost: z.int(),
  deals_open: z.int(),
  win_rate: z.number().nullable(),
  avg_deal_cents: z.int().nullable(),
  customers_active: z.int(),
  new_customers: z.int(),
  repeat_customers: z.int(),
  avg_satisfaction: z.number().nullable(),
  nps: z.number().nullable(),
});
export type Stats = z.infer<typeof Stats>;

export const metricsOps = {
  'stats.summary': query(StatsQuery, Stats),
} as const;
