import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';

type ExperimentsChannel = Extract<keyof Handlers, `experiments.${string}`>;

const todo = (): never => {
  throw new Error('Not built yet.');
};

export function experimentsHandlers(_db: Kysely<DB>, _ctx: FeatureContext): Pick<Handlers, ExperimentsChannel> {
  return {
    'experiments.list': todo,
    'experiments.get': todo,
    'experiments.create': todo,
    'experiments.conclude': todo,
    'experiments.delete': todo,
  };
}
