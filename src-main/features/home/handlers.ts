import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { homeSummary } from './service';

/**
 * Home's one query. It runs in a transaction because counting goals on track evaluates them,
 * and looking at a goal records the results of periods first seen closed (see goals.list).
 */
export function homeHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, 'home.summary'> {
  return {
    'home.summary': (query) => tx((trx) => homeSummary(trx, query, now())),
  };
}
