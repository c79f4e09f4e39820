import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import {
  addStarterTechniques,
  createTechnique,
  getTechnique,
  listTechniques,
  mergeTechniques,
  retireTechnique,
  starterTechniques,
  updateTechnique,
} from './service';

type TechniquesChannel = Exclude<
  Extract<keyof Handlers, `techniques.${string}`>,
  'techniques.stats' | 'techniques.segments' | 'techniques.usage'
>;

export function techniquesHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, TechniquesChannel> {
  return {
    'techniques.list': () => listTechniques(db),
    'techniques.get': ({ id }) => getTechnique(db, id),
    'techniques.create': (input) => tx((trx) => createTechnique(trx, input, now())),
    'techniques.update': ({ id, ...input }) => tx((trx) => updateTechnique(trx, id, input, now())),
    'techniques.retire': ({ id, retired }) => tx((trx) => retireTechnique(trx, id, retired, now())),
    'techniques.merge': (merge) => tx((trx) => mergeTechniques(trx, merge, now())),
    'techniques.starter': () => starterTechniques(db),
    'techniques.addStarter': ({ keys }) => tx((trx) => addStarterTechniques(trx, keys, now())),
  };
}
