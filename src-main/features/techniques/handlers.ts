import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createTechnique, getTechnique, listTechniques } from './service';

type TechniquesChannel = Exclude<
  Extract<keyof Handlers, `techniques.${string}`>,
  'techniques.stats' | 'techniques.segments' | 'techniques.usage'
>;

const todo = (): never => {
  throw new Error('Not built yet.');
};

export function techniquesHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, TechniquesChannel> {
  return {
    'techniques.list': () => listTechniques(db),
    'techniques.get': ({ id }) => getTechnique(db, id),
    'techniques.create': (input) => tx((trx) => createTechnique(trx, input, now())),
    'techniques.update': todo,
    'techniques.retire': todo,
    'techniques.merge': todo,
    'techniques.starter': todo,
    'techniques.addStarter': todo,
  };
}
