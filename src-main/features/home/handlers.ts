import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { homeSummary } from './service';

/**
 * Home's one query, a view: one snapshot of every figure it shows, never waiting for another
 * process's write (counting goals on track evaluates them; see goals.list).
 */
export function homeHandlers(db: Kysely<DB>, { now, view }: FeatureContext): Pick<Handlers, 'home.summary'> {
  return {
    'home.summary': (query) => view((trx) => homeSummary(trx, query, now())),
  };
}
