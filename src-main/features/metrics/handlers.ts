import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { getSettings } from '../settings';
import { periodStats } from './stats';

export function metricsHandlers(db: Kysely<DB>): Pick<Handlers, 'stats.summary'> {
  return {
    'stats.summary': async ({ from, to, currency }) =>
      periodStats(db, from, to, currency ?? (await getSettings(db)).currency),
  };
}
