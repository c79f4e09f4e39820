import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { search } from './service';

export function searchHandlers(db: Kysely<DB>): Pick<Handlers, 'search.query'> {
  return { 'search.query': (query) => search(db, query) };
}
