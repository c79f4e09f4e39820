import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';

const todo = (): never => {
  throw new Error('Not built yet.');
};

export function searchHandlers(_db: Kysely<DB>): Pick<Handlers, 'search.query'> {
  return { 'search.query': todo };
}
