import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { techniqueEffectiveness, techniqueSegments, techniqueUsage } from '../metrics';
import { getSettings } from '../settings';

type WhatWorksChannel = 'techniques.stats' | 'techniques.segments' | 'techniques.usage';

/** What works: the effectiveness of each technique (the figures are metrics/techniques.ts's). */
export function whatWorksHandlers(db: Kysely<DB>): Pick<Handlers, WhatWorksChannel> {
  return {
    'techniques.stats': async (query) => techniqueEffectiveness(db, query, (await getSettings(db)).currency),
    'techniques.segments': (query) => techniqueSegments(db, query),
    'techniques.usage': (query) => techniqueUsage(db, query),
  };
}
