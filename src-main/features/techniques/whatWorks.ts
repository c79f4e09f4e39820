import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';

type WhatWorksChannel = 'techniques.stats' | 'techniques.segments' | 'techniques.usage';

const todo = (): never => {
  throw new Error('Not built yet.');
};

/** What works: the effectiveness of each technique (the figures are metrics/techniques.ts's). */
export function whatWorksHandlers(_db: Kysely<DB>): Pick<Handlers, WhatWorksChannel> {
  return {
    'techniques.stats': todo,
    'techniques.segments': todo,
    'techniques.usage': todo,
  };
}
